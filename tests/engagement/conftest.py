"""An open pothole at a known spot, for the nearby, follow and map tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from cases.models import Case
from tests import factories

SPOT = (40.712800, -74.006000)  # the portal's default map centre
NEAR = (40.713100, -74.006000)  # 33 m north
FAR = (40.716000, -74.006000)  # 356 m north


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def pothole_case(city: Any) -> Case:
    return factories.make_case(
        city.pothole,
        resident=city.rita,
        lat=SPOT[0],
        long=SPOT[1],
        address="12 Main St",
        description="Rita's private note: my car is ruined",
    )
