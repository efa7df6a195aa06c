"""Staff two-step sign-in: required roles set up TOTP, codes are checked, recovery works."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

NOW = dt.datetime(2026, 3, 4, 15, 0, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _admins_must_use_it(settings: Any) -> None:
    cache.clear()
    settings.MFA_REQUIRED_ROLES = ["administrator", "department_admin"]


def _code(device: TOTPDevice) -> str:
    """The code the authenticator app shows now (the clock is pinned)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _signed_in(username: str) -> Client:
    client = Client()
    response = client.post("/staff/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _set_up(client: Client) -> tuple[TOTPDevice, list[str]]:
    client.get("/staff/mfa/setup/")
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post("/staff/mfa/setup/", {"code": _code(device), "next": "/staff/"})
    codes = re.findall(r"<code>(\d{10})</code>", page.content.decode())
    device.refresh_from_db()
    return device, codes


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_administrator_is_sent_to_set_up_before_any_staff_page(city):
    ada = _signed_in("ada")

    for path in ("/staff/", "/admin/", "/staff/privacy/"):
        response = ada.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/mfa/setup/")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_setup_shows_a_qr_code_and_the_key_and_confirms_with_a_code(city):
    ada = _signed_in("ada")

    page = ada.get("/staff/mfa/setup/").content.decode()
    device, codes = _set_up(ada)

    assert "<svg" in page
    assert device.confirmed
    assert len(codes) == 10
    assert ada.get("/staff/").status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_wrong_code_does_not_turn_it_on(city):
    ada = _signed_in("ada")
    ada.get("/staff/mfa/setup/")

    response = ada.post("/staff/mfa/setup/", {"code": "000000"})

    assert response.status_code == 400
    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert ada.get("/staff/")["Location"].startswith("/staff/mfa/setup/")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_next_sign_in_asks_for_the_code_and_accepts_only_a_right_one(city):
    device, _codes = _set_up(_signed_in("ada"))
    ada = _signed_in("ada")

    assert ada.get("/staff/")["Location"].startswith("/staff/mfa/verify/")
    wrong = ada.post("/staff/mfa/verify/", {"code": "123456", "next": "/staff/"})
    assert wrong.status_code == 400
    with time_machine.travel(NOW + dt.timedelta(seconds=40), tick=False):
        right = ada.post("/staff/mfa/verify/", {"code": _code(device), "next": "/staff/"})
        assert right.status_code == 302
        assert right["Location"] == "/staff/"
        assert ada.get("/staff/").status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_recovery_code_works_once(city):
    _device, codes = _set_up(_signed_in("ada"))

    first = _signed_in("ada")
    assert first.post("/staff/mfa/verify/", {"code": codes[0]}).status_code == 302
    again = _signed_in("ada")
    assert again.post("/staff/mfa/verify/", {"code": codes[0]}).status_code == 400


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_agent_is_not_asked_unless_they_set_it_up(city):
    alice = _signed_in("alice")

    assert alice.get("/staff/").status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_agent_who_set_it_up_is_asked_from_then_on(city):
    _set_up(_signed_in("alice"))

    alice = _signed_in("alice")

    assert alice.get("/staff/")["Location"].startswith("/staff/mfa/verify/")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_next_must_stay_on_this_site(city):
    device, _codes = _set_up(_signed_in("ada"))
    ada = _signed_in("ada")

    with time_machine.travel(NOW + dt.timedelta(seconds=40), tick=False):
        response = ada.post(
            "/staff/mfa/verify/", {"code": _code(device), "next": "https://evil.example/"}
        )

    assert response["Location"] == "/staff/"


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_code_used_at_set_up_cannot_be_replayed(city):
    device, _codes = _set_up(_signed_in("ada"))
    ada = _signed_in("ada")

    response = ada.post("/staff/mfa/verify/", {"code": _code(device)})

    assert response.status_code == 400


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_superuser_counts_as_an_administrator(city, django_user_model):
    django_user_model.objects.create_superuser("root", "root@city.example.gov", PASSWORD)

    root = _signed_in("root")

    assert root.get("/admin/")["Location"].startswith("/staff/mfa/setup/")
