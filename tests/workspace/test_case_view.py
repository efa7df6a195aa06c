"""The case view: what it shows, every action as a plain POST, and constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseEvent, EventKind, Status
from cases.services import case_add_internal_note
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(city):
    return factories.make_case(
        city.pothole,
        resident=city.rita,
        address="14 Elm Street",
        lat="40.712800",
        long="-74.006000",
        answers={"size": "large", "notes": "Near the school"},
    )


def url(case, action=""):
    if action:
        return reverse("workspace:case_action", args=[case.tracking_number, action])
    return reverse("workspace:case", args=[case.tracking_number])


def test_case_page_shows_answers_with_labels_dates_steps_and_map(city, login, case):
    response = login(city.alice).get(url(case))

    text = response.text
    assert "How big is it?" in text
    assert "Large" in text
    assert "Anything else?" in text
    assert "Near the school" in text
    assert "We inspect the site" in text
    assert "We fill the pothole" in text
    assert "40.712800, -74.006000" in text
    assert "openstreetmap.org/?mlat=40.712800" in text
    assert "First response" in text
    assert "Resolution" in text


def test_case_page_lists_the_residents_other_visible_cases(city, login, case):
    older = factories.make_case(city.pothole, resident=city.rita, address="Elsewhere")
    hidden = factories.make_case(city.shelter, resident=city.rita)

    text = login(city.alice).get(url(case)).text

    assert older.tracking_number in text
    assert hidden.tracking_number not in text
    assert "rita@example.org" in text


def test_lowercase_tracking_number_redirects_to_the_canonical_page(city, login, case):
    response = login(city.alice).get(f"/staff/cases/{case.tracking_number.lower()}/")

    assert response.status_code == 302
    assert response["Location"] == url(case)


def test_acknowledge_take_note_and_step(city, login, case):
    alice = login(city.alice)

    alice.post(url(case, "acknowledge"))
    alice.post(url(case, "take"))
    alice.post(url(case, "note"), {"body": "Crew booked for Tuesday"})
    alice.post(url(case, "step"), {"order": "1"})

    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED
    assert case.owner == city.alice
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[-4:] == [
        EventKind.STATUS_CHANGED,
        EventKind.ASSIGNED,
        EventKind.INTERNAL_NOTE,
        EventKind.STEP_COMPLETED,
    ]
    assert case.steps.get(order=1).completed_at is not None


def test_rule_errors_are_shown_to_the_user_not_raised(city, login, case):
    alice = login(city.alice)

    empty_note = alice.post(url(case, "note"), {"body": "  "}, follow=True)
    bad_status = alice.post(url(case, "status"), {"status": "closed"}, follow=True)
    no_department = alice.post(url(case, "transfer"), {"note": "x"}, follow=True)

    assert "The note is empty." in empty_note.text
    assert "A case that is new cannot become closed." in bad_status.text
    assert "Choose the department to transfer to." in no_department.text


def test_user_text_is_escaped_on_the_case_page(city, login, case):
    case_add_internal_note(case=case, by=city.alice, body="<script>alert(1)</script>")

    text = login(city.alice).get(url(case)).text

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_transfer_keeps_the_context_and_leaves_the_agents_queue(city, login, case):
    # Given Alice owns the case and it has a note
    alice = login(city.alice)
    alice.post(url(case, "take"))
    alice.post(url(case, "note"), {"body": "Resident says it is a water leak"})

    # When she transfers it to Parks with a handover note
    response = alice.post(
        url(case, "transfer"), {"department": city.parks.pk, "note": "Tree roots, not asphalt"}
    )

    # Then it is the same case, with its history, owned by nobody in Parks
    assert response["Location"] == reverse("workspace:queue")
    case.refresh_from_db()
    assert (case.department, case.owner) == (city.parks, None)
    bob_page = login(city.bob).get(url(case)).text
    assert "Resident says it is a water leak" in bob_page
    assert "Tree roots, not asphalt" in bob_page
    assert login(city.alice).get(url(case)).status_code == 404


def test_merge_tells_the_duplicates_resident_in_their_language(
    city, login, case, django_capture_on_commit_callbacks
):
    # Given Rosa (Spanish, SMS) reported the same pothole
    duplicate = factories.make_case(city.pothole, resident=city.rosa, address="14 Elm St")

    # When Sam merges her report into Rita's
    with django_capture_on_commit_callbacks(execute=True):
        login(city.sam).post(
            url(duplicate, "merge"), {"into": case.tracking_number, "confirm": "yes"}
        )

    # Then her case points to the master and she got a Spanish text naming it
    duplicate.refresh_from_db()
    assert duplicate.merged_into == case
    assert duplicate.status == Status.CLOSED
    from messaging.models import SmsMessageRecord

    text = SmsMessageRecord.objects.get(case=duplicate).body
    assert case.tracking_number in text
    assert "hemos unido" in text


def test_reopen_and_status_change_through_forms(city, login, case):
    alice = login(city.alice)
    alice.post(url(case, "status"), {"status": "resolved", "note": "Filled today."})
    case.refresh_from_db()
    assert case.status == Status.RESOLVED

    alice.post(url(case, "reopen"), {"reason": "It opened up again"})

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.reopen_count == 1


def test_case_page_runs_a_constant_number_of_queries(city, login, case, django_assert_num_queries):
    alice = login(city.alice)
    for n in range(3):
        case_add_internal_note(case=case, by=city.alice, body=f"note {n}")
        factories.make_case(city.pothole, resident=city.rita, address=f"{n} Oak")
    with CaptureQueriesContext(connection) as captured:
        alice.get(url(case))
    with_three = len(captured)

    for n in range(30):
        case_add_internal_note(case=case, by=city.sam, body=f"more {n}")
    for n in range(7):
        factories.make_case(city.pothole, resident=city.rita, address=f"{n} Pine")
    with django_assert_num_queries(with_three):
        response = alice.get(url(case))

    assert response.text.count("event-internal_note") == 33
    assert CaseEvent.objects.filter(case=case).count() > 30
