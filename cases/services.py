"""Every write to a case goes through these functions.

Each takes keyword arguments, runs in one transaction with the case row locked,
enforces the rules (cases/lifecycle.py), and appends the timeline event that is
also the audit trail. Views, API endpoints, channels and commands call these
and nothing else, so there is one place to look for how a case changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from calendars.arithmetic import WorkingCalendar
from calendars.services import working_calendar_for
from cases.errors import CaseError
from cases.hooks import case_finished
from cases.lifecycle import RESPONDED_STATUSES, check_transition, is_reopen
from cases.models import PUBLISHED, Case, CaseEvent, CaseStep, Channel, EventKind, Status
from cases.outbox import outbox_add
from cases.permissions import Action, check
from cases.promises import promise_for
from cases.tracking import new_tracking_number
from catalogue.answers import clean_answers
from catalogue.models import Service, ServiceStandard
from organisations.models import Department
from residents.models import Resident

MAX_DESCRIPTION = 10_000
MAX_ADDRESS = 300  # Case.address
MAX_ZIPCODE = 12  # Case.zipcode
_TRACKING_ATTEMPTS = 5


__all__ = ["CaseError"]  # re-exported: the doors catch it from here


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return "CivicDesk"
    return str(actor)


def _record(
    case: Case,
    kind: str,
    *,
    actor: User | None = None,
    actor_label: str | None = None,
    body: str = "",
    data: Mapping[str, Any] | None = None,
    is_public: bool = False,
    at: dt.datetime,
    tell_resident: bool = True,
) -> CaseEvent:
    """Append a timeline event; a public one the resident is told about also writes
    its outbox row here, in the same transaction (cases/outbox.py)."""
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        actor_label=actor_label if actor_label is not None else _actor_label(actor),
        body=body,
        data=dict(data or {}),
        is_public=is_public,
        created_at=at,
    )
    if tell_resident:
        outbox_add(case=case, event=event)
    return event


def _locked(case: Case) -> Case:
    """Re-read the case under a row lock so concurrent changes serialise."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _clean_coordinate(value: Any, name: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({name: _("Enter a number of degrees, like 40.7128.")}) from None
    if not number.is_finite() or abs(number) > limit:
        raise ValidationError(
            {name: _("Must be between -%(limit)d and %(limit)d.") % {"limit": limit}}
        )
    return number.quantize(Decimal("0.000001"))


def _without_nul(text: str | None) -> str:
    """PostgreSQL cannot store NUL in text; every channel feeds this, so drop it here."""
    return (text or "").replace("\x00", "")


@dataclass(frozen=True)
class CaseInput:
    """What case_validate accepted: the values a case is written with."""

    description: str
    answers: dict[str, Any]
    address: str
    zipcode: str
    lat: Decimal | None
    long: Decimal | None


def case_validate(
    *,
    service: Service,
    channel: str,
    description: str = "",
    answers: Mapping[str, Any] | None = None,
    resident_given: bool,
    address: str = "",
    zipcode: str = "",
    lat: Any = None,
    long: Any = None,
) -> CaseInput:
    """Check a new case's input without writing anything; raise ValidationError by field.

    case_create runs this first; a queued intake (open311.intake) runs it when the
    request arrives, so a client learns of a mistake at once, not when it is filed.
    """
    errors: dict[str, Any] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Unknown channel “%(channel)s”.") % {"channel": channel}
    if not service.is_active:
        errors["service"] = _("This service is not taking requests.")
    description = _without_nul(description).strip()
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = _("Keep the description under %(n)d characters.") % {
            "n": MAX_DESCRIPTION
        }
    try:
        cleaned_answers = clean_answers(service, answers or {})
    except ValidationError as exc:
        errors.update(exc.message_dict)
        cleaned_answers = {}
    try:
        lat_value = _clean_coordinate(lat, "lat", 90)
        long_value = _clean_coordinate(long, "long", 180)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        lat_value = long_value = None
    if (lat_value is None) != (long_value is None) and "lat" not in errors and "long" not in errors:
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    address = _without_nul(address).strip()
    if len(address) > MAX_ADDRESS:
        # Said, not cut: a cut address sends the crew to the wrong place.
        errors["address"] = _("Keep the address under %(n)d characters.") % {"n": MAX_ADDRESS}
    zipcode = _without_nul(zipcode).strip()
    if len(zipcode) > MAX_ZIPCODE:
        errors["zipcode"] = _("Keep the ZIP code under %(n)d characters.") % {"n": MAX_ZIPCODE}
    if service.needs_location and not address and lat_value is None and "lat" not in errors:
        errors["address"] = _("Tell us where: an address or a point on the map.")
    if not resident_given and not service.allows_anonymous:
        errors["resident"] = _("This service needs your contact details so we can follow up.")
    if errors:
        raise ValidationError(errors)
    return CaseInput(
        description=description,
        answers=cleaned_answers,
        address=address,
        zipcode=zipcode,
        lat=lat_value,
        long=long_value,
    )


def case_create(
    *,
    service: Service,
    channel: str,
    description: str = "",
    answers: Mapping[str, Any] | None = None,
    resident: Resident | None = None,
    address: str = "",
    zipcode: str = "",
    lat: Any = None,
    long: Any = None,
    actor: User | None = None,
    at: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    held_for_payment_until: dt.datetime | None = None,
) -> Case:
    """Open a case with its promised dates and a first timeline entry.

    `held_for_payment_until` (a service with a fee, payments/services.py): the case waits
    on the resident until paid, its promise counted as if paid at that instant, the
    latest it can be; `case_release_payment_hold` starts the clock when the money comes.

    Raises ValidationError (keyed by field or question code) for bad input; nothing
    is saved in that case. The new case carries `next_step_name` / `next_step_due`
    (as the selectors annotate them) and its service knows its standard, so callers
    can describe the promise without reading the case back.
    """
    at = at or timezone.now()
    given = case_validate(
        service=service,
        channel=channel,
        description=description,
        answers=answers,
        resident_given=resident is not None,
        address=address,
        zipcode=zipcode,
        lat=lat,
        long=long,
    )

    standard = ServiceStandard.objects.filter(service=service).first()
    steps = list(standard.steps.all()) if standard else []
    calendar = calendar or working_calendar_for(service.jurisdiction)
    promise = promise_for(
        standard=standard,
        steps=steps,
        calendar=calendar,
        received_at=max(at, held_for_payment_until or at),
    )
    held = held_for_payment_until is not None

    for attempt in range(_TRACKING_ATTEMPTS):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    tracking_number=new_tracking_number(),
                    jurisdiction_id=service.jurisdiction_id,
                    service=service,
                    description=given.description,
                    answers=given.answers,
                    address=given.address,
                    zipcode=given.zipcode,
                    lat=given.lat,
                    long=given.long,
                    channel=channel,
                    resident=resident,
                    status=Status.WAITING_ON_RESIDENT if held else Status.NEW,
                    priority=standard.priority if standard else "normal",
                    department_id=service.department_id,
                    created_at=at,
                    updated_at=at,
                    first_response_due=promise.first_response_due,
                    resolution_due=promise.resolution_due,
                )
                CaseStep.objects.bulk_create(
                    CaseStep(case=case, order=s.order, name=s.name, due_at=s.due_at)
                    for s in promise.steps
                )
                _record(
                    case,
                    EventKind.CREATED,
                    actor=actor,
                    actor_label=None if actor else (str(resident) if resident else _("Resident")),
                    is_public=True,
                    at=at,
                    data={
                        "channel": channel,
                        "service": service.service_code,
                        "resolution_due": promise.resolution_due.isoformat(),
                        **({"awaiting_payment": True} if held else {}),
                    },
                )
                first_step = promise.steps[0] if promise.steps else None
                # The attributes open311.selectors annotates (hence not declared on Case).
                vars(case).update(
                    next_step_name=first_step.name if first_step else None,
                    next_step_due=first_step.due_at if first_step else None,
                )
                Service.standard.related.set_cached_value(service, standard)
                return case
        except IntegrityError:
            # A tracking-number collision (about one in 10**8 at NYC scale): draw again.
            if attempt == _TRACKING_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def case_change_status(
    *,
    case: Case,
    status: str,
    by: User | None,
    note: str = "",
    at: dt.datetime | None = None,
    tell_resident: bool = True,
    publish: bool = False,
) -> Case:
    """Move a case to a new status; reopening and first response are handled here.

    The resident is told (the outbox) unless `tell_resident` is False, as when their
    own message moves the case on. `publish` marks the note as written for
    publication: only such notes appear in public reads (Open311); a note to the
    resident may name them.
    """
    at = at or timezone.now()
    case = _locked(case)
    check(by, Action.CHANGE_STATUS, case)
    try:
        check_transition(case.status, status)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    before = case.status
    reopening = is_reopen(before, status)
    case.status = status
    case.updated_at = at
    if status in RESPONDED_STATUSES and case.first_responded_at is None:
        case.first_responded_at = at
    if status == Status.RESOLVED:
        case.resolved_at = at
    if status in (Status.CLOSED, Status.DECLINED):
        case.closed_at = at
        if status == Status.DECLINED:
            case.resolved_at = case.resolved_at or at
    if reopening:
        case.reopen_count += 1
        case.resolved_at = None
        case.closed_at = None
        _repromise_resolution(case, at)
    if publish and note.strip():
        case.public_note = note.strip()
    case.save()
    _record(
        case,
        EventKind.REOPENED if reopening else EventKind.STATUS_CHANGED,
        actor=by,
        body=note.strip(),
        is_public=True,
        data={
            "before": before,
            "after": status,
            **({PUBLISHED: True} if publish and note.strip() else {}),
        },
        at=at,
        tell_resident=tell_resident,
    )
    if status in (Status.RESOLVED, Status.CLOSED):
        case_finished(case=case, at=at)  # e.g. the satisfaction survey (cases/hooks.py)
    return case


def _repromise_resolution(case: Case, at: dt.datetime) -> None:
    """A reopened case gets a fresh, honest resolution date counted from the reopen."""
    standard = ServiceStandard.objects.filter(service_id=case.service_id).first()
    calendar = working_calendar_for(case.jurisdiction)
    promise = promise_for(standard=standard, steps=[], calendar=calendar, received_at=at)
    case.resolution_due = promise.resolution_due


def case_acknowledge(
    *, case: Case, by: User, note: str = "", at: dt.datetime | None = None
) -> Case:
    return case_change_status(case=case, status=Status.ACKNOWLEDGED, by=by, note=note, at=at)


@transaction.atomic
def case_assign(*, case: Case, owner: User | None, by: User, at: dt.datetime | None = None) -> Case:
    """Give the case one owner (or none). The owner must work in the case's department."""
    at = at or timezone.now()
    case = _locked(case)
    giving = owner is not None and by is not None and owner.pk != by.pk
    check(by, Action.REASSIGN if giving else Action.TAKE, case)
    if owner is not None and not owner.departments.filter(pk=case.department_id).exists():
        raise CaseError(
            _("%(user)s does not work in %(department)s; transfer the case first.")
            % {"user": owner, "department": case.department}
        )
    if case.owner_id == (owner.pk if owner else None):
        return case
    before = str(case.owner) if case.owner_id else None
    case.owner = owner
    case.updated_at = at
    case.save(update_fields=["owner", "updated_at"])
    _record(
        case,
        EventKind.ASSIGNED,
        actor=by,
        at=at,
        data={"before": before, "after": str(owner) if owner else None},
    )
    return case


@transaction.atomic
def case_transfer(
    *, case: Case, to_department: Department, by: User, note: str, at: dt.datetime | None = None
) -> Case:
    """Hand the case to another department with a handover note; the owner is released.

    The resident keeps one case and one tracking number; all context stays on it.
    """
    at = at or timezone.now()
    note = (note or "").strip()
    if not note:
        raise CaseError(_("Write a handover note so the next team has the context."))
    case = _locked(case)
    check(by, Action.TRANSFER, case)
    if to_department.pk == case.department_id:
        raise CaseError(
            _("The case is already with %(department)s.") % {"department": to_department}
        )
    if to_department.jurisdiction_id != case.jurisdiction_id:
        raise CaseError(_("Cases can only move between departments of the same jurisdiction."))
    before = str(case.department)
    case.department = to_department
    case.owner = None
    case.updated_at = at
    case.save(update_fields=["department", "owner", "updated_at"])
    _record(
        case,
        EventKind.TRANSFERRED,
        actor=by,
        body=note,
        at=at,
        data={"before": before, "after": str(to_department), "to_department_id": to_department.pk},
    )
    return case


@transaction.atomic
def case_add_internal_note(
    *, case: Case, by: User | None, body: str, at: dt.datetime | None = None
) -> CaseEvent:
    body = (body or "").strip()
    if not body:
        raise CaseError(_("The note is empty."))
    at = at or timezone.now()
    case = _locked(case)
    check(by, Action.ADD_NOTE, case)
    case.updated_at = at
    case.save(update_fields=["updated_at"])
    return _record(case, EventKind.INTERNAL_NOTE, actor=by, body=body, at=at)


@transaction.atomic
def case_reply_publicly(
    *, case: Case, by: User, body: str, at: dt.datetime | None = None
) -> CaseEvent:
    """A reply the resident sees (delivery by their channel is the channels app's job)."""
    body = (body or "").strip()
    if not body:
        raise CaseError(_("The reply is empty."))
    at = at or timezone.now()
    case = _locked(case)
    check(by, Action.REPLY, case)
    case.updated_at = at
    fields = ["updated_at"]
    if case.first_responded_at is None:
        case.first_responded_at = at
        fields.append("first_responded_at")
    answered_new = case.status == Status.NEW
    if answered_new:
        # Someone has answered: the resident must not read "New" any more (issue 11).
        case.status = Status.ACKNOWLEDGED
        fields.append("status")
    case.save(update_fields=fields)
    reply = _record(case, EventKind.PUBLIC_REPLY, actor=by, body=body, is_public=True, at=at)
    if answered_new:
        # On the timeline like any status change; the reply itself tells the resident.
        _record(
            case,
            EventKind.STATUS_CHANGED,
            actor=by,
            data={"before": Status.NEW, "after": Status.ACKNOWLEDGED},
            is_public=True,
            at=at,
            tell_resident=False,
        )
    return reply


@transaction.atomic
def case_add_resident_message(
    *, case: Case, body: str, label: str = "", at: dt.datetime | None = None
) -> CaseEvent:
    """The resident adds information; a case waiting on them goes back to work."""
    body = (body or "").strip()
    if not body:
        raise CaseError(_("The message is empty."))
    at = at or timezone.now()
    case = _locked(case)
    if case.merged_into_id:
        raise CaseError(
            _("This request was merged into %(number)s; please reply there.")
            % {"number": case.merged_into.tracking_number if case.merged_into else ""}
        )
    event = _record(
        case,
        EventKind.RESIDENT_MESSAGE,
        actor_label=label or (str(case.resident) if case.resident_id else _("Resident")),
        body=body,
        is_public=True,
        at=at,
    )
    if case.status == Status.WAITING_ON_RESIDENT and not case.awaits_payment:
        case_change_status(
            case=case,
            status=Status.IN_PROGRESS,
            by=None,
            at=at,
            note=_("The resident replied."),
            tell_resident=False,
        )
    else:
        case.updated_at = at
        case.save(update_fields=["updated_at"])
    return event


def _merge_notice(duplicate: Case, into_number: str) -> str:
    """The merge notice in the duplicate's resident's language, not the staff member's."""
    resident = duplicate.resident
    language = getattr(resident, "preferred_language", "") or translation.get_language()
    with translation.override(language):
        return _(
            "This request is the same as %(number)s. We have joined them: this page now "
            "shows the progress of %(number)s, and you can also track %(number)s with "
            "your own email or phone."
        ) % {"number": into_number}


@transaction.atomic
def case_merge(*, duplicate: Case, into: Case, by: User, at: dt.datetime | None = None) -> Case:
    """Close `duplicate` as a copy of `into`; its resident is told where the work goes on."""
    at = at or timezone.now()
    if duplicate.pk == into.pk:
        raise CaseError(_("A case cannot be merged into itself."))
    # Lock both rows in id order so two opposite merges cannot deadlock.
    first, second = sorted([duplicate.pk, into.pk])
    locked = {c.pk: c for c in Case.objects.select_for_update().filter(pk__in=[first, second])}
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    check(by, Action.MERGE, duplicate)
    check(by, Action.MERGE, into)
    if duplicate.merged_into_id:
        raise CaseError(_("%(number)s was already merged.") % {"number": duplicate.tracking_number})
    if into.merged_into_id:
        raise CaseError(
            _("%(number)s was itself merged; merge into the case it went to.")
            % {"number": into.tracking_number}
        )
    if into.jurisdiction_id != duplicate.jurisdiction_id:
        raise CaseError(_("Cases of different jurisdictions cannot be merged."))
    before = duplicate.status
    duplicate.merged_into = into
    duplicate.status = Status.CLOSED
    duplicate.closed_at = at
    duplicate.updated_at = at
    duplicate.first_responded_at = duplicate.first_responded_at or at
    duplicate.save()
    into.updated_at = at
    into.save(update_fields=["updated_at"])
    _record(
        duplicate,
        EventKind.MERGED,
        actor=by,
        is_public=True,
        at=at,
        body=_merge_notice(duplicate, into.tracking_number),
        data={"before": before, "after": Status.CLOSED, "merged_into": into.tracking_number},
    )
    _record(
        into,
        EventKind.MERGED,
        actor=by,
        at=at,
        body=_("%(number)s was merged into this case.") % {"number": duplicate.tracking_number},
        data={"merged_from": duplicate.tracking_number},
    )
    return duplicate


def case_reopen(*, case: Case, by: User | None, reason: str, at: dt.datetime | None = None) -> Case:
    if not (reason or "").strip():
        raise CaseError(_("Say why the case is reopened."))
    if case.merged_into_id:
        raise CaseError(_("A merged case cannot be reopened; reopen the case it was merged into."))
    return case_change_status(case=case, status=Status.IN_PROGRESS, by=by, note=reason, at=at)


@transaction.atomic
def case_set_priority(
    *, case: Case, priority: str, by: User | None, reason: str, at: dt.datetime | None = None
) -> Case:
    """Change the case's priority, with why, as a staff-only timeline entry
    (engagement raises it when many residents say "me too")."""
    from catalogue.models import Priority

    if priority not in Priority.values:
        raise CaseError(_("Unknown priority “%(priority)s”.") % {"priority": priority})
    at = at or timezone.now()
    case = _locked(case)
    check(by, Action.CHANGE_STATUS, case)
    before = case.priority
    if before == priority:
        return case
    case.priority = priority
    case.updated_at = at
    case.save(update_fields=["priority", "updated_at"])
    _record(
        case,
        EventKind.INTERNAL_NOTE,
        actor=by,
        body=_("Priority %(before)s → %(after)s: %(reason)s")
        % {
            "before": Priority(before).label.lower(),
            "after": Priority(priority).label.lower(),
            "reason": reason.strip(),
        },
        at=at,
        data={"priority": {"before": before, "after": priority}},
    )
    return case


@transaction.atomic
def case_escalate(*, case: Case, by: User, reason: str, at: dt.datetime | None = None) -> Case:
    """Flag the case for a supervisor's attention, with why."""
    reason = (reason or "").strip()
    if not reason:
        raise CaseError(_("Say why the case needs a supervisor."))
    at = at or timezone.now()
    case = _locked(case)
    check(by, Action.ESCALATE, case)
    if case.escalated:
        raise CaseError(_("The case is already escalated."))
    case.escalated = True
    case.updated_at = at
    case.save(update_fields=["escalated", "updated_at"])
    _record(
        case,
        EventKind.ESCALATED,
        actor=by,
        body=reason,
        at=at,
        data={"before": False, "after": True},
    )
    return case


@transaction.atomic
def case_complete_step(
    *, case: Case, order: int, by: User | None, at: dt.datetime | None = None
) -> CaseStep:
    at = at or timezone.now()
    case = _locked(case)
    check(by, Action.COMPLETE_STEP, case)
    step = CaseStep.objects.select_for_update().filter(case=case, order=order).first()
    if step is None:
        raise CaseError(_("This case has no step %(order)d.") % {"order": order})
    if step.completed_at is not None:
        raise CaseError(_("“%(step)s” is already done.") % {"step": step.name})
    step.completed_at = at
    step.save(update_fields=["completed_at"])
    case.updated_at = at
    case.save(update_fields=["updated_at"])
    _record(
        case,
        EventKind.STEP_COMPLETED,
        actor=by,
        is_public=True,
        at=at,
        body=step.name,
        data={"step": order, "due_at": step.due_at.isoformat(), "late": at > step.due_at},
    )
    return step


@transaction.atomic
def case_attach_resident(*, case: Case, resident: Any, at: dt.datetime | None = None) -> Case:
    """Give a case sent without contact details its resident (a kiosk text receipt).

    Only a case with no resident yet: nobody can take over someone else's request.
    """
    at = at or timezone.now()
    case = _locked(case)
    if case.resident_id is not None:
        raise CaseError(_("This request already has contact details."))
    case.resident = resident
    case.updated_at = at
    case.save(update_fields=["resident", "updated_at"])
    return case


@transaction.atomic
def case_record_payment(
    *, case_id: int, provider: str, body: str, data: Mapping[str, Any], at: dt.datetime
) -> CaseEvent:
    """A payment or refund on the case's timeline (payments/): public, so the resident
    sees it on the case, but not a message (the receipt is its own message)."""
    case = _locked(Case.objects.get(pk=case_id))
    case.updated_at = at
    case.save(update_fields=["updated_at"])
    return _record(
        case,
        EventKind.PAYMENT,
        actor_label=provider,
        body=body,
        data=data,
        is_public=True,
        at=at,
        tell_resident=False,
    )


@transaction.atomic
def case_release_payment_hold(*, case: Case, note: str, at: dt.datetime | None = None) -> bool:
    """The fee is paid: the case goes to its team as new, its promise counted from now.

    False when the case no longer waits for payment (declined, or staff took it on).
    The resident is told the new status and promised date through the outbox.
    """
    at = at or timezone.now()
    case = _locked(case)
    if not case.awaits_payment:
        return False
    standard = ServiceStandard.objects.filter(service_id=case.service_id).first()
    steps = list(standard.steps.all()) if standard else []
    promise = promise_for(
        standard=standard,
        steps=steps,
        calendar=working_calendar_for(case.jurisdiction),
        received_at=at,
    )
    before = case.status
    case.status = Status.NEW
    case.first_response_due = promise.first_response_due
    case.resolution_due = promise.resolution_due
    case.updated_at = at
    case.save(update_fields=["status", "first_response_due", "resolution_due", "updated_at"])
    for step in promise.steps:
        CaseStep.objects.filter(case=case, order=step.order).update(due_at=step.due_at)
    _record(
        case,
        EventKind.STATUS_CHANGED,
        body=note.strip(),
        is_public=True,
        data={"before": before, "after": Status.NEW, "paid": True},
        at=at,
    )
    return True


SURVEY_COMMENT_MAX = 1000


@transaction.atomic
def case_survey_answered(
    *,
    case: Case,
    score: int,
    resolved: bool | None,
    comment: str = "",
    channel: str,
    summary: str = "",
    at: dt.datetime | None = None,
) -> Case:
    """Put the resident's survey answer on the timeline; "not resolved" sends it back.

    The public event holds only the score and the yes/no (Open311 and the tracking
    page may show it); the resident's comment is theirs and goes on a staff-only
    note. A "not resolved" answer reopens a resolved or closed case with a fresh
    promised date; a case that cannot be reopened (already back at work, or merged
    into another) is flagged for a supervisor instead.
    """
    at = at or timezone.now()
    comment = _without_nul(comment).strip()[:SURVEY_COMMENT_MAX]
    case = _locked(case)
    _record(
        case,
        EventKind.SURVEY_ANSWERED,
        actor_label=_("Resident"),
        body=summary,
        is_public=True,
        at=at,
        data={"score": score, "resolved": resolved, "channel": channel},
    )
    if comment:
        _record(
            case,
            EventKind.INTERNAL_NOTE,
            actor_label=_("Resident"),
            body=_("Survey comment from the resident: %(comment)s") % {"comment": comment},
            at=at,
        )
    if resolved is False:
        reason = _("The resident answered the satisfaction survey: the problem is not resolved.")
        if not case.merged_into_id and is_reopen(case.status, Status.IN_PROGRESS):
            case = case_change_status(
                case=case, status=Status.IN_PROGRESS, by=None, note=reason, at=at
            )
        elif not case.escalated:
            case.escalated = True
            case.updated_at = at
            case.save(update_fields=["escalated", "updated_at"])
            _record(
                case,
                EventKind.ESCALATED,
                body=reason,
                at=at,
                data={"before": False, "after": True, "survey": True},
            )
    case.updated_at = max(case.updated_at, at)
    case.save(update_fields=["updated_at"])
    return case
