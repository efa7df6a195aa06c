"""Issue 14 finding 8, as the bad input: sizes are bounded and said, never stored or cut.

A million-digit number answer, a bad choice of a megabyte echoed back, an address
over the limit silently cut, a megabyte password hashed, sign-ups without a limit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from catalogue.models import QuestionType, ServiceQuestion
from open311.services import api_key_create

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"


@pytest.fixture
def raw_key(city):  # type: ignore[no-untyped-def]
    ServiceQuestion.objects.create(
        service=city.pothole,
        code="depth",
        datatype=QuestionType.NUMBER,
        required=False,
        order=5,
        description="How deep, in cm?",
    )
    return api_key_create(name="App", requests_per_hour=1000)[1]


def _post(client, raw, **extra):  # type: ignore[no-untyped-def]
    params = {
        "api_key": raw,
        "service_code": "pothole",
        "address_string": "1 Main St",
        "attribute[size]": "large",
        "email": "pat@example.org",
        "description": "Hole",
        **extra,
    }
    return client.post(f"{BASE}/requests.json", params)


def test_a_million_digit_number_answer_is_refused(client, raw_key):
    response = _post(client, raw_key, **{"attribute[depth]": "9" * 1_000_000})

    assert response.status_code in (400, 413)
    assert not Case.objects.exists()


def test_a_number_answer_beyond_the_bound_is_a_clear_error(client, raw_key):
    response = _post(client, raw_key, **{"attribute[depth]": "1" + "0" * 25})

    assert response.status_code == 400
    assert (
        "attribute[depth]: Enter a number under a thousand billion"
        in (response.json()[0]["description"])
    )
    assert _post(client, raw_key, **{"attribute[depth]": "12.5"}).status_code == 200


def test_a_bad_choice_is_echoed_only_in_part(client, raw_key):
    response = _post(client, raw_key, **{"attribute[size]": "z" * 900})

    message = response.json()[0]["description"]
    assert response.status_code == 400
    assert "is not one of the choices" in message
    assert len(message) < 200


def test_an_address_over_the_limit_is_an_error_not_cut(client, raw_key):
    response = _post(client, raw_key, address_string="9 " + "Long Street " * 40)

    assert response.status_code == 400
    assert (
        "address_string: Keep the address under 300 characters."
        in (response.json()[0]["description"])
    )
    assert not Case.objects.exists()


def test_a_megabyte_address_is_an_error(client, raw_key):
    response = _post(client, raw_key, address_string="x" * 2**20)

    assert 400 <= response.status_code < 500
    assert not Case.objects.exists()


def test_a_megabyte_password_is_refused_before_hashing(client, city, monkeypatch):
    from django.contrib.auth import base_user, hashers

    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a megabyte password reached the hasher")

    monkeypatch.setattr(hashers, "make_password", never)
    monkeypatch.setattr(base_user, "make_password", never)
    monkeypatch.setattr(hashers.PBKDF2PasswordHasher, "encode", never)

    response = client.post(
        reverse("portal:sign_up"),
        {"full_name": "Pat", "email": "pat@example.org", "password": "p" * 2**20},
    )

    assert response.status_code == 400
    assert "256" in response.content.decode()


def test_sign_ups_are_rate_limited_per_address(client, city, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PORTAL_SIGN_UPS_PER_HOUR = 3
    answers = [
        client.post(
            reverse("portal:sign_up"),
            {"full_name": "Bot", "email": f"bot{n}@example.org", "password": "short"},
        ).status_code
        for n in range(5)
    ]

    assert answers == [400, 400, 400, 429, 429]
