"""The coach on the other ways staff write to residents: a reply to many ticked cases
(bulk), and the public note of a status change (case page, bulk, REST API). A `block`
stops it, a `warn` needs a reason that is recorded, and the score is kept."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from api.services import api_token_create
from cases.models import Case, EventKind, Status
from coaching.dates import format_day
from coaching.models import ReplyReview
from coaching.rulebook import rulebook
from tests import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)  # Tuesday 1 December, 10:00 in Riverton
GOOD_BULK = (
    "Hello {resident_name},\n\nThank you for reporting the pothole, and I'm sorry for the "
    "trouble. Our crew will fill it by {promised_date}, and I will write to you when it is done."
)


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def two_cases(city):
    return [
        factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street"),
        factories.make_case(city.pothole, resident=city.rita, address="16 Elm Street"),
    ]


def promised(case):
    day = case.resolution_due.astimezone(case.jurisdiction.zone).date()
    return format_day(day, rulebook("en").dates)


def bulk(client, cases, **data):
    payload = {"case": [c.tracking_number for c in cases], **data}
    return client.post(reverse("workspace:bulk"), payload, follow=True)


# --- Bulk replies -------------------------------------------------------------------------


def test_a_bulk_reply_is_filled_in_and_sent_to_each_case_with_its_own_score(
    client, city, two_cases, django_capture_on_commit_callbacks
):
    client.force_login(city.alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = bulk(client, two_cases, action="reply", message=GOOD_BULK)

    assert "Updated 2 case(s)" in response.text
    for case in two_cases:
        event = case.events.get(kind=EventKind.PUBLIC_REPLY)
        assert f"by {promised(case)}" in event.body
        assert "Rita" in event.body
        assert "{" not in event.body
        review = ReplyReview.objects.get(event=event)
        assert review.door == "bulk"
        assert review.author == city.alice
        assert review.score >= 90
        assert case.outbox.exists()


def test_a_bulk_reply_with_a_blank_is_sent_to_no_one(client, city, two_cases):
    client.force_login(city.alice)

    response = bulk(
        client,
        two_cases,
        action="reply",
        message=GOOD_BULK.replace("{promised_date}", "[DATE]"),
        override_reason="Trying anyway.",
    )

    for case in two_cases:
        assert f"{case.tracking_number} not updated: Fix what the coach marks" in response.text
        assert not case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()
    assert not ReplyReview.objects.exists()


def test_a_bulk_reply_with_a_warning_needs_a_reason_which_is_recorded(client, city, two_cases):
    client.force_login(city.alice)
    vague = "Hello {resident_name}, sorry for the trouble. We will fill the pothole shortly."

    refused = bulk(client, two_cases, action="reply", message=vague)
    assert "The coach has warnings (vague_timeframe)" in refused.text
    assert not ReplyReview.objects.exists()

    sent = bulk(
        client, two_cases, action="reply", message=vague, override_reason="No crew date yet."
    )

    assert "Updated 2 case(s)" in sent.text
    reviews = list(ReplyReview.objects.order_by("id"))
    assert [r.overridden for r in reviews] == [["vague_timeframe"], ["vague_timeframe"]]
    assert {r.override_reason for r in reviews} == {"No crew date yet."}


def test_a_bulk_reply_needs_a_message(client, city, two_cases):
    client.force_login(city.alice)

    response = bulk(client, two_cases, action="reply", message="  ")

    assert "Write the reply to send to the residents." in response.text
    assert not ReplyReview.objects.exists()


def test_a_bulk_reply_skips_a_finished_case_and_says_why(client, city, two_cases):
    open_case, done = two_cases
    done.status = Status.CLOSED
    done.save(update_fields=["status"])
    client.force_login(city.alice)

    response = bulk(client, two_cases, action="reply", message=GOOD_BULK)

    assert f"{done.tracking_number} not updated: the case is finished" in response.text
    assert open_case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()
    assert not done.events.filter(kind=EventKind.PUBLIC_REPLY).exists()


# --- Public status notes ------------------------------------------------------------------


def status_url(case):
    return reverse("workspace:case_action", args=[case.tracking_number, "status"])


def test_a_status_note_with_a_blank_is_refused_and_shown_with_the_finding(client, city, two_cases):
    case = two_cases[0]
    client.force_login(city.alice)

    response = client.post(
        status_url(case),
        {"status": "in_progress", "note": "The crew comes on [DATE].", "override_reason": "x"},
    )

    assert response.status_code == 400
    assert 'data-code="placeholder"' in response.text
    assert "The crew comes on [DATE]." in response.text  # the note is kept to fix
    case.refresh_from_db()
    assert case.status == Status.NEW
    assert not ReplyReview.objects.exists()


def test_a_status_note_with_a_warning_needs_a_reason_then_keeps_it_with_the_score(
    client, city, two_cases
):
    case = two_cases[0]
    client.force_login(city.alice)
    note = "Sorry for the wait. The crew will come shortly."

    refused = client.post(status_url(case), {"status": "in_progress", "note": note})
    assert refused.status_code == 400
    assert 'data-code="vague_timeframe"' in refused.text
    assert "To send the note anyway, say why the warnings do not apply" in refused.text

    client.post(
        status_url(case),
        {"status": "in_progress", "note": note, "override_reason": "Crew has no date yet."},
    )

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    review = ReplyReview.objects.get(event__case=case)
    assert review.door == "status"
    assert review.event.kind == EventKind.STATUS_CHANGED
    assert review.event.body == note
    assert review.overridden == ["vague_timeframe"]
    assert review.override_reason == "Crew has no date yet."


def test_a_clean_status_note_is_sent_and_scored_and_no_note_is_not_coached(client, city, two_cases):
    noted, silent = two_cases
    client.force_login(city.alice)

    client.post(status_url(noted), {"status": "in_progress", "note": "Filled today."})
    client.post(status_url(silent), {"status": "in_progress", "note": ""})

    noted.refresh_from_db()
    silent.refresh_from_db()
    assert noted.status == silent.status == Status.IN_PROGRESS
    assert ReplyReview.objects.get().event.case == noted
    assert ReplyReview.objects.get().score == 100


def test_a_bulk_status_note_is_coached_per_case(client, city, two_cases):
    client.force_login(city.alice)

    refused = bulk(client, two_cases, action="status", status="in_progress", note="Soon [DATE]")
    assert "not updated: Fix what the coach marks" in refused.text

    bulk(client, two_cases, action="status", status="in_progress", note="Filled today.")

    assert ReplyReview.objects.filter(door="bulk").count() == 2


def test_a_move_the_lifecycle_refuses_is_told_before_the_coach(client, city, two_cases):
    case = two_cases[0]
    client.force_login(city.alice)

    response = client.post(
        status_url(case), {"status": "closed", "note": "Shortly [DATE]"}, follow=True
    )

    assert 'data-code="placeholder"' not in response.text
    case.refresh_from_db()
    assert case.status == Status.NEW


def test_the_rest_api_status_note_is_coached(client, city, two_cases):
    case = two_cases[0]
    _token, raw = api_token_create(user=city.alice, name="tests")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/cases/{case.tracking_number}/status"

    blocked = client.post(
        url,
        {"status": "in_progress", "note": "The crew comes on [DATE]."},
        content_type="application/json",
        **headers,
    )
    sent = client.post(
        url,
        {"status": "in_progress", "note": "The crew will come shortly."},
        content_type="application/json",
        **headers,
    )

    assert blocked.status_code == 400
    assert "placeholder" in blocked.json()["errors"]
    assert sent.status_code == 200
    review = ReplyReview.objects.get(event__case=case)
    assert review.door == "api"
    assert "vague_timeframe" in review.codes


def test_the_staff_menu_offers_training(client, city):
    client.force_login(city.alice)

    nav = client.get(reverse("workspace:queue")).text.split("<nav", 1)[1].split("</nav>", 1)[0]

    assert reverse("coaching:training") in nav


# --- Phone and walk-in intake resolved on first contact -----------------------------------


def test_a_first_contact_resolution_note_is_coached_and_scored(client, city):
    from tests.workspace.test_intake import INTAKE, new_request

    client.force_login(city.alice)

    blocked = client.post(
        INTAKE, new_request(city, answered="on", resolution_note="We will call you on [DATE].")
    )
    client.post(
        INTAKE,
        new_request(city, answered="on", resolution_note="Explained the repair schedule by phone."),
    )

    assert blocked.status_code == 400
    assert "Fix what the coach marks as blocking before sending" in blocked.text
    case = Case.objects.get()  # the blocked one saved nothing
    review = ReplyReview.objects.get(event__case=case)
    assert review.door == "intake"
    assert review.event.kind == EventKind.STATUS_CHANGED
