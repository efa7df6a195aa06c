"""Open311 fixtures: an api_key for a client application, and XML/JSON readers for responses."""

from __future__ import annotations

from typing import Any

import defusedxml.ElementTree as SafeET
import pytest

from open311.services import api_key_create

API_KEY = "test-key-for-open311-clients"
BASE = "/open311/v2"


@pytest.fixture
def api_key(city: Any) -> str:
    api_key_create(name="Test client", key=API_KEY)
    return API_KEY


def xml_of(response: Any) -> Any:
    """Parse an XML response the safe way, as a client should."""
    assert response["Content-Type"].startswith("text/xml")
    return SafeET.fromstring(response.content)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
