"""WhatsApp messages into the queue and out to residents (Twilio's WhatsApp API).

Copied from `sms/services.py` and changed. Inbound, in this order: a repeated
webhook (same MessageSid) does nothing; "STATUS <tracking number>" (or
"ESTADO") answers with the status and the promised date, the same words as by
SMS; opt-out words (STOP, …) open no case; a lone digit 1–5 answers the sender's
open satisfaction survey (messaging/surveys.py); a message from a resident with an
open case is added to it; anything else opens a case on the WhatsApp channel.
Each returns the reply to send back in the conversation, in the resident's
language, or "" for none.

Outbound, `send_case_whatsapp` follows WhatsApp's rule: a free-form message
within 24 hours of the resident's last message (the session window), otherwise
the approved template (CIVICDESK_WHATSAPP_TEMPLATE_SID, _ES for Spanish) with the text
as its variable.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from calendars.formatting import promised_day
from cases.models import OPEN_STATUSES, Case, Channel
from cases.services import (
    MAX_DESCRIPTION,
    case_add_internal_note,
    case_add_resident_message,
    case_create,
)
from messaging.channel_cases import default_service, over_hourly_cap
from messaging.models import Direction, HeldMessage, HeldReason, WhatsAppMessageRecord
from messaging.sms.services import CARRIER_KEYWORDS, STATUS_COMMAND, status_reply
from messaging.surveys import answer_survey_by_text
from messaging.whatsapp.inbound import InboundWhatsApp
from messaging.whatsapp.transport import (
    WhatsAppProvider,
    WhatsAppTemplate,
    get_whatsapp_provider,
)
from residents.models import ContactChannel
from residents.selectors import residents_with_phone
from residents.services import normalise_phone, resident_find_or_create

logger = logging.getLogger(__name__)

SESSION_WINDOW = dt.timedelta(hours=24)
# WhatsApp's limit for a template variable's text.
MAX_TEMPLATE_TEXT = 1024


@dataclass(frozen=True)
class WhatsAppResult:
    outcome: str
    reply: str = ""
    case: Case | None = None


def handle_inbound_whatsapp(
    message: InboundWhatsApp, *, at: dt.datetime | None = None
) -> WhatsAppResult:
    at = at or timezone.now()
    if (
        message.message_sid
        and WhatsAppMessageRecord.objects.filter(
            direction=Direction.INBOUND, provider_id=message.message_sid
        ).exists()
    ):
        return WhatsAppResult("duplicate")
    phone = normalise_phone(message.sender)
    body = message.body.strip()
    residents = residents_with_phone(phone)
    command = STATUS_COMMAND.match(body)
    if command:
        spanish = command.group(1).lower() == "estado"
        language = residents[0].preferred_language if residents else ("es" if spanish else "en")
        _record(message, None, at)
        return WhatsAppResult("status", reply=status_reply(command.group(2), language=language))
    if body.upper() in CARRIER_KEYWORDS:
        _record(message, None, at)
        return WhatsAppResult("keyword")
    if not body and not message.media_urls:
        return WhatsAppResult("empty")
    survey = answer_survey_by_text(phone=phone, body=body, via="whatsapp", at=at)
    if survey is not None:
        _record(message, survey.case, at)
        return WhatsAppResult("survey", reply=survey.reply, case=survey.case)

    open_case = (
        Case.objects.filter(resident__in=residents, status__in=OPEN_STATUSES, merged_into=None)
        .order_by("-updated_at", "-id")
        .first()
        if residents
        else None
    )
    if open_case is not None:
        return _add_to_case(message, open_case, at)
    return _open_case(message, at, language=residents[0].preferred_language if residents else "en")


def _text(message: InboundWhatsApp) -> str:
    return (message.body.strip() or _("(A picture message without text.)"))[:MAX_DESCRIPTION]


def _add_to_case(message: InboundWhatsApp, case: Case, at: dt.datetime) -> WhatsAppResult:
    with transaction.atomic():
        case_add_resident_message(
            case=case,
            body=_text(message),
            label=_("%(name)s by WhatsApp") % {"name": case.resident},
            at=at,
        )
        _record(message, case, at)
        _note_media(message, case, at)
    language = case.resident.preferred_language if case.resident else "en"
    with translation.override(language):
        reply = _("Thanks, we added your message to request %(number)s.") % {
            "number": case.tracking_number
        }
    return WhatsAppResult("reply", reply=reply, case=case)


def _open_case(message: InboundWhatsApp, at: dt.datetime, *, language: str) -> WhatsAppResult:
    phone = normalise_phone(message.sender)
    if over_hourly_cap(channel=Channel.WHATSAPP, contact=Q(resident__phone=phone), at=at):
        _hold(message, HeldReason.RATE_LIMITED, at)
        return WhatsAppResult("held")
    service = default_service()
    try:
        if service is None:
            raise ValidationError(_("No service takes WhatsApp messages."))
        with transaction.atomic():
            resident = resident_find_or_create(
                phone=phone,
                full_name=message.profile_name,
                channel=ContactChannel.WHATSAPP,
                match_first="phone",
                fill_blanks=False,
            )
            case = case_create(
                service=service,
                channel=Channel.WHATSAPP,
                description=_text(message),
                resident=resident,
                at=at,
            )
            _record(message, case, at)
            _note_media(message, case, at)
    except ValidationError as exc:
        _hold(message, HeldReason.CANNOT_OPEN_CASE, at, detail="; ".join(exc.messages))
        with translation.override(language):
            return WhatsAppResult(
                "held", reply=_("Thanks for your message. A member of our team will reply.")
            )
    due = promised_day(case.first_response_due, jurisdiction=case.jurisdiction, language=language)
    with translation.override(language):
        reply = _(
            "Thanks. Your request number is %(number)s. We will answer by %(due)s. "
            "Send STATUS %(number)s for updates."
        ) % {"number": case.tracking_number, "due": due}
    return WhatsAppResult("new_case", reply=reply, case=case)


def _record(message: InboundWhatsApp, case: Case | None, at: dt.datetime) -> None:
    try:
        with transaction.atomic():
            WhatsAppMessageRecord.objects.create(
                case=case,
                provider_id=message.message_sid,
                direction=Direction.INBOUND,
                phone=normalise_phone(message.sender),
                body=message.body[:MAX_DESCRIPTION],
                created_at=at,
            )
    except IntegrityError:  # the same webhook arriving twice at once
        logger.info("WhatsApp message %s already recorded", message.message_sid)


def _note_media(message: InboundWhatsApp, case: Case, at: dt.datetime) -> None:
    if message.media_urls:
        lines = [
            _("The resident sent %(n)d picture(s) by WhatsApp:") % {"n": len(message.media_urls)}
        ]
        case_add_internal_note(
            case=case, by=None, at=at, body="\n".join([*lines, *message.media_urls])
        )


def _hold(
    message: InboundWhatsApp, reason: str, at: dt.datetime, *, detail: str = ""
) -> HeldMessage:
    return HeldMessage.objects.create(
        channel=Channel.WHATSAPP,
        reason=reason,
        sender=normalise_phone(message.sender),
        sender_name=message.profile_name,
        body=message.body,
        message_id=message.message_sid,
        detail=detail,
        received_at=at,
    )


# --- Outbound ----------------------------------------------------------------------------


class NoWhatsAppNumber(ValueError):
    """The case's resident has no phone number to write to on WhatsApp."""


class NoTemplate(ValueError):
    """Outside the 24-hour window WhatsApp needs a template, and none is configured."""


def session_open(*, phone: str, at: dt.datetime) -> bool:
    """Did this number write to us in the last 24 hours (WhatsApp's session window)?"""
    return WhatsAppMessageRecord.objects.filter(
        phone=normalise_phone(phone),
        direction=Direction.INBOUND,
        created_at__gt=at - SESSION_WINDOW,
        created_at__lte=at,
    ).exists()


def update_template(*, case: Case, body: str, language: str) -> WhatsAppTemplate:
    """The approved "update on your request" template in `language`, filled in for this case.

    The template registered with WhatsApp (see docs/channels.md) has two variables:
    {{1}} the city and request number, {{2}} the text; its wording is
    `templates/messaging/whatsapp/update_template.txt`.
    """
    sids = settings.MESSAGING_WHATSAPP_TEMPLATE_SIDS
    sid = sids.get(language) or sids.get("en", "")
    if not sid:
        raise NoTemplate(
            f"{case.tracking_number}: the WhatsApp session has ended and "
            "CIVICDESK_WHATSAPP_TEMPLATE_SID is not set"
        )
    with translation.override(language):
        heading = _("%(city)s 311, request %(number)s") % {
            "city": case.jurisdiction.name,
            "number": case.tracking_number,
        }
        # WhatsApp refuses a template variable with new lines, tabs or runs of spaces.
        text = " ".join(body.split())[:MAX_TEMPLATE_TEXT]
        rendered = render_to_string(
            "messaging/whatsapp/update_template.txt", {"heading": heading, "text": text}
        )
    return WhatsAppTemplate(
        content_sid=sid, variables={"1": heading, "2": text}, text=rendered.strip()
    )


def send_case_whatsapp(
    *,
    case: Case,
    body: str,
    provider: WhatsAppProvider | None = None,
    at: dt.datetime | None = None,
) -> WhatsAppMessageRecord:
    """Write to the case's resident on WhatsApp (replies and notices) and record it.

    Free text inside the 24-hour window; the approved template after it. Raises
    NoWhatsAppNumber, or NoTemplate when the window is closed and none is set.
    """
    at = at or timezone.now()
    resident = case.resident
    if resident is None or not resident.phone:
        raise NoWhatsAppNumber(f"{case.tracking_number}: the resident has no phone number")
    provider = provider or get_whatsapp_provider()
    template_sid = ""
    if session_open(phone=resident.phone, at=at):
        provider_id = provider.send(to=resident.phone, body=body)
        sent = body
    else:
        template = update_template(
            case=case, body=body, language=resident.preferred_language or "en"
        )
        provider_id = provider.send_template(to=resident.phone, template=template)
        sent, template_sid = template.text, template.content_sid
    return WhatsAppMessageRecord.objects.create(
        case=case,
        provider_id=provider_id,
        direction=Direction.OUTBOUND,
        phone=resident.phone,
        body=sent,
        template_sid=template_sid,
        created_at=at,
    )
