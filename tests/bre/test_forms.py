"""The officers' and manager's page forms: a business and its contacts corrected,
partners and referrals, a year's goals and planned time, time logged; the CSV exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from bre import services
from bre.models import (
    Business,
    BusinessContact,
    Goal,
    Referral,
    Stakeholder,
    TimeAllocation,
    TimeEntry,
    Visit,
)
from tests import factories
from tests.bre.conftest import NOW

pytestmark = pytest.mark.django_db


def business_data(**changes):
    data = {
        "legal_name": "Riverton Bread Company LLC",
        "trading_name": "Main Street Bakery",
        "address": "120 Main St",
        "zipcode": "10001",
        "lat": "40.712800",
        "long": "-74.006000",
        "naics_code": "311812",
        "employees_band": "50-249",
        "ownership": "family",
        "is_key_company": "on",
        "status": "at_risk",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# --- A business and its contacts ----------------------------------------------------------


def test_an_officer_corrects_a_register_entry(bakery, bruno, login):
    client = login(bruno)
    url = reverse("bre:business_edit", args=[bakery.pk])

    form = client.get(url).content.decode()
    response = client.post(url, business_data())

    assert 'value="Riverton Bread Company LLC"' in form
    assert response.status_code == 302
    bakery.refresh_from_db()
    assert bakery.employees_band == "50-249"
    assert bakery.status == "at_risk"
    assert bakery.zipcode == "10001"
    assert bakery.is_key_company


def test_a_bad_naics_code_is_shown_and_nothing_is_changed(bakery, bruno, login):
    response = login(bruno).post(
        reverse("bre:business_edit", args=[bakery.pk]),
        business_data(naics_code="12x", legal_name="Changed"),
    )

    assert response.status_code == 200
    assert "A NAICS code is 2 to 6 digits" in response.content.decode()
    assert Business.objects.get(pk=bakery.pk).legal_name == "Riverton Bread Company LLC"


def test_an_administrator_reads_but_does_not_edit_the_register(city, bakery, login):
    response = login(city.ada).post(reverse("bre:business_edit", args=[bakery.pk]), business_data())

    assert response.status_code == 403
    assert Business.objects.get(pk=bakery.pk).status == "active"


def test_an_officer_corrects_a_contact_and_others_cannot(city, bakery, bruno, login):
    contact = services.contact_add(
        business=bakery, full_name="Marisol Vega", email="marisol@breadco.example", by=bruno
    )
    url = reverse("bre:contact_edit", args=[contact.pk])

    page = login(bruno).get(reverse("bre:business", args=[bakery.pk])).content.decode()
    bad = login(bruno).post(url, {"full_name": "Marisol Vega", "email": "not-an-email"})
    login(bruno).post(
        url,
        {"full_name": "Marisol Vega Ruiz", "role_title": "Owner", "email": "", "is_primary": "on"},
    )

    assert url in page
    assert bad.status_code == 200
    contact.refresh_from_db()
    assert contact.full_name == "Marisol Vega Ruiz"
    assert contact.role_title == "Owner"
    assert contact.is_primary
    assert login(city.ada).get(url).status_code == 403
    assert login(city.alice).get(url).status_code == 403
    assert BusinessContact.objects.count() == 1


# --- Partners and referrals ----------------------------------------------------------------


def test_the_manager_adds_a_partner_and_an_officer_may_not(bruno, mara, login):
    url = reverse("bre:stakeholders")

    refused = login(bruno).post(url, {"name": "Riverton Chamber", "kind": "chamber"})
    added = login(mara).post(
        url,
        {"name": "Riverton Chamber", "kind": "chamber", "website": "https://chamber.example"},
    )
    duplicate = login(mara).post(url, {"name": "riverton chamber", "kind": "chamber"})

    assert refused.status_code == 403
    assert added.status_code == 302
    assert "A partner with this name is already listed." in duplicate.content.decode()
    assert Stakeholder.objects.count() == 1
    listing = login(bruno).get(url).content.decode()
    assert "Riverton Chamber" in listing
    assert "Add a partner" not in listing


def test_an_officer_refers_a_business_and_records_the_outcome(bakery, bruno, login):
    board = Stakeholder.objects.create(name="Workforce Board", kind="workforce")
    client = login(bruno)

    client.post(
        reverse("bre:referral_new", args=[bakery.pk]),
        {"stakeholder": board.pk, "reason": "Apprenticeships for two bakers"},
    )
    referral = Referral.objects.get()
    client.post(
        reverse("bre:referral_close", args=[referral.pk]),
        {"status": "done", "outcome": "Two apprentices placed"},
    )

    referral.refresh_from_db()
    assert referral.made_by == bruno
    assert referral.status == "done"
    assert referral.outcome == "Two apprentices placed"
    page = client.get(reverse("bre:business", args=[bakery.pk])).content.decode()
    assert "Apprenticeships for two bakers" in page
    assert "Two apprentices placed" in page


def test_a_referral_without_a_reason_is_refused(bakery, bruno, login):
    board = Stakeholder.objects.create(name="Workforce Board", kind="workforce")

    response = login(bruno).post(
        reverse("bre:referral_new", args=[bakery.pk]),
        {"stakeholder": board.pk, "reason": " "},
        follow=True,
    )

    assert "Choose the partner and say what they are asked to help with." in (
        response.content.decode()
    )
    assert not Referral.objects.exists()


# --- Goals, planned time, time logged ------------------------------------------------------


def test_the_manager_sets_the_years_goals_and_planned_time_on_the_plan_page(mara, login):
    client = login(mara)
    url = reverse("bre:plan")

    client.post(
        url,
        {
            "form": "goal",
            "goal-year": "2026",
            "goal-visits_target": "90",
            "goal-key_companies_target_pct": "100",
            "goal-red_flag_days": "21",
            "goal-red_flags_within_target_pct": "85",
            "goal-jobs_retained_target": "300",
            "goal-jobs_created_target": "60",
        },
    )
    client.post(
        url,
        {
            "form": "time",
            "time-year": "2026",
            "time-hours_visits": "800",
            "time-hours_events": "120.5",
        },
    )

    goal = Goal.objects.get(year=2026)
    assert (goal.visits_target, goal.red_flag_days, goal.jobs_created_target) == (90, 21, 60)
    planned = dict(
        TimeAllocation.objects.filter(year=2026).values_list("activity", "planned_hours")
    )
    assert planned == {"visits": Decimal("800.0"), "events": Decimal("120.5")}
    page = client.get(url).content.decode()
    assert "Red flags resolved within 21 days" in page
    assert 'data-activity="visits-planned">800.0<' in page


def test_a_bad_goal_is_shown_and_nothing_is_saved(mara, login):
    response = login(mara).post(
        reverse("bre:plan"),
        {"form": "goal", "goal-year": "2026", "goal-visits_target": "-3"},
    )

    assert response.status_code == 400
    assert "Please correct the following:" in response.content.decode()
    assert not Goal.objects.exists()


def test_officers_do_not_set_goals(bruno, login):
    response = login(bruno).post(reverse("bre:plan"), {"form": "goal", "goal-year": "2026"})

    assert response.status_code == 403


def test_an_officer_logs_time_through_the_page(bruno, login):
    client = login(bruno)

    client.post(
        reverse("bre:time"),
        {"on": "2026-06-15", "activity": "visits", "hours": "2.5", "note": "Main St"},
    )
    refused = client.post(reverse("bre:time"), {"on": "2026-06-15", "activity": "visits"})

    entry = TimeEntry.objects.get()
    assert (entry.officer, entry.on, entry.hours) == (bruno, dt.date(2026, 6, 15), Decimal("2.5"))
    assert "Please correct the following:" in refused.content.decode()
    assert "Main St" in client.get(reverse("bre:time")).content.decode()


# --- CSV exports ---------------------------------------------------------------------------


def test_the_register_export_has_one_row_per_business_and_no_formulas(city, bakery, bruno, login):
    services.business_create(
        jurisdiction=city.jurisdiction,
        legal_name="=HYPERLINK(evil)",
        address="1 Mill Rd",
        naics_code="332",
        employees_band="1-9",
        ownership="local",
        by=bruno,
    )

    rows = csv_rows(login(bruno).get(reverse("bre:export_register")))

    assert rows[0][:3] == ["id", "legal_name", "trading_name"]
    assert len(rows) == 3
    names = {row[1] for row in rows[1:]}
    assert names == {"Riverton Bread Company LLC", "'=HYPERLINK(evil)"}


def test_the_interview_answers_export_has_one_row_per_answer(
    bakery, bruno, mara, instrument, login
):
    services.visit_record(
        business=bakery,
        officer=bruno,
        done_at=NOW - dt.timedelta(days=2),
        answers={"plans": "expand", "barriers": ["parking", "broadband"], "employees": "28"},
        by=bruno,
    )

    rows = csv_rows(login(mara).get(reverse("bre:export_answers")))

    header, *answers = rows
    assert header[:3] == ["business_id", "business", "visit_id"]
    by_code = {row[6]: row for row in answers}
    assert by_code["plans"][8] == "expand"
    assert by_code["barriers"][8] == "broadband;parking"  # kept in the options order
    assert by_code["employees"][5] == str(instrument.version)
    assert by_code["plans"][3] == "2026-06-13"


def test_the_partner_list_costs_the_same_for_5_or_25_partners(bruno, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(bruno)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("bre:stakeholders")).status_code == 200
        return len(ctx)

    for n in range(5):
        Stakeholder.objects.create(name=f"Partner {n}", kind="other")
    few = queries()
    for n in range(5, 25):
        Stakeholder.objects.create(name=f"Partner {n}", kind="other")

    assert queries() == few


# --- Macro-issues --------------------------------------------------------------------------


def test_a_business_and_a_case_are_linked_to_a_macro_issue_from_its_page(city, bakery, mara, login):
    issue = services.macro_issue_create(title="Parking on Main Street", owner=mara, by=mara)
    case = factories.make_case(city.pothole, address="122 Main St")
    client = login(mara)
    url = reverse("bre:issue_link", args=[issue.pk])

    client.post(url, {"business": "main street bakery", "case": case.tracking_number.lower()})
    unknown = client.post(url, {"business": "Nobody Ltd"}, follow=True)

    assert list(issue.businesses.all()) == [bakery]
    assert list(issue.cases.all()) == [case]
    assert "No business is called “Nobody Ltd”." in unknown.content.decode()
    page = client.get(reverse("bre:issue", args=[issue.pk])).content.decode()
    assert case.tracking_number in page
    assert "Main Street Bakery" in page


def test_recording_a_scheduled_visit_completes_it(bakery, bruno, instrument, login):
    scheduled = services.visit_schedule(
        business=bakery, officer=bruno, scheduled_for=NOW + dt.timedelta(hours=-2), by=bruno
    )
    client = login(bruno)
    url = reverse("bre:visit_new", args=[bakery.pk]) + f"?visit={scheduled.pk}"

    home = client.get(reverse("bre:home")).content.decode()
    client.post(url, {"done_on": "2026-06-15", "q_plans": "stay"})

    assert f"?visit={scheduled.pk}" in home
    visit = Visit.objects.get()
    assert visit.pk == scheduled.pk
    assert visit.status == "done"
    assert visit.answers.get().code == "plans"
