"""The POST path keeps its service in each process (open311/lookups.py) and
forgets them as soon as staff change them."""

from __future__ import annotations

from catalogue.models import QuestionType, ServiceQuestion
from open311.models import ApiKey
from tests.open311.conftest import BASE
from tests.open311.test_post_requests import _pothole


def _post(client, **params):
    return client.post(f"{BASE}/requests.json", params)


def test_a_question_staff_add_is_asked_on_the_next_post(client, city, api_key):
    assert _post(client, **_pothole(api_key)).status_code == 200  # read and kept

    ServiceQuestion.objects.create(
        service=city.pothole,
        code="depth",
        datatype=QuestionType.STRING,
        required=True,
        order=9,
        description="How deep is it?",
    )
    response = _post(client, **_pothole(api_key, description="Another hole"))

    assert response.status_code == 400
    assert any(e["description"].startswith("attribute[depth]:") for e in response.json())


def test_a_service_switched_off_is_not_found_on_the_next_post(client, city, api_key):
    assert _post(client, **_pothole(api_key)).status_code == 200

    city.pothole.is_active = False
    city.pothole.save(update_fields=["is_active"])

    assert _post(client, **_pothole(api_key, description="Again")).status_code == 404


def test_a_key_switched_off_without_a_signal_is_refused_on_the_next_request(client, city, api_key):
    assert _post(client, **_pothole(api_key)).status_code == 200

    ApiKey.objects.update(is_active=False)  # a bulk update: no save, no signal

    assert _post(client, **_pothole(api_key, description="Again")).status_code == 403


def test_a_lost_shared_version_counts_as_a_change(client, city, api_key):
    from django.core.cache import cache

    from catalogue.models import Service

    assert _post(client, **_pothole(api_key)).status_code == 200
    Service.objects.update(is_active=False)  # no signal: only the flush below tells
    cache.clear()

    assert _post(client, **_pothole(api_key, description="Again")).status_code == 404
