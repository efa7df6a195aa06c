"""BRE in a real browser: an officer records a visit with interview answers and a photo,
raises a flag, files a follow-up and logs time; the manager reads plan vs actual.
Axe-clean, 390 px reflow."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bre import services
from bre.models import Action, Flag, Visit, VisitAttachment
from cases.models import Channel
from tests.browser import axe_violations, save_screenshot
from tests.factories import PASSWORD
from tests.open311.wire import has_gps, photo_with_gps

pytestmark = pytest.mark.browser


def _offline(page):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())


def _sign_in(page, live_server, username):
    _offline(page)
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Business retention & expansion").wait_for()


def _accessible(page):
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _reflows(page):
    page.set_viewport_size({"width": 390, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390


def test_officer_visit_flag_follow_up_and_manager_plan(
    live_server, page, transactional_db, city, bruno, mara, instrument, bakery
):
    services.goal_set(year=2026, by=mara, visits_target=40, red_flag_days=14)
    services.allocation_plan(year=2026, activity="visits", planned_hours=Decimal(300), by=mara)
    services.time_log(
        officer=bruno, on=bakery.created_at.date(), activity="visits", hours=Decimal(3), by=bruno
    )
    contact = services.contact_add(business=bakery, full_name="Marisol Vega", by=bruno)
    issue = services.macro_issue_create(title="Parking on Main Street", owner=mara, by=mara)

    # Bruno signs in and lands on his BRE home, then opens the bakery from the register.
    _sign_in(page, live_server, "bruno")
    page.get_by_role("link", name="Register").click()
    page.get_by_role("link", name="Main Street Bakery").click()
    page.get_by_role("heading", name="Main Street Bakery").wait_for()

    # A visit with the standard interview; "considering relocation" raises a red flag.
    with page.expect_navigation():  # axe must see the visit form, not the page in between
        page.get_by_role("link", name="Record a visit").click()
    _accessible(page)
    page.get_by_label("Plans for the next three years").select_option("relocate")
    page.get_by_label("Employees at this site").fill("28")
    page.get_by_label("Parking").check()
    page.get_by_label("Notes").fill("Lease ends in the spring; looking at sites out of town.")
    page.get_by_label("Photos or documents (optional)").set_input_files(
        files=[{"name": "loading dock.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}]
    )
    page.get_by_role("button", name="Save the visit").click()
    page.get_by_text("Red flag raised: Considering relocation").wait_for()
    assert Visit.objects.get().answers.count() == 3
    kept = VisitAttachment.objects.get()
    assert not has_gps(bytes(kept.data))
    page.get_by_role("link", name="loading dock.jpg").wait_for()
    assert Flag.objects.get().colour == "red"

    # A yellow flag by hand.
    page.get_by_text("Raise a flag by hand").click()
    page.get_by_label("Colour").select_option("yellow")
    page.get_by_label("What is the concern?").fill("Owner retiring, no successor")
    page.get_by_label("Respond by").fill("2026-07-10")
    page.get_by_role("button", name="Raise the flag").click()
    page.get_by_text("Flag raised.").wait_for()
    assert Flag.objects.filter(colour="yellow", raised_by=bruno).count() == 1

    # A follow-up for Public Works: the service asks how big, then the case is filed.
    page.get_by_role("link", name="File a follow-up with a department").click()
    page.get_by_label("City service").select_option(label="Pothole")
    page.get_by_label("What is needed").fill("Pothole at the loading dock")
    page.get_by_role("button", name="File the case").click()
    page.get_by_label(re.compile("How big is it")).select_option(index=1)
    page.get_by_role("button", name="File the case").click()
    page.get_by_text(re.compile(r"Filed as case [A-Z0-9-]+ with Public Works")).wait_for()
    action = Action.objects.get()
    assert action.case.channel == Channel.BRE
    row = page.locator("tr.action-row")
    assert action.case.tracking_number in row.inner_text()
    assert "New" in row.inner_text()
    _accessible(page)
    _reflows(page)
    save_screenshot(page, "bre-business")

    # The other officer pages pass axe too, in English and in Spanish.
    for path in (
        "",
        "businesses/",
        "flags/",
        "issues/",
        "time/",
        "partners/",
        f"businesses/{bakery.pk}/edit/",
        f"contacts/{contact.pk}/",
        f"issues/{issue.pk}/",
    ):
        page.goto(f"{live_server.url}/staff/bre/{path}")
        _accessible(page)

    # He logs the time the visit took.
    page.goto(f"{live_server.url}/staff/bre/time/")
    page.get_by_label("Day").fill(bakery.created_at.date().isoformat())
    page.get_by_label("Activity").select_option("visits")
    page.get_by_label("Hours").fill("1.5")
    page.get_by_role("button", name="Log time").click()
    page.get_by_text("Time logged.").wait_for()
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(f"{live_server.url}/staff/bre/businesses/{bakery.pk}/")
    page.get_by_role("link", name="Registrar una visita").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    _accessible(page)
    _reflows(page)
    page.context.clear_cookies(name="django_language")
    page.goto(f"{live_server.url}/staff/bre/")

    # The manager compares the plan with what happened.
    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, live_server, "mara")
    page.get_by_role("link", name="Plan vs actual").click()
    section = page.locator("#plan-2026")
    section.get_by_role("heading", name="2026", exact=True).wait_for()
    assert section.locator('[data-measure="visits"]').inner_text() == "1"
    assert section.locator('[data-activity="visits-planned"]').inner_text() == "300.0"
    assert section.locator('[data-activity="visits-actual"]').inner_text() == "4.5"
    page.get_by_text("Set a year's goals and planned time").click()
    _accessible(page)
    _reflows(page)
    save_screenshot(page, "bre-plan")
