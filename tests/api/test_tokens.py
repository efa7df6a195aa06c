"""Personal API tokens: hashed at rest, revocable, expiring, rate-limited, acting as their owner."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, hash_token
from api.services import api_token_authenticate, api_token_create, api_token_revoke


def _get(client, raw, path="/api/v1/services"):
    return client.get(path, headers={"Authorization": f"Bearer {raw}"})


def test_tokens_are_stored_hashed(city):
    token, raw = api_token_create(user=city.alice, name="laptop")

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hash_token(raw)
    assert raw not in (stored.token_hash, stored.token_prefix)
    assert api_token_authenticate(raw) == city.alice


def test_no_token_is_401(client, city):
    response = client.get("/api/v1/cases")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_wrong_token_is_401(client, city):
    assert _get(client, "cdk_not-a-real-token").status_code == 401


def test_revoked_token_is_401(client, city):
    token, raw = api_token_create(user=city.alice, name="old")
    api_token_revoke(token=token)

    assert _get(client, raw).status_code == 401


def test_expired_token_is_401(client, city):
    _token, raw = api_token_create(
        user=city.alice, name="short", expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    assert _get(client, raw).status_code == 401


def test_token_of_a_deactivated_user_is_401(client, city):
    _token, raw = api_token_create(user=city.alice, name="laptop")
    city.alice.is_active = False
    city.alice.save()

    assert _get(client, raw).status_code == 401


def test_token_use_is_recorded(client, city):
    token, raw = api_token_create(user=city.alice, name="laptop")

    _get(client, raw)

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_over_the_hourly_limit_gets_429(client, city, settings):
    settings.API_TOKEN_REQUESTS_PER_HOUR = 2
    _token, raw = api_token_create(user=city.alice, name="busy")

    statuses = [_get(client, raw).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_create_api_token_command(city):
    out = io.StringIO()

    call_command(
        "create_api_token", "--user", "alice", "--name", "GIS", stdout=out, stderr=io.StringIO()
    )

    assert api_token_authenticate(out.getvalue().strip()) == city.alice


def test_admin_creates_a_token_and_shows_it_once(client, city):
    city.ada.is_superuser = True
    city.ada.save()
    client.force_login(city.ada)

    response = client.post(
        reverse("admin:api_apitoken_add"), {"user": city.bob.pk, "name": "sync"}, follow=True
    )

    message = next(str(m) for m in response.context["messages"] if "cdk_" in str(m))
    raw = next(word for word in message.split() if word.startswith("cdk_"))
    assert api_token_authenticate(raw) == city.bob
