"""Plan vs actual figures, checked against a direct computation from the raw rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from bre import selectors, services
from bre.models import Flag, Goal, Opportunity, TimeEntry, Visit
from tests.bre.conftest import NOW
from tests.bre.test_rules import factories_business

UTC = dt.UTC


def _when(month: int, day: int, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 15, 0, tzinfo=UTC)


def _setup(city, bruno, mara, bakery, instrument):
    deli = factories_business(city, bruno, "Deli on Main", "130 Main St")
    works = services.business_create(
        jurisdiction=city.jurisdiction,
        legal_name="Riverton Steel Works",
        address="1 Mill Rd",
        naics_code="331110",
        employees_band="250-999",
        ownership="national",
        is_key_company=True,
        by=bruno,
    )
    services.goal_set(
        year=2026,
        by=mara,
        visits_target=10,
        key_companies_target_pct=100,
        red_flag_days=14,
        red_flags_within_target_pct=80,
        jobs_retained_target=50,
        jobs_created_target=20,
    )
    for activity, hours in (
        ("visits", "400"),
        ("follow_up", "300"),
        ("events", "100"),
        ("reporting", "50"),
    ):
        services.allocation_plan(
            year=2026, activity=activity, planned_hours=Decimal(hours), by=mara
        )
    # Visits: two in 2026 at the bakery (key), one at the deli, one in 2025 at the works (key).
    for business, when, plans in (
        (bakery, _when(2, 3), "relocate"),
        (bakery, _when(5, 4), "stay"),
        (deli, _when(3, 9), "relocate"),
        (works, _when(11, 20, 2025), "relocate"),
    ):
        services.visit_record(
            business=business,
            officer=bruno,
            done_at=when,
            answers={"plans": plans},
            by=bruno,
            at=when,
        )
    # Red flags: bakery's resolved after 10 days (within 14), deli's after 20 (not), works' in 2025.
    bakery_flag, deli_flag, works_flag = (
        Flag.objects.get(business=bakery),
        Flag.objects.get(business=deli),
        Flag.objects.get(business=works),
    )
    services.flag_respond(
        flag=bakery_flag,
        response="Found them a bigger unit nearby.",
        resolve=True,
        by=bruno,
        at=_when(2, 13),
    )
    services.flag_respond(
        flag=deli_flag, response="Lease renegotiated.", resolve=True, by=bruno, at=_when(3, 29)
    )
    opp = services.opportunity_add(
        business=bakery, kind="expansion", description="Second oven line", jobs_expected=8, by=bruno
    )
    services.opportunity_record_outcome(
        opportunity=opp,
        status="won",
        on=dt.date(2026, 4, 1),
        jobs_created=6,
        jobs_retained=30,
        investment_actual=Decimal("250000"),
        by=bruno,
    )
    old = services.opportunity_add(
        business=works, kind="retention", description="Stay in Riverton", by=bruno
    )
    services.opportunity_record_outcome(
        opportunity=old, status="won", on=dt.date(2025, 12, 1), jobs_retained=200, by=bruno
    )
    for on, activity, hours in (
        (dt.date(2026, 2, 3), "visits", "3.5"),
        (dt.date(2026, 3, 9), "visits", "2"),
        (dt.date(2026, 3, 10), "follow_up", "1.5"),
        (dt.date(2025, 11, 20), "visits", "4"),
    ):
        services.time_log(officer=bruno, on=on, activity=activity, hours=Decimal(hours), by=bruno)
    return works, works_flag


def test_plan_vs_actual_matches_a_direct_computation(city, bruno, mara, bakery, instrument):
    _setup(city, bruno, mara, bakery, instrument)

    figures = selectors.plan_vs_actual(2026)

    in_2026 = [v for v in Visit.objects.all() if v.done_at and v.done_at.year == 2026]
    key_visited = {v.business_id for v in in_2026 if v.business.is_key_company}
    reds = [f for f in Flag.objects.filter(colour="red") if f.raised_at.year == 2026]
    within = [f for f in reds if f.resolved_at and (f.resolved_at - f.raised_at).days <= 14]
    won = [o for o in Opportunity.objects.filter(status="won") if o.outcome_on.year == 2026]
    hours = {}
    for e in TimeEntry.objects.all():
        if e.on.year == 2026:
            hours[e.activity] = hours.get(e.activity, Decimal(0)) + e.hours

    assert figures.visits == len(in_2026) == 3
    assert figures.key_companies == 2
    assert figures.key_companies_visited == len(key_visited) == 1
    assert figures.key_companies_pct == 50
    assert figures.red_flags == len(reds) == 2
    assert figures.red_flags_within == len(within) == 1
    assert figures.red_flags_within_pct == 50
    assert figures.jobs_created == sum(o.jobs_created for o in won) == 6
    assert figures.jobs_retained == sum(o.jobs_retained for o in won) == 30
    assert figures.hours_actual == hours == {"visits": Decimal("5.5"), "follow_up": Decimal("1.5")}
    assert figures.hours_planned["visits"] == Decimal("400")
    assert figures.goal == Goal.objects.get(year=2026)


def test_the_previous_year_is_its_own_column(city, bruno, mara, bakery, instrument):
    _setup(city, bruno, mara, bakery, instrument)

    figures = selectors.plan_vs_actual(2025)

    assert (figures.visits, figures.red_flags, figures.red_flags_within) == (1, 1, 0)
    assert figures.jobs_retained == 200
    assert figures.goal is None
    assert figures.hours_actual == {"visits": Decimal("4.0")}


def test_the_manager_page_shows_the_figures_and_the_table_behind_the_chart(
    city, bruno, mara, bakery, instrument, login
):
    _setup(city, bruno, mara, bakery, instrument)

    page = login(mara).get(reverse("bre:plan")).content.decode()

    assert NOW.year == 2026
    assert 'id="plan-2026"' in page
    assert 'id="plan-2025"' in page
    section = page.split('id="plan-2026"', 1)[1].split("</section>", 1)[0]
    assert '<td data-measure="visits">3</td>' in section
    assert 'data-activity="visits-actual">5.5<' in section
    assert 'data-activity="visits-planned">400.0<' in section
    assert "<svg" in section
