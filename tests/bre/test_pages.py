"""The officer's pages: register (paged, fixed query count), a visit with answers,
a flag by hand, a follow-up filed as a case, macro-issue suggestions, Spanish."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bre import services
from bre.models import Action, Flag, MacroIssue, Visit
from cases.models import Channel
from tests import factories
from tests.bre.test_rules import factories_business


def test_the_register_costs_the_same_queries_for_5_or_25_businesses(city, bruno, bakery, login):
    client = login(bruno)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("bre:register")).status_code == 200
        return len(ctx)

    for n in range(4):
        factories_business(city, bruno, f"Shop {n:02}", f"{n} Elm St")
    few = count()
    for n in range(4, 40):
        b = factories_business(city, bruno, f"Shop {n:02}", f"{n} Elm St")
        services.flag_raise(
            business=b, colour="red", title="x", owner=bruno, due_on=dt.date(2026, 7, 1), by=bruno
        )
    many = count()

    assert few == many
    page = client.get(reverse("bre:register")).content.decode()
    assert page.count('href="/staff/bre/businesses/') >= 25
    assert "?page=2" in page


def test_recording_a_visit_through_the_page_raises_the_rule_flag(bakery, bruno, instrument, login):
    response = login(bruno).post(
        reverse("bre:visit_new", args=[bakery.pk]),
        {
            "done_on": "2026-06-15",
            "q_plans": "relocate",
            "q_employees": "28",
            "q_barriers": ["parking", "permits"],
            "notes": "Lease ends in spring.",
        },
        follow=True,
    )

    assert response.status_code == 200
    visit = Visit.objects.get()
    assert {a.code: a.value for a in visit.answers.all()} == {
        "plans": "relocate",
        "employees": 28,
        "barriers": ["parking", "permits"],
    }
    assert Flag.objects.get().colour == "red"
    assert "Considering relocation" in response.content.decode()


def test_a_bad_answer_shows_its_error_and_saves_nothing(bakery, bruno, instrument, login):
    response = login(bruno).post(
        reverse("bre:visit_new", args=[bakery.pk]),
        {"done_on": "2026-06-15", "q_plans": "stay", "q_employees": "lots"},
    )

    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert not Visit.objects.exists()


def test_filing_a_follow_up_through_the_page(city, bakery, bruno, login):
    client = login(bruno)
    first = client.post(
        reverse("bre:action_new", args=[bakery.pk]),
        {"service": city.pothole.pk, "summary": "Pothole at the loading dock"},
    )
    assert first.status_code == 200
    assert "How big is it?" in first.content.decode()
    assert not Action.objects.exists()

    done = client.post(
        reverse("bre:action_new", args=[bakery.pk]),
        {
            "service": city.pothole.pk,
            "summary": "Pothole at the loading dock",
            "answer_size": "small",
        },
        follow=True,
    )

    action = Action.objects.get()
    assert action.case.channel == Channel.BRE
    assert f"Filed as case {action.case.tracking_number}" in done.content.decode()


def test_suggestions_from_repeated_answers_become_a_macro_issue(city, bruno, instrument, login):
    shops = [factories_business(city, bruno, f"Shop {n}", f"{n} Main St") for n in range(3)]
    for shop in shops:
        services.visit_record(
            business=shop,
            officer=bruno,
            done_at=dt.datetime(2026, 5, 1, 15, tzinfo=dt.UTC),
            answers={"plans": "stay", "barriers": ["parking"]},
            by=bruno,
        )
    client = login(bruno)

    page = client.get(reverse("bre:issues")).content.decode()
    assert "Barriers to doing business here: Parking" in page

    client.post(
        reverse("bre:issue_new"),
        {
            "title": "Parking on Main Street",
            "source_key": "barriers=parking",
            "business": [s.pk for s in shops],
        },
    )
    issue = MacroIssue.objects.get()
    assert set(issue.businesses.all()) == set(shops)
    assert (
        "Barriers to doing business here: Parking"
        not in client.get(reverse("bre:issues")).content.decode()
    )


def test_a_case_cluster_near_businesses_is_suggested(city, bruno, login):
    shops = [
        services.business_create(
            jurisdiction=city.jurisdiction,
            legal_name=f"Unit {n}",
            address=f"Park {n}",
            lat=f"40.75{n}000",
            long="-74.010000",
            naics_code="332710",
            employees_band="10-49",
            ownership="local",
            by=bruno,
        )
        for n in range(3)
    ]
    cases = [
        factories.make_case(
            city.pothole, address=f"Park {n}", lat=f"40.75{n}100", long="-74.010100"
        )
        for n in range(3)
    ]

    page = login(bruno).get(reverse("bre:issues")).content.decode()

    assert "Cases near businesses:" in page
    assert "Pothole" in page
    for shop in shops:
        assert f'name="business" value="{shop.pk}"' in page
    for case in cases:
        assert f'name="case" value="{case.pk}"' in page


def test_the_home_page_in_spanish(bakery, bruno, instrument, login):
    client = login(bruno)
    client.post(reverse("set_language"), {"language": "es"})

    page = client.get(reverse("bre:home"), headers={"accept-language": "es"}).content.decode()

    assert 'lang="es"' in page
    assert "Retención y expansión de empresas" in page


def test_every_bre_page_in_spanish_leaves_no_english_interface_text(
    city, bakery, mara, instrument, login
):
    services.visit_record(
        business=bakery,
        officer=mara,
        done_at=bakery.created_at,
        answers={"plans": "relocate", "barriers": ["parking"]},
        by=mara,
    )
    services.macro_issue_create(title="Parking", owner=mara, by=mara, businesses=[bakery])
    contact = services.contact_add(business=bakery, full_name="Marisol Vega", by=mara)
    services.stakeholder_add(name="Cámara de Comercio", kind="chamber", by=mara)
    client = login(mara)
    client.cookies["django_language"] = "es"
    pages = {
        reverse("bre:home"): "Retención y expansión de empresas",
        reverse("bre:register"): "Registro de empresas",
        reverse("bre:business", args=[bakery.pk]): "Registrar una visita",
        reverse("bre:visit_new", args=[bakery.pk]): "Planes para los próximos tres años",
        reverse("bre:action_new", args=[bakery.pk]): "Enviar un seguimiento",
        reverse("bre:flags"): "Alertas",
        reverse("bre:issues"): "Macroproblemas",
        reverse("bre:issue", args=[MacroIssue.objects.get().pk]): "Plan coordinado",
        reverse("bre:time"): "Mi tiempo",
        reverse("bre:plan"): "Plan frente a realidad",
        reverse("bre:business_edit", args=[bakery.pk]): "Guardar los cambios",
        reverse("bre:contact_edit", args=[contact.pk]): "Contacto principal",
        reverse("bre:stakeholders"): "Añadir un socio",
    }
    english = [
        "Record a visit",
        "Register</a>",
        "Flags</a>",
        "Respond by",
        "No visits",
        "Business register",
        "Plans for the next",
        "Considering relocation",
        "Planned",
        "Save the",
        "Download",
        "Please correct",
        "Edit the register",
        "Partners</a>",
        "Attach photos",
        "Photos or documents",
        "Refer to a partner",
        "Set a year",
        "Main contact",
        "Add a partner",
        "Kind of partner",
        "Link a business",
    ]
    for url, spanish in pages.items():
        body = client.get(url).content.decode()
        main = body.split('<main id="main">', 1)[1]
        assert spanish in main, url
        for word in english:
            assert word not in main, (url, word)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_business_page_and_the_flag_list_cost_the_same_for_more_rows(
    city, bakery, bruno, instrument, login
):
    client = login(bruno)

    def add(n):
        for i in range(n):
            when = dt.datetime(2026, 5, 1 + i, 15, tzinfo=dt.UTC)
            services.visit_record(
                business=bakery,
                officer=bruno,
                done_at=when,
                by=bruno,
                answers={"plans": "relocate", "barriers": ["parking"]},
            )
            services.action_file(
                business=bakery,
                service=city.pothole,
                summary=f"Pothole {i}",
                by=bruno,
                answers={"size": "small"},
                at=when,
            )

    add(1)
    few = (
        _queries(client, reverse("bre:business", args=[bakery.pk])),
        _queries(client, reverse("bre:flags")),
    )
    add(6)
    many = (
        _queries(client, reverse("bre:business", args=[bakery.pk])),
        _queries(client, reverse("bre:flags")),
    )

    assert few == many


def test_scheduling_a_visit_and_recording_an_opportunity_outcome(bakery, bruno, login):
    opportunity = services.opportunity_add(
        business=bakery, kind="expansion", description="Second oven line", by=bruno
    )
    client = login(bruno)

    client.post(
        reverse("bre:visit_schedule", args=[bakery.pk]), {"scheduled_for": "2026-06-22T10:00"}
    )
    client.post(
        reverse("bre:opportunity_outcome", args=[opportunity.pk]),
        {
            "status": "won",
            "on": "2026-06-15",
            "jobs_created": "6",
            "jobs_retained": "30",
            "investment_actual": "250000",
        },
    )

    visit = Visit.objects.get()
    assert visit.status == "scheduled"
    assert visit.scheduled_for == dt.datetime(2026, 6, 22, 10, tzinfo=dt.UTC)
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.jobs_created, opportunity.jobs_retained) == (
        "won",
        6,
        30,
    )
    home = client.get(reverse("bre:home")).content.decode()
    assert "Main Street Bakery" in home.split('id="h-visits"', 1)[1]


def test_adding_a_business_through_the_page(city, bruno, login):
    response = login(bruno).post(
        reverse("bre:business_new"),
        {
            "jurisdiction": city.jurisdiction.pk,
            "legal_name": "Riverton Ropes LLC",
            "address": "9 Mill Rd",
            "naics_code": "31499",
            "employees_band": "10-49",
            "ownership": "local",
        },
        follow=True,
    )

    assert "The business is on the register." in response.content.decode()
    bad = login(bruno).post(reverse("bre:business_new"), {"legal_name": "X", "naics_code": "abc"})
    assert "A NAICS code is 2 to 6 digits" in bad.content.decode()
