"""No double booking under concurrent requests, against a real PostgreSQL server.

Eight threads, each with its own database connection, are released together by
a barrier to book the same slot. Exactly one wins; the others get the clear
"taken" refusal; the table holds one active booking and there is one case.
The second test switches off the Python-level lock and check, to show that the
database constraints alone (the partial unique index and the exclusion
constraint) still hold the line.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection

from bookings import services
from bookings.models import Booking, BookingStatus
from bookings.services import SlotTaken, booking_create
from cases.models import Case
from tests.bookings.test_views import slot_start
from tests.factories import make_resident

THREADS = 8

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _race(resource, residents, before_insert=None):
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list[str] = []
    lock = threading.Lock()
    start = slot_start(resource, days_ahead=2, hour=12)

    def attempt(resident):
        try:
            if before_insert is None:
                barrier.wait()
            result = "booked"
            try:
                booking_create(resource=resource, start=start, resident=resident)
            except SlotTaken as exc:
                result = f"taken: {exc.message}"
            except Exception as exc:  # any other outcome fails the assertion below
                result = f"error: {exc!r}"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(r,)) for r in residents]
    if before_insert is not None:
        before_insert(barrier)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(outcomes), start


def _residents(places):
    return [make_resident(full_name=f"Racer {n}") for n in range(THREADS)]


def test_parallel_bookings_of_one_slot_give_exactly_one_booking(places):
    assert connection.vendor == "postgresql"

    outcomes, start = _race(places.shelter, _residents(places))

    assert outcomes == {
        "booked": 1,
        "taken: That slot was just taken — choose another.": THREADS - 1,
    }
    assert Booking.objects.filter(resource=places.shelter, start=start).count() == 1
    assert Booking.objects.filter(status=BookingStatus.ACTIVE).count() == 1
    assert Case.objects.filter(service=places.shelter_service).count() == 1


def test_the_database_constraints_alone_refuse_the_losers(places, monkeypatch):
    def no_lock(barrier):
        monkeypatch.setattr(services, "_lock_resource", lambda resource: resource)

        def everyone_sees_a_free_slot(resource, start, end):
            barrier.wait()  # all eight are past the check before anyone inserts
            return False

        monkeypatch.setattr(services, "_slot_is_held", everyone_sees_a_free_slot)

    outcomes, _start = _race(places.shelter, _residents(places), before_insert=no_lock)

    assert outcomes == {
        "booked": 1,
        "taken: That slot was just taken — choose another.": THREADS - 1,
    }
    assert Booking.objects.filter(status=BookingStatus.ACTIVE).count() == 1
    assert Case.objects.filter(service=places.shelter_service).count() == 1
