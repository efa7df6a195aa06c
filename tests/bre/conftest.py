"""BRE fixtures: an officer and a manager, the standard interview with its flag rules
(bre/interview.py, the same the demo loads),
and a key company on Main Street. The clock is pinned for every BRE test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from bre import services
from bre.interview import INTERVIEW_V1, flag_rules_install
from bre.models import Business, Instrument
from tests import factories
from tests.conftest import City

NOW = dt.datetime(2026, 6, 15, 14, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fresh_cache(settings: Any, tmp_path: Any) -> None:
    cache.clear()
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def login() -> Callable[[User], Client]:
    def sign_in(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return sign_in


@pytest.fixture
def bruno(city: City) -> User:
    return factories.make_staff("bruno", Role.BRE_OFFICER)


@pytest.fixture
def mara(city: City) -> User:
    return factories.make_staff("mara", Role.BRE_MANAGER)


# The programme's standard interview and flag rules, as the demo loads them (one source).
INTERVIEW = INTERVIEW_V1


@pytest.fixture
def instrument(mara: User) -> Instrument:
    instrument = services.instrument_publish(
        name="Standard BRE interview", questions=INTERVIEW, by=mara, on=dt.date(2025, 1, 6)
    )
    flag_rules_install()
    return instrument


@pytest.fixture
def bakery(city: City, bruno: User) -> Business:
    return services.business_create(
        jurisdiction=city.jurisdiction,
        legal_name="Riverton Bread Company LLC",
        trading_name="Main Street Bakery",
        address="120 Main St",
        lat=Decimal("40.712800"),
        long=Decimal("-74.006000"),
        naics_code="311812",
        employees_band="10-49",
        ownership="family",
        is_key_company=True,
        officer=bruno,
        by=bruno,
    )
