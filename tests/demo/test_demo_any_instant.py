"""The demo loads whatever the date and time: the clock is pinned with time-machine to
the awkward instants in Riverton (America/New_York) and the loaders run there.

Planning (demo/history.py) and `generate_city` (it is fast) are checked at every
instant; the full `load_demo` (plan and replay through the case services) at the two
instants a newcomer hit first, in test_load_demo_any_instant.py.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from calendars.arithmetic import WorkingCalendar
from cases.models import Case
from demo.history import Planner, load_world, plan_history
from tests.demo.checks import timeline_problems
from tests.demo.instants import INSTANTS, RIVERTON

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _city(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo city with residents and no cases, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--residents", "40", "--cases", "0", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(_city: None, db: None) -> None:
    """The demo city as loaded once for this module."""


@pytest.mark.parametrize("instant", INSTANTS.values(), ids=INSTANTS.keys())
def test_plans_the_asked_number_of_cases_all_in_the_past(
    demo_city: None, instant: dt.datetime
) -> None:
    with time_machine.travel(instant, tick=False):
        now = timezone.now()
        world = load_world(rng=random.Random(1))
        plans = plan_history(world, rng=random.Random(1), now=now, count=300)
    assert len(plans) == 300
    assert all(p.created_at < now for p in plans)
    assert {p.channel for p in plans} >= {"web", "phone", "walk_in"}
    # Calls and walk-ins were taken in office hours, by the office's own calendar.
    for plan in plans:
        if plan.channel in ("phone", "walk_in"):
            assert _in_office_hours(plan.info.calendar, plan.created_at), plan.created_at


@pytest.mark.parametrize("instant", INSTANTS.values(), ids=INSTANTS.keys())
def test_cases_drawn_for_today_arrive_today_before_now(
    demo_city: None, instant: dt.datetime
) -> None:
    with time_machine.travel(instant, tick=False):
        now = timezone.now()
        planner = Planner(load_world(rng=random.Random(2)), rng=random.Random(2), now=now, days=365)
    today = instant.astimezone(RIVERTON).date()
    plans = [planner.draw_plan(today) for _n in range(200)]
    assert all(p.created_at < now for p in plans)
    days = {p.created_at.astimezone(RIVERTON).date() for p in plans}
    assert days <= {today, today - dt.timedelta(days=1)}
    if now.astimezone(RIVERTON).time() > dt.time(0, 0):
        assert today in days


def _in_office_hours(calendar: WorkingCalendar, at: dt.datetime) -> bool:
    day = calendar.local_date(at)
    if not calendar.is_working_day(day):
        return False
    opens, closes = calendar.working_hours(day)
    return opens <= at < closes


@pytest.mark.parametrize("instant", INSTANTS.values(), ids=INSTANTS.keys())
def test_generate_city_generates_at(demo_city: None, instant: dt.datetime) -> None:
    with time_machine.travel(instant, tick=False):
        call_command(
            "generate_city", "--cases", "150", "--days", "40", "--verbosity", "0", stdout=StringIO()
        )
        now = timezone.now()
    assert Case.objects.count() == 150
    assert timeline_problems(Case.objects.all(), now=now) == []
