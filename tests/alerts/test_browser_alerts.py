"""The area-alert pages in a real browser: axe-core finds nothing, in English and Spanish."""

from __future__ import annotations

import pytest

from alerts.models import AreaAlert
from tests.browser import axe_violations, save_screenshot

pytestmark = pytest.mark.browser


def _accessible(page, name: str) -> None:  # type: ignore[no-untyped-def]
    save_screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.fixture
def alerts_city(transactional_db, city):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return city


@pytest.mark.parametrize("language", ["en", "es"])
def test_subscribing_page_by_page(live_server, page, alerts_city, smtp_server, language):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/alerts/")
    page.wait_for_load_state("load")
    _accessible(page, f"alerts-subscribe-{language}")
    # Reflow: nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#id_email").fill("neighbour@example.org")
    page.locator("button[type=submit]").last.click()
    page.wait_for_load_state("load")
    assert AreaAlert.objects.count() == 0
    _accessible(page, f"alerts-subscribe-errors-{language}")
    page.locator("#id_zipcode").fill("60601")
    page.locator("input[name=services]").first.check()
    page.locator("button[type=submit]").last.click()
    page.wait_for_url("**/alerts/sent/")
    _accessible(page, f"alerts-sent-{language}")
    alert = AreaAlert.objects.get()
    assert alert.language == language
    page.goto(f"{live_server.url}/alerts/{alert.token}/confirm/")
    _accessible(page, f"alerts-confirm-{language}")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state("load")
    _accessible(page, f"alerts-confirmed-{language}")
    alert.refresh_from_db()
    assert alert.confirmed_at is not None
