"""BRE fixtures: an officer and a manager, the standard interview with its flag rules,
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
from bre.models import Business, FlagRule, Instrument
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


INTERVIEW: list[dict[str, Any]] = [
    {
        "code": "plans",
        "text": "Plans for the next three years",
        "text_es": "Planes para los próximos tres años",
        "datatype": "singlevaluelist",
        "required": True,
        "options": [
            {"key": "expand", "name": "Expand here", "name_es": "Crecer aquí"},
            {"key": "stay", "name": "Stay as we are", "name_es": "Seguir igual"},
            {"key": "downsize", "name": "Downsize", "name_es": "Reducir"},
            {"key": "relocate", "name": "Considering relocation", "name_es": "Pensando en mudarse"},
        ],
    },
    {
        "code": "employees",
        "text": "Employees at this site",
        "text_es": "Empleados en este sitio",
        "datatype": "number",
    },
    {
        "code": "barriers",
        "text": "Barriers to doing business here",
        "text_es": "Obstáculos para hacer negocios aquí",
        "datatype": "multivaluelist",
        "options": [
            {"key": "parking", "name": "Parking", "name_es": "Estacionamiento"},
            {"key": "broadband", "name": "Broadband", "name_es": "Banda ancha"},
            {"key": "skills", "name": "Finding skilled staff", "name_es": "Personal calificado"},
            {"key": "permits", "name": "Permits", "name_es": "Permisos"},
        ],
    },
    {
        "code": "city_services",
        "text": "Satisfaction with city services (1-5)",
        "text_es": "Satisfacción con los servicios de la ciudad (1-5)",
        "datatype": "number",
    },
    {
        "code": "lease_ends",
        "text": "When the lease ends",
        "text_es": "Cuándo termina el arrendamiento",
        "datatype": "date",
    },
    {
        "code": "needs",
        "text": "Anything the city could help with",
        "text_es": "¿En qué puede ayudar la ciudad?",
        "datatype": "text",
    },
]


@pytest.fixture
def instrument(mara: User) -> Instrument:
    instrument = services.instrument_publish(
        name="Standard BRE interview", questions=INTERVIEW, by=mara, on=dt.date(2025, 1, 6)
    )
    FlagRule.objects.create(
        question_code="plans",
        operator="is",
        value="relocate",
        colour="red",
        title="Considering relocation",
        title_es="Pensando en mudarse",
        due_days=14,
    )
    FlagRule.objects.create(
        question_code="plans",
        operator="is",
        value="downsize",
        colour="yellow",
        title="Plans to downsize",
        title_es="Planea reducirse",
        due_days=30,
    )
    FlagRule.objects.create(
        question_code="city_services",
        operator="below",
        value="3",
        colour="yellow",
        title="Unhappy with city services",
        title_es="Insatisfecha con los servicios municipales",
        due_days=30,
    )
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
