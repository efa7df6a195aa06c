"""The case outbox: every message a resident is owed, and the life of each row.

A public timeline event the resident is told about (a reply, a status change, a
step done, a merge notice) writes an `OutboxMessage` in the same transaction as
the event, from `cases.services._record`, so no door can forget it and a rolled
back change owes nobody a message. The worker (`notifications/outbox.py`) claims
rows, sends them by the resident's channel and language, and marks them here.

- Claims are atomic: a conditional ``UPDATE … WHERE status = 'pending'`` that
  only one worker can win, behind ``SELECT … FOR UPDATE SKIP LOCKED`` on
  PostgreSQL so concurrent workers do not even wait for each other.
- Coalescing: a row waits `OUTBOX_COALESCE_SECONDS` after the newest row of the
  same resident, so a bulk action or a status change plus a reply goes as one
  message (all the resident's due rows are claimed together).
- Retries: a transient failure puts the rows back with a backoff; after
  `OUTBOX_MAX_ATTEMPTS` tries they are failed, on the case's timeline and on the
  staff page of failed deliveries, where "send again" puts them back.
- Exactly once: our Message-ID is fixed on the row before the first try; a
  worker that dies mid-send leaves the row "sending", and after
  `OUTBOX_LEASE_SECONDS` an email is sent again with the same Message-ID (mail
  clients show one message per Message-ID) while a text, which has no such key,
  is marked failed for staff to check rather than sent twice.

See docs/decisions/0004-case-outbox.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case, CaseEvent, EventKind, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Event kinds a resident is told about. Internal notes, assignments and transfers are
# staff business: the resident keeps one case whoever works it.
RESIDENT_EVENTS = frozenset(
    {
        EventKind.PUBLIC_REPLY,
        EventKind.STATUS_CHANGED,
        EventKind.REOPENED,
        EventKind.MERGED,
        EventKind.STEP_COMPLETED,
    }
)
# Channels whose transport deduplicates a repeated send by our message id (email:
# the Message-ID header). Only these are sent again after a worker died mid-send.
IDEMPOTENT_CHANNELS = frozenset({"email"})
FINAL_STATUSES = frozenset(
    {OutboxStatus.SENT, OutboxStatus.BOUNCED, OutboxStatus.FAILED, OutboxStatus.SKIPPED}
)


def retry_delay(attempt: int) -> dt.timedelta:
    """Backoff after the `attempt`-th failed try: 1 min, 5 min, 25 min, 2 h, then 6 h."""
    return dt.timedelta(seconds=min(60 * 5 ** max(attempt - 1, 0), 6 * 3600))


# --- Writing (inside the event's transaction) ----------------------------------------------

# Others owed news of a case's public events besides its resident (engagement: the
# case's followers). Each hook is called with the case and the event, inside the
# event's transaction, and writes its rows with `outbox_add_to`. Registered from an
# app's AppConfig.ready(), so cases never imports the apps that listen.
ExtraRecipients = Callable[..., object]
_EXTRA_RECIPIENTS: list[ExtraRecipients] = []


def register_extra_recipients(hook: ExtraRecipients) -> None:
    if hook not in _EXTRA_RECIPIENTS:
        _EXTRA_RECIPIENTS.append(hook)


def outbox_add(*, case: Case, event: CaseEvent) -> OutboxMessage | None:
    """Owe the case's resident a message about `event`; None when they are not told.

    Called by cases.services for every event it records, inside its transaction.
    """
    if not event.is_public or event.kind not in RESIDENT_EVENTS:
        return None
    now = timezone.now()
    if event.created_at < now - dt.timedelta(seconds=settings.OUTBOX_MAX_AGE_SECONDS):
        return None  # a back-dated event (a history replay, an import) is no news
    for hook in _EXTRA_RECIPIENTS:
        hook(case=case, event=event)
    if case.resident_id is None:
        return None
    not_before = now + dt.timedelta(seconds=settings.OUTBOX_COALESCE_SECONDS)
    # The resident's rows still waiting for their first try wait for this one too.
    OutboxMessage.objects.filter(
        resident_id=case.resident_id, status=OutboxStatus.PENDING, attempts=0
    ).update(not_before=not_before)
    row = OutboxMessage.objects.create(
        case=case,
        event=event,
        resident_id=case.resident_id,
        kind=event.kind,
        created_at=now,
        not_before=not_before,
    )
    _kick_after_commit()
    return row


def outbox_add_message(
    *, case: Case, kind: str, subject: str, body: str, at: dt.datetime | None = None
) -> OutboxMessage | None:
    """Owe the case's resident a message that is not a timeline event's text (a booking
    confirmation with its cancel link), already written in their language."""
    if case.resident_id is None:
        return None
    return outbox_add_to(
        case=case, resident_id=case.resident_id, kind=kind, subject=subject, body=body, at=at
    )


def outbox_add_to(
    *,
    case: Case,
    resident_id: int,
    kind: str,
    subject: str,
    body: str,
    at: dt.datetime | None = None,
) -> OutboxMessage | None:
    """Owe any resident (a case's follower, say) a message about `case`, already written
    in their language; delivered, coalesced and retried like every other row."""
    if not body.strip():
        return None
    now = timezone.now()
    if at is not None and at < now - dt.timedelta(seconds=settings.OUTBOX_MAX_AGE_SECONDS):
        return None
    not_before = now + dt.timedelta(seconds=settings.OUTBOX_COALESCE_SECONDS)
    OutboxMessage.objects.filter(
        resident_id=resident_id, status=OutboxStatus.PENDING, attempts=0
    ).update(not_before=not_before)
    row = OutboxMessage.objects.create(
        case=case,
        resident_id=resident_id,
        kind=kind[:20],
        subject=subject[:300],
        body=body,
        created_at=now,
        not_before=not_before,
    )
    _kick_after_commit()
    return row


def _kick_after_commit() -> None:
    """With no coalescing window, deliver as soon as the change commits."""
    if settings.OUTBOX_COALESCE_SECONDS <= 0:
        transaction.on_commit(kick_delivery)


def kick_delivery() -> None:
    """Enqueue the delivery task (settings.OUTBOX_DELIVERY_TASK); the scheduler runs it too."""
    try:
        import_string(settings.OUTBOX_DELIVERY_TASK).enqueue()
    except Exception:  # the rows are saved; the periodic run delivers them
        logger.exception("Could not enqueue the outbox delivery")


# --- Claiming (the worker) -----------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """Rows of one resident claimed together by one worker (`token` is the claim)."""

    token: str
    resident_id: int
    rows: list[OutboxMessage]
    interrupted: bool  # re-claimed after a worker died while sending them

    @property
    def attempts(self) -> int:
        return max(r.attempts for r in self.rows)


def _due(now: dt.datetime) -> Q:
    return Q(status=OutboxStatus.PENDING, not_before__lte=now)


def _stale(now: dt.datetime) -> Q:
    lease = dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    return Q(status=OutboxStatus.SENDING, claimed_at__lt=now - lease)


def outbox_claim(*, now: dt.datetime | None = None, limit: int = 100) -> list[Claim]:
    """Claim the due rows of up to `limit` residents; each resident's rows are one claim.

    Safe with many workers at once: a row is claimed by exactly one of them.
    """
    now = now or timezone.now()
    claims: list[Claim] = []
    with transaction.atomic():
        for interrupted, wanted in ((True, _stale(now)), (False, _due(now))):
            candidates = OutboxMessage.objects.filter(wanted).order_by("not_before", "id")
            if connection.features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True)
            resident_ids = list(
                dict.fromkeys(candidates.values_list("resident_id", flat=True)[: limit * 10])
            )[:limit]
            for resident_id in resident_ids:
                token = uuid.uuid4().hex
                # The claim itself: the WHERE is re-checked under the row lock, so a row
                # another worker has just claimed is no longer pending here.
                won = OutboxMessage.objects.filter(wanted, resident_id=resident_id).update(
                    status=OutboxStatus.SENDING,
                    claim=token,
                    claimed_at=now,
                    attempts=F("attempts") + 1,
                )
                if won:
                    rows = list(
                        OutboxMessage.objects.filter(claim=token)
                        .select_related("case__jurisdiction", "case__resident", "event", "resident")
                        .order_by("created_at", "id")
                    )
                    claims.append(Claim(token, resident_id, rows, interrupted))
    return claims


def outbox_prepare(*, claim: Claim, channel: str, message_id: str) -> str:
    """Fix the channel and our message id on the rows before the first try.

    Returns the message id to send with: the one fixed on an earlier try, if any,
    so a repeated send carries the same Message-ID.
    """
    earlier = next((r.message_id for r in claim.rows if r.message_id), "")
    message_id = earlier or message_id
    OutboxMessage.objects.filter(claim=claim.token, status=OutboxStatus.SENDING).update(
        channel=channel, message_id=message_id
    )
    return message_id


# --- Outcomes ------------------------------------------------------------------------------


def _finish(claim: Claim, *, status: str, at: dt.datetime, error: str = "", **fields: Any) -> int:
    """Move our claimed rows to `status`; 0 when the claim is no longer ours."""
    return OutboxMessage.objects.filter(claim=claim.token, status=OutboxStatus.SENDING).update(
        status=status, finished_at=at, error=error[:500], **fields
    )


def _on_timelines(
    rows: Iterable[OutboxMessage], *, outcome: str, channel: str, body: str, at: dt.datetime
) -> None:
    """One staff-only timeline entry per case the message was about."""
    by_case: dict[int, list[int]] = {}
    for row in rows:
        by_case.setdefault(row.case_id, []).append(row.pk)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_id=case_id,
            kind=EventKind.DELIVERY,
            actor_label="CivicDesk",
            is_public=False,
            body=body,
            data={"outcome": outcome, "channel": channel, "outbox": ids},
            created_at=at,
        )
        for case_id, ids in by_case.items()
    )


def outbox_mark_sent(
    *, claim: Claim, channel: str, provider_id: str, body: str, at: dt.datetime | None = None
) -> bool:
    at = at or timezone.now()
    with transaction.atomic():
        if not _finish(
            claim, status=OutboxStatus.SENT, at=at, provider_id=provider_id[:300], body=""
        ):
            return False
        _on_timelines(claim.rows, outcome=OutboxStatus.SENT, channel=channel, body=body, at=at)
    return True


def outbox_mark_skipped(*, claim: Claim, reason: str, at: dt.datetime | None = None) -> bool:
    """Nothing to send (no usable channel, or nothing for the resident): row only."""
    return bool(
        _finish(claim, status=OutboxStatus.SKIPPED, at=at or timezone.now(), error=reason, body="")
    )


def outbox_mark_failed(
    *,
    claim: Claim,
    channel: str,
    error: str,
    transient: bool,
    bounced: bool = False,
    at: dt.datetime | None = None,
) -> str:
    """Record a failed try: back to pending with a backoff, or failed/bounced for good.

    Returns the rows' new status ("" when the claim was no longer ours).
    """
    at = at or timezone.now()
    with transaction.atomic():
        if transient and claim.attempts < settings.OUTBOX_MAX_ATTEMPTS:
            changed = OutboxMessage.objects.filter(
                claim=claim.token, status=OutboxStatus.SENDING
            ).update(
                status=OutboxStatus.PENDING,
                claim="",
                error=error[:500],
                not_before=at + retry_delay(claim.attempts),
            )
            return OutboxStatus.PENDING if changed else ""
        status = OutboxStatus.BOUNCED if bounced else OutboxStatus.FAILED
        if not _finish(claim, status=status, at=at, error=error):
            return ""
        body = _("Not delivered to the resident (%(channel)s, %(tries)d tries): %(error)s") % {
            "channel": channel or "?",
            "tries": claim.attempts,
            "error": error[:400],
        }
        _on_timelines(claim.rows, outcome=status, channel=channel, body=body, at=at)
    return status


def outbox_mark_bounced(*, message_id: str, reason: str = "", at: dt.datetime | None = None) -> int:
    """A bounce came back for a message we sent; returns how many rows it was for."""
    at = at or timezone.now()
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update().filter(
                message_id=message_id, status=OutboxStatus.SENT
            )
        )
        if not rows:
            return 0
        OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(
            status=OutboxStatus.BOUNCED, error=reason[:500] or "bounced", finished_at=at
        )
        body = _("The message to the resident bounced: %(reason)s") % {"reason": reason[:400]}
        _on_timelines(rows, outcome=OutboxStatus.BOUNCED, channel=rows[0].channel, body=body, at=at)
    return len(rows)


def outbox_send_again(*, message: OutboxMessage, by: User, at: dt.datetime | None = None) -> bool:
    """Put a failed or bounced message back in the queue (the staff "send again")."""
    from cases.permissions import Action, check

    check(by, Action.REPLY, message.case)
    at = at or timezone.now()
    with transaction.atomic():
        changed = OutboxMessage.objects.filter(
            pk=message.pk, status__in=[OutboxStatus.FAILED, OutboxStatus.BOUNCED]
        ).update(
            status=OutboxStatus.PENDING,
            attempts=0,
            claim="",
            error="",
            finished_at=None,
            not_before=at,
        )
        if changed:
            CaseEvent.objects.create(
                case_id=message.case_id,
                kind=EventKind.DELIVERY,
                actor=by,
                actor_label=str(by),
                is_public=False,
                data={"outcome": "send_again", "channel": message.channel, "outbox": [message.pk]},
                created_at=at,
            )
            transaction.on_commit(kick_delivery)
    return bool(changed)
