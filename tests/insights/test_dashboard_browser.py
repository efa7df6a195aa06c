"""The supervisors' dashboard in a real browser: it renders its tables and passes axe."""

from __future__ import annotations

import pytest
from django.utils import timezone

from insights.services import insights_refresh
from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.workspace.test_browser import sign_in

pytestmark = pytest.mark.browser


def test_supervisor_reads_the_dashboard_and_it_is_accessible(
    live_server, page, transactional_db, city
):
    for _ in range(3):
        factories.make_case(city.pothole, at=timezone.now(), address="1 Main")
    insights_refresh(full=True)

    sign_in(page, live_server, "sam")
    page.goto(live_server.url + "/staff/insights/")
    page.get_by_role("heading", name="Dashboard").wait_for()

    assert page.get_by_role("row", name="Public Works").count() >= 1
    save_screenshot(page, "insights-dashboard")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
