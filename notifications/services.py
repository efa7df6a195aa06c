"""What residents and staff are told.

Residents: a public timeline event owes the resident a message (the case outbox,
cases/outbox.py, written by the case services). This module says what the
message reads like in the resident's language and on which channel we may write;
notifications/outbox.py is the worker that sends it, through the transports in
notifications/transports.py.

Staff: in-app notices for an assignment and for a case that is due soon. The
due-soon scan is idempotent: it claims each (case, promised date) mark with an
atomic ``filter(..., noticed_at=None).update(...)`` before it writes anything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from calendars.formatting import promised_day
from calendars.services import working_calendar_for
from cases.formatting import STATUS_PHRASES
from cases.models import OPEN_STATUSES, Case, CaseEvent, EventKind
from cases.outbox import RESIDENT_EVENTS
from notifications.models import DueSoonMark, NoticeKind, StaffNotice
from organisations.models import Jurisdiction
from residents.models import ContactChannel, Resident

# --- Residents -------------------------------------------------------------------------


def resident_channel(resident: Resident) -> str | None:
    """The channel we may write on: the preferred one, else the other one they gave us.

    Someone who asked for a phone call or for no updates gets no automatic message.
    """
    can_email = bool(resident.email) and not resident.email_bouncing
    can_text = bool(resident.phone)
    preferred = resident.preferred_channel
    if preferred == ContactChannel.EMAIL:
        return "email" if can_email else ("sms" if can_text else None)
    if preferred == ContactChannel.SMS:
        return "sms" if can_text else ("email" if can_email else None)
    if preferred == ContactChannel.WHATSAPP:
        return "whatsapp" if can_text else ("email" if can_email else None)
    return None


def resident_subject(case: Case, language: str) -> str:
    """ "[Riverton 311] Update on your request" (the tracking tag is added on sending)."""
    with translation.override(language):
        return _("[%(city)s 311] Update on your request %(number)s") % {
            "city": case.jurisdiction.name,
            "number": f"[#{case.tracking_number}]",
        }


def resident_text(case: Case, event: CaseEvent, language: str) -> str:
    """The words the resident reads for `event`, in `language` ("" when not for them)."""
    if not event.is_public or event.kind not in RESIDENT_EVENTS:
        return ""
    with translation.override(language):
        if event.kind == EventKind.PUBLIC_REPLY:
            return event.body
        if event.kind == EventKind.STEP_COMPLETED:
            return _("We have done this step on your request %(number)s: %(step)s.") % {
                "number": case.tracking_number,
                "step": event.body,
            }
        if event.kind == EventKind.MERGED:
            into = event.data.get("merged_into")
            if not into:
                return ""
            return _(
                "Your request %(number)s is about the same problem as request %(into)s, so we "
                "have joined them and will keep working on %(into)s. You do not need to do "
                "anything: updates on %(into)s will reach you too."
            ) % {"number": case.tracking_number, "into": into}
        status = event.data.get("after", "")
        phrase = STATUS_PHRASES.get(status)
        if phrase is None:
            return ""
        lines = [
            _("Your request %(number)s is now %(status)s.")
            % {"number": case.tracking_number, "status": phrase}
        ]
        if status in OPEN_STATUSES:
            lines.append(
                _("We will have it resolved by %(day)s.")
                % {
                    "day": promised_day(
                        case.resolution_due, jurisdiction=case.jurisdiction, language=language
                    )
                }
            )
        if event.body:
            lines.append(event.body)
        return "\n\n".join(lines)


# --- Staff -------------------------------------------------------------------------------


def notify_assigned(*, case: Case, owner: User, by: User, at: dt.datetime | None = None) -> None:
    """Tell `owner` a case was given to them (not when they took it themselves)."""
    if owner is None or (by is not None and owner.pk == getattr(by, "pk", None)):
        return
    StaffNotice.objects.create(
        user=owner,
        case=case,
        kind=NoticeKind.ASSIGNED,
        body=_("%(by)s assigned %(number)s (%(service)s) to you.")
        % {"by": by or "CivicDesk", "number": case.tracking_number, "service": case.service},
        created_at=at or timezone.now(),
    )


def notify_escalated(
    *, case: Case, by: User | None, reason: str, at: dt.datetime | None = None
) -> int:
    """Tell the supervisors of the case's department that it needs them; returns how many."""
    supervisors = [
        u
        for u in User.objects.filter(departments=case.department_id, is_active=True)
        .prefetch_related("groups__permissions", "user_permissions")
        .distinct()
        if u.has_perm("cases.escalate_case") and u.pk != getattr(by, "pk", None)
    ]
    at = at or timezone.now()
    StaffNotice.objects.bulk_create(
        StaffNotice(
            user=u,
            case=case,
            kind=NoticeKind.ESCALATED,
            body=(
                _("%(by)s escalated %(number)s: %(reason)s")
                % {"by": by or "CivicDesk", "number": case.tracking_number, "reason": reason}
            )[:500],
            created_at=at,
        )
        for u in supervisors
    )
    return len(supervisors)


def _due_soon_candidates(now: dt.datetime, hours: int) -> list[Case]:
    cases: list[Case] = []
    for jurisdiction in Jurisdiction.objects.all():
        horizon = working_calendar_for(jurisdiction).add_business_hours(now, hours)
        cases.extend(
            Case.objects.filter(
                jurisdiction=jurisdiction,
                status__in=OPEN_STATUSES,
                merged_into__isnull=True,
                resolution_due__gt=now,
                resolution_due__lte=horizon,
            ).select_related("service", "department", "owner", "jurisdiction")
        )
    return cases


def send_due_soon_notices(*, now: dt.datetime | None = None, hours: int | None = None) -> int:
    """Notice the owner (or, unowned, the department's staff) of each case due within
    `hours` business hours that has not been noticed for this promised date yet.

    Safe to run from cron and from several workers at once; returns notices written.
    """
    now = now or timezone.now()
    hours = settings.NOTIFICATIONS_DUE_SOON_BUSINESS_HOURS if hours is None else hours
    cases = _due_soon_candidates(now, hours)
    if not cases:
        return 0
    DueSoonMark.objects.bulk_create(
        [DueSoonMark(case=c, due_at=c.resolution_due) for c in cases], ignore_conflicts=True
    )
    wanted = Q()
    for c in cases:
        wanted |= Q(case_id=c.pk, due_at=c.resolution_due)
    marks = {m.case_id: m for m in DueSoonMark.objects.filter(wanted, noticed_at=None)}
    by_id = {c.pk: c for c in cases}
    department_staff: dict[int, list[User]] = {}
    written = 0
    for case_id, mark in marks.items():
        # The claim: exactly one scan turns this mark from unnoticed to noticed.
        if not DueSoonMark.objects.filter(pk=mark.pk, noticed_at=None).update(noticed_at=now):
            continue
        case = by_id[case_id]
        if case.owner_id:
            recipients: list[Any] = [case.owner]
        else:
            if case.department_id not in department_staff:
                department_staff[case.department_id] = list(
                    User.objects.filter(departments=case.department_id, is_active=True)
                )
            recipients = department_staff[case.department_id]
        local_due = timezone.localtime(case.resolution_due, case.jurisdiction.zone)
        body = _("%(number)s (%(service)s) is due by %(when)s.") % {
            "number": case.tracking_number,
            "service": case.service,
            "when": local_due.strftime("%a %d %b %H:%M"),
        }
        StaffNotice.objects.bulk_create(
            StaffNotice(user=u, case=case, kind=NoticeKind.DUE_SOON, body=body, created_at=now)
            for u in recipients
        )
        written += len(recipients)
    return written


def notice_mark_read(*, user: User, notice_id: int | None = None) -> int:
    """Mark one notice (or, with no id, all) of `user` as read; returns how many changed."""
    notices = StaffNotice.objects.filter(user=user, read_at=None)
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    return notices.update(read_at=timezone.now())
