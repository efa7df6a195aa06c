"""The tracking page (web and kiosk) shows the open survey; "not resolved" reopens."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import EventKind, Status
from cases.services import case_change_status, case_reopen
from notifications.models import StaffNotice
from surveys.models import Survey
from tests.surveys.conftest import tracking_client

pytestmark = pytest.mark.django_db


def test_the_tracking_page_shows_the_open_survey_and_takes_the_answer(city, resolve):
    case = resolve(resident=city.rita)
    client = tracking_client(case)
    page_url = reverse("portal:case", args=[case.tracking_number])

    page = client.get(page_url).content.decode()
    assert 'id="survey-title"' in page
    assert "How did we do?" in page

    response = client.post(
        reverse("portal:case_survey", args=[case.tracking_number]),
        {"score": "5", "resolved": "yes"},
    )

    assert response.status_code == 302
    assert Survey.objects.get(case=case).answered_by == "web"
    after = client.get(response["Location"]).content.decode()
    assert "Thank you for your answer" in after
    assert "Rating: 5 out of 5. The problem was resolved." in after  # the timeline
    assert 'name="score"' not in client.get(page_url).content.decode()


def test_an_open_case_has_no_survey_on_its_page(city):
    from tests import factories

    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    page = tracking_client(case).get(reverse("portal:case", args=[case.tracking_number]))

    assert 'id="survey-title"' not in page.content.decode()


def test_the_page_of_someone_else_takes_no_answer(city, resolve):
    case = resolve(resident=city.rita)

    response = Client().post(
        reverse("portal:case_survey", args=[case.tracking_number]), {"score": "1"}
    )

    assert response.status_code == 404
    assert Survey.objects.get(case=case).answered_at is None


def test_an_expired_survey_is_no_longer_shown(city, resolve):
    case = resolve(resident=city.rita)
    client = tracking_client(case)

    with time_machine.travel(timezone.now() + dt.timedelta(days=15), tick=False):
        page = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()

    assert 'id="survey-title"' not in page


def test_the_kiosk_prompts_when_a_closed_case_is_looked_up(city, resolve):
    case = resolve(resident=city.rita)
    case_change_status(case=case, status=Status.CLOSED, by=city.alice)
    client = Client()

    found = client.post(
        reverse("portal:kiosk:track"),
        {"number": case.tracking_number, "contact": "rita@example.org"},
    )
    page = client.get(found["Location"]).content.decode()

    assert "Before you go: how did we do?" in page
    response = client.post(
        reverse("portal:kiosk:case_survey", args=[case.tracking_number]),
        {"score": "3", "resolved": "yes"},
    )
    assert response["Location"].startswith(
        reverse("portal:kiosk:case", args=[case.tracking_number])
    )
    assert Survey.objects.get(case=case).answered_by == "kiosk"


def test_not_resolved_reopens_the_case_with_the_comment_for_staff(city, resolve):
    case = resolve(resident=city.rita)
    before_due = case.resolution_due

    response = tracking_client(case).post(
        reverse("portal:case_survey", args=[case.tracking_number]),
        {"score": "1", "resolved": "no", "comment": "The hole is still there."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.reopen_count, case.resolved_at) == (Status.IN_PROGRESS, 1, None)
    assert case.resolution_due >= before_due  # counted again from the reopen
    reopened = case.events.get(kind=EventKind.REOPENED)
    assert reopened.is_public
    assert "still there" not in reopened.body
    note = case.events.get(kind=EventKind.INTERNAL_NOTE)
    assert "The hole is still there." in note.body
    assert not note.is_public
    assert Survey.objects.get(case=case).resolved is False


def test_not_resolved_on_a_case_already_back_at_work_flags_a_supervisor(city, resolve):
    case = resolve(resident=city.rita)
    case_reopen(case=case, by=city.alice, reason="The crew missed a second hole")
    survey = Survey.objects.get(case=case)

    from surveys.services import survey_answer

    survey_answer(survey=survey, score=2, resolved="no", comment="Still broken", via="email")

    case.refresh_from_db()
    assert case.escalated
    assert case.reopen_count == 1
    assert case.events.filter(kind=EventKind.ESCALATED).count() == 1
    notice = StaffNotice.objects.get(user=city.sam, case=case)
    assert "Still broken" in notice.body
