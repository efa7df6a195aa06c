"""Issue 14 finding 11, as the attack: the same POST twice, or twenty times at once.

Open311 POST requests and REST POST /api/v1/cases honour an `Idempotency-Key`
header: a repeat gets the first answer and makes nothing; the key with another
body is a 422; keys expire. Without a key, an identical body from the same client
within the duplicate window is a repeat too. Decision record 0009.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from cases.models import Case
from core.idempotency import idempotency_purge
from core.models import IdempotentRequest
from open311.services import api_key_create
from tests.open311.test_post_requests import _pothole

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
KEY = "3f1c0b7e-2a7d-4d51-9a55-3a0e8f1c2b11"


@pytest.fixture
def raw_key(city):  # type: ignore[no-untyped-def]
    return api_key_create(name="Mobile app", requests_per_hour=1000)[1]


def _open311(client, raw, key=None, **extra):  # type: ignore[no-untyped-def]
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(f"{BASE}/requests.json", _pothole(raw, **extra), headers=headers)


def test_the_same_open311_post_with_a_key_twice_makes_one_case(client, raw_key):
    first = _open311(client, raw_key, KEY)
    again = _open311(client, raw_key, KEY)

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert Case.objects.count() == 1


def test_the_key_with_another_body_is_a_clear_422(client, raw_key):
    _open311(client, raw_key, KEY)

    other = _open311(client, raw_key, KEY, description="Another hole.")

    assert other.status_code == 422
    assert "different request" in other.json()[0]["description"]
    assert Case.objects.count() == 1


def test_a_key_too_long_or_not_ascii_is_a_400(client, raw_key):
    assert _open311(client, raw_key, "k" * 201).status_code == 400
    assert _open311(client, raw_key, "clé-ü").status_code == 400
    assert Case.objects.count() == 0


def test_an_identical_body_without_a_key_within_the_window_is_a_repeat(client, raw_key):
    first = _open311(client, raw_key)
    again = _open311(client, raw_key)
    different = _open311(client, raw_key, description="A second hole, further up.")

    assert again.json() == first.json()
    assert different.json() != first.json()
    assert Case.objects.count() == 2


def test_keys_expire(client, raw_key, time_machine, settings):
    time_machine.move_to(timezone.now(), tick=False)
    _open311(client, raw_key, KEY)
    time_machine.shift(dt.timedelta(seconds=settings.IDEMPOTENCY_KEY_SECONDS + 1))

    later = _open311(client, raw_key, KEY)

    assert later.status_code == 200
    assert Case.objects.count() == 2
    assert idempotency_purge(now=timezone.now() + dt.timedelta(days=2)) == 1


def test_a_failed_post_keeps_no_key(client, raw_key):
    bad = _open311(client, raw_key, KEY, **{"attribute[size]": "enormous"})
    good = _open311(client, raw_key, KEY)

    assert bad.status_code == 400
    assert good.status_code == 200
    assert Case.objects.count() == 1


def test_keys_are_per_client(client, raw_key):
    _other, other_raw = api_key_create(name="Other app")

    _open311(client, raw_key, KEY)
    _open311(client, other_raw, KEY)

    assert Case.objects.count() == 2


def _rest(as_user, city, key=None, **extra):  # type: ignore[no-untyped-def]
    api = as_user(city.alice)
    body = {
        "service_code": "pothole",
        "description": "Deep hole by the school.",
        "answers": {"size": "large"},
        "lat": 40.7128,
        "long": -74.006,
        **extra,
    }
    headers = {**api.headers, **({"Idempotency-Key": key} if key else {})}
    return api.client.post("/api/v1/cases", body, content_type="application/json", headers=headers)


def test_the_same_rest_post_with_a_key_twice_makes_one_case(as_user, city):
    first = _rest(as_user, city, KEY)
    again = _rest(as_user, city, KEY)
    other = _rest(as_user, city, KEY, description="Another hole.")

    assert first.status_code == again.status_code == 201
    assert again.json()["tracking_number"] == first.json()["tracking_number"]
    assert other.status_code == 409
    assert "different request" in other.json()["detail"]
    assert Case.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_concurrent_posts_make_one_case(city):
    assert connection.vendor == "postgresql"
    raw = api_key_create(name="Burst", requests_per_hour=1000)[1]
    threads_count = 20
    barrier = threading.Barrier(threads_count, timeout=30)
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()

    def post(key: str | None) -> None:
        try:
            browser = Client()
            barrier.wait()
            response = _open311(browser, raw, key)
            row = response.json()[0]
            with lock:
                answers.append((response.status_code, row.get("service_request_id", "")))
        finally:
            connection.close()

    for key in (KEY, None):  # with a key, then the same body without one
        answers.clear()
        before = Case.objects.count()
        threads = [threading.Thread(target=post, args=(key,)) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        statuses = Counter(status for status, _number in answers)
        numbers = {number for _status, number in answers}
        assert statuses == {200: threads_count}
        assert len(numbers) == 1
        assert Case.objects.count() == before + 1
    assert IdempotentRequest.objects.count() == 2
