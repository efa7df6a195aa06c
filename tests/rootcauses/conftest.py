"""Root-cause fixtures: a pinned clock (Wednesday 18 March 2026, midday in Riverton),
a department admin for Public Works and one for Parks, and helpers that plant cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from accounts.models import User
from accounts.roles import Role
from cases.models import Case
from catalogue.models import Service
from tests import factories
from tests.conftest import City

NOW = dt.datetime(2026, 3, 18, 16, 0, tzinfo=dt.UTC)  # 12:00 in New York
ZONE = dt.timezone(dt.timedelta(hours=-4))  # New York in March after the clocks moved
# Two places in Riverton, well apart (different grid cells).
MAIN_STREET = (Decimal("40.712800"), Decimal("-74.006000"))
RIVER_ROAD = (Decimal("40.750100"), Decimal("-73.990100"))


@pytest.fixture(autouse=True)
def _pinned_clock(request: Any) -> Iterator[Any]:
    # Browser tests let the pinned clock run on, so their pages keep working (0005).
    tick = request.node.get_closest_marker("browser") is not None
    with time_machine.travel(NOW, tick=tick) as traveller:
        yield traveller


@pytest.fixture
def dora(city: City) -> User:
    """Department admin of Public Works."""
    return factories.make_staff("dora", Role.DEPARTMENT_ADMIN, city.public_works)


@pytest.fixture
def pablo(city: City) -> User:
    """Department admin of Parks & Recreation."""
    return factories.make_staff("pablo", Role.DEPARTMENT_ADMIN, city.parks)


def local(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An instant on a Riverton day (New York time)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo("America/New_York"))


def plant(
    service: Service,
    day: dt.date,
    count: int,
    *,
    where: tuple[Decimal, Decimal] | None = MAIN_STREET,
    **kwargs: Any,
) -> list[Case]:
    """`count` cases of `service` on `day`, a few minutes apart, at `where`."""
    cases = []
    for n in range(count):
        lat, long = where if where else (None, None)
        cases.append(
            factories.make_case(
                service,
                at=local(day, 9, n % 60),
                lat=lat,
                long=long,
                address="" if where else "1 Main St",
                **kwargs,
            )
        )
    return cases


def offset(point: tuple[Decimal, Decimal], n: int) -> tuple[Decimal, Decimal]:
    """A point n steps of 0.01 degrees north-east of `point`: a different cell each."""
    step = Decimal("0.010000") * n
    return (point[0] + step, point[1] + step)


@pytest.fixture
def clock(_pinned_clock: Any) -> Any:
    """The pinned clock, for a test that moves it on."""
    return _pinned_clock
