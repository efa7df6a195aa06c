"""The pages fixed after the walkthrough (issue 11), in a real browser, in English and Spanish.

Every page is drawn at 1280 and 390 CSS pixels: axe-core finds nothing, nothing is
wider than the screen, the Spanish page has no English left, and on a phone the
chat button covers nothing. Screenshots go to artifacts/screenshots/walkthrough-*.png
(listed in docs/portal.md).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from bookings.models import BookableResource, OpeningRule
from cases.models import Case, Status
from cases.services import case_change_status, case_merge, case_reply_publicly
from catalogue.models import Service
from knowledge.services import article_create
from portal.models import OptionTranslation, QuestionTranslation, ServiceTranslation
from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.portal.conftest import make_kb

pytestmark = pytest.mark.browser

# Monday 30 November 2026, 10:00 in Riverton; the clock runs on from there.
NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)
WIDTHS = (1280, 390)
# Words that only an English sentence has; a Spanish page must not show any of them.
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|this|that|request|will|what|next|from|please|here|"
    r"has|have|been|book|track|services|answers|sign|start|send|chat|message|reply)\b"
)


def offline(page: Any) -> Any:
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def check(page: Any, name: str, language: str = "en") -> None:
    """Axe-clean, no sideways scrolling and (in Spanish) no English, at both widths."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        save_screenshot(page, f"walkthrough-{name}-{width}")
        violations = axe_violations(page)
        assert violations == [], (
            name,
            width,
            [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations],
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        if language == "es":
            text = page.evaluate("document.body.innerText")
            assert ENGLISH.findall(text) == [], (name, ENGLISH.findall(text), text[:2000])
        if width == 390:
            _chat_covers_nothing(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


def _chat_covers_nothing(page: Any, name: str) -> None:
    launch = page.locator("#chat-launch")
    if not launch.count() or not launch.is_visible():
        return
    position = page.evaluate("getComputedStyle(document.getElementById('chat-widget')).position")
    assert position == "static", name
    chat = launch.bounding_box()
    footer = page.locator(".site-footer").bounding_box()
    assert chat is not None
    assert footer is not None
    assert chat["y"] >= footer["y"] + footer["height"] - 1, name


def _spanish_catalogue(city: Any) -> None:
    pothole = city.pothole
    questions = {q.code: q for q in pothole.questions.all()}
    for code, text in {
        "size": "¿Qué tamaño tiene?",
        "notes": "¿Algo más?",
        "depth": "¿Qué profundidad tiene, en pulgadas?",
    }.items():
        QuestionTranslation.objects.create(
            question=questions[code], language="es", description=text
        )
    for option in questions["size"].options.all():
        name = {"small": "Pequeño", "large": "Grande"}[option.key]
        OptionTranslation.objects.create(option=option, language="es", name=name)


@pytest.fixture
def walk(transactional_db, city):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(NOW, tick=True):
        city.jurisdiction.phone = "311"
        city.jurisdiction.save()
        kb = make_kb(city)
        _spanish_catalogue(city)
        article_create(
            jurisdiction=city.jurisdiction,
            slug="reply-scheduled",
            is_standard_answer=True,
            translations={
                "en": {"title": "Standard reply: scheduled", "body": "Hi {resident_name}"}
            },
        )
        cart = factories.make_service(
            city.public_works,
            code="recycle-bin",
            name="Recycling cart",
            needs_location=True,
            location_prompt=Service.LocationPrompt.ADDRESS,
            asks_photos=False,
        )
        ServiceTranslation.objects.create(
            service=cart,
            language="es",
            name="Contenedor de reciclaje",
            description="Pida un contenedor azul.",
        )
        _spanish_catalogue_for(cart)
        shelter = factories.make_service(
            city.parks, code="shelter-booking", name="Shelter booking", questions=False
        )
        ServiceTranslation.objects.create(
            service=shelter, language="es", name="Reserva de refugio", description="Reserve."
        )
        resource = BookableResource.objects.create(
            service=shelter,
            jurisdiction=city.jurisdiction,
            slug="riverside-shelter",
            name="Riverside Park – Shelter A",
            address="200 River Road",
            lead_time_hours=0,
            horizon_days=30,
            fee_cents=7500,
        )
        for day in range(1, 8):
            OpeningRule.objects.create(
                resource=resource,
                weekday=day,
                opens_at=dt.time(8),
                closes_at=dt.time(20),
                slot_minutes=240,
            )
        yield kb


def _spanish_catalogue_for(service: Any) -> None:
    for question in service.questions.all():
        text = {"size": "¿Qué tamaño?", "notes": "¿Algo más?"}[question.code]
        QuestionTranslation.objects.create(question=question, language="es", description=text)
        for option in question.options.all():
            name = {"small": "Pequeño", "large": "Grande"}[option.key]
            OptionTranslation.objects.create(option=option, language="es", name=name)


def _track(page: Any, url: str, number: str, contact: str) -> None:
    page.goto(url + "/track/")
    page.locator("#id_number").fill(number)
    page.locator("#id_contact").fill(contact)
    page.locator("form.stack button[type=submit]").click()


def _cases(city: Any) -> dict[str, Case]:
    rosa, rita = city.rosa, city.rita
    make = factories.make_case
    cases = {
        "merged": make(city.pothole, resident=rosa, address="5 Elm St", description="Hoyo grande"),
        "into": make(city.pothole, resident=rita, address="7 Elm St", description="Big hole"),
        "resolved": make(city.pothole, resident=rosa, address="9 Elm St", description="Otro hoyo"),
        "declined": make(city.pothole, resident=rosa, address="11 Elm", description="Un hoyo"),
        "waiting": make(city.pothole, resident=rosa, address="13 Elm", description="Hoyo hondo"),
    }
    case_merge(duplicate=cases["merged"], into=cases["into"], by=city.sam)
    case_reply_publicly(case=cases["resolved"], by=city.alice, body="Rellenamos el bache.")
    case_change_status(case=cases["resolved"], status=Status.RESOLVED, by=city.alice)
    case_change_status(case=cases["declined"], status=Status.DECLINED, by=city.alice)
    case_change_status(case=cases["waiting"], status=Status.WAITING_ON_RESIDENT, by=city.alice)
    return cases


@pytest.mark.parametrize("language", ["en", "es"])
def test_tracking_pages_after_the_walkthrough(live_server, page, walk, language):
    with time_machine.travel(NOW, tick=True):
        cases = _cases(walk.city)
        offline(page)
        url = live_server.url
        if language == "es":
            page.goto(url + "/")
            page.get_by_role("button", name="Español").click()
            page.wait_for_url(url + "/")

        # Rosa follows the number her report was joined with, with her own email.
        _track(page, url, cases["into"].tracking_number, "rosa@example.org")
        page.wait_for_url(f"{url}/requests/{cases['merged'].tracking_number}/")
        assert "Big hole" not in page.content()
        check(page, f"{language}-case-merged", language)

        for name in ("resolved", "declined", "waiting"):
            _track(page, url, cases[name].tracking_number, "rosa@example.org")
            page.locator("#id_body").wait_for()
            check(page, f"{language}-case-{name}", language)

        # The waiting case takes a photo through the add-information form.
        page.locator("#id_photos").set_input_files(
            {"name": "IMG.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
        )
        page.locator("form[enctype] button[type=submit]").click()
        page.wait_for_url(re.compile(r"#timeline$"))
        assert cases["waiting"].attachments.count() == 1


def _jpeg() -> bytes:
    from tests.portal.conftest import jpeg_with_gps

    return jpeg_with_gps()


@pytest.mark.parametrize("language", ["en", "es"])
def test_request_pages_after_the_walkthrough(live_server, page, walk, language):
    with time_machine.travel(NOW, tick=True):
        offline(page)
        url = live_server.url
        if language == "es":
            page.goto(url + "/")
            page.get_by_role("button", name="Español").click()
            page.wait_for_url(url + "/")
        page.goto(url + "/answers/")
        assert "Standard reply" not in page.content()
        check(page, f"{language}-answers", language)

        # A cart order: an address, no map pin, no photos; the description stays out of the URL.
        page.goto(url + "/services/recycle-bin/request/")
        page.locator("#id_description").fill("Cart for 3 Oak" if language == "en" else "Para 3 Oak")
        page.locator("form.stack button[type=submit]").click()
        page.locator("#id_address").wait_for()
        assert "?" not in page.url
        assert page.locator("#map").count() == 0
        assert page.locator("#id_photos").count() == 0
        check(page, f"{language}-request-cart", language)
        page.locator("#id_q_size_1").check()
        page.locator("#id_address").fill("3 Oak St")
        page.locator("#id_email").fill("pat@example.org")
        page.locator("form[enctype] button[type=submit]").last.click()
        page.locator("#tracking-number").wait_for()
        assert ("Large" if language == "en" else "Grande") in page.locator(
            "#told-title + p + dl"
        ).inner_text()
        check(page, f"{language}-request-confirmation", language)

        # Forgotten password.
        page.goto(url + "/account/sign-in/")
        page.locator("a[href='/account/password/reset/']").click()
        check(page, f"{language}-password-reset", language)
        page.locator("#id_email").fill("nobody@example.org")
        page.locator("form.stack button[type=submit]").click()
        page.wait_for_url(url + "/account/password/reset/sent/")
        check(page, f"{language}-password-reset-sent", language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_booking_pages_after_the_walkthrough(live_server, page, walk, language):
    with time_machine.travel(NOW, tick=True):
        offline(page)
        url = live_server.url
        if language == "es":
            page.goto(url + "/")
            page.get_by_role("button", name="Español").click()
            page.wait_for_url(url + "/")
        page.goto(url + "/bookings/riverside-shelter/")
        check(page, f"{language}-booking-calendar", language)
        page.locator("a[href$='?start=2026-12-01T12:00']").click()
        page.locator("#id_full_name").wait_for()
        check(page, f"{language}-booking-form", language)
        page.locator("#id_full_name").fill("Ana Ruiz")
        page.locator("#id_email").fill("ana@example.org")
        page.locator("main form button[type=submit]").click()
        page.locator("#permit-reference").wait_for()
        body = page.locator("main").inner_text()
        assert "$75.00" in body
        assert ("Eastern Time" if language == "en" else "hora del Este") in body
        if language == "es":
            assert "martes 1 de diciembre de 2026" in body
        check(page, f"{language}-booking-confirmed", language)
        with page.expect_download() as download:
            page.locator("#ics-link").click()
        assert download.value.suggested_filename.endswith(".ics")


@pytest.mark.parametrize("language", ["en", "es"])
def test_kiosk_pages_after_the_walkthrough(live_server, page, walk, language):
    with time_machine.travel(NOW, tick=True):
        walk.city.pothole.allows_anonymous = True
        walk.city.pothole.save()
        offline(page)
        url = live_server.url
        page.goto(url + "/kiosk/")
        if language == "es":
            page.get_by_role("button", name="Español").click()
            page.wait_for_url(url + "/kiosk/")
        start_over = page.locator(
            "header form[data-kiosk-reset] .button"
        )  # a POST (CSRF), not a link
        padding = page.evaluate(
            "el => parseFloat(getComputedStyle(el).paddingLeft)", start_over.element_handle()
        )
        assert padding >= 16
        assert page.locator("header a[href='/kiosk/bookings/']").count() == 1
        page.goto(url + "/kiosk/services/pothole/request/")
        page.locator("#id_description").fill("Hole" if language == "en" else "Hoyo")
        page.locator("form.stack button[type=submit]").click()
        page.locator("#id_q_size_0").check()
        page.locator("#id_address").fill("1 A St")
        page.locator("#id_anonymous").check()
        page.locator("form[enctype] button[type=submit]").last.click()
        page.locator("#tracking-number").wait_for()
        # Shown by the page's deferred script: wait for it rather than race it.
        expect(page.locator("button[data-print]")).to_be_visible()
        check(page, f"{language}-kiosk-receipt", language)
        page.goto(url + "/kiosk/bookings/riverside-shelter/")
        check(page, f"{language}-kiosk-booking-calendar", language)
