"""The root-cause pages in a real browser: every page with data passes axe-core and
reflows at 390 px; a department admin accepts a drift proposal without JavaScript."""

from __future__ import annotations

import pytest
from django.conf import settings

from rootcauses.models import DriftProposal, HotSpot, ProposalStatus, Spike
from rootcauses.services import root_causes_refresh
from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.rootcauses.conftest import plant
from tests.rootcauses.test_drift import _history
from tests.rootcauses.test_spikes import SPIKE_DAY, TUESDAYS
from tests.workspace.test_browser import sign_in

pytestmark = pytest.mark.browser


def _accessible_and_reflows(page, name):
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    assert violations == [], (
        name,
        [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations],
    )
    page.set_viewport_size({"width": 390, "height": 800})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    save_screenshot(page, f"rootcauses-{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, name


def test_every_root_cause_page_is_accessible_and_a_proposal_is_accepted(
    live_server, page, transactional_db, city, dora
):
    for day in TUESDAYS:
        if day != SPIKE_DAY:
            plant(city.pothole, day, 6)
    plant(city.pothole, SPIKE_DAY, 20)
    inspection = factories.make_service(
        city.public_works,
        code="building-inspection",
        name="Building inspection",
        steps=[("We inspect the site", 2, "business_days")],
    )
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    spike = Spike.objects.filter(period="day").exclude(cell="").get()
    hot = HotSpot.objects.first()
    proposal = DriftProposal.objects.get()

    sign_in(page, live_server, "dora")
    page.get_by_role("link", name="Root causes").click()
    page.get_by_role("heading", name="Spikes").wait_for()
    _accessible_and_reflows(page, "spikes")
    for name, path, heading in [
        ("spike", f"spikes/{spike.pk}/", "Spike: Pothole"),
        ("hot-spots", "hot-spots/", "Hot spots"),
        ("hot-spot", f"hot-spots/{hot.pk}/", "Hot spot: Pothole"),
        ("repeats", "repeats/", "Repeat contacts"),
        ("drift", "drift/", "Practical drift"),
        ("proposals", "drift/proposals/", "Drift proposals"),
        ("proposal", f"drift/proposals/{proposal.pk}/", "Building inspection"),
    ]:
        page.goto(f"{live_server.url}/staff/root-causes/{path}")
        page.get_by_role("heading", name=heading, exact=False).first.wait_for()
        _accessible_and_reflows(page, name)

    page.get_by_label("Accept").check()
    page.get_by_label("Reason").fill("The inspectors' rota changed in the autumn.")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Your decision is recorded.").wait_for()
    _accessible_and_reflows(page, "proposal-accepted")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED

    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/staff/root-causes/drift/")
    page.get_by_role("heading", name="Deriva práctica").wait_for()
    _accessible_and_reflows(page, "drift-es")
