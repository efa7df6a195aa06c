"""The workspace in a real browser: sign in, filter, take, reply, transfer, merge, intake.

Few and focused (the machine is small); screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import email
import email.policy
import re

import pytest

from cases.models import Case, Channel, Status
from messaging.models import SmsMessageRecord
from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def live_city(transactional_db, city, settings, tmp_path):
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    return city


def offline(page):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def sign_in(page, live_server, username):
    offline(page)
    page.goto(live_server.url + "/staff/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_agent_signs_in_filters_the_queue_and_takes_a_case(live_server, page, live_city):
    city = live_city
    web = factories.make_case(city.pothole, channel=Channel.WEB, address="1 Web Way")
    phone = factories.make_case(city.pothole, channel=Channel.PHONE, address="2 Phone Road")

    # Alice signs in on the staff sign-in page
    offline(page)
    page.goto(live_server.url + "/staff/login/")
    assert_accessible(page)
    save_screenshot(page, "workspace-sign-in")
    sign_in(page, live_server, "alice")
    assert page.locator(f'tr[data-tracking="{web.tracking_number}"]').count() == 1
    assert_accessible(page)

    # She filters the queue to phone calls
    page.get_by_label("Channel").select_option("phone")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"channel=phone"))
    rows = page.locator("tr.case-row")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-tracking") == phone.tracking_number
    save_screenshot(page, "workspace-queue-filtered")

    # She opens it and takes it
    page.get_by_role("link", name=phone.tracking_number).click()
    page.get_by_role("button", name="Take this case").click()
    page.get_by_text("The case is yours.").wait_for()
    assert page.locator("#case-owner").inner_text() == "Alice"
    assert_accessible(page)
    save_screenshot(page, "workspace-case")
    assert Case.objects.get(pk=phone.pk).owner == city.alice


def test_agent_replies_with_a_standard_answer_and_the_mail_arrives(
    live_server, page, live_city, standard_answer, smtp_server
):
    case = factories.make_case(live_city.pothole, resident=live_city.rita, address="1 Elm")
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/staff/cases/{case.tracking_number}/")

    page.get_by_label("Standard answer").select_option(str(standard_answer.pk))
    page.get_by_role("button", name="Insert").click()
    draft = page.get_by_label("Your reply")
    assert "Hello Rita Moreno" in draft.input_value()
    draft.fill(draft.input_value() + "\n\nSorry for the wait.")
    page.get_by_role("button", name="Preview").click()
    page.locator("#reply-preview").wait_for()
    save_screenshot(page, "workspace-reply-preview")
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("Reply sent to the resident.").wait_for()

    [(_from, rcpt, content)] = smtp_server.envelopes
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert rcpt == ["rita@example.org"]
    assert case.tracking_number in message["Subject"]
    assert "Sorry for the wait." in message.get_body(preferencelist=("plain",)).get_content()


def test_supervisor_transfers_one_case_and_merges_a_duplicate(live_server, page, live_city):
    city = live_city
    wrong_team = factories.make_case(city.pothole, address="Riverside Park path")
    master = factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")
    duplicate = factories.make_case(city.pothole, resident=city.rosa, address="14 Elm St")
    sign_in(page, live_server, "sam")

    # Transfer: the path is in a park, so Parks gets it with a handover note
    page.goto(f"{live_server.url}/staff/cases/{wrong_team.tracking_number}/")
    page.get_by_label("Transfer to").select_option(label="Parks & Recreation")
    page.get_by_label("Handover note").fill("Path inside Riverside Park; resident already called.")
    page.get_by_role("button", name="Transfer").click()
    page.get_by_text("Transferred to Parks & Recreation").wait_for()
    wrong_team.refresh_from_db()
    assert wrong_team.department == city.parks

    # Merge: Rosa's report is the same pothole as Rita's
    page.goto(f"{live_server.url}/staff/cases/{duplicate.tracking_number}/")
    page.get_by_label("Merge this duplicate into case").fill(master.tracking_number.lower())
    page.get_by_role("button", name="Compare before merging").click()
    # Both cases side by side, then the confirmation
    compare = page.locator("#merge-compare")
    compare.get_by_text("14 Elm Street").wait_for()
    assert compare.get_by_text("14 Elm St", exact=True).count() == 1
    assert_accessible(page)
    save_screenshot(page, "workspace-merge-compare")
    page.get_by_role("button", name=f"Yes, merge {duplicate.tracking_number}").click()
    page.locator(".msg-success", has_text=f"Merged into {master.tracking_number}").wait_for()
    save_screenshot(page, "workspace-merged")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == master
    assert duplicate.status == Status.CLOSED
    # Rosa, who prefers texts in Spanish, was told where her report lives now
    text = SmsMessageRecord.objects.get(case=duplicate).body
    assert master.tracking_number in text
    assert "hemos unido" in text


def test_phone_call_answered_on_first_contact(live_server, page, live_city):
    sign_in(page, live_server, "alice")
    page.get_by_role("link", name="Phone / walk-in").click()

    page.get_by_label("Service").select_option(label="Pothole — Public Works")
    page.get_by_role("button", name="Show its questions").click()
    page.get_by_label("How big is it?").select_option("small")
    page.get_by_label("What the resident told you").fill(
        "Asked when the pothole on Main St is fixed"
    )
    page.get_by_label("Address").fill("20 Main Street")
    page.get_by_label("Resident's name").fill("Paul Caller")
    page.get_by_label("Phone").fill("+1 555 555 0199")
    page.get_by_label("Answered on first contact").check()
    page.get_by_label("How it was answered").fill("Told him the crew comes on Tuesday.")
    save_screenshot(page, "workspace-intake")
    page.get_by_role("button", name="Log it").click()
    page.get_by_text("Logged and resolved on first contact").wait_for()

    case = Case.objects.get(channel=Channel.PHONE)
    assert case.status == Status.RESOLVED
    assert case.resident.full_name == "Paul Caller"
    assert page.locator("#case-status").inner_text() == "Resolved"
