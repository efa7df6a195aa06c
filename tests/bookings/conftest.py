"""Fixtures for bookings: a shelter open every day and an inspection diary on office days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from bookings.models import BookableResource, OpeningRule
from catalogue.models import Service
from tests import factories
from tests.conftest import City


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@dataclass
class Places:
    city: City
    shelter_service: Service
    inspection_service: Service
    shelter: BookableResource
    inspection: BookableResource


def make_resource(service: Service, slug: str, name: str, **kwargs: Any) -> BookableResource:
    rules = kwargs.pop("rules", [])
    resource = BookableResource.objects.create(
        service=service,
        jurisdiction=service.jurisdiction,
        slug=slug,
        name=name,
        **kwargs,
    )
    for weekdays, opens, closes, minutes in rules:
        for day in weekdays:
            OpeningRule.objects.create(
                resource=resource,
                weekday=day,
                opens_at=dt.time(opens),
                closes_at=dt.time(closes),
                slot_minutes=minutes,
            )
    return resource


@pytest.fixture
def places(city: City) -> Places:
    shelter_service = factories.make_service(
        city.parks, code="shelter-booking", name="Shelter reservation", questions=False
    )
    inspection_service = factories.make_service(
        city.public_works, code="inspection", name="Building inspection", questions=False
    )
    shelter = make_resource(
        shelter_service,
        "riverside-shelter-2",
        "Riverside Park – Shelter 2",
        address="200 River Road",
        follows_office_calendar=False,
        lead_time_hours=0,
        horizon_days=60,
        rules=[(range(1, 8), 8, 20, 240)],  # every day: 08–12, 12–16, 16–20
    )
    inspection = make_resource(
        inspection_service,
        "inspection-north",
        "Building inspection – North",
        follows_office_calendar=True,
        lead_time_hours=48,
        horizon_days=30,
        rules=[(range(1, 6), 9, 12, 60)],  # weekdays: 09, 10, 11
    )
    return Places(city, shelter_service, inspection_service, shelter, inspection)
