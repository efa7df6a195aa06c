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


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Photos posted as `media` go to a temporary folder, not the install's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


JURISDICTION = "riverton.example.gov"


@pytest.fixture
def bulky(city: Any) -> Any:
    """A service with a multivaluelist attribute, `items` (sofa, mattress, fridge)."""
    from catalogue.models import QuestionOption, QuestionType, ServiceQuestion
    from tests import factories

    service = factories.make_service(
        city.public_works, code="bulky-item", name="Bulky item pick-up", questions=False
    )
    question = ServiceQuestion.objects.create(
        service=service,
        code="items",
        datatype=QuestionType.MULTI_VALUE_LIST,
        required=True,
        order=1,
        description="What should we pick up?",
    )
    for order, key in enumerate(["sofa", "mattress", "fridge"]):
        QuestionOption.objects.create(question=question, key=key, name=key.title(), order=order)
    return service
