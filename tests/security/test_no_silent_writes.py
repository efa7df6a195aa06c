"""Issue 14 finding 4, as the attack: writing into another resident's record while signed out.

Contact details given signed out are matched for routing and change nothing on a
record; a phone typed beside someone's email does not open their cases; an account
made with someone else's unverified address does not collect their requests; "My
requests" shows only what the account proved is its own.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from cases.models import Case
from portal.models import VerifiedEmail
from tests import factories
from tests.portal.conftest import make_kb
from tests.portal.test_request_form import valid

pytestmark = pytest.mark.django_db

MALLORY_PHONE = "+1 212 555 0666"
PASSWORD = "a long resident passphrase"


@pytest.fixture
def portal(city):  # type: ignore[no-untyped-def]
    cache.clear()
    return make_kb(city)


def _request(client, **contact):  # type: ignore[no-untyped-def]
    response = client.post(reverse("portal:request", args=["pothole"]), valid(**contact))
    assert response.status_code == 302, response.content.decode()[:500]
    return Case.objects.order_by("-id").first()


def _track(client, number, contact):  # type: ignore[no-untyped-def]
    return client.post(reverse("portal:track"), {"number": number, "contact": contact})


def test_a_phone_typed_beside_someones_email_does_not_open_their_cases(client, city, portal):
    ritas_own = factories.make_case(city.pothole, resident=city.rita, lat="1", long="1")

    _request(client, full_name="Mallory", email=city.rita.email, phone=MALLORY_PHONE)

    city.rita.refresh_from_db()
    assert (city.rita.full_name, city.rita.phone) == ("Rita Moreno", "")
    assert _track(client, ritas_own.tracking_number, MALLORY_PHONE).status_code == 404
    assert _track(client, ritas_own.tracking_number, city.rita.email).status_code == 302


def test_an_account_made_with_someones_address_collects_none_of_their_requests(
    client, city, portal
):
    # Mallory signs up with Vera's address and never verifies it (he cannot).
    client.post(
        reverse("portal:sign_up"),
        {"full_name": "Mallory", "email": "vera@example.org", "password": PASSWORD},
    )
    client.post(reverse("portal:sign_out"))
    # Vera, who has no account, asks for something while signed out.
    veras = _request(client, full_name="Vera Lynn", email="vera@example.org")
    client.force_login(User.objects.get(username="vera@example.org"))

    page = client.get(reverse("portal:my_cases")).content.decode()

    assert veras.tracking_number not in page
    assert veras.resident.user_id is None
    assert veras.resident.full_name == "Vera Lynn"


def test_my_requests_shows_signed_out_requests_once_the_email_is_verified(client, city, portal):
    client.post(
        reverse("portal:sign_up"),
        {"full_name": "Pat", "email": "pat@example.org", "password": PASSWORD},
    )
    client.post(reverse("portal:sign_out"))
    earlier = _request(client, full_name="Pat", email="pat@example.org")
    user = User.objects.get(username="pat@example.org")
    client.force_login(user)
    before = client.get(reverse("portal:my_cases")).content.decode()
    VerifiedEmail.objects.create(user=user, email="pat@example.org", verified_at=earlier.created_at)

    after = client.get(reverse("portal:my_cases")).content.decode()

    assert earlier.tracking_number not in before
    assert earlier.tracking_number in after
