"""The metrics and open data pages in a real browser: axe-clean in English and Spanish,
charts drawn without JavaScript, the table behind a chart opens, reflow at 390 px."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.models import Status
from cases.services import case_acknowledge, case_change_status
from insights.services import insights_refresh
from tests import factories
from tests.browser import save_screenshot
from tests.factories import PASSWORD
from tests.workspace.test_reflow_browser import assert_accessible, assert_reflows, phone_page

pytestmark = pytest.mark.browser
__all__ = ["phone_page"]


def some_work(city):
    for n in range(6):
        case = factories.make_case(city.pothole, at=timezone.now(), address=f"{n} Main")
        if n % 2:
            case = case_acknowledge(case=case, by=city.sam)
        if n % 3 == 0:
            case_change_status(case=case, status=Status.RESOLVED, by=city.sam)
    insights_refresh(full=True)


def sign_in(page, live_server):
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()


def test_metrics_and_open_data_pages_are_accessible_and_reflow(
    live_server, phone_page, transactional_db, city
):
    page = phone_page
    some_work(city)
    sign_in(page, live_server)

    page.goto(live_server.url + "/staff/insights/metrics/")
    page.get_by_role("heading", name="Team and agent metrics").wait_for()
    assert page.locator("svg[role=img]").count() == 4
    page.get_by_text("Table: Cases received and resolved").click()
    assert page.get_by_role("row", name="Public Works").count() >= 2
    assert_reflows(page)
    assert_accessible(page)
    save_screenshot(page, "insights-metrics-390")

    page.goto(live_server.url + "/staff/insights/metrics/?group=week")
    page.get_by_role("heading", name="Team and agent metrics").wait_for()
    assert_accessible(page)

    page.goto(live_server.url + "/staff/insights/open-data/")
    page.get_by_role("heading", name="Open data download").wait_for()
    assert_reflows(page)
    assert_accessible(page)


def test_the_metrics_page_in_spanish_is_accessible(live_server, chromium, transactional_db, city):
    context = chromium.new_context(locale="es-ES", extra_http_headers={"Accept-Language": "es"})
    page = context.new_page()
    some_work(city)
    page.goto(live_server.url + "/staff/login/")
    page.locator("#id_username").fill("sam")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    page.goto(live_server.url + "/staff/insights/metrics/?group=agent")
    page.get_by_role("heading", name="Indicadores de equipos y agentes").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page)
    context.close()
