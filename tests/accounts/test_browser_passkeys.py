"""Passkeys in a real browser: Chromium's virtual authenticator registers and signs in
through our static script; without JavaScript the code form is the way in; axe finds
nothing on the pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache

from accounts.models import PasskeyDevice
from tests.browser import axe_violations, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def live_city(transactional_db: Any, city: Any, settings: Any) -> Any:
    cache.clear()
    settings.MFA_REQUIRED_ROLES = ["administrator", "department_admin"]
    return city


def _authenticator(page: Any) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def _sign_in(page: Any, live_server: Any) -> None:
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_an_administrator_adds_a_passkey_and_signs_in_with_it(live_server, page, live_city):
    _authenticator(page)
    _sign_in(page, live_server)
    page.get_by_role("link", name="Use a passkey instead").click()
    page.get_by_role("heading", name="Add a passkey").wait_for()
    _assert_accessible(page)
    page.get_by_label("Name, to tell your passkeys apart").fill("Test laptop")
    page.get_by_role("button", name="Add a passkey").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert PasskeyDevice.objects.get().name == "Test laptop"

    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, live_server)
    page.get_by_role("button", name="Sign in with a passkey").wait_for()
    _assert_accessible(page)
    save_screenshot(page, "mfa-verify-passkey")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.get_by_role("heading", name="Queue").wait_for()
    assert PasskeyDevice.objects.get().last_used_at is not None


def test_without_javascript_the_passkey_form_stays_hidden(live_server, chromium, live_city):
    context = chromium.new_context(java_script_enabled=False, locale="en-US")
    try:
        page = context.new_page()
        _sign_in(page, live_server)
        page.goto(live_server.url + "/staff/mfa/passkeys/")
        assert not page.get_by_role("button", name="Add a passkey").is_visible()
        assert page.get_by_text("Adding a passkey needs JavaScript").is_visible()
        assert page.get_by_role("link", name="Use an authenticator app").is_visible()
    finally:
        context.close()


def test_the_reset_pages_pass_axe(live_server, page, live_city):
    page.goto(live_server.url + "/staff/password/reset/")
    _assert_accessible(page)
    page.goto(live_server.url + "/staff/password/reset/sent/")
    _assert_accessible(page)
