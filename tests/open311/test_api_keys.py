"""API keys: hashed at rest, managed in the admin, made by a command, and rate-limited."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from open311.models import ApiKey, hash_key
from open311.services import api_key_authenticate, api_key_create
from tests.open311.conftest import BASE


def test_keys_are_stored_hashed(db):
    api_key, raw = api_key_create(name="iOS app")

    stored = ApiKey.objects.get(pk=api_key.pk)
    assert stored.key_hash == hash_key(raw)
    assert raw not in (stored.key_hash, stored.key_prefix)
    assert api_key_authenticate(raw) == stored


def test_inactive_key_is_refused_with_403(client, city):
    api_key, raw = api_key_create(name="Old app")
    ApiKey.objects.filter(pk=api_key.pk).update(is_active=False)

    response = client.get(f"{BASE}/services.json", {"api_key": raw})

    assert response.status_code == 403


def test_a_key_over_its_hourly_limit_gets_429(client, city):
    _key, raw = api_key_create(name="Busy app", requests_per_hour=2)

    statuses = [client.get(f"{BASE}/services.json", {"api_key": raw}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert (
        "Too many requests"
        in client.get(f"{BASE}/services.json", {"api_key": raw}).json()[0]["description"]
    )


def test_anonymous_reads_are_limited_per_address(client, city, settings):
    settings.OPEN311_ANONYMOUS_REQUESTS_PER_HOUR = 1

    first = client.get(f"{BASE}/services.json")
    second = client.get(f"{BASE}/services.xml")

    assert (first.status_code, second.status_code) == (200, 429)


def test_create_api_key_command_with_a_chosen_key(db):
    out = io.StringIO()

    call_command(
        "create_api_key",
        "--name",
        "Demo",
        "--key",
        "demo-key-123",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert out.getvalue().strip() == "demo-key-123"
    assert api_key_authenticate("demo-key-123").name == "Demo"


def test_create_api_key_command_makes_a_random_key(db):
    out = io.StringIO()

    call_command("create_api_key", "--name", "Random", stdout=out, stderr=io.StringIO())

    assert api_key_authenticate(out.getvalue().strip()).name == "Random"


def test_create_api_key_command_refuses_a_reused_key(db):
    api_key_create(name="First", key="same-key-123")

    with pytest.raises(CommandError, match="already in use"):
        call_command("create_api_key", "--name", "Second", "--key", "same-key-123")


def test_admin_creates_a_key_and_shows_it_once(client, city):
    city.ada.is_superuser = True
    city.ada.save()
    client.force_login(city.ada)

    response = client.post(
        reverse("admin:open311_apikey_add"),
        {"name": "Android app", "requests_per_hour": "100", "is_active": "on"},
        follow=True,
    )

    api_key = ApiKey.objects.get(name="Android app")
    message = next(str(m) for m in response.context["messages"] if "Android app" in str(m))
    raw = message.split(" is ", 1)[1].split(".", 1)[0]
    assert api_key_authenticate(raw) == api_key
    assert api_key.requests_per_hour == 100


def test_last_use_is_recorded_about_once_a_minute(db):
    import datetime as dt

    from django.utils import timezone

    _key, raw = api_key_create(name="Busy app")

    first = api_key_authenticate(raw)
    assert first is not None
    assert first.last_used_at is not None
    recorded = first.last_used_at
    assert api_key_authenticate(raw).last_used_at == recorded  # same minute: no write

    ApiKey.objects.filter(pk=first.pk).update(last_used_at=recorded - dt.timedelta(minutes=2))
    later = api_key_authenticate(raw)
    assert later.last_used_at > recorded - dt.timedelta(minutes=1)
    assert ApiKey.objects.get(pk=first.pk).last_used_at <= timezone.now()
