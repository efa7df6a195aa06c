"""Real-browser fixtures: Playwright for Python driving Debian's Chromium.

Loaded as a pytest plugin from tests/conftest.py. Never downloads a browser:
without /usr/bin/chromium the browser tests are skipped with the reason
(`make test` installs it with apt-get when it can).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CIVICDESK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser per test module.

    Playwright's sync API leaves its event loop marked as running in this thread
    for as long as it is started; keeping it to the module lets the asyncio tests
    of other modules (chat over WebSockets) start their own loop.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: Any) -> Any:
    return browser_context.new_page()


def save_screenshot(page: Any, name: str) -> Path:
    """Keep a picture of a page for people to look at (artifacts/ is git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (bundled with axe-playwright-python, no download) on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return list(results.response.get("violations", []))
