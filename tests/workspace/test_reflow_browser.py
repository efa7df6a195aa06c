"""Staff pages reflow at 390 px (WCAG 1.4.10): no sideways scrolling, axe-core clean."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDEST = """() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 1) out.push(
      el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className + ' ' + Math.round(r.right));
  }
  return out.slice(0, 15);
}"""


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(locale="en-US", viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    yield page
    context.close()


def assert_reflows(page):
    # Measure once the stylesheet has loaded: a visible heading does not mean styled yet
    # (measured earlier, the queue's phone layout was missed under load).
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], page.evaluate(WIDEST)


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_queue_and_a_case_reflow_at_390_px(live_server, phone_page, transactional_db, city):
    page = phone_page
    long_words = "Thepotholeontheeastsideofthebridgeisgettingdeeper" * 2
    case = factories.make_case(
        city.pothole,
        resident=city.rita,
        address="1200 Riverside Boulevard East, opposite the public library entrance",
        description=f"Deep pothole by the bridge. {long_words} https://example.org/{long_words}",
    )
    for n in range(3):
        factories.make_case(city.pothole, address=f"{n} Elm Street")

    page.goto(live_server.url + "/staff/login/")
    assert_reflows(page)
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()

    assert_reflows(page)
    # Select-all (above the list, with the bulk actions) ticks every case on the page
    page.get_by_label("Select every case on this page").check()
    boxes = page.locator('input[name="case"]')
    assert boxes.count() == 4
    assert all(boxes.nth(i).is_checked() for i in range(4))
    assert_accessible(page)
    save_screenshot(page, "workspace-queue-390")

    page.goto(f"{live_server.url}/staff/cases/{case.tracking_number}/")
    assert_reflows(page)
    assert_accessible(page)
    save_screenshot(page, "workspace-case-390")

    for path, name in [
        ("/staff/intake/", "workspace-intake-390"),
        ("/notifications/", "workspace-notices-390"),
        ("/staff/insights/", "insights-dashboard-390"),
    ]:
        page.goto(live_server.url + path)
        assert_reflows(page)
        assert_accessible(page)
        save_screenshot(page, name)


def test_the_fixed_staff_pages_at_1280_px_for_the_record(
    live_server, phone_page, transactional_db, city
):
    page = phone_page
    page.set_viewport_size({"width": 1280, "height": 900})
    master = factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")
    duplicate = factories.make_case(city.pothole, resident=city.rosa, address="14 Elm St")
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()
    save_screenshot(page, "workspace-queue-1280")
    pages = [
        (f"/staff/cases/{master.tracking_number}/", "workspace-case-1280"),
        (
            f"/staff/cases/{duplicate.tracking_number}/compare/?into={master.tracking_number}",
            "workspace-merge-compare-1280",
        ),
        ("/staff/intake/", "workspace-intake-1280"),
        ("/notifications/", "workspace-notices-1280"),
    ]
    for path, name in pages:
        page.goto(live_server.url + path)
        assert_accessible(page)
        save_screenshot(page, name)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + pages[1][0])
    assert_reflows(page)
    save_screenshot(page, "workspace-merge-compare-390")
