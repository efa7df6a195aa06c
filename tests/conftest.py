"""Shared fixtures: a small city with the personas described in tests/factories.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from accounts.models import User
from accounts.roles import Role
from catalogue.models import Service
from organisations.models import Department, Jurisdiction
from residents.models import ContactChannel, Resident
from tests import factories


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Skip `postgres_only` tests on SQLite: they prove behaviour under concurrent
    connections, which the embedded database serialises anyway."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://…")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


pytest_plugins = ["tests.browser", "tests.smtp"]


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Start every test in English whatever an earlier request activated.

    Django's LocaleMiddleware activates the request's language in the thread and
    never switches it back; the test client runs requests in the test's thread.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


@dataclass
class City:
    jurisdiction: Jurisdiction
    public_works: Department
    parks: Department
    pothole: Service
    shelter: Service
    alice: User
    bob: User
    sam: User
    ada: User
    rosa: Resident
    rita: Resident


@pytest.fixture
def city(db: None) -> City:
    jurisdiction = factories.make_jurisdiction(
        jurisdiction_id="riverton.example.gov", name="Riverton"
    )
    public_works = factories.make_department(jurisdiction, "Public Works")
    parks = factories.make_department(jurisdiction, "Parks & Recreation")
    pothole = factories.make_service(
        public_works,
        code="pothole",
        name="Pothole",
        needs_location=True,
        steps=[
            ("We inspect the site", 2, "business_days"),
            ("We fill the pothole", 3, "business_days"),
        ],
    )
    shelter = factories.make_service(parks, code="park-shelter", name="Park shelter reservation")
    return City(
        jurisdiction=jurisdiction,
        public_works=public_works,
        parks=parks,
        pothole=pothole,
        shelter=shelter,
        alice=factories.make_staff("alice", Role.AGENT, public_works),
        bob=factories.make_staff("bob", Role.AGENT, parks),
        sam=factories.make_staff("sam", Role.SUPERVISOR, public_works),
        ada=factories.make_staff("ada", Role.ADMINISTRATOR),
        rosa=factories.make_resident(
            full_name="Rosa Díaz",
            email="rosa@example.org",
            phone="+15555550101",
            preferred_language="es",
            preferred_channel=ContactChannel.SMS,
        ),
        rita=factories.make_resident(full_name="Rita Moreno", email="rita@example.org"),
    )
