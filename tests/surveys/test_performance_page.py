"""The public performance page: published services only, figures from the summaries,
a fixed number of queries, Spanish with no English, nothing personal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Status
from cases.services import case_change_status
from catalogue.models import Service
from insights.performance import service_performance
from insights.services import insights_refresh
from portal.models import ServiceTranslation
from surveys.models import Survey
from surveys.services import survey_answer
from tests import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)


@pytest.fixture
def published(city):
    """Potholes published, shelters not; six potholes over the last weeks, four resolved
    (three on time, one late), two rated."""
    Service.objects.filter(pk=city.pothole.pk).update(on_performance_page=True)
    ServiceTranslation.objects.create(
        service=city.pothole, language="es", name="Bache", description="Un bache"
    )
    for n, (age, took, rating) in enumerate(
        [(3, 1, 5), (5, 2, 4), (10, 0, None), (20, 12, None), (2, None, None), (40, 1, 2)]
    ):
        received = NOW - dt.timedelta(days=age)
        with time_machine.travel(received, tick=False):
            resident = factories.make_resident(
                full_name=f"Secret Person {n}", email=f"secret{n}@example.org", phone=""
            )
            case = factories.make_case(city.pothole, resident=resident, address=f"{n} Hidden Rd")
        if took is None:
            continue
        with time_machine.travel(received + dt.timedelta(days=took), tick=False):
            case_change_status(case=case, status=Status.RESOLVED, by=city.alice)
            if rating:
                survey_answer(
                    survey=Survey.objects.get(case=case),
                    score=rating,
                    resolved=True,
                    comment=f"Private words of person {n}",
                    via="email",
                )
    with time_machine.travel(NOW, tick=False):
        insights_refresh(full=True)
    return city


def test_the_figures_match_the_cases(published):
    with time_machine.travel(NOW, tick=False):
        figures = service_performance(jurisdiction=published.jurisdiction, days=30)

    [pothole] = figures.services
    assert pothole.service_id == published.pothole.pk  # the shelter is not published
    assert (pothole.received, pothole.resolved) == (5, 4)
    # Took 1, 2, 0 and 12 days; a standard of 2 + 3 working days: the 12-day one is late.
    assert pothole.on_time == 3
    # Half of them took at most about a working day of office time (the histogram's median).
    assert pothole.typical_days == 1
    assert (pothole.satisfaction.answered, pothole.satisfaction.mean) == (2, 4.5)
    assert pothole.satisfaction.share_4_5 == 1.0


def test_the_figures_come_from_the_summaries_in_a_fixed_number_of_queries(published, city):
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as few:
        service_performance(jurisdiction=published.jurisdiction, days=30)
    for n in range(5):
        factories.make_service(city.parks, code=f"s{n}", name=f"Service {n}")
    Service.objects.update(on_performance_page=True)

    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as many:
        service_performance(jurisdiction=published.jurisdiction, days=90)

    assert len(many) == len(few)
    assert not [q["sql"] for q in many if "cases_case" in q["sql"]]  # never a scan of cases


def test_ninety_days_take_in_the_older_case(published):
    with time_machine.travel(NOW, tick=False):
        [pothole] = service_performance(jurisdiction=published.jurisdiction, days=90).services

    assert (pothole.received, pothole.resolved, pothole.satisfaction.answered) == (6, 5, 3)


def test_the_page_shows_them_without_anything_personal(published, django_assert_max_num_queries):
    client = Client()
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(11):
        response = client.get(reverse("portal:performance"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Pothole" in page
    assert "Park shelter reservation" not in page
    assert "75% (3 of 4)" in page
    assert "1 working day" in page  # the median, in the city's working days
    assert "4.5 out of 5; 100% rated 4 or 5 (2 answers)" in page
    for personal in ("Secret Person", "secret0@example.org", "Hidden Rd", "Private words"):
        assert personal not in page


def test_the_query_count_does_not_grow_with_the_services(
    published, city, django_assert_max_num_queries
):
    for n in range(5):
        factories.make_service(city.parks, code=f"s{n}", name=f"Service {n}")
    Service.objects.update(on_performance_page=True)
    client = Client()

    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(11):
        response = client.get(reverse("portal:performance"), {"days": "90"})

    assert response.status_code == 200
    assert response.content.decode().count('class="performance"') == 7


def test_the_spanish_page_has_no_english(published):
    client = Client()
    client.cookies["django_language"] = "es"

    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("portal:performance")).content.decode()

    assert '<html lang="es">' in page
    assert "Bache" in page
    main = page.split("<main", 1)[1].split("</main>")[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", main).split())
    assert "a tiempo" in text  # "Resuelto(s) a tiempo": insights and surveys both translate it
    assert "1 día hábil" in text
    english = {
        "how", "we", "are", "doing", "last", "days", "our", "standard", "resolved", "on",
        "time", "typical", "requests", "received", "satisfaction", "out", "of", "rated",
        "answers", "the", "within", "working",
    }  # fmt: skip
    assert set(re.findall(r"[a-z]+", text.lower())) & english == set(), text


def test_an_unpublished_city_says_so(city):
    response = Client().get(reverse("portal:performance"))

    assert response.status_code == 200
    assert "No services are published on this page yet." in response.content.decode()
