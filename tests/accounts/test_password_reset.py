"""Forgotten passwords, staff and residents: real SMTP, expiring tokens, limits by real
client address and per account, the same answer for unknown addresses."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
from email import policy
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from accounts.models import PasskeyDevice, User
from portal.services import resident_sign_up
from tests.accounts.authenticator import SoftAuthenticator
from tests.factories import PASSWORD

STAFF_RESET = "/staff/password/reset/"
PORTAL_RESET = "/account/password/reset/"
NEW = "a fresh staff passphrase"
NOW = dt.datetime(2026, 3, 4, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def alice(city: Any) -> User:
    User.objects.filter(pk=city.alice.pk).update(email="alice@city.example.gov")
    return User.objects.get(pk=city.alice.pk)


def _mail(raw: bytes) -> tuple[str, str]:
    message = email.message_from_bytes(raw, policy=policy.default)
    return str(message["Subject"]), message.get_body().get_content()  # type: ignore[union-attr]


def _link(raw: bytes, prefix: str) -> str:
    found = re.search(rf"http://testserver({prefix}\S+/)", _mail(raw)[1])
    assert found is not None
    return found.group(1)


def _choose(client: Client, link: str, password: str = NEW) -> Any:
    form = client.get(link, follow=True)
    return client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


@pytest.mark.django_db
def test_the_staff_sign_in_page_links_to_the_reset(client, city):
    assert STAFF_RESET in client.get("/staff/login/").content.decode()


@pytest.mark.django_db
def test_a_staff_member_resets_by_email_and_signs_in_with_the_new_password(
    client, alice, smtp_server
):
    response = client.post(STAFF_RESET, {"email": "ALICE@city.example.gov"})

    assert response["Location"] == "/staff/password/reset/sent/"
    [(_from, recipients, raw)] = smtp_server.envelopes
    assert recipients == ["alice@city.example.gov"]
    assert _mail(raw)[0] == "Choose a new password for your CivicDesk staff account"
    done = _choose(client, _link(raw, "/staff/password/reset/"))
    assert done["Location"] == "/staff/password/reset/done/"
    assert Client().post("/staff/login/", {"username": "alice", "password": NEW}).status_code == 302


@pytest.mark.django_db
def test_a_reset_does_not_pass_the_second_factor(client, alice, smtp_server, settings):
    signed_in = Client()
    signed_in.force_login(alice)
    page = signed_in.get("/staff/mfa/passkeys/").content.decode()
    options = json.loads(re.search(r'type="application/json">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    signed_in.post(
        "/staff/mfa/passkeys/", {"credential": json.dumps(SoftAuthenticator().create(options))}
    )
    assert PasskeyDevice.objects.filter(user=alice).exists()

    client.post(STAFF_RESET, {"email": "alice@city.example.gov"})
    _choose(client, _link(smtp_server.envelopes[0][2], "/staff/password/reset/"))
    after = Client()
    after.post("/staff/login/", {"username": "alice", "password": NEW})

    assert after.get("/staff/")["Location"].startswith("/staff/mfa/verify/")


@pytest.mark.django_db
def test_the_staff_email_is_in_spanish_from_a_spanish_page(client, alice, smtp_server):
    client.post("/i18n/setlang/", {"language": "es"})

    client.post(STAFF_RESET, {"email": "alice@city.example.gov"})

    subject, body = _mail(smtp_server.envelopes[0][2])
    assert subject == "Elija una nueva contraseña para su cuenta de personal de CivicDesk"
    assert "Someone" not in body
    assert "Alguien" in body


@pytest.mark.django_db
def test_unknown_and_resident_addresses_get_the_same_answer_and_no_mail(client, alice, smtp_server):
    resident_sign_up(full_name="Pat Doe", email="pat@example.org", password=PASSWORD, language="en")
    known = client.post(STAFF_RESET, {"email": "alice@city.example.gov"})
    smtp_server.envelopes.clear()

    unknown = client.post(STAFF_RESET, {"email": "nobody@city.example.gov"})
    resident = client.post(STAFF_RESET, {"email": "pat@example.org"})

    assert unknown.status_code == known.status_code == resident.status_code == 302
    assert unknown["Location"] == known["Location"] == resident["Location"]
    assert smtp_server.envelopes == []


@pytest.mark.django_db
def test_a_staff_link_works_for_an_hour(client, alice, smtp_server):
    with time_machine.travel(NOW, tick=False):
        client.post(STAFF_RESET, {"email": "alice@city.example.gov"})
    link = _link(smtp_server.envelopes[0][2], "/staff/password/reset/")

    with time_machine.travel(NOW + dt.timedelta(minutes=61), tick=False):
        late = client.get(link, follow=True).content.decode()
    with time_machine.travel(NOW + dt.timedelta(minutes=59), tick=False):
        in_time = _choose(client, link)

    assert "it is more than an hour old" in late
    assert in_time["Location"] == "/staff/password/reset/done/"


@pytest.mark.django_db
def test_a_used_staff_link_stops_working(client, alice, smtp_server):
    client.post(STAFF_RESET, {"email": "alice@city.example.gov"})
    link = _link(smtp_server.envelopes[0][2], "/staff/password/reset/")
    _choose(client, link)

    again = Client().get(link, follow=True).content.decode()

    assert "This link does not work any more" in again


@pytest.mark.django_db
def test_a_resident_link_expires_after_three_days(client, city, smtp_server):
    resident_sign_up(full_name="Pat Doe", email="pat@example.org", password=PASSWORD, language="en")
    with time_machine.travel(NOW, tick=False):
        client.post(PORTAL_RESET, {"email": "pat@example.org"})
    link = _link(smtp_server.envelopes[0][2], "/account/password/reset/")

    with time_machine.travel(NOW + dt.timedelta(days=3, minutes=1), tick=False):
        late = client.get(link, follow=True).content.decode()
    with time_machine.travel(NOW + dt.timedelta(days=2, hours=23), tick=False):
        in_time = _choose(client, link)

    assert "This link does not work any more" in late
    assert in_time["Location"] == "/account/password/reset/done/"


@pytest.mark.django_db
def test_the_address_limit_keys_on_the_real_client_behind_the_proxy(alice, smtp_server, settings):
    settings.TRUSTED_PROXIES = ["1"]
    settings.PASSWORD_RESETS_PER_ADDRESS = 2
    settings.PASSWORD_RESETS_PER_ACCOUNT = 50
    flood = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    answers = [flood.post(STAFF_RESET, {"email": "x@example.org"}).status_code for _n in range(3)]

    assert answers == [302, 302, 429]
    assert other.post(STAFF_RESET, {"email": "alice@city.example.gov"}).status_code == 302
    assert len(smtp_server.envelopes) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["alice@city.example.gov", "nobody@city.example.gov"])
def test_one_account_gets_at_most_three_links_an_hour_from_any_number_of_addresses(
    alice, smtp_server, address
):
    answers = [
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(STAFF_RESET, {"email": address})
        for n in range(1, 6)
    ]

    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/staff/password/reset/sent/")
    }
    assert len(smtp_server.envelopes) == (3 if address.startswith("alice") else 0)


@pytest.mark.django_db
def test_a_resident_account_gets_at_most_three_links_an_hour(city, smtp_server, settings):
    settings.PORTAL_PASSWORD_RESETS_PER_HOUR = 100
    resident_sign_up(full_name="Pat Doe", email="pat@example.org", password=PASSWORD, language="en")

    for n in range(1, 6):
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(PORTAL_RESET, {"email": "pat@example.org"})

    assert len(smtp_server.envelopes) == 3


@pytest.mark.django_db
def test_a_bad_or_huge_email_gets_its_own_message(client, city):
    for value in ("not-an-address", "a" * 300 + "@example.org"):
        response = client.post(STAFF_RESET, {"email": value})
        assert response.status_code == 200
        assert "error" in response.content.decode()
