"""Issue 14 finding 9, as the attack: the kiosk's reset and short sessions turned on others.

A page anywhere can make a browser GET /kiosk/reset/ (a link, an <img>): that must
not flush the session the browser holds. And a staff member who opens a kiosk page
keeps the session length they signed in with.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.portal.conftest import make_kb

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(city):  # type: ignore[no-untyped-def]
    return make_kb(city)


def test_a_get_of_the_kiosk_reset_flushes_no_session(client, city, portal):
    client.force_login(city.alice)
    session_key = client.session.session_key

    response = client.get(reverse("portal:kiosk:reset"))

    assert response.status_code == 405
    assert client.session.session_key == session_key
    assert client.get("/staff/").status_code == 200


def test_a_reset_posted_without_the_csrf_token_is_refused(city, portal):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(city.alice)
    session_key = browser.session.session_key

    response = browser.post(reverse("portal:kiosk:reset"))

    assert response.status_code == 403
    assert browser.session.session_key == session_key


def test_the_kiosk_start_over_button_posts_with_its_token(city, portal):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("portal:kiosk:home")).content.decode()
    assert 'action="/kiosk/reset/"' in page
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    browser.get(reverse("portal:kiosk:catalogue"))

    response = browser.post(reverse("portal:kiosk:reset"), {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_a_kiosk_visit_leaves_a_staff_session_its_length(client, city, portal):
    client.force_login(city.alice)

    client.get(reverse("portal:kiosk:home"))

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert "_session_expiry" not in client.session


def test_an_anonymous_kiosk_session_is_short(client, city, portal):
    client.get(reverse("portal:kiosk:home"))

    assert client.session.get_expiry_age() == settings.PORTAL_KIOSK_SESSION_SECONDS
