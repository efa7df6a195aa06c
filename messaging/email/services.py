"""Inbound email into the one queue: open a case, add a reply, hold, or ignore.

`ingest_email(raw)` is called by both ways in (the MTA pipe command and the
IMAP poller) and decides, in this order:

1. too big: refused (the MTA bounces it with our notice);
2. a delivery status notification about mail we sent: the address is marked bouncing;
3. automatic mail (auto-replies, lists, bulk, daemons, our own mail): dropped, no answer;
4. a message we already have (same Message-ID): nothing, so retries are harmless;
5. a reply to a case (our Message-ID in In-Reply-To/References, or "[#tracking]" in
   the subject): added to the case if it comes from the case's resident, otherwise
   held for staff with an internal note (an address is not an identity);
6. anything else: a new case on the email channel, within a per-sender hourly cap.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from calendars.formatting import promised_day
from cases.models import Case, Channel
from cases.outbox import outbox_add_message, outbox_mark_bounced
from cases.services import (
    MAX_DESCRIPTION,
    case_add_internal_note,
    case_add_resident_message,
    case_create,
)
from catalogue.models import Service
from messaging.attachments import Refused, store_attachments
from messaging.channel_cases import over_hourly_cap
from messaging.email.inbound import ParsedEmail, parse_message, strip_quoted, tracking_number_in
from messaging.models import (
    Direction,
    EmailMessageRecord,
    HeldMessage,
    HeldReason,
    Mailbox,
)
from notifications.transports import message_id_domain
from residents.models import ContactChannel, Resident
from residents.services import resident_find_or_create

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    NEW_CASE = "new_case"
    REPLY = "reply"
    HELD = "held"
    IGNORED = "ignored"
    BOUNCE = "bounce"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    case: Case | None = None
    held: HeldMessage | None = None
    detail: str = ""


class MessageTooLarge(ValueError):
    """Over MESSAGING_EMAIL_MAX_BYTES; the text is the notice the sender gets back."""


class TemporaryFailure(RuntimeError):
    """Cannot take the message now (configuration, database); the MTA should retry."""


def _readable_size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"


def too_large_notice(size: int) -> str:
    limit = settings.MESSAGING_EMAIL_MAX_BYTES
    return (
        f"Your message ({_readable_size(size)}) is larger than the {_readable_size(limit)} "
        "we accept "
        "and was not delivered. Please send fewer or smaller photos, or use the web form at "
        f"{settings.SITE_URL}/."
    )


def ingest_email(raw: bytes, *, at: dt.datetime | None = None) -> IngestResult:
    """Take one RFC 5322 message. Raises MalformedMessage, MessageTooLarge, TemporaryFailure."""
    if len(raw) > settings.MESSAGING_EMAIL_MAX_BYTES:
        raise MessageTooLarge(too_large_notice(len(raw)))
    at = at or timezone.now()
    parsed = parse_message(
        raw, own_domain=message_id_domain(), authserv_id=settings.MESSAGING_EMAIL_AUTHSERV_ID
    )

    if parsed.delivery_failures:
        marked = resident_mark_email_bouncing_from_dsn(parsed)
        return IngestResult(Outcome.BOUNCE, detail=f"{marked} address(es) marked bouncing")
    if parsed.automatic:
        logger.info("Ignored automatic mail from %s: %s", parsed.sender, parsed.automatic)
        return IngestResult(Outcome.IGNORED, detail=parsed.automatic)
    if parsed.message_id and _already_have(parsed.message_id):
        return IngestResult(Outcome.DUPLICATE, detail=parsed.message_id)

    case = case_replied_to(parsed)
    if parsed.authentication.fails:
        return _hold_unauthenticated(parsed, case, at)
    if case is not None:
        return _take_reply(parsed, case, at)
    return _open_case(parsed, at)


def _hold_unauthenticated(parsed: ParsedEmail, case: Case | None, at: dt.datetime) -> IngestResult:
    """A sender whose domain disowns the message: held, never added as that resident."""
    summary = parsed.authentication.summary()
    with transaction.atomic():
        held = _hold(
            parsed,
            HeldReason.AUTHENTICATION_FAILED,
            at,
            case=case,
            body=strip_quoted(parsed.text) if case is not None else parsed.text,
            detail=summary,
        )
        if case is not None:
            case_add_internal_note(
                case=case,
                by=None,
                at=at,
                body=_(
                    "A message about this case claiming to be from %(sender)s is held for "
                    "review: the sender's domain did not vouch for it (%(checks)s). It may "
                    "be forged."
                )
                % {"sender": parsed.sender, "checks": summary},
            )
    logger.warning("Held mail claiming %s: %s", parsed.sender, summary)
    return IngestResult(Outcome.HELD, case=case, held=held, detail="authentication failed")


def _already_have(message_id: str) -> bool:
    return (
        EmailMessageRecord.objects.filter(
            message_id=message_id, direction=Direction.INBOUND
        ).exists()
        or HeldMessage.objects.filter(message_id=message_id).exists()
    )


def case_replied_to(parsed: ParsedEmail) -> Case | None:
    """The case this message answers: by our Message-IDs first, then by the subject tag."""
    case: Case | None = None
    ids = parsed.thread_ids
    if ids:
        record = (
            EmailMessageRecord.objects.filter(message_id__in=ids)
            .select_related("case")
            .order_by("-created_at", "-id")
            .first()
        )
        case = record.case if record else None
    if case is None:
        number = tracking_number_in(parsed.subject)
        if number:
            case = Case.objects.filter(tracking_number=number).first()
    # A merged case lives on in the case it was merged into.
    for _hop in range(5):
        if case is None or case.merged_into_id is None:
            break
        case = case.merged_into
    return case


def _take_reply(parsed: ParsedEmail, case: Case, at: dt.datetime) -> IngestResult:
    body = strip_quoted(parsed.text)
    resident_email = (case.resident.email if case.resident else "").strip().lower()
    if not resident_email or parsed.sender != resident_email:
        with transaction.atomic():
            held = _hold(parsed, HeldReason.SENDER_MISMATCH, at, case=case, body=body)
            case_add_internal_note(
                case=case,
                by=None,
                at=at,
                body=_(
                    "A message about this case from %(sender)s is held for review: that "
                    "address is not the resident's. Check who wrote it before adding it."
                )
                % {"sender": parsed.sender},
            )
        return IngestResult(Outcome.HELD, case=case, held=held, detail="sender mismatch")
    with transaction.atomic():
        if not body:
            body = _("(The message had no text.)")
        case_add_resident_message(
            case=case,
            body=body[:MAX_DESCRIPTION],
            label=_("%(name)s by email") % {"name": case.resident},
            at=at,
        )
        _record_inbound(parsed, case, at)
        _keep_attachments(parsed, case, at)
    return IngestResult(Outcome.REPLY, case=case)


def _open_case(parsed: ParsedEmail, at: dt.datetime) -> IngestResult:
    if over_hourly_cap(
        channel=Channel.EMAIL, contact=Q(resident__email__lower=parsed.sender.lower()), at=at
    ):
        held = _hold(parsed, HeldReason.RATE_LIMITED, at, body=parsed.text)
        logger.warning("Held mail from %s: hourly cap of new cases reached", parsed.sender)
        return IngestResult(Outcome.HELD, held=held, detail="rate limited")

    service = service_for(parsed.recipients)
    if service is None:
        raise TemporaryFailure(
            "No service takes email: add a Mailbox for this address or a service with code "
            f"{settings.MESSAGING_EMAIL_DEFAULT_SERVICE!r}."
        )
    description = "\n\n".join(p for p in (parsed.subject, parsed.text) if p)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a new contact record only with its case
                case = case_create(
                    service=service,
                    channel=Channel.EMAIL,
                    description=description[:MAX_DESCRIPTION] or _("(The message had no text.)"),
                    resident=resident_find_or_create(
                        full_name=parsed.sender_name,
                        email=parsed.sender,
                        channel=ContactChannel.EMAIL,
                        language=parsed.language,
                        fill_blanks=False,
                    ),
                    at=at,
                )
        except ValidationError as exc:
            held = _hold(
                parsed,
                HeldReason.CANNOT_OPEN_CASE,
                at,
                body=parsed.text,
                detail="; ".join(exc.messages),
            )
            return IngestResult(Outcome.HELD, held=held, detail="cannot open case")
        _record_inbound(parsed, case, at)
        _keep_attachments(parsed, case, at)
        if settings.MESSAGING_EMAIL_ACKNOWLEDGE:
            owe_acknowledgement(case)
    return IngestResult(Outcome.NEW_CASE, case=case)


def service_for(recipients: list[str]) -> Service | None:
    """The service a new message opens: the addressed mailbox's, else the general one."""
    mailbox = (
        Mailbox.objects.filter(address__in=recipients, is_active=True)
        .select_related("service", "jurisdiction")
        .first()
    )
    code = settings.MESSAGING_EMAIL_DEFAULT_SERVICE
    services = Service.objects.filter(is_active=True).order_by("id")
    if mailbox is not None:
        if mailbox.service is not None and mailbox.service.is_active:
            return mailbox.service
        services = services.filter(jurisdiction_id=mailbox.jurisdiction_id)
    return services.filter(service_code=code).first() or (
        services.filter(service_code="general-enquiry").first()
    )


def _hold(
    parsed: ParsedEmail,
    reason: str,
    at: dt.datetime,
    *,
    case: Case | None = None,
    body: str = "",
    detail: str = "",
) -> HeldMessage:
    return HeldMessage.objects.create(
        channel=Channel.EMAIL,
        reason=reason,
        case=case,
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        subject=parsed.subject,
        body=body,
        body_html=parsed.html,
        message_id=parsed.message_id,
        detail=detail,
        received_at=at,
    )


def _record_inbound(parsed: ParsedEmail, case: Case, at: dt.datetime) -> None:
    if parsed.message_id:
        EmailMessageRecord.objects.create(
            case=case,
            message_id=parsed.message_id,
            direction=Direction.INBOUND,
            address=parsed.sender,
            subject=parsed.subject,
            authentication=parsed.authentication.as_dict(),
            created_at=at,
        )


def _keep_attachments(parsed: ParsedEmail, case: Case, at: dt.datetime) -> None:
    if not parsed.attachments:
        return
    kept, refused = store_attachments(case=case, attachments=parsed.attachments)
    if refused:
        case_add_internal_note(case=case, by=None, at=at, body=_refused_note(refused, len(kept)))


def _refused_note(refused: list[Refused], kept: int) -> str:
    lines = [
        _("%(n)d attachment(s) from the resident's email were not kept:") % {"n": len(refused)}
    ]
    lines += [f"- {item.filename}: {item.reason}" for item in refused]
    if kept:
        lines.append(_("%(n)d photo(s) were kept.") % {"n": kept})
    return "\n".join(lines)


def owe_acknowledgement(case: Case) -> None:
    """Owe the resident "we have it", with the tracking number and concrete dates.

    Written to the case outbox in the case's transaction; the outbox worker sends it
    (threaded under their mail, in their language) and retries if the mail server is down.
    """
    resident = case.resident
    if resident is None:
        return
    language = resident.preferred_language
    days = {
        "first_response_day": promised_day(
            case.first_response_due, jurisdiction=case.jurisdiction, language=language
        ),
        "resolution_day": promised_day(
            case.resolution_due, jurisdiction=case.jurisdiction, language=language
        ),
    }
    with translation.override(language):
        subject = _("We received your request")
        body = render_to_string("messaging/email/acknowledgement.txt", {"case": case, **days})
    outbox_add_message(case=case, kind="acknowledged", subject=subject, body=body)


# --- Bounces ---------------------------------------------------------------------------


def resident_mark_email_bouncing(*, address: str) -> int:
    """Stop writing to an address that bounces; returns how many residents had it."""
    return Resident.objects.filter(
        email__lower=address.strip().lower(), email_bouncing=False
    ).update(email_bouncing=True)


def resident_mark_email_bouncing_from_dsn(parsed: ParsedEmail) -> int:
    """Mark the failed recipients of a DSN, but only for mail we really sent them.

    A bounce names the original message; unless that is one of ours to that very
    address, anyone could forge a "bounce" to silence a resident's updates.
    """
    marked = 0
    for failure in parsed.delivery_failures:
        ours = list(
            EmailMessageRecord.objects.filter(
                direction=Direction.OUTBOUND,
                address__iexact=failure.address,
                message_id__in=[*parsed.returned_message_ids, *parsed.thread_ids],
            ).values_list("message_id", flat=True)
        )
        if ours:
            marked += resident_mark_email_bouncing(address=failure.address)
            for message_id in ours:  # on the outbox row and the case's timeline
                outbox_mark_bounced(message_id=message_id, reason=f"{failure.address} bounced")
        else:
            logger.warning("Ignored a bounce for %s about mail we did not send", failure.address)
    return marked
