"""Residents as partners in a real browser (Debian's Chromium via Playwright).

A resident drops a pin next to an open pothole, is offered it, follows it instead,
confirms by the emailed link, gets its resolution by email and says it is still not
fixed; the map's filters and its no-JavaScript list; the offline fallback when tiles
cannot load. Every page is checked with axe-core, in English and Spanish, and for
reflow at 390 CSS pixels. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from typing import Any

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from cases.models import Case, CaseAttachment, Status
from cases.services import case_change_status
from engagement.models import Follow
from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.engagement.conftest import FAR, SPOT
from tests.portal.conftest import jpeg_with_gps, make_kb

pytestmark = pytest.mark.browser


def offline(page: Any) -> Any:
    page.set_default_timeout(30_000)  # a loaded two-core machine; nothing is timed
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def check(page: Any, name: str) -> None:
    save_screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    page.set_viewport_size({"width": 1280, "height": 900})


def _text(content: bytes) -> str:
    message = message_from_bytes(content, policy=policy.default)
    return str(message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]


def _mails_to(smtp_server: Any, address: str) -> list[str]:
    return [_text(c) for _f, rcpt, c in smtp_server.envelopes if address in rcpt]


def _link(text: str, path: str, live_url: str) -> str:
    match = re.search(r"https?://\S+" + re.escape(path), text)
    assert match, text
    return match.group(0).replace(django_settings.SITE_URL, live_url)


@pytest.fixture
def street(transactional_db: Any, city: Any) -> Any:
    from django.core.cache import cache

    cache.clear()
    make_kb(city)
    case = factories.make_case(
        city.pothole,
        resident=city.rita,
        lat=SPOT[0],
        long=SPOT[1],
        address="12 Main St",
        description="Rita's own words",
    )
    return city, case


def test_a_pin_next_to_an_open_pothole_follows_it_and_hears_it_is_fixed(
    live_server: Any, page: Any, street: Any, smtp_server: Any, settings: Any, tmp_path: Any
):
    settings.MEDIA_ROOT = tmp_path / "media"
    city, pothole = street
    offline(page)
    page.goto(live_server.url + "/services/pothole/request/")
    page.get_by_label("Describe what you need").fill("A deep hole by the bus stop")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Large").check()
    # The pin in the middle of the map: the map opens on the pothole's spot.
    page.locator("#map-canvas").click()
    offer = page.locator("#nearby")
    expect(offer).to_contain_text("Already reported")
    expect(offer).to_contain_text(pothole.tracking_number)
    check(page, "partners-offered")
    offer.get_by_role("link", name=f"Follow {pothole.tracking_number} instead").click()

    # The public report: no name, words or address of the reporter
    page.get_by_role("heading", name=re.compile(pothole.tracking_number)).wait_for()
    body = page.content()
    assert "Rita" not in body
    assert "12 Main" not in body
    check(page, "partners-report")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_role("button", name="Follow", exact=True).click()
    page.get_by_role("heading", name="Check your email").wait_for()
    check(page, "partners-check-email")
    assert Case.objects.count() == 1  # followed instead: no new case

    [confirm] = _mails_to(smtp_server, "pat@example.org")
    page.goto(_link(confirm, "/confirm/", live_server.url))
    check(page, "partners-confirm")
    page.get_by_role("button", name="Confirm: send me its updates").click()
    page.get_by_role("heading", name=f"You follow report {pothole.tracking_number}").wait_for()
    check(page, "partners-following")

    # The city fixes it: the follower is told, through the case outbox
    case_change_status(case=pothole, status=Status.RESOLVED, by=city.alice)
    update = _mails_to(smtp_server, "pat@example.org")[-1]
    assert "is now: resolved" in update
    assert "Rita" not in update

    # ...but it is not fixed: from the link in that email, with a photo
    page.goto(_link(update, f"/follow/{Follow.objects.get().token}/", live_server.url))
    page.get_by_label("What is still wrong? (optional)").fill("The hole opened again")
    page.get_by_label("A photo (optional, up to 3)").set_input_files(
        {"name": "IMG_2.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}
    )
    page.get_by_role("button", name="It is still not fixed").click()
    page.get_by_text("We reopened the report and told the department.").wait_for()
    check(page, "partners-not-fixed")
    pothole.refresh_from_db()
    assert pothole.status == Status.IN_PROGRESS
    attachment = CaseAttachment.objects.get(case=pothole)
    from PIL import Image

    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert len(image.getexif()) == 0


def test_the_map_filters_without_javascript_in_both_languages(
    live_server: Any, chromium: Any, street: Any
):
    city, pothole = street
    fixed = factories.make_case(city.pothole, resident=city.rosa, lat=FAR[0], long=FAR[1])
    case_change_status(case=fixed, status=Status.RESOLVED, by=city.alice)
    for locale, status_label, button in (
        ("en-US", "Fixed recently", "Show reports"),
        ("es-ES", "Arreglados hace poco", "Mostrar informes"),
    ):
        # Without JavaScript: the list, its filters and the static outline.
        context = chromium.new_context(java_script_enabled=False, locale=locale)
        try:
            page = offline(context.new_page())
            page.goto(live_server.url + "/map/")
            expect(page.locator("#report-list")).to_contain_text(pothole.tracking_number)
            expect(page.locator("#report-list")).to_contain_text(fixed.tracking_number)
            assert page.locator("#map-outline circle").count() == 2
            page.locator("#id_status").select_option(label=status_label)
            page.get_by_role("button", name=button).click()
            expect(page.locator("#report-list")).to_contain_text(fixed.tracking_number)
            expect(page.locator("#report-list")).not_to_contain_text(pothole.tracking_number)
            save_screenshot(page, f"partners-map-filtered-nojs-{locale}")
        finally:
            context.close()
        # The same pages checked by axe-core (which needs JavaScript to run).
        context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        try:
            page = offline(context.new_page())
            page.goto(live_server.url + "/map/?status=resolved")
            expect(page.locator("#report-list")).to_contain_text(fixed.tracking_number)
            check(page, f"partners-map-{locale}")
            page.goto(live_server.url + f"/map/{pothole.tracking_number}/")
            check(page, f"partners-report-{locale}")
        finally:
            context.close()


def test_when_tiles_cannot_load_the_map_falls_back_to_its_outline(
    live_server: Any, page: Any, street: Any, settings: Any
):
    settings.MAP_TILES = "https://tiles.example.invalid/{z}/{x}/{y}.png"
    offline(page)  # the tile server cannot be reached
    page.goto(live_server.url + "/map/")
    expect(page.locator("#map-failed")).to_be_visible()
    expect(page.locator("#map-outline")).to_be_visible()
    expect(page.locator("#public-map")).to_be_hidden()
    check(page, "partners-map-offline")
