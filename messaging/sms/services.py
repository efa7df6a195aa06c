"""Text messages into the queue and out to residents.

Inbound, in this order: a repeated webhook (same MessageSid) does nothing;
"STATUS <tracking number>" (or "ESTADO") answers with the status and the
promised date; carrier keywords (STOP, HELP…) are left to the provider; a lone
digit 1–5 answers the sender's open satisfaction survey (messaging/surveys.py); a text
from a resident with an open case is added to it; anything else opens a case
on the SMS channel. Each returns the reply to text back, in the resident's
language, or "" for none.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from calendars.formatting import promised_day
from cases.formatting import STATUS_PHRASES
from cases.models import OPEN_STATUSES, Case, Channel, Status
from cases.selectors import case_by_tracking_number
from cases.services import (
    MAX_DESCRIPTION,
    case_add_internal_note,
    case_add_resident_message,
    case_create,
)
from messaging.channel_cases import default_service, over_hourly_cap
from messaging.models import Direction, HeldMessage, HeldReason, SmsMessageRecord
from messaging.sms.transport import SmsProvider, get_sms_provider
from messaging.surveys import answer_survey_by_text
from residents.models import ContactChannel
from residents.selectors import residents_with_phone
from residents.services import normalise_phone, resident_find_or_create

logger = logging.getLogger(__name__)

STATUS_COMMAND = re.compile(r"^\s*(status|estado)\b[\s:#]*(.*)$", re.IGNORECASE | re.DOTALL)
# Handled by the carrier/provider (Twilio Advanced Opt-Out); never a case.
CARRIER_KEYWORDS = {
    "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "START", "YES", "UNSTOP",
    "HELP", "INFO", "ALTO", "PARAR", "AYUDA",
}  # fmt: skip


@dataclass(frozen=True)
class InboundSms:
    sender: str
    recipient: str
    body: str
    message_sid: str
    media_urls: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SmsResult:
    outcome: str
    reply: str = ""
    case: Case | None = None


def handle_inbound_sms(sms: InboundSms, *, at: dt.datetime | None = None) -> SmsResult:
    at = at or timezone.now()
    if (
        sms.message_sid
        and SmsMessageRecord.objects.filter(
            direction=Direction.INBOUND, provider_id=sms.message_sid
        ).exists()
    ):
        return SmsResult("duplicate")
    body = sms.body.strip()
    residents = residents_with_phone(sms.sender)
    command = STATUS_COMMAND.match(body)
    if command:
        spanish = command.group(1).lower() == "estado"
        language = residents[0].preferred_language if residents else ("es" if spanish else "en")
        _record(sms, None, at)
        return SmsResult("status", reply=status_reply(command.group(2), language=language))
    if body.upper() in CARRIER_KEYWORDS:
        _record(sms, None, at)
        return SmsResult("keyword")
    if not body and not sms.media_urls:
        return SmsResult("empty")
    survey = answer_survey_by_text(phone=normalise_phone(sms.sender), body=body, via="sms", at=at)
    if survey is not None:
        _record(sms, survey.case, at)
        return SmsResult("survey", reply=survey.reply, case=survey.case)

    open_case = (
        Case.objects.filter(resident__in=residents, status__in=OPEN_STATUSES, merged_into=None)
        .order_by("-updated_at", "-id")
        .first()
        if residents
        else None
    )
    if open_case is not None:
        return _add_to_case(sms, open_case, at)
    return _open_case(sms, at, language=residents[0].preferred_language if residents else "en")


def status_reply(text: str, *, language: str) -> str:
    """Status and promised date of a case, by tracking number, in `language`.

    Says no more than the public tracking page: no names, no addresses.
    """
    case = case_by_tracking_number(text)
    with translation.override(language):
        if case is None:
            return _(
                "We could not find request “%(number)s”. Check the number (like 7KQ3M-9XRT2) "
                "and text STATUS and the number again."
            ) % {"number": text.strip()[:20]}
        if case.merged_into_id and case.merged_into:
            case = case.merged_into
        values = {
            "number": case.tracking_number,
            "service": case.service.name,
            "status": str(STATUS_PHRASES.get(Status(case.status), case.get_status_display())),
        }
        if case.status in OPEN_STATUSES:
            values["due"] = promised_day(
                case.resolution_due, jurisdiction=case.jurisdiction, language=language
            )
            return (
                _("Request %(number)s (%(service)s): %(status)s. We promise to finish by %(due)s.")
                % values
            )
        done_at = case.resolved_at or case.closed_at or case.updated_at
        values["day"] = promised_day(done_at, jurisdiction=case.jurisdiction, language=language)
        return _("Request %(number)s (%(service)s): %(status)s on %(day)s.") % values


def _add_to_case(sms: InboundSms, case: Case, at: dt.datetime) -> SmsResult:
    with transaction.atomic():
        case_add_resident_message(
            case=case,
            body=(sms.body.strip() or _("(A picture message without text.)"))[:MAX_DESCRIPTION],
            label=_("%(name)s by SMS") % {"name": case.resident},
            at=at,
        )
        _record(sms, case, at)
        _note_media(sms, case, at)
    language = case.resident.preferred_language if case.resident else "en"
    with translation.override(language):
        reply = _("Thanks, we added your message to request %(number)s.") % {
            "number": case.tracking_number
        }
    return SmsResult("reply", reply=reply, case=case)


def _open_case(sms: InboundSms, at: dt.datetime, *, language: str) -> SmsResult:
    if over_hourly_cap(channel=Channel.SMS, contact=Q(resident__phone=sms.sender), at=at):
        _hold(sms, HeldReason.RATE_LIMITED, at)
        return SmsResult("held")
    service = default_service()
    try:
        if service is None:
            raise ValidationError(_("No service takes text messages."))
        with transaction.atomic():
            resident = resident_find_or_create(
                phone=sms.sender,
                channel=ContactChannel.SMS,
                match_first="phone",
                fill_blanks=False,
            )
            case = case_create(
                service=service,
                channel=Channel.SMS,
                description=(sms.body.strip() or _("(A picture message without text.)"))[
                    :MAX_DESCRIPTION
                ],
                resident=resident,
                at=at,
            )
            _record(sms, case, at)
            _note_media(sms, case, at)
    except ValidationError as exc:
        _hold(sms, HeldReason.CANNOT_OPEN_CASE, at, detail="; ".join(exc.messages))
        with translation.override(language):
            return SmsResult(
                "held", reply=_("Thanks for your message. A member of our team will reply.")
            )
    due = promised_day(case.first_response_due, jurisdiction=case.jurisdiction, language=language)
    with translation.override(language):
        reply = _(
            "Thanks. Your request number is %(number)s. We will answer by %(due)s. "
            "Text STATUS %(number)s for updates."
        ) % {"number": case.tracking_number, "due": due}
    return SmsResult("new_case", reply=reply, case=case)


def _record(sms: InboundSms, case: Case | None, at: dt.datetime) -> None:
    try:
        with transaction.atomic():
            SmsMessageRecord.objects.create(
                case=case,
                provider_id=sms.message_sid,
                direction=Direction.INBOUND,
                phone=sms.sender,
                body=sms.body[:MAX_DESCRIPTION],
                created_at=at,
            )
    except IntegrityError:  # the same webhook arriving twice at once
        logger.info("SMS %s already recorded", sms.message_sid)


def _note_media(sms: InboundSms, case: Case, at: dt.datetime) -> None:
    if sms.media_urls:
        lines = [_("The resident sent %(n)d picture(s) by MMS:") % {"n": len(sms.media_urls)}]
        case_add_internal_note(case=case, by=None, at=at, body="\n".join([*lines, *sms.media_urls]))


def _hold(sms: InboundSms, reason: str, at: dt.datetime, *, detail: str = "") -> HeldMessage:
    return HeldMessage.objects.create(
        channel=Channel.SMS,
        reason=reason,
        sender=sms.sender,
        body=sms.body,
        message_id=sms.message_sid,
        detail=detail,
        received_at=at,
    )


# --- Outbound ----------------------------------------------------------------------------


class NoPhoneNumber(ValueError):
    """The case's resident has no phone number to text."""


def send_case_sms(
    *, case: Case, body: str, provider: SmsProvider | None = None
) -> SmsMessageRecord:
    """Text the case's resident (for notifications and staff replies) and record it."""
    resident = case.resident
    if resident is None or not resident.phone:
        raise NoPhoneNumber(f"{case.tracking_number}: the resident has no phone number")
    provider = provider or get_sms_provider()
    provider_id = provider.send(to=resident.phone, body=body)
    return SmsMessageRecord.objects.create(
        case=case,
        provider_id=provider_id,
        direction=Direction.OUTBOUND,
        phone=resident.phone,
        body=body,
        created_at=timezone.now(),
    )
