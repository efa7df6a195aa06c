"""A resident who chose WhatsApp is told on WhatsApp, through the same outbox as email and SMS."""

from __future__ import annotations

import json

import pytest

from cases.models import OutboxMessage, OutboxStatus
from cases.services import case_reply_publicly
from messaging.models import WhatsAppMessageRecord
from residents.models import ContactChannel
from tests import factories

pytestmark = pytest.mark.django_db


def _sent(settings):  # type: ignore[no-untyped-def]
    path = settings.MESSAGING_OUTBOX_DIR / "whatsapp.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_a_whatsapp_resident_gets_the_reply_on_whatsapp(city, settings, committed):
    """Outside the 24-hour window WhatsApp takes only the approved template."""
    settings.MESSAGING_WHATSAPP_PROVIDER = "console"
    settings.MESSAGING_WHATSAPP_TEMPLATE_SIDS = {"en": "HX" + "0" * 32, "es": "HX" + "1" * 32}
    resident = factories.make_resident(
        full_name="Wanda", email="", phone="+15555550177", preferred_channel=ContactChannel.WHATSAPP
    )
    case = factories.make_case(city.pothole, resident=resident, address="1 Elm")

    with committed():
        case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")

    [message] = _sent(settings)
    assert message["to"] == "+15555550177"
    assert message["content_sid"] == "HX" + "0" * 32
    assert OutboxMessage.objects.get(case=case, event__isnull=False).status == OutboxStatus.SENT
    assert WhatsAppMessageRecord.objects.filter(case=case, direction="out").count() == 1


def test_without_a_template_outside_the_window_it_fails_visibly(city, settings, committed):
    settings.MESSAGING_WHATSAPP_PROVIDER = "console"
    settings.MESSAGING_WHATSAPP_TEMPLATE_SIDS = {"en": "", "es": ""}
    resident = factories.make_resident(
        full_name="Wanda", email="", phone="+15555550177", preferred_channel=ContactChannel.WHATSAPP
    )
    case = factories.make_case(city.pothole, resident=resident, address="1 Elm")

    with committed():
        case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")

    row = OutboxMessage.objects.get(case=case, event__isnull=False)
    assert row.status == OutboxStatus.FAILED
    assert "TEMPLATE_SID is not set" in row.error
    assert _sent(settings) == []
