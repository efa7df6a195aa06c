"""End-to-end journeys in a real browser (Chromium via Playwright), one test per journey.

Each checks every page it passes with axe-core and keeps a screenshot in
artifacts/screenshots/. OpenStreetMap tiles are blocked: tests never touch the network.
"""

from __future__ import annotations

import re
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from cases.models import Case, CaseAttachment
from cases.services import case_reply_publicly
from portal.selectors import format_promise_date
from tests.browser import axe_violations, save_screenshot
from tests.portal.conftest import jpeg_with_gps, make_kb

pytestmark = pytest.mark.browser


def offline(page):  # type: ignore[no-untyped-def]
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def assert_accessible(page, name: str) -> None:  # type: ignore[no-untyped-def]
    save_screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.fixture
def kb_city(transactional_db, city):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return make_kb(city)


def test_resident_journey_in_english(live_server, page, kb_city, chromium):
    city = kb_city.city
    offline(page)
    # Home, search, service page
    page.goto(live_server.url + "/")
    assert_accessible(page, "home")
    page.get_by_label("What do you need help with?").fill("pothole")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page, "search-results")
    page.get_by_role("link", name="Pothole", exact=True).click()
    page.get_by_role("heading", name="What happens next").wait_for()
    assert_accessible(page, "service")
    page.get_by_role("link", name="Start your request").click()

    # Step 1: answers appear while typing (JS)
    page.get_by_label("Describe what you need").fill("How fast do you repair a pothole")
    page.locator("#suggestions").get_by_role(
        "link", name="How fast do you repair potholes?"
    ).wait_for()
    assert_accessible(page, "request-describe")
    page.get_by_role("button", name="Continue").click()

    # Step 2: submit with a mistake, then correct it
    page.get_by_label("How deep is it, in inches?").fill("very")
    page.get_by_role("button", name="Send request").click()
    page.locator("#error-summary").wait_for()
    # errors.js moves focus to the summary once it has loaded
    # (expect, not wait_for_function: the page's CSP rightly refuses evaluating strings)
    expect(page.locator("#error-summary")).to_be_focused()
    assert_accessible(page, "request-form-errors")
    page.get_by_role("link", name="Please answer: How big is it?").click()
    page.get_by_label("Large").check()
    page.get_by_label("How deep is it, in inches?").fill("4")
    page.get_by_label("Street address or nearest corner").fill("12 Main St")
    page.get_by_label("Email address").fill("pat@example.org")
    # The map pin fills the coordinates (tiles are blocked; the map still takes clicks)
    page.locator("#map-canvas").click(position={"x": 120, "y": 80})
    assert page.get_by_label("Latitude").input_value() != ""
    # Usable at 320 CSS pixels: nothing wider than the screen
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    save_screenshot(page, "request-form-320px")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Photos (optional, up to 3)").set_input_files(
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}
    )
    page.get_by_role("button", name="Send request").click()

    # Confirmation with the tracking number
    number = page.locator("#tracking-number").inner_text()
    assert_accessible(page, "confirmation")
    case = Case.objects.get(tracking_number=number)
    assert case.lat is not None
    attachment = CaseAttachment.objects.get(case=case)
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert len(image.getexif()) == 0

    # Later, on another device: staff replied; track with number + email
    case_reply_publicly(case=case, by=city.alice, body="A crew will inspect on Monday.")
    other = offline(chromium.new_context(locale="en-US").new_page())
    try:
        other.goto(live_server.url + "/track/")
        other.get_by_label("Tracking number").fill(number.lower())
        other.get_by_label("Email address or phone number you gave us").fill("PAT@example.org")
        other.get_by_role("button", name="Find my request").click()
        other.get_by_text("A crew will inspect on Monday.").wait_for()
        step = case.steps.order_by("order").first()
        due = format_promise_date(step.due_at, city.jurisdiction)
        other.get_by_text(f"Next: We inspect the site — by {due}.").wait_for()
        assert_accessible(other, "tracking")
        # A knowledge-base article and the kiosk
        other.goto(live_server.url + "/answers/")
        assert_accessible(other, "kb-index")
        other.goto(live_server.url + "/answers/pothole-repair-times/")
        assert_accessible(other, "kb-article")
        other.goto(live_server.url + "/kiosk/")
        assert_accessible(other, "kiosk-home")
        other.goto(live_server.url + "/kiosk/services/pothole/request/")
        other.get_by_label("Describe what you need, in your own words").fill("hole")
        other.get_by_role("button", name="Continue").click()
        assert_accessible(other, "kiosk-request-form")
        other.goto(live_server.url + "/account/sign-up/")
        other.get_by_role("button", name="Create account").click()
        assert_accessible(other, "sign-up-errors")
        other.goto(live_server.url + "/account/sign-in/")
        assert_accessible(other, "sign-in")
    finally:
        other.context.close()


def test_resident_journey_in_spanish(live_server, page, kb_city, chromium):
    city = kb_city.city
    offline(page)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Español").click()
    page.get_by_role("link", name="Bache", exact=True).click()
    page.get_by_text("Dónde está el bache y su tamaño.").wait_for()
    assert_accessible(page, "es-service")
    page.get_by_role("link", name="Empezar su solicitud").click()
    page.get_by_label("Describa lo que necesita, con sus palabras").fill("cuándo reparan el bache")
    page.locator("#suggestions").get_by_role("link", name="¿Cuándo reparan los baches?").wait_for()
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Large").check()
    page.get_by_label("Dirección o esquina más cercana").fill("Calle Mayor 12")
    page.get_by_role("textbox", name="Correo electrónico").fill("ana@example.org")
    page.get_by_label("Fotos (opcional, hasta 3)").set_input_files(
        {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}
    )
    page.get_by_role("button", name="Enviar solicitud").click()
    number = page.locator("#tracking-number").inner_text()
    assert_accessible(page, "es-confirmation")
    case = Case.objects.get(tracking_number=number)
    assert case.resident.preferred_language == "es"
    with CaseAttachment.objects.get(case=case).file.open("rb") as stored, Image.open(stored) as im:
        assert len(im.getexif()) == 0

    # Later, another device whose browser asks for Spanish: track by number and email
    case_reply_publicly(case=case, by=city.alice, body="Inspeccionaremos el lunes.")
    other = offline(chromium.new_context(locale="es-ES").new_page())
    try:
        other.goto(live_server.url + "/track/")
        other.get_by_label("Número de seguimiento").fill(number)
        other.get_by_label("Correo electrónico o teléfono que nos dio").fill("ana@example.org")
        other.get_by_role("button", name="Buscar mi solicitud").click()
        other.get_by_text("Inspeccionaremos el lunes.").wait_for()
        other.get_by_text(
            re.compile(r"Próximo paso: Inspeccionamos el lugar — antes del [^ ]+ \d+ de [^ .]+")
        ).wait_for()
        assert_accessible(other, "es-tracking")
    finally:
        other.context.close()


def test_core_path_works_without_javascript(live_server, chromium, kb_city):
    context = chromium.new_context(java_script_enabled=False, locale="en-US")
    try:
        page = offline(context.new_page())
        page.goto(live_server.url + "/services/pothole/")
        page.get_by_role("link", name="Start your request").click()
        page.get_by_label("Describe what you need").fill("how fast do you repair potholes")
        page.get_by_role("button", name="Continue").click()
        # The answers are offered on the next step, before the form is sent
        page.get_by_role("link", name="How fast do you repair potholes?").wait_for()
        assert page.locator("#map").is_hidden()
        page.get_by_label("Small").check()
        page.get_by_label("Street address or nearest corner").fill("3 Oak Ave")
        page.get_by_label("Email address").fill("nojs@example.org")
        page.get_by_role("button", name="Send request").click()
        number = page.locator("#tracking-number").inner_text()
        save_screenshot(page, "no-js-confirmation")
        assert Case.objects.get(tracking_number=number).address == "3 Oak Ave"
    finally:
        context.close()


def test_kiosk_clears_itself_after_inactivity(live_server, page, kb_city, settings):
    settings.PORTAL_KIOSK_IDLE_SECONDS = 4
    offline(page)
    page.goto(live_server.url + "/kiosk/services/pothole/request/")
    assert (
        page.get_by_label("Describe what you need, in your own words").get_attribute("autocomplete")
        == "off"
    )
    page.get_by_label("Describe what you need, in your own words").fill("My address is 1 Elm")
    save_screenshot(page, "kiosk-request")
    page.wait_for_url(live_server.url + "/kiosk/", timeout=15000)
    # Only the session and Django's CSRF token (random, no personal data; see the report
    # about CSRF_USE_SESSIONS); the session ends a few minutes after the last request.
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert set(cookies) <= {"sessionid", "csrftoken"}, cookies
    assert cookies["sessionid"]["expires"] - time.time() <= 300 + 5
    # The form page was replaced in the history: Back does not bring it back
    page.go_back()
    assert "/request/" not in page.url
