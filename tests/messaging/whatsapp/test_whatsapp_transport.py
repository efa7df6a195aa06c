"""Out to residents on WhatsApp: free text in the 24-hour window, the approved template after.

Through the same provider interface as SMS, against a fake Twilio on loopback.
Times are passed explicitly (`at=`), so nothing depends on the wall clock.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cases.models import Case
from cases.services import case_reply_publicly
from messaging.models import Direction, WhatsAppMessageRecord
from messaging.sms.transport import SmsProvider
from messaging.whatsapp.inbound import InboundWhatsApp
from messaging.whatsapp.services import (
    NoTemplate,
    NoWhatsAppNumber,
    handle_inbound_whatsapp,
    send_case_whatsapp,
    session_open,
)
from messaging.whatsapp.transport import (
    ConsoleWhatsAppProvider,
    TwilioWhatsAppProvider,
    get_whatsapp_provider,
)
from residents.models import Resident
from tests.messaging.twilio import MESSAGE_SID, SID

pytestmark = pytest.mark.django_db

WROTE_AT = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
TEMPLATE_SID = "HX" + "a" * 32


@pytest.fixture(autouse=True)
def _twilio_settings(settings):
    settings.MESSAGING_TWILIO_ACCOUNT_SID = SID
    settings.MESSAGING_TWILIO_AUTH_TOKEN = "secret-token"
    settings.MESSAGING_WHATSAPP_FROM = "+15555550999"
    settings.MESSAGING_WHATSAPP_TEMPLATE_SIDS = {"en": TEMPLATE_SID, "es": ""}


@pytest.fixture
def nia_case(general) -> Case:
    """Nia wrote on WhatsApp at WROTE_AT, which opened her case."""
    result = handle_inbound_whatsapp(
        InboundWhatsApp(
            sender="+15555550177",
            recipient="+15555550999",
            body="Streetlight out on 5th Avenue",
            message_sid="SM" + "1" * 32,
            profile_name="Nia",
        ),
        at=WROTE_AT,
    )
    assert result.case is not None
    return result.case


def test_a_reply_inside_the_window_goes_as_free_text_through_twilio(nia_case, fake_twilio, city):
    reply = case_reply_publicly(case=nia_case, by=city.alice, body="We fixed the streetlight.")
    provider = TwilioWhatsAppProvider(http_client=fake_twilio.client())

    record = send_case_whatsapp(
        case=nia_case, body=reply.body, provider=provider, at=WROTE_AT + dt.timedelta(hours=23)
    )

    [request] = fake_twilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/{SID}/Messages.json"
    assert request["form"] == {
        "To": ["whatsapp:+15555550177"],
        "From": ["whatsapp:+15555550999"],
        "Body": ["We fixed the streetlight."],
    }
    assert (record.provider_id, record.direction, record.template_sid) == (
        MESSAGE_SID,
        Direction.OUTBOUND,
        "",
    )


def test_after_the_window_the_approved_template_goes_with_the_text_as_its_variable(
    nia_case, fake_twilio
):
    provider = TwilioWhatsAppProvider(http_client=fake_twilio.client())

    record = send_case_whatsapp(
        case=nia_case,
        body="We fixed the streetlight.",
        provider=provider,
        at=WROTE_AT + dt.timedelta(hours=25),
    )

    [request] = fake_twilio.requests
    form = request["form"]
    assert form["ContentSid"] == [TEMPLATE_SID]
    assert "Body" not in form
    assert json.loads(form["ContentVariables"][0]) == {
        "1": f"Riverton 311, request {nia_case.tracking_number}",
        "2": "We fixed the streetlight.",
    }
    assert record.template_sid == TEMPLATE_SID
    assert record.body == (
        f"Update from Riverton 311, request {nia_case.tracking_number}:\n\n"
        "We fixed the streetlight.\n\nReply here if you have a question."
    )


def test_the_template_variable_is_one_line_within_whatsapps_limit(nia_case):
    record = send_case_whatsapp(
        case=nia_case,
        body="Your request is now resolved.\n\n\tWe     fixed it. " + "x" * 2000,
        provider=ConsoleWhatsAppProvider(),
        at=WROTE_AT + dt.timedelta(days=1),
    )

    text = record.body.split(":\n\n", 1)[1].split("\n\n")[0]
    assert text.startswith("Your request is now resolved. We fixed it. xxx")
    assert len(text) == 1024


def test_a_spanish_speaker_gets_the_template_text_in_spanish(nia_case, settings):
    Resident.objects.filter(pk=nia_case.resident_id).update(preferred_language="es")
    nia_case.refresh_from_db()

    record = send_case_whatsapp(
        case=nia_case,
        body="Arreglamos la farola.",
        provider=ConsoleWhatsAppProvider(),
        at=WROTE_AT + dt.timedelta(days=3),
    )

    assert record.template_sid == TEMPLATE_SID  # no Spanish template set: the English one
    assert record.body.startswith(
        f"Novedades de Riverton 311, solicitud {nia_case.tracking_number}"
    )
    assert "Responda aquí si tiene alguna pregunta." in record.body


def test_after_the_window_without_a_template_nothing_is_sent(nia_case, fake_twilio, settings):
    settings.MESSAGING_WHATSAPP_TEMPLATE_SIDS = {"en": "", "es": ""}
    provider = TwilioWhatsAppProvider(http_client=fake_twilio.client())

    with pytest.raises(NoTemplate):
        send_case_whatsapp(
            case=nia_case, body="Hello", provider=provider, at=WROTE_AT + dt.timedelta(days=2)
        )

    assert fake_twilio.requests == []
    assert not WhatsAppMessageRecord.objects.filter(direction=Direction.OUTBOUND).exists()


def test_the_window_counts_from_the_residents_last_message(nia_case):
    assert session_open(phone="+1 555 555 0177", at=WROTE_AT + dt.timedelta(hours=23, minutes=59))
    assert not session_open(phone="+15555550177", at=WROTE_AT + dt.timedelta(hours=24))
    assert not session_open(phone="+15555550177", at=WROTE_AT - dt.timedelta(minutes=1))


def test_a_resident_without_a_phone_number_cannot_be_written_to(rita_case):
    Resident.objects.filter(pk=rita_case.resident_id).update(phone="")
    rita_case.refresh_from_db()

    with pytest.raises(NoWhatsAppNumber):
        send_case_whatsapp(case=rita_case, body="Hello", provider=ConsoleWhatsAppProvider())


def test_the_console_provider_writes_the_outbox_file(nia_case, settings):
    record = send_case_whatsapp(
        case=nia_case,
        body="On our way.",
        provider=ConsoleWhatsAppProvider(),
        at=WROTE_AT + dt.timedelta(hours=1),
    )

    line = json.loads(
        (settings.MESSAGING_OUTBOX_DIR / "whatsapp.jsonl").read_text().splitlines()[-1]
    )
    assert (line["id"], line["to"], line["body"]) == (
        record.provider_id,
        "+15555550177",
        "On our way.",
    )


def test_whatsapp_providers_have_the_sms_provider_interface():
    provider: SmsProvider = ConsoleWhatsAppProvider()  # mypy checks the Protocol
    assert callable(provider.send)


def test_provider_is_chosen_by_setting(settings):
    settings.MESSAGING_WHATSAPP_PROVIDER = "console"
    assert isinstance(get_whatsapp_provider(), ConsoleWhatsAppProvider)

    settings.MESSAGING_WHATSAPP_PROVIDER = "carrier-pigeon"
    with pytest.raises(ValueError, match="carrier-pigeon"):
        get_whatsapp_provider()
