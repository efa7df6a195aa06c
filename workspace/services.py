"""Workspace actions: each calls cases/services.py and tells whoever must be told.

Views stay thin: they parse a form and call one function here. The rules of a
case, who may apply them (cases/permissions.py) and what the resident is told
(the case outbox) stay in cases/; what this module adds is what a staff action
means around it: a new owner gets a notice, a bulk action reports per case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cases.lifecycle import TransitionError
from cases.models import Case, CaseEvent, Channel, Status
from cases.permissions import Action, check
from cases.selectors import cases_visible_to
from cases.services import (
    CaseError,
    case_add_internal_note,
    case_add_resident_message,
    case_assign,
    case_change_status,
    case_create,
    case_escalate,
    case_merge,
    case_reopen,
    case_reply_publicly,
)
from cases.tracking import normalise_tracking_number
from catalogue.models import Service
from coaching.services import (
    coach_checked_status_change,
    coach_review,
    reply_check,
    reply_review_record,
)
from notifications.services import notify_assigned, notify_escalated
from residents.services import resident_find_or_create
from workspace.replies import ReplyNotReady, final_reply

# Errors whose message is meant for the person who acted.
USER_ERRORS = (CaseError, TransitionError, ValidationError, ReplyNotReady)


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def assign(*, case: Case, owner: User | None, by: User) -> Case:
    """Give the case to `owner` (taking it when owner is `by`); the new owner is told."""
    with transaction.atomic():
        before = case.owner_id
        case = case_assign(case=case, owner=owner, by=by)
        if owner is not None and before != owner.pk:
            notify_assigned(case=case, owner=owner, by=by)
    return case


def escalate(*, case: Case, by: User, reason: str) -> Case:
    """Flag the case for a supervisor; the department's supervisors get a notice."""
    with transaction.atomic():
        case = case_escalate(case=case, by=by, reason=reason)
        notify_escalated(case=case, by=by, reason=reason.strip())
    return case


def change_status(
    *,
    case: Case,
    status: str,
    by: User,
    note: str = "",
    override_reason: str = "",
    door: str = "status",
    publish: bool = False,
) -> Case:
    """A status change; its note goes to the resident, so the coach checks it like a reply
    (coaching.services.ReplyBlocked on a `block`, or a `warn` given no reason)."""
    return coach_checked_status_change(
        case=case,
        status=status,
        by=by,
        note=note,
        override_reason=override_reason,
        door=door,
        publish=publish,
    )


def reopen(*, case: Case, by: User, reason: str) -> Case:
    return case_reopen(case=case, by=by, reason=reason)


def merge(*, duplicate: Case, into_number: str, by: User) -> Case:
    """Merge `duplicate` into the case numbered `into_number`, which `by` must see too.

    The duplicate's resident is told which case the work goes on under.
    """
    check(by, Action.MERGE, duplicate)
    number = normalise_tracking_number(into_number or "")
    into = cases_visible_to(by).filter(tracking_number=number).first() if number else None
    if into is None:
        raise CaseError(_("No case %(number)s in your queue.") % {"number": into_number.strip()})
    return case_merge(duplicate=duplicate, into=into, by=by)


def reply(
    *, case: Case, by: User, draft: str, override_reason: str = "", door: str = "workspace"
) -> CaseEvent:
    """Send a public reply; refused (ReplyNotReady) while a placeholder is unfilled, and
    (coaching.services.ReplyBlocked) on a coach `block`, or a `warn` given no reason.
    Who may reply is checked first (cases/permissions.py), before any coaching."""
    check(by, Action.REPLY, case)
    text = final_reply(case, draft)
    review = coach_review(text=text, case=case)
    overridden = reply_check(review=review, override_reason=override_reason)
    with transaction.atomic():
        # The outbox row is written with the reply (cases/outbox.py).
        event = case_reply_publicly(case=case, by=by, body=text)
        reply_review_record(
            event=event,
            review=review,
            by=by,
            overridden=overridden,
            reason=override_reason,
            door=door,
        )
    return event


# --- Bulk --------------------------------------------------------------------------------


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def bulk_apply(
    *,
    user: User,
    tracking_numbers: Iterable[str],
    action: str,
    owner: User | None = None,
    status: str = "",
    note: str = "",
    message: str = "",
    override_reason: str = "",
) -> BulkResult:
    """Apply one action to many cases, each on its own, reporting each failure and why.

    A public message (a status note, or a reply to every ticked case) is filled in and
    coached for each case on its own: a `block` stops that case, a `warn` needs the
    reason given once for the batch, and each case keeps its own score."""
    result = BulkResult()
    wanted = list(dict.fromkeys(n for n in tracking_numbers if n))
    visible = {
        c.tracking_number: c for c in cases_visible_to(user).filter(tracking_number__in=wanted)
    }
    for number in wanted:
        case = visible.get(number)
        if case is None:
            result.failed.append((number, _("not found in your queue")))
            continue
        try:
            if action == "assign":
                assign(case=case, owner=owner, by=user)
            elif action == "status":
                change_status(
                    case=case,
                    status=status,
                    by=user,
                    note=note,
                    override_reason=override_reason,
                    door="bulk",
                )
            elif action == "reply":
                if not case.is_open:
                    raise CaseError(_("the case is finished; reopen it to reply"))
                reply(
                    case=case,
                    by=user,
                    draft=final_reply(case, message),
                    override_reason=override_reason,
                    door="bulk",
                )
            else:
                raise CaseError(_("Unknown action."))
        except USER_ERRORS as exc:
            result.failed.append((number, error_text(exc)))
        else:
            result.done.append(number)
    return result


# --- Phone and walk-in intake ---------------------------------------------------------------


def intake_new_case(
    *,
    by: User,
    service: Service,
    channel: str,
    description: str,
    answers: Mapping[str, Any],
    address: str,
    resident_details: Mapping[str, str],
    answered: bool,
    resolution_note: str = "",
) -> Case:
    """Log a call or counter visit as a case; "answered on first contact" resolves it at
    once (it still counts as a case of that channel in every metric). All or nothing."""
    if channel not in (Channel.PHONE, Channel.WALK_IN):
        raise ValidationError({"channel": _("Staff intake is for phone calls and walk-ins.")})
    review = None
    if answered and resolution_note.strip():
        # The note goes to the resident with the resolution: a blank or a closed-day date
        # is refused (ReplyBlocked); the resident was just told in person, so warnings
        # (no next step, no date) are kept with the score rather than asked about.
        language = resident_details.get("preferred_language", "en")
        review = coach_review(
            text=resolution_note, language=language, jurisdiction=service.jurisdiction
        )
        reply_check(review=review, warnings_need_reason=False)
    with transaction.atomic():
        # Staff are talking to the resident, so their details may fill the record's blanks.
        resident = resident_find_or_create(
            match_first="phone",
            fill_blanks=True,
            full_name=resident_details.get("full_name", ""),
            phone=resident_details.get("phone", ""),
            email=resident_details.get("email", ""),
            language=resident_details.get("preferred_language", "en"),
            channel=resident_details.get("preferred_channel", "email"),
        )
        case = case_create(
            service=service,
            channel=channel,
            description=description,
            answers=answers,
            address=address,
            resident=resident,
            actor=by,
        )
        if by.departments.filter(pk=case.department_id).exists():
            case = case_assign(case=case, owner=by, by=by)
        if answered:
            case = case_change_status(
                case=case, status=Status.RESOLVED, by=by, note=resolution_note
            )
            event = CaseEvent.objects.filter(case=case).order_by("-id").first()
            if review is not None and event is not None:
                reply_review_record(event=event, review=review, by=by, door="intake")
    return case


def intake_contact(
    *, by: User, tracking_number: str, body: str, kind: str, channel: str
) -> CaseEvent:
    """Add a call or visit to an existing case the staff member can see."""
    number = normalise_tracking_number(tracking_number or "")
    case = cases_visible_to(by).filter(tracking_number=number).first() if number else None
    if case is None:
        raise CaseError(
            _("No case %(number)s in your queue.") % {"number": (tracking_number or "").strip()}
        )
    how = Channel(channel).label if channel in Channel.values else channel
    if kind == "internal":
        return case_add_internal_note(
            case=case, by=by, body=_("%(how)s: %(body)s") % {"how": how, "body": body}
        )
    who = str(case.resident) if case.resident_id else _("Resident")
    return case_add_resident_message(case=case, body=body, label=f"{who} ({how})")


def assignable_staff(case: Case) -> list[User]:
    return list(
        User.objects.filter(departments=case.department_id, is_active=True)
        .distinct()
        .order_by("username")
    )
