"""Every write of residents as partners: follow, confirm, unsubscribe, "me too", "not fixed".

What a follower is told goes through the case outbox (cases/outbox.py): the
confirmation link or code, and, from `follower_messages` (a hook the outbox
calls for every public event it records), the case's status changes and steps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from calendars.formatting import promised_day
from cases.errors import CaseError
from cases.models import OPEN_STATUSES, Case, CaseEvent, Channel, EventKind, Status
from cases.outbox import outbox_add_to
from cases.photos import CleanPhoto, attach_photos
from cases.services import (
    case_add_internal_note,
    case_create,
    case_reopen,
    case_set_priority,
)
from catalogue.models import Priority
from engagement.models import CaseInterest, Follow, FollowChannel, MeToo, NotFixedReport
from engagement.selectors import is_on_map, service_is_public
from notifications.models import NoticeKind, StaffNotice
from residents.models import Resident
from residents.services import resident_find_or_create

MAX_NOT_FIXED_TEXT = 2000
CODE_ATTEMPTS = 5
_PRIORITY_UP = {
    Priority.LOW: Priority.NORMAL,
    Priority.NORMAL: Priority.HIGH,
    Priority.HIGH: Priority.URGENT,
}


class EngagementError(CaseError):
    """A follow, "me too" or "not fixed" the rules refuse; the message is for the resident."""


def _link(name: str, token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[token])


def _hash_code(follow_token: str, code: str) -> str:
    return hashlib.sha256(f"{follow_token}:{code}".encode()).hexdigest()


def _interest(case: Case, at: dt.datetime) -> CaseInterest:
    """The case's summary row, locked (created on first use)."""
    CaseInterest.objects.get_or_create(case=case, defaults={"updated_at": at})
    return CaseInterest.objects.select_for_update().get(case=case)


def _bump(case: Case, at: dt.datetime, **deltas: int) -> CaseInterest:
    _interest(case, at)
    CaseInterest.objects.filter(case=case).update(
        updated_at=at, **{name: F(name) + delta for name, delta in deltas.items()}
    )
    return CaseInterest.objects.get(case=case)


# --- Following ------------------------------------------------------------------------------


def _check_followable(case: Case, at: dt.datetime) -> None:
    if not service_is_public(case.service):
        raise EngagementError(_("This request cannot be followed."))
    if case.merged_into_id:
        raise EngagementError(
            _("This request was joined with %(number)s: follow that one instead.")
            % {"number": case.merged_into.tracking_number if case.merged_into else ""}
        )
    if not is_on_map(case, now=at):
        raise EngagementError(_("This request is finished and can no longer be followed."))


@transaction.atomic
def follow_start(
    *,
    case: Case,
    channel: str,
    email: str = "",
    phone: str = "",
    language: str = "en",
    resident: Resident | None = None,
    verified: bool = False,
    at: dt.datetime | None = None,
) -> Follow:
    """Ask to follow `case` by email or text message.

    `resident` and `verified=True` only for a door that knows who it is talking to (a
    signed-in resident with a verified address). Anyone else is sent a link (email) or
    a six-digit code (SMS) through the outbox, and gets no update before confirming.
    Raises EngagementError, or ValidationError keyed by `email` / `phone`.
    """
    at = at or timezone.now()
    case = Case.objects.select_related("service", "merged_into", "jurisdiction").get(pk=case.pk)
    _check_followable(case, at)
    if channel not in FollowChannel.values:
        raise EngagementError(_("Choose email or text message."))
    language = language if language in ("en", "es") else "en"
    if resident is None:
        if channel == FollowChannel.EMAIL:
            try:
                validate_email(email.strip())
            except ValidationError:
                raise ValidationError(
                    {"email": _("Enter an email address, like name@example.com.")}
                ) from None
        if channel == FollowChannel.SMS and not phone.strip():
            raise ValidationError({"phone": _("Enter your mobile phone number.")})
        resident = resident_find_or_create(
            email=email if channel == FollowChannel.EMAIL else "",
            phone=phone if channel == FollowChannel.SMS else "",
            channel=channel,
            language=language,
            match_first="email" if channel == FollowChannel.EMAIL else "phone",
            fill_blanks=False,
        )
        if resident is None:  # pragma: no cover - a contact was given above
            raise EngagementError(_("Enter your email address or mobile phone number."))
        verified = False
    follow = Follow.objects.select_for_update().filter(case=case, resident=resident).first()
    if follow is not None and follow.is_active:
        return follow
    if follow is None:
        follow = Follow(case=case, resident=resident, created_at=at)
    follow.channel = channel
    follow.language = language
    follow.token = secrets.token_urlsafe(32)
    follow.unsubscribed_at = None
    follow.verified_at = at if verified else None
    follow.code_attempts = 0
    code = f"{secrets.randbelow(10**6):06d}"
    follow.code_hash = _hash_code(follow.token, code) if channel == FollowChannel.SMS else ""
    follow.save()
    if verified:
        _bump(case, at, follower_count=1)
        return follow
    with translation.override(language):
        number = case.tracking_number
        if channel == FollowChannel.SMS:
            body = _(
                "Your code to follow request %(number)s is %(code)s. "
                "If you did not ask for it, ignore this message."
            ) % {"number": number, "code": code}
        else:
            body = _(
                "Someone (we hope you) asked for updates on request %(number)s. To confirm, "
                "open this link:\n%(link)s\n\nIf it was not you, ignore this message: you "
                "will get nothing more."
            ) % {"number": number, "link": _link("portal:follow_confirm", follow.token)}
        subject = _("Confirm updates on request %(number)s") % {"number": number}
    outbox_add_to(
        case=case, resident_id=resident.pk, kind="follow_confirm", subject=subject, body=body, at=at
    )
    return follow


def follow_confirm(
    *, follow: Follow, code: str | None = None, at: dt.datetime | None = None
) -> Follow:
    """Confirm a follow: by its link (the token proves the address), or its SMS code.

    A wrong code counts against CODE_ATTEMPTS even though the confirmation fails
    (the count is written on its own, not rolled back with the refusal).
    """
    at = at or timezone.now()
    follow = Follow.objects.select_related("case").get(pk=follow.pk)
    if follow.unsubscribed_at is not None:
        raise EngagementError(_("You stopped these updates. Follow the request again to restart."))
    if follow.verified_at is not None:
        return follow
    if follow.code_hash:
        if follow.code_attempts >= CODE_ATTEMPTS:
            raise EngagementError(_("Too many wrong codes. Ask for a new one."))
        given = "".join(ch for ch in (code or "") if ch.isdigit())[:6]
        if not hmac.compare_digest(_hash_code(follow.token, given), follow.code_hash):
            Follow.objects.filter(pk=follow.pk).update(code_attempts=F("code_attempts") + 1)
            raise EngagementError(_("That code is not right. Check the text message we sent."))
    with transaction.atomic():
        # The claim: only one confirmation counts the follower.
        if not Follow.objects.filter(pk=follow.pk, verified_at__isnull=True).update(
            verified_at=at, code_hash=""
        ):
            return Follow.objects.get(pk=follow.pk)
        _bump(follow.case, at, follower_count=1)
    follow.refresh_from_db()
    return follow


@transaction.atomic
def follow_unsubscribe(*, follow: Follow, at: dt.datetime | None = None) -> Follow:
    """Stop the updates (the one-click link in every message). Idempotent."""
    at = at or timezone.now()
    follow = Follow.objects.select_for_update().get(pk=follow.pk)
    if follow.unsubscribed_at is not None:
        return follow
    was_active = follow.verified_at is not None
    follow.unsubscribed_at = at
    follow.save(update_fields=["unsubscribed_at"])
    if was_active:
        _bump(follow.case, at, follower_count=-1)
    return follow


def _follower_text(case: Case, event: CaseEvent, follow: Follow) -> str:
    """What a follower reads about `event`: status and steps, never the reporter's words."""
    language = follow.language
    with translation.override(language):
        number = case.tracking_number
        if event.kind == EventKind.STEP_COMPLETED:
            lines = [
                _("Request %(number)s, which you follow: this step is done: %(step)s.")
                % {"number": number, "step": event.body}
            ]
        elif event.kind in (EventKind.STATUS_CHANGED, EventKind.REOPENED):
            after = event.data.get("after", "")
            if after not in Status.values:
                return ""
            lines = [
                _("Request %(number)s, which you follow, is now: %(status)s.")
                % {"number": number, "status": str(Status(after).label).lower()}
            ]
            if after in OPEN_STATUSES:
                lines.append(
                    _("It is due to be resolved by %(day)s.")
                    % {
                        "day": promised_day(
                            case.resolution_due, jurisdiction=case.jurisdiction, language=language
                        )
                    }
                )
            if after == Status.RESOLVED:
                lines.append(
                    _("Still not fixed? Tell us within %(days)d days: %(link)s")
                    % {
                        "days": settings.ENGAGEMENT_NOT_FIXED_DAYS,
                        "link": _link("portal:follow_manage", follow.token),
                    }
                )
        elif event.kind == EventKind.MERGED and event.data.get("merged_into"):
            lines = [
                _(
                    "Request %(number)s, which you follow, was joined with request %(into)s, "
                    "where the work goes on. You now follow %(into)s."
                )
                % {"number": number, "into": event.data["merged_into"]}
            ]
        else:
            return ""  # replies are written to the reporter, and may name them
        lines.append(
            _("Stop these updates: %(link)s")
            % {"link": _link("portal:follow_unsubscribe", follow.token)}
        )
        return "\n\n".join(lines)


def follower_messages(*, case: Case, event: CaseEvent) -> int:
    """The outbox hook: owe each confirmed follower of `case` a message about `event`.

    Runs inside the event's transaction (cases.outbox.outbox_add); the reporter is
    told by the outbox itself, so a follower who is the reporter is skipped.
    """
    written = 0
    followers = Follow.objects.filter(
        case_id=case.pk, verified_at__isnull=False, unsubscribed_at__isnull=True
    ).exclude(resident_id=case.resident_id or 0)
    for follow in followers:
        body = _follower_text(case, event, follow)
        if not body:
            continue
        with translation.override(follow.language):
            subject = _("[%(city)s 311] Update on request %(number)s") % {
                "city": case.jurisdiction.name,
                "number": case.tracking_number,
            }
        if outbox_add_to(
            case=case, resident_id=follow.resident_id, kind="follower", subject=subject, body=body
        ):
            written += 1
        if event.kind == EventKind.MERGED and event.data.get("merged_into"):
            _follow_on(follow, event.data["merged_into"], event.created_at)
    return written


def _follow_on(follow: Follow, number: str, at: dt.datetime) -> None:
    """A followed case was merged into another: its followers follow that one now."""
    into = Case.objects.filter(tracking_number=number).first()
    if into is None or into.resident_id == follow.resident_id:
        return
    _moved, created = Follow.objects.get_or_create(
        case=into,
        resident_id=follow.resident_id,
        defaults={
            "channel": follow.channel,
            "language": follow.language,
            "token": secrets.token_urlsafe(32),
            "created_at": at,
            "verified_at": at,
        },
    )
    if created:
        _bump(into, at, follower_count=1)


# --- "Me too" -------------------------------------------------------------------------------


def me_too_key(*, resident_id: int | None = None, session_key: str = "") -> str:
    """A one-way key for who said "me too" (nothing about them is stored)."""
    who = f"resident:{resident_id}" if resident_id else f"session:{session_key}"
    return hmac.new(settings.SECRET_KEY.encode(), who.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def me_too_add(
    *, case: Case, key: str, resident: Resident | None = None, at: dt.datetime | None = None
) -> bool:
    """Count one more affected resident; False when this one was already counted.

    At ENGAGEMENT_ME_TOO_PRIORITY_AT affected residents the case's priority goes up
    one level, once, with a note on its timeline for staff.
    """
    at = at or timezone.now()
    case = Case.objects.select_related("service", "merged_into").get(pk=case.pk)
    _check_followable(case, at)
    if not case.is_open:
        raise EngagementError(_("This problem is marked as fixed."))
    if not key:
        raise EngagementError(_("We could not count you. Please try again."))
    try:
        with transaction.atomic():
            MeToo.objects.create(case=case, key=key, resident=resident, created_at=at)
    except IntegrityError:
        return False
    interest = _bump(case, at, me_too_count=1)
    threshold = settings.ENGAGEMENT_ME_TOO_PRIORITY_AT
    # The claim (a conditional update): only one "me too" raises the priority.
    if (
        threshold
        and interest.me_too_count >= threshold
        and not interest.priority_raised
        and CaseInterest.objects.filter(case=case, priority_raised=False).update(
            priority_raised=True
        )
    ):
        higher = _PRIORITY_UP.get(Priority(case.priority))
        if higher is not None:
            case_set_priority(
                case=case,
                priority=higher,
                by=None,
                reason=_("%(count)d residents say they are affected.")
                % {"count": interest.me_too_count},
                at=at,
            )
    return True


# --- "Still not fixed" ----------------------------------------------------------------------


def not_fixed_window_open(case: Case, *, now: dt.datetime | None = None) -> bool:
    """May the reporter or a follower still say this resolved case is not fixed?"""
    now = now or timezone.now()
    if case.merged_into_id or case.status not in (Status.RESOLVED, Status.CLOSED):
        return False
    finished = case.resolved_at or case.closed_at
    if finished is None:
        return False
    return now - finished <= dt.timedelta(days=settings.ENGAGEMENT_NOT_FIXED_DAYS)


def _tell_department(case: Case, body: str, at: dt.datetime) -> int:
    from accounts.models import User

    if case.owner_id:
        recipients = list(User.objects.filter(pk=case.owner_id, is_active=True))
    else:
        recipients = list(User.objects.filter(departments=case.department_id, is_active=True))
    StaffNotice.objects.bulk_create(
        StaffNotice(user=u, case=case, kind=NoticeKind.ESCALATED, body=body[:500], created_at=at)
        for u in recipients
    )
    return len(recipients)


@transaction.atomic
def not_fixed_report(
    *,
    case: Case,
    body: str,
    photos: list[CleanPhoto] | None = None,
    resident: Resident | None = None,
    at: dt.datetime | None = None,
) -> NotFixedReport:
    """The reporter or a follower says a resolved case is still not fixed.

    Within ENGAGEMENT_REOPEN_DAYS of resolution the case reopens (its reporter and
    followers are told through the outbox); later, but within
    ENGAGEMENT_NOT_FIXED_DAYS, a new case opens linked to it. Their words and photos
    (re-encoded without EXIF, staff-only) go on the case that is worked; the
    department is told by a staff notice. The door has checked who is asking.
    """
    at = at or timezone.now()
    case = (
        Case.objects.select_for_update().select_related("service", "jurisdiction").get(pk=case.pk)
    )
    body = (body or "").replace("\x00", "").strip()
    if len(body) > MAX_NOT_FIXED_TEXT:
        raise EngagementError(_("Keep it under %(n)d characters.") % {"n": MAX_NOT_FIXED_TEXT})
    if not not_fixed_window_open(case, now=at):
        raise EngagementError(
            _("This request can no longer be reported as not fixed; please make a new request.")
        )
    finished = case.resolved_at or case.closed_at or at
    words = body or _("(no details given)")
    if at - finished <= dt.timedelta(days=settings.ENGAGEMENT_REOPEN_DAYS):
        case_reopen(case=case, by=None, reason=_("A resident says it is still not fixed."), at=at)
        target = case
        new_case = None
        case_add_internal_note(
            case=case,
            by=None,
            body=_("Still not fixed, a resident says: %(words)s") % {"words": words},
            at=at,
        )
    else:
        new_case = case_create(
            service=case.service,
            channel=Channel.WEB,
            description=body
            or _("Still not fixed after request %(number)s.") % {"number": case.tracking_number},
            answers=case.answers,  # the same problem, as first described
            resident=resident,
            address=case.address,
            zipcode=case.zipcode,
            lat=case.lat,
            long=case.long,
            at=at,
        )
        target = new_case
        case_add_internal_note(
            case=new_case,
            by=None,
            body=_("Opened because request %(number)s is still not fixed, a resident says.")
            % {"number": case.tracking_number},
            at=at,
        )
        case_add_internal_note(
            case=case,
            by=None,
            body=_("Still not fixed, a resident says; new request %(number)s opened.")
            % {"number": new_case.tracking_number},
            at=at,
        )
    if photos:
        attach_photos(case=target, photos=photos, is_public=False)
    report = NotFixedReport.objects.create(
        case=case, new_case=new_case, resident=resident, body=body, created_at=at
    )
    _bump(case, at, not_fixed_count=1)
    _tell_department(
        target,
        _("%(number)s: a resident says it is still not fixed.")
        % {"number": target.tracking_number},
        at,
    )
    return report
