"""Twilio's WhatsApp webhook: real signatures, cases from messages in the one queue."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree
from twilio.request_validator import RequestValidator

from cases.models import Case, CaseEvent, Channel, EventKind, Status
from messaging.models import Direction, HeldMessage, WhatsAppMessageRecord
from residents.models import Resident
from tests import factories
from tests.messaging.conftest import RITA_TRACKING

pytestmark = pytest.mark.django_db

TOKEN = "twilio-test-auth-token"
PATH = "/messaging/whatsapp/twilio/"
SITE = "https://311.riverton.example.gov"


@pytest.fixture(autouse=True)
def _twilio_settings(settings):
    settings.MESSAGING_TWILIO_AUTH_TOKEN = TOKEN
    settings.SITE_URL = SITE


_sids = iter(range(1, 10_000))


def _form(sender: str, body: str, **extra: str) -> dict[str, str]:
    """What Twilio posts for a WhatsApp message (addresses carry the whatsapp: prefix)."""
    return {
        "MessageSid": f"SM{next(_sids):032d}",
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{sender}",
        "To": "whatsapp:+15555550999",
        "Body": body,
        "NumMedia": "0",
        "ProfileName": "Nia",
        "WaId": sender.lstrip("+"),
        **extra,
    }


def _post(client, form: dict[str, str], *, token: str = TOKEN):
    signature = RequestValidator(token).compute_signature(SITE + PATH, form)
    return client.post(PATH, form, HTTP_X_TWILIO_SIGNATURE=signature)


def _message(response) -> str:
    root = ElementTree.fromstring(response.content)
    assert root.tag == "Response"
    found = root.find("Message")
    return found.text if found is not None else ""


def test_a_signed_message_opens_a_whatsapp_case_and_is_answered(client, general):
    response = _post(client, _form("+15555550177", "The bus shelter glass is broken"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    [case] = Case.objects.all()
    assert (case.channel, case.service, case.description) == (
        Channel.WHATSAPP,
        general,
        "The bus shelter glass is broken",
    )
    assert (case.resident.phone, case.resident.full_name, case.resident.preferred_channel) == (
        "+15555550177",
        "Nia",
        "whatsapp",
    )
    assert _message(response).startswith(f"Thanks. Your request number is {case.tracking_number}")
    record = WhatsAppMessageRecord.objects.get()
    assert (record.direction, record.phone, record.case) == (
        Direction.INBOUND,
        "+15555550177",
        case,
    )


def test_the_case_lands_in_the_one_queue_as_whatsapp(client, city, general):
    _post(client, _form("+15555550177", "Graffiti on the library wall"))
    case = Case.objects.get()
    city.alice.departments.add(general.department)
    client.force_login(city.alice)

    response = client.get("/staff/", {"channel": "whatsapp"})

    assert f'data-tracking="{case.tracking_number}"' in response.text


def test_a_bad_signature_is_refused_and_changes_nothing(client, general):
    response = _post(client, _form("+15555550177", "Hello"), token="not-our-token")

    assert response.status_code == 403
    assert not Case.objects.exists()
    assert not WhatsAppMessageRecord.objects.exists()


def test_a_missing_signature_is_refused(client, general):
    response = client.post(PATH, _form("+15555550177", "Hello"))

    assert response.status_code == 403


def test_a_tampered_body_breaks_the_signature(client, general):
    form = _form("+15555550177", "Hello")
    signature = RequestValidator(TOKEN).compute_signature(SITE + PATH, form)
    form["Body"] = "Something else"

    response = client.post(PATH, form, HTTP_X_TWILIO_SIGNATURE=signature)

    assert response.status_code == 403
    assert not Case.objects.exists()


def test_a_signature_for_the_sms_webhook_is_not_valid_here(client, general):
    form = _form("+15555550177", "Hello")
    signature = RequestValidator(TOKEN).compute_signature(SITE + "/messaging/sms/twilio/", form)

    response = client.post(PATH, form, HTTP_X_TWILIO_SIGNATURE=signature)

    assert response.status_code == 403


def test_a_sender_that_is_not_a_whatsapp_address_is_a_bad_request(client, general):
    form = {**_form("+15555550177", "Hello"), "From": "+15555550177"}

    response = _post(client, form)

    assert response.status_code == 400
    assert "WhatsApp address" in response.text
    assert not Case.objects.exists()


def test_a_resident_known_by_phone_gets_their_message_on_their_open_case(client, city, rita_case):
    Resident.objects.filter(pk=city.rita.pk).update(phone="+15555550102")

    response = _post(client, _form("+1 555 555 0102", "It is getting worse"))

    event = CaseEvent.objects.get(case=rita_case, kind=EventKind.RESIDENT_MESSAGE)
    assert event.body == "It is getting worse"
    assert not Case.objects.filter(channel=Channel.WHATSAPP).exists()
    assert RITA_TRACKING in _message(response)


def test_a_known_number_opens_a_case_for_that_resident_without_changing_their_record(
    client, city, general
):
    Resident.objects.filter(pk=city.rita.pk).update(phone="+15555550102")
    Case.objects.filter(resident=city.rita).update(status=Status.CLOSED)

    _post(client, _form("+15555550102", "A new problem", ProfileName="Not Rita"))

    case = Case.objects.get(channel=Channel.WHATSAPP)
    city.rita.refresh_from_db()
    assert case.resident == city.rita
    assert (city.rita.full_name, city.rita.preferred_channel) == ("Rita Moreno", "email")


def test_status_is_answered_with_the_promised_date(client, city, rita_case):
    response = _post(client, _form("+15555550177", f"status {RITA_TRACKING.lower()}"))

    local_due = rita_case.resolution_due.astimezone(city.jurisdiction.zone)
    assert _message(response) == (
        f"Request {RITA_TRACKING} (Pothole): received. We promise to finish by "
        f"{local_due:%A} {local_due.day} {local_due:%B}."
    )
    assert not CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).exists()


def test_a_twilio_retry_of_the_same_message_is_harmless(client, general):
    form = _form("+15555550177", "Broken bench in Central Park")

    _post(client, form)
    second = _post(client, form)

    assert second.status_code == 200
    assert Case.objects.count() == 1
    assert WhatsAppMessageRecord.objects.count() == 1


def test_picture_urls_are_noted_for_staff(client, general):
    media = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1"
    _post(client, _form("+15555550177", "", NumMedia="1", MediaUrl0=media))

    case = Case.objects.get()
    assert case.description == "(A picture message without text.)"
    note = CaseEvent.objects.get(case=case, kind=EventKind.INTERNAL_NOTE)
    assert media in note.body


def test_new_cases_per_number_are_capped_and_the_rest_held(client, general, settings):
    settings.MESSAGING_EMAIL_NEW_CASES_PER_HOUR = 1
    factories.make_resident(phone="+15555550177")

    _post(client, _form("+15555550177", "First"))
    Case.objects.update(status=Status.CLOSED)
    _post(client, _form("+15555550177", "Second"))

    assert Case.objects.count() == 1
    held = HeldMessage.objects.get()
    assert (held.channel, held.body, held.sender) == ("whatsapp", "Second", "+15555550177")
