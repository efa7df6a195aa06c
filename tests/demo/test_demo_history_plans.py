"""The demo history's plans: the same seed gives the same year; bookings hold real slots."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from bookings.models import Booking
from demo.history import load_world, plan_history

pytestmark = pytest.mark.django_db


def test_same_seed_plans_the_same_history() -> None:
    call_command("load_demo", "--residents", "40", "--cases", "0", stdout=StringIO())
    now = timezone.now()

    def plan(seed: int) -> list[tuple[object, ...]]:
        world = load_world(rng=random.Random(seed))
        plans = plan_history(world, rng=random.Random(seed), now=now, count=80)
        return [
            (p.created_at, p.info.spec.code, p.channel, p.resident, [a.kind for a in p.actions])
            for p in plans
        ]

    assert plan(5) == plan(5)
    assert plan(5) != plan(6)


def test_bookings_in_the_history_hold_one_slot_each() -> None:
    call_command(
        "load_demo", "--residents", "40", "--cases", "150", "--seed", "3", stdout=StringIO()
    )
    bookings = Booking.objects.select_related("case__service")
    assert bookings.exists()
    for booking in bookings:
        assert booking.case.service.service_code in {"shelter-booking", "inspection-booking"}
    slots = bookings.values("resource", "start").annotate(n=Count("id"))
    assert max(s["n"] for s in slots) == 1
