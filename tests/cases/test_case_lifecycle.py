"""Status transitions, reopening, assignment, transfer, merge and escalation."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cases.lifecycle import ALLOWED_TRANSITIONS, TransitionError, check_transition
from cases.models import CaseEvent, EventKind, Status
from cases.services import (
    CaseError,
    case_acknowledge,
    case_add_resident_message,
    case_assign,
    case_change_status,
    case_complete_step,
    case_escalate,
    case_merge,
    case_reopen,
    case_reply_publicly,
    case_transfer,
)
from tests.factories import make_case

NY = ZoneInfo("America/New_York")
MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=NY)


@pytest.fixture
def pothole_case(city):
    return make_case(city.pothole, resident=city.rita, address="12 Elm St", at=MONDAY)


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in Status.values for t in Status.values if t not in ALLOWED_TRANSITIONS[c]],
)
def test_every_transition_not_listed_is_refused(current, target):
    with pytest.raises(TransitionError):
        check_transition(current, target)


def test_unknown_status_is_refused_with_its_name():
    with pytest.raises(TransitionError, match="“lost”"):
        check_transition(Status.NEW, "lost")


def test_refused_transition_changes_nothing(city, pothole_case):
    with pytest.raises(CaseError, match="cannot become closed"):
        case_change_status(case=pothole_case, status=Status.CLOSED, by=city.alice)
    pothole_case.refresh_from_db()
    assert pothole_case.status == Status.NEW
    assert CaseEvent.objects.filter(case=pothole_case).count() == 1


def test_acknowledging_records_the_first_response_once(city, pothole_case):
    at = MONDAY + dt.timedelta(hours=2)
    case = case_acknowledge(case=pothole_case, by=city.alice, at=at)
    case = case_change_status(
        case=case, status=Status.IN_PROGRESS, by=city.alice, at=at + dt.timedelta(hours=1)
    )
    assert case.first_responded_at == at
    event = case.events.filter(kind=EventKind.STATUS_CHANGED).first()
    assert event.data == {"before": "new", "after": "acknowledged"}
    assert event.actor == city.alice


def test_reopening_a_resolved_case_counts_and_promises_a_new_date(city, pothole_case):
    case = case_change_status(
        case=pothole_case, status=Status.RESOLVED, by=city.alice, at=MONDAY + dt.timedelta(days=1)
    )
    reopened_at = dt.datetime(2026, 4, 1, 9, 0, tzinfo=NY)
    case = case_reopen(case=case, by=city.alice, reason="Still broken", at=reopened_at)
    assert case.status == Status.IN_PROGRESS
    assert case.reopen_count == 1
    assert case.resolved_at is None
    assert case.resolution_due > reopened_at
    assert case.events.last().kind == EventKind.REOPENED


def test_reopen_needs_a_reason(city, pothole_case):
    with pytest.raises(CaseError):
        case_reopen(case=pothole_case, by=city.alice, reason="  ")


def test_one_owner_who_must_work_in_the_department(city, pothole_case):
    case = case_assign(case=pothole_case, owner=city.alice, by=city.sam)
    assert case.owner == city.alice
    with pytest.raises(CaseError, match="does not work in Public Works"):
        case_assign(case=case, owner=city.bob, by=city.sam)
    assert case.events.filter(kind=EventKind.ASSIGNED).count() == 1


def test_transfer_keeps_the_case_and_its_history_and_releases_the_owner(city, pothole_case):
    case_assign(case=pothole_case, owner=city.alice, by=city.alice)
    case = case_transfer(
        case=pothole_case,
        to_department=city.parks,
        by=city.alice,
        note="Pothole is on the park path; Parks maintains it.",
    )
    assert case.department == city.parks
    assert case.owner is None
    assert case.tracking_number == pothole_case.tracking_number
    transfer = case.events.get(kind=EventKind.TRANSFERRED)
    assert transfer.body.startswith("Pothole is on the park path")
    assert transfer.data["before"] == "Public Works"
    assert transfer.is_public is False


def test_transfer_needs_a_handover_note(city, pothole_case):
    with pytest.raises(CaseError, match="handover note"):
        case_transfer(case=pothole_case, to_department=city.parks, by=city.alice, note="")


def test_merge_closes_the_duplicate_and_tells_its_resident_where_to_look(city, pothole_case):
    duplicate = make_case(city.pothole, resident=city.rosa, address="12 Elm Street", at=MONDAY)
    merged = case_merge(duplicate=duplicate, into=pothole_case, by=city.sam)
    assert merged.status == Status.CLOSED
    assert merged.merged_into == pothole_case
    notice = merged.events.get(kind=EventKind.MERGED)
    assert notice.is_public
    assert pothole_case.tracking_number in notice.body
    assert pothole_case.events.filter(kind=EventKind.MERGED).exists()
    with pytest.raises(CaseError, match="already merged"):
        case_merge(duplicate=duplicate, into=pothole_case, by=city.sam)
    with pytest.raises(CaseError, match="itself"):
        case_merge(duplicate=pothole_case, into=pothole_case, by=city.sam)


def test_resident_reply_puts_a_waiting_case_back_to_work(city, pothole_case):
    case_change_status(case=pothole_case, status=Status.WAITING_ON_RESIDENT, by=city.alice)
    case_add_resident_message(case=pothole_case, body="It is in front of number 12.")
    pothole_case.refresh_from_db()
    assert pothole_case.status == Status.IN_PROGRESS
    kinds = list(pothole_case.events.values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.RESIDENT_MESSAGE, EventKind.STATUS_CHANGED]


def test_public_reply_counts_as_first_response(city, pothole_case):
    at = MONDAY + dt.timedelta(hours=3)
    case_reply_publicly(case=pothole_case, by=city.alice, body="We are on it.", at=at)
    pothole_case.refresh_from_db()
    assert pothole_case.first_responded_at == at


def test_escalation_is_recorded_once(city, pothole_case):
    case = case_escalate(case=pothole_case, by=city.sam, reason="Third report this week")
    assert case.escalated
    with pytest.raises(CaseError, match="already escalated"):
        case_escalate(case=case, by=city.sam, reason="again")


def test_completing_a_step_records_whether_it_was_late(city, pothole_case):
    late = dt.datetime(2026, 3, 20, 9, 0, tzinfo=NY)
    step = case_complete_step(case=pothole_case, order=1, by=city.alice, at=late)
    assert step.completed_at == late
    assert pothole_case.events.get(kind=EventKind.STEP_COMPLETED).data["late"] is True
    with pytest.raises(CaseError, match="already done"):
        case_complete_step(case=pothole_case, order=1, by=city.alice)


def test_a_public_reply_to_a_new_case_acknowledges_it_without_a_second_message(city):
    from cases.models import OutboxMessage
    from cases.services import case_reply_publicly

    case = make_case(city.pothole, resident=city.rita, address="1 Elm")

    case_reply_publicly(case=case, by=city.alice, body="We are on it.")

    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED
    change = case.events.get(kind=EventKind.STATUS_CHANGED)
    assert (change.data, change.is_public) == ({"before": "new", "after": "acknowledged"}, True)
    assert OutboxMessage.objects.filter(case=case).count() == 1  # the reply alone


def test_a_public_reply_leaves_a_case_in_progress_as_it_is(city):
    from cases.services import case_change_status, case_reply_publicly

    case = make_case(city.pothole, resident=city.rita, address="1 Elm")
    case_change_status(case=case, status=Status.IN_PROGRESS, by=city.alice)

    case_reply_publicly(case=case, by=city.alice, body="Crew booked.")

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
