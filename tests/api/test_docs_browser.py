"""The browsable API docs render in a real browser under our Content-Security-Policy."""

from __future__ import annotations

import pytest

from tests.browser import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_the_operations(live_server, page):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("/api/v1/cases/{tracking_number}/status").first.wait_for(timeout=15_000)

    save_screenshot(page, "api-docs")
    assert page.get_by_text("CivicDesk API").first.is_visible()
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
