"""Lockouts behind a proxy and across addresses, without locking the real user out."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from accounts.protection import DEVICE_COOKIE
from tests.factories import PASSWORD

LOGIN = "/staff/login/"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings: Any) -> None:
    cache.clear()
    settings.TRUSTED_PROXIES = ["1"]
    settings.ACCOUNT_FAILURE_LIMIT = 20


def _from(address: str) -> Client:
    """A browser whose requests reach us through the proxy at 10.0.0.2."""
    return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)


def _fail(client: Client, username: str = "alice") -> Any:
    return client.post(LOGIN, {"username": username, "password": "wrong guess number x"})


@pytest.mark.django_db
def test_failures_from_one_client_behind_the_proxy_do_not_lock_out_another(city):
    attacker = _from("198.51.100.66")
    for _attempt in range(5):
        _fail(attacker)

    alice = _from("203.0.113.10")
    response = alice.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert _fail(attacker).status_code == 429


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_reset_the_per_address_limit(city):
    for attempt in range(5):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.2.3.{attempt}, 198.51.100.66").post(
            LOGIN, {"username": "alice", "password": "wrong guess number x"}
        )

    response = _from("198.51.100.66").post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 429


@pytest.mark.django_db
def test_a_spray_from_many_addresses_protects_the_account_from_new_browsers(city):
    for address in range(26):
        client = _from(f"198.51.100.{address}")
        for _attempt in range(4):
            _fail(client)

    stranger = _from("198.51.100.200")
    response = stranger.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in stranger.session
    assert [message.to for message in mail.outbox] == [[city.alice.email]]


@pytest.mark.django_db
def test_the_owner_still_signs_in_from_a_browser_used_before(city):
    owner = _from("203.0.113.10")
    assert owner.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
    assert DEVICE_COOKIE in owner.cookies
    owner.post("/staff/logout/")
    for address in range(26):
        client = _from(f"198.51.100.{address}")
        for _attempt in range(4):
            _fail(client)

    response = owner.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_forged_device_cookie_does_not_pass(city):
    for address in range(26):
        client = _from(f"198.51.100.{address}")
        for _attempt in range(4):
            _fail(client)
    stranger = _from("198.51.100.200")
    stranger.cookies[DEVICE_COOKIE] = f"[{city.alice.pk}]"

    stranger.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert "_auth_user_id" not in stranger.session


@pytest.mark.django_db
def test_an_administrator_lifts_the_protection(city):
    for address in range(26):
        client = _from(f"198.51.100.{address}")
        for _attempt in range(4):
            _fail(client)

    call_command("unlock_account", "alice")

    stranger = _from("198.51.100.200")
    assert stranger.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
