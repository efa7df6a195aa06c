"""The reply coach in a real browser: findings as you type with the case's real date,
a blank that cannot be sent, a recorded override, practice scored and seen by the
supervisor. Few and focused; screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest

from cases.models import EventKind
from coaching.dates import format_day
from coaching.models import PracticeAttempt, ReplyReview
from coaching.rulebook import rulebook
from tests import factories
from tests.browser import axe_violations, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def live_city(transactional_db, city, settings, tmp_path):
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    return city


def sign_in(page, live_server, username):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    page.goto(live_server.url + "/staff/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def promised(case):
    day = case.resolution_due.astimezone(case.jurisdiction.zone).date()
    return format_day(day, rulebook("en").dates)


def test_the_coach_flags_7_to_10_days_as_you_type_and_fixes_it_in_one_click(
    live_server, page, live_city
):
    case = factories.make_case(live_city.pothole, resident=live_city.rita, address="1 Elm")
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/staff/cases/{case.tracking_number}/")

    draft = page.get_by_label("Your reply")
    draft.fill("Hello Rita, sorry for the trouble. The repair takes 7–10 days.")
    finding = page.locator('#coach-panel [data-code="vague_timeframe"]')
    finding.wait_for()
    assert f"The repair will be done by {promised(case)}." in finding.inner_text()
    assert_accessible(page)
    save_screenshot(page, "coach-vague-timeframe")

    finding.get_by_role("button", name="Use this suggestion").click()

    assert draft.input_value() == (
        f"Hello Rita, sorry for the trouble. The repair will be done by {promised(case)}."
    )
    page.locator('#coach-panel [data-code="vague_timeframe"]').wait_for(state="detached")


def test_a_blank_cannot_be_sent_and_a_warning_is_sent_with_a_recorded_reason(
    live_server, page, live_city
):
    case = factories.make_case(live_city.pothole, resident=live_city.rita, address="1 Elm")
    sign_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/staff/cases/{case.tracking_number}/")
    draft = page.get_by_label("Your reply")

    draft.fill("Hello Rita, sorry for the trouble. The crew will come on [DATE].")
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("Fix what the coach marks as blocking before sending").wait_for()
    assert not case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()
    save_screenshot(page, "coach-blocked-placeholder")

    page.get_by_label("Your reply").fill("Hello Rita, sorry for the trouble. We will come shortly.")
    page.get_by_label("To send it anyway, say why the warnings do not apply").fill(
        "The crew has not given a date yet."
    )
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("Reply sent to the resident.").wait_for()

    review = ReplyReview.objects.get(event__case=case)
    assert review.override_reason == "The crew has not given a date yet."
    assert review.overridden == ["vague_timeframe"]


def test_an_agent_practises_and_the_supervisor_sees_the_score(
    live_server, page, live_city, scenarios
):
    sign_in(page, live_server, "alice")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Training").click()
    page.get_by_role("heading", name="Training", exact=True).wait_for()
    page.get_by_role("link", name="Third missed bin collection").click()
    page.get_by_label("Your reply").fill(
        "Hello,\n\nI'm sorry your recycling has been missed three times; that is not good "
        "enough. I have asked the crew to collect it tomorrow, and I will check with you "
        "that day."
    )
    page.get_by_role("button", name="Score my reply").click()
    page.locator("#practice-result .coach-score").wait_for()
    assert_accessible(page)
    save_screenshot(page, "coach-practice")
    score = PracticeAttempt.objects.get(agent=live_city.alice).score

    page.context.clear_cookies()
    sign_in(page, live_server, "sam")
    page.goto(f"{live_server.url}/staff/coach/team/")

    row = page.locator('tr[data-agent="alice"]')
    assert row.locator("td").nth(3).inner_text() == "1"
    assert row.locator("td").nth(4).inner_text() == str(score)
    assert_accessible(page)
    save_screenshot(page, "coach-team")


def test_a_status_note_and_a_bulk_reply_are_coached_in_the_browser(live_server, page, live_city):
    case = factories.make_case(live_city.pothole, resident=live_city.rita, address="1 Elm")
    other = factories.make_case(live_city.pothole, resident=live_city.rita, address="3 Elm")
    sign_in(page, live_server, "alice")

    # A status note with a vague promise: refused with the finding beside the note.
    page.goto(f"{live_server.url}/staff/cases/{case.tracking_number}/")
    page.get_by_label("Change status to").select_option("in_progress")
    page.get_by_label("Note to the resident (optional)").fill("Sorry, the crew comes shortly.")
    page.get_by_role("button", name="Change status").click()
    page.locator('#status-coach [data-code="vague_timeframe"]').wait_for()
    assert_accessible(page)
    page.get_by_label("To send the note anyway, say why the warnings do not apply").fill(
        "The crew has not given a date yet."
    )
    page.get_by_role("button", name="Change status").click()
    page.get_by_text("Status changed.").wait_for()
    assert ReplyReview.objects.get(event__case=case).door == "status"

    # One reply to both ticked cases, filled in per case.
    page.goto(f"{live_server.url}/staff/")
    page.get_by_text("Reply to the residents of the ticked cases").click()
    assert_accessible(page)
    page.get_by_label(f"Select {case.tracking_number}").check()
    page.get_by_label(f"Select {other.tracking_number}").check()
    page.get_by_label("Reply", exact=True).fill(
        "Hello {resident_name}, thank you for reporting the pothole, and I'm sorry for the "
        "trouble. Our crew will fill it by {promised_date}, and I will write to you then."
    )
    page.get_by_role("button", name="Send the reply").click()
    page.get_by_text("Updated 2 case(s)").wait_for()
    save_screenshot(page, "coach-bulk-reply")
    assert ReplyReview.objects.filter(door="bulk").count() == 2
    assert promised(other) in other.events.get(kind=EventKind.PUBLIC_REPLY).body
