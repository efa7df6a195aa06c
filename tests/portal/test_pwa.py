"""The installable portal: manifest, service worker, and a report drafted offline that is
sent when the connection is back (Playwright's offline mode, Debian's Chromium)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from cases.models import Case
from tests.browser import axe_violations


def test_the_manifest_names_the_city_in_the_visitors_language(client, city):
    response = client.get(reverse("portal:manifest"), HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Riverton: servicios para residentes"
    assert data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}


def test_the_service_worker_is_served_from_the_root_with_its_scope(client, city):
    response = client.get(reverse("portal:service_worker"))
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert "/static/portal/portal.css" in body
    assert "/kiosk/" in body  # the kiosk is never cached


def test_the_kiosk_gets_no_manifest_and_no_draft_queue(client, city):
    page = client.get("/kiosk/").content.decode()
    assert 'rel="manifest"' not in page
    assert "draft-queue" not in page
    assert 'rel="manifest"' in client.get("/").content.decode()


@pytest.mark.browser
def test_a_report_drafted_offline_is_sent_when_back_online(
    live_server, page, transactional_db, city
):
    from django.core.cache import cache

    cache.clear()
    page.goto(f"{live_server.url}/services/park-shelter/request/")
    page.get_by_label("Describe what you need").fill("The shelter roof leaks over table 3")
    page.get_by_role("button", name="Continue").click()
    page.locator("form[data-offline-draft]").wait_for()
    page.context.set_offline(True)
    page.get_by_label("Large").check()
    page.get_by_label("Email address").fill("pat@example.org")
    page.locator("form[data-offline-draft] button[type=submit]").last.click()
    page.locator("#draft-queue li").wait_for()
    assert "saved on this device" in page.locator("#draft-status").inner_text()
    assert page.locator("#draft-queue").is_visible()
    violations = axe_violations(page)
    assert violations == [], [v["id"] for v in violations]
    assert not Case.objects.exists()
    page.context.set_offline(False)
    page.locator("#draft-status a").wait_for(timeout=20000)
    assert "has been sent" in page.locator("#draft-status").inner_text()
    case = Case.objects.get()
    assert case.description == "The shelter roof leaks over table 3"
    assert case.resident.email == "pat@example.org"
    assert page.locator("#draft-queue").is_hidden()


@pytest.mark.browser
def test_a_draft_placed_next_to_an_open_case_waits_for_review_not_failed(
    live_server, page, transactional_db, city
):
    """Sent when back online, the draft meets "already reported nearby": it stays in the
    queue as needing review, and its link opens that step with the draft's data."""
    from django.core.cache import cache

    from tests import factories

    cache.clear()
    page.set_default_timeout(30_000)  # a loaded two-core machine; nothing is timed
    open_case = factories.make_case(
        city.pothole, resident=city.rita, lat=40.712800, long=-74.006000, address="12 Main St"
    )
    page.goto(f"{live_server.url}/services/pothole/request/")
    page.get_by_label("Describe what you need").fill("A deep hole by the bus stop")
    page.get_by_role("button", name="Continue").click()
    page.locator("form[data-offline-draft]").wait_for()
    page.context.set_offline(True)
    page.get_by_label("Large").check()
    page.locator("details.coordinates summary").click()
    page.get_by_label("Latitude").fill("40.712850")
    page.get_by_label("Longitude").fill("-74.006010")
    page.get_by_label("Email address").fill("pat@example.org")
    page.locator("form[data-offline-draft] button[type=submit]").last.click()
    page.locator("#draft-queue li").wait_for()
    assert "saved on this device" in page.locator("#draft-status").inner_text()

    page.context.set_offline(False)
    review = page.locator("#draft-queue li a.draft-review")
    review.wait_for()
    item = page.locator("#draft-queue li").inner_text()
    assert "needs your review" in item
    assert "could not be sent" not in item
    assert "already reported nearby" in page.locator("#draft-status").inner_text()
    assert Case.objects.count() == 1  # not filed: the resident decides
    violations = axe_violations(page)
    assert violations == [], [v["id"] for v in violations]

    review.click()
    page.get_by_role("heading", name="Already reported nearby").wait_for()
    assert open_case.tracking_number in page.content()
    page.get_by_role("button", name="Send my report anyway").click()
    page.locator("#tracking-number").wait_for()
    new = Case.objects.exclude(pk=open_case.pk).get()
    assert new.description == "A deep hole by the bus stop"
    assert new.resident.email == "pat@example.org"
    assert str(new.lat) == "40.712850"
    assert page.locator("#draft-queue").is_hidden()  # it left the queue
