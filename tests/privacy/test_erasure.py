"""Erasure removes a resident's personal data everywhere; statistics and audit trail stay."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.db import DatabaseError, connection, transaction

from cases.models import Case, CaseEvent, EventKind, Status
from privacy.models import RequestKind, RequestStatus, RequestVia
from privacy.services import (
    PrivacyError,
    data_request_complete,
    data_request_open,
    legal_hold_place,
    resident_erase,
)
from residents.models import Resident
from tests.privacy.conftest import T0, everything_about

AT = T0 + dt.timedelta(days=30)
PERSONAL = ["Rosa", "Díaz", "rosa@example.org", "+15555550101", "12 Elm Street", "my house"]


@pytest.mark.django_db
def test_erasure_leaves_no_trace_of_the_resident_on_their_case(rosas_case):
    rosa = rosas_case.city.rosa

    resident_erase(resident=rosa, by=rosas_case.city.ada, reason="Erasure #1", at=AT)

    held = everything_about(rosas_case.case)
    assert [word for word in PERSONAL if word in held] == []


@pytest.mark.django_db
def test_erasure_keeps_what_the_statistics_need(rosas_case):
    resident_erase(resident=rosas_case.city.rosa, by=None, reason="Erasure #1", at=AT)

    case = Case.objects.get(pk=rosas_case.case.pk)
    assert case.status == Status.RESOLVED
    assert case.service == rosas_case.city.pothole
    assert case.zipcode == "12345"
    assert (str(case.lat), str(case.long)) == ("40.712000", "-74.007000")
    assert case.resolved_at is not None


@pytest.mark.django_db
def test_the_timeline_keeps_every_entry_and_lists_what_was_redacted_with_digests(rosas_case):
    case = rosas_case.case
    before = {e.pk: e for e in case.events.all()}

    resident_erase(
        resident=rosas_case.city.rosa, by=rosas_case.city.ada, reason="Erasure #1", at=AT
    )

    after = {e.pk: e for e in case.events.all()}
    assert set(before) < set(after)
    redaction = [e for e in after.values() if e.kind == EventKind.REDACTED]
    assert len(redaction) == 1
    assert redaction[0].body == "Erasure #1"
    reply = next(e for e in before.values() if e.kind == EventKind.PUBLIC_REPLY)
    original = {"actor_label": reply.actor_label, "body": reply.body, "data": reply.data}
    digest = hashlib.sha256(
        json.dumps(original, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    assert redaction[0].data["entries"][str(reply.pk)] == digest
    assert after[reply.pk].kind == reply.kind
    assert after[reply.pk].created_at == reply.created_at
    assert after[reply.pk].redacted_at == AT


@pytest.mark.django_db
def test_the_resident_record_names_and_reaches_nobody_and_their_account_is_gone(
    rosas_case, django_user_model
):
    rosa = rosas_case.city.rosa
    rosa.user = django_user_model.objects.create_user("rosa-account", "rosa@example.org", "x" * 14)
    rosa.save()

    resident_erase(resident=rosa, by=None, reason="Erasure #1", at=AT)

    rosa = Resident.objects.get(pk=rosa.pk)
    assert (rosa.full_name, rosa.email, rosa.phone, rosa.preferred_channel) == ("", "", "", "none")
    assert rosa.user_id is None
    assert not django_user_model.objects.filter(username="rosa-account").exists()


@pytest.mark.django_db
def test_other_residents_are_untouched(rosas_case):
    from tests.factories import make_case

    rita_case = make_case(
        rosas_case.city.pothole,
        resident=rosas_case.city.rita,
        description="Rita's pothole",
        address="1 Oak Road",
    )

    resident_erase(resident=rosas_case.city.rosa, by=None, reason="Erasure #1", at=AT)

    rita_case.refresh_from_db()
    assert rita_case.description == "Rita's pothole"
    assert Resident.objects.get(pk=rosas_case.city.rita.pk).email == "rita@example.org"


@pytest.mark.django_db
def test_a_legal_hold_on_one_of_their_cases_stops_erasure_and_changes_nothing(rosas_case):
    legal_hold_place(case=rosas_case.case, reason="Claim 2024-117", by=rosas_case.city.ada, at=AT)

    with pytest.raises(PrivacyError, match="legal hold"):
        resident_erase(resident=rosas_case.city.rosa, by=None, reason="Erasure #1", at=AT)

    assert "rosa@example.org" in everything_about(rosas_case.case)


@pytest.mark.django_db
def test_a_phone_request_needs_the_identity_check_recorded(rosas_case):
    request = data_request_open(
        resident=rosas_case.city.rosa, kind=RequestKind.ERASURE, via=RequestVia.PHONE, at=AT
    )

    with pytest.raises(PrivacyError, match="how you checked"):
        data_request_complete(request=request, identity_check="  ", by=rosas_case.city.ada, at=AT)

    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert "rosa@example.org" in everything_about(rosas_case.case)


@pytest.mark.django_db
def test_a_checked_phone_request_erases_and_records_who_and_how(rosas_case):
    request = data_request_open(
        resident=rosas_case.city.rosa, kind=RequestKind.ERASURE, via=RequestVia.PHONE, at=AT
    )

    data_request_complete(
        request=request, identity_check="Called back on the number on file", by=rosas_case.city.ada
    )

    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    assert request.handled_by == rosas_case.city.ada
    assert request.identity_check == "Called back on the number on file"
    assert "rosa@example.org" not in everything_about(rosas_case.case)


@pytest.mark.django_db
def test_a_held_erasure_request_is_refused_with_the_reason(rosas_case):
    legal_hold_place(resident=rosas_case.city.rosa, reason="Subpoena 88", by=rosas_case.city.ada)
    request = data_request_open(
        resident=rosas_case.city.rosa, kind=RequestKind.ERASURE, via=RequestVia.ACCOUNT
    )

    data_request_complete(request=request, identity_check="", by=None)

    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    assert "Subpoena 88" in request.outcome
    assert "rosa@example.org" in everything_about(rosas_case.case)


@pytest.mark.django_db
def test_the_database_still_refuses_any_other_change_to_the_timeline(rosas_case):
    event = rosas_case.case.events.first()
    assert event is not None

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_caseevent SET body = 'rewritten' WHERE id = %s", [event.pk])


@pytest.mark.django_db
def test_a_redacted_entry_can_never_change_again(rosas_case):
    resident_erase(resident=rosas_case.city.rosa, by=None, reason="Erasure #1", at=AT)
    event = CaseEvent.objects.filter(redacted_at__isnull=False).first()
    assert event is not None

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_caseevent SET body = 'again', redacted_at = %s WHERE id = %s",
            [AT + dt.timedelta(days=1), event.pk],
        )
