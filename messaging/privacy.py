"""Channel records (email, SMS, social, chat, held mail) for export, erasure and retention."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from messaging.models import (
    ChatSession,
    EmailMessageRecord,
    HeldMessage,
    SmsMessageRecord,
    SocialMessageRecord,
    SocialThread,
    WhatsAppMessageRecord,
)
from privacy.registry import PersonalData, register
from residents.models import Resident


def _held_for(resident: Resident) -> QuerySet[Any]:
    match = Q(case__resident=resident)
    if resident.email:
        match |= Q(sender__iexact=resident.email)
    return HeldMessage.objects.filter(match)


def _sms_for(resident: Resident) -> QuerySet[Any]:
    match = Q(case__resident=resident)
    if resident.phone:
        match |= Q(phone=resident.phone)
    return SmsMessageRecord.objects.filter(match)


register(
    PersonalData(
        model=EmailMessageRecord,
        fields=("address", "subject"),
        context=("case__tracking_number", "direction"),
        for_resident=lambda r: EmailMessageRecord.objects.filter(case__resident=r),
        for_cases=lambda cases: EmailMessageRecord.objects.filter(case__in=cases),
    )
)
register(
    PersonalData(
        model=HeldMessage,
        fields=("sender", "sender_name", "subject", "body", "body_html", "detail"),
        context=("channel", "reason", "status"),
        for_resident=_held_for,
        for_cases=lambda cases: HeldMessage.objects.filter(case__in=cases),
    )
)
register(
    PersonalData(
        model=SmsMessageRecord,
        fields=("phone", "body"),
        context=("case__tracking_number", "direction"),
        for_resident=_sms_for,
        for_cases=lambda cases: SmsMessageRecord.objects.filter(case__in=cases),
    )
)
register(
    PersonalData(
        model=WhatsAppMessageRecord,
        fields=("phone", "body"),
        context=("case__tracking_number", "direction"),
        for_resident=lambda r: WhatsAppMessageRecord.objects.filter(
            Q(case__resident=r) | (Q(phone=r.phone) if r.phone else Q(pk__in=[]))
        ),
        for_cases=lambda cases: WhatsAppMessageRecord.objects.filter(case__in=cases),
    )
)
register(
    PersonalData(
        model=SocialThread,
        fields=("handle", "post_url"),
        context=("case__tracking_number", "platform", "created_at"),
        for_resident=lambda r: SocialThread.objects.filter(case__resident=r),
        for_cases=lambda cases: SocialThread.objects.filter(case__in=cases),
    )
)
register(
    PersonalData(
        model=SocialMessageRecord,
        fields=("body",),
        context=("thread__case__tracking_number", "direction", "visibility"),
        for_resident=lambda r: SocialMessageRecord.objects.filter(thread__case__resident=r),
        for_cases=lambda cases: SocialMessageRecord.objects.filter(thread__case__in=cases),
    )
)
register(
    PersonalData(
        model=ChatSession,
        fields=("name", "email"),
        context=("case__tracking_number", "language"),
        for_resident=lambda r: ChatSession.objects.filter(case__resident=r),
        for_cases=lambda cases: ChatSession.objects.filter(case__in=cases),
    )
)
