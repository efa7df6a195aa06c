"""Forgotten passwords: Django's reset views in the portal's pages, by real SMTP, rate-limited."""

from __future__ import annotations

import email
import re
from email import policy

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from portal.services import resident_sign_up

RESET = reverse("portal:password_reset")


@pytest.fixture
def resident_user(portal):  # type: ignore[no-untyped-def]
    user, _resident = resident_sign_up(
        full_name="Pat Doe", email="pat@example.org", password="an old long password", language="en"
    )
    return user


def _body(raw: bytes) -> tuple[str, str]:
    message = email.message_from_bytes(raw, policy=policy.default)
    return str(message["Subject"]), message.get_body().get_content()  # type: ignore[union-attr]


def test_sign_in_links_to_the_reset(client, portal):
    page = client.get(reverse("portal:sign_in")).content.decode()
    assert RESET in page
    assert "Forgot your password?" in page


def test_a_reset_link_by_email_sets_a_new_password(client, resident_user, smtp_server):
    response = client.post(RESET, {"email": "PAT@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:password_reset_done")

    [(_sender, recipients, raw)] = smtp_server.envelopes
    assert recipients == ["pat@example.org"]
    subject, body = _body(raw)
    assert subject == "Choose a new password for your account"
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", body)
    assert link is not None

    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert done["Location"] == reverse("portal:password_reset_complete")
    resident_user.refresh_from_db()
    assert resident_user.check_password("a brand new passphrase")


def test_the_email_is_in_spanish_for_a_spanish_page(client, resident_user, smtp_server):
    client.post(reverse("set_language"), {"language": "es"})
    client.post(RESET, {"email": "pat@example.org"})
    [(_sender, _rcpt, raw)] = smtp_server.envelopes
    subject, body = _body(raw)
    assert subject == "Elija una nueva contraseña para su cuenta"
    assert "Someone" not in body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, portal, smtp_server):
    response = client.post(RESET, {"email": "nobody@example.org"})
    assert response["Location"] == reverse("portal:password_reset_done")
    assert smtp_server.envelopes == []


def test_staff_accounts_are_not_reset_from_the_portal(client, portal, smtp_server):
    User.objects.filter(pk=portal.city.alice.pk).update(email="alice@example.gov")
    client.post(RESET, {"email": "alice@example.gov"})
    assert smtp_server.envelopes == []


def test_a_bad_email_gets_its_own_message(client, portal):
    response = client.post(RESET, {"email": "not-an-address"})
    assert response.status_code == 200
    assert "Enter an email address like name@example.com." in response.content.decode()


def test_a_used_or_forged_link_says_so(client, resident_user):
    page = client.get(
        reverse("portal:password_reset_confirm", args=["MQ", "set-password"]), follow=True
    ).content.decode()
    assert "This link does not work any more" in page


@override_settings(PORTAL_PASSWORD_RESETS_PER_HOUR=2)
def test_asking_again_and_again_is_rate_limited(client, resident_user, smtp_server):
    for _n in range(2):
        assert client.post(RESET, {"email": "pat@example.org"}).status_code == 302
    assert client.post(RESET, {"email": "pat@example.org"}).status_code == 429
    assert len(smtp_server.envelopes) == 2
