"""The outbox worker: claim the due messages, send each by the resident's channel, mark it.

`deliver_outbox()` is the body of `notifications.tasks.deliver_outbox_task`,
which runs inline after a commit in the embedded default and on `rqworker`s in
production, and every few seconds from the scheduler. Many may run at once: the
claim in cases/outbox.py gives each row to exactly one of them.

For each claim (all due rows of one resident) it composes one message in the
resident's language, fixes our message id on the rows, sends it through
`notifications.transports.SENDERS[channel]`, and records the outcome on the rows
and on the cases' timelines.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import Case, EventKind
from cases.outbox import (
    IDEMPOTENT_CHANNELS,
    Claim,
    outbox_claim,
    outbox_mark_failed,
    outbox_mark_sent,
    outbox_mark_skipped,
    outbox_prepare,
)
from notifications.services import resident_channel, resident_subject, resident_text
from notifications.transports import (
    SENDERS,
    NoAddress,
    Outgoing,
    PermanentFailure,
    new_message_id,
    unsubscribe_url,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str
    text: str
    auto_notice: bool
    case: Case


def compose(claim: Claim, language: str) -> Composed | None:
    """One message for all the rows of the claim, grouped by case; None if nothing to say."""
    texts: dict[int, list[str]] = {}
    cases: dict[int, Case] = {}
    person_wrote = False
    subjects: list[str] = []
    for row in claim.rows:
        text = resident_text(row.case, row.event, language) if row.event else row.body.strip()
        if row.event is None and row.subject:
            subjects.append(row.subject)
        if not text:
            continue
        texts.setdefault(row.case_id, []).append(text)
        cases[row.case_id] = row.case
        person_wrote = person_wrote or row.kind == EventKind.PUBLIC_REPLY
    if not cases:
        return None
    first = next(iter(cases.values()))
    city = first.jurisdiction.name
    with translation.override(language):
        if len(cases) == 1:
            body = "\n\n".join(texts[first.pk])
            subject = subjects[0] if len(subjects) == len(claim.rows) == 1 else ""
            subject = subject or resident_subject(first, language)
            prefix = _("%(city)s 311, request %(number)s:") % {
                "city": city,
                "number": first.tracking_number,
            }
        else:
            body = "\n\n".join(
                _("Request %(number)s:") % {"number": cases[pk].tracking_number}
                + "\n"
                + "\n\n".join(parts)
                for pk, parts in texts.items()
            )
            subject = _("[%(city)s 311] Updates on your requests") % {"city": city}
            prefix = _("%(city)s 311:") % {"city": city}
    return Composed(
        subject=subject,
        body=body,
        text=f"{prefix} {body}",
        auto_notice=not person_wrote,
        case=first,
    )


def deliver_claim(claim: Claim) -> str:
    """Send one claim; returns the rows' new status."""
    resident = claim.rows[0].resident
    channel = resident_channel(resident)
    if channel is None or channel not in SENDERS:
        outbox_mark_skipped(claim=claim, reason=_("The resident asked for no messages."))
        return "skipped"
    if claim.interrupted and channel not in IDEMPOTENT_CHANNELS:
        # A worker died while sending: it may have arrived, and a text has no id that
        # would stop a second one. Staff decide ("send again" on the failed page).
        return outbox_mark_failed(
            claim=claim,
            channel=channel,
            transient=False,
            error=_("Interrupted while sending; it may have arrived. Check before sending again."),
        )
    language = resident.preferred_language or "en"
    composed = compose(claim, language)
    if composed is None:
        outbox_mark_skipped(claim=claim, reason="nothing for the resident")
        return "skipped"
    message_id = outbox_prepare(
        claim=claim, channel=channel, message_id=new_message_id(composed.case)
    )
    outgoing = Outgoing(
        case=composed.case,
        resident=resident,
        language=language,
        subject=composed.subject,
        body=composed.body,
        text=composed.text,
        auto_notice=composed.auto_notice,
        message_id=message_id,
        unsubscribe_url=unsubscribe_url(composed.case, resident),
    )
    try:
        provider_id = SENDERS[channel](outgoing)
    except NoAddress as exc:
        outbox_mark_skipped(claim=claim, reason=str(exc))
        return "skipped"
    except PermanentFailure as exc:
        return outbox_mark_failed(
            claim=claim, channel=channel, error=str(exc), transient=False, bounced=exc.bounced
        )
    except Exception as exc:  # SMTP down, provider 5xx, timeouts: retried with a backoff
        # The type only: a provider's message may name the address (no personal data in logs).
        logger.warning("Outbox claim %s by %s failed: %s", claim.token, channel, type(exc).__name__)
        return outbox_mark_failed(
            claim=claim, channel=channel, error=f"{type(exc).__name__}: {exc}", transient=True
        )
    summary = _("Sent by %(channel)s.") % {"channel": channel}
    outbox_mark_sent(claim=claim, channel=channel, provider_id=provider_id, body=summary)
    return "sent"


def deliver_outbox(*, limit: int = 100) -> int:
    """Claim and send what is due now (up to `limit` residents); returns how many were sent."""
    sent = 0
    for claim in outbox_claim(now=timezone.now(), limit=limit):
        try:
            sent += deliver_claim(claim) == "sent"
        except Exception as exc:  # one bad claim must not stop the others; it is retried
            logger.error(
                "Outbox claim %s could not be delivered: %s", claim.token, type(exc).__name__
            )
            outbox_mark_failed(claim=claim, channel="", error="internal error", transient=True)
    return sent
