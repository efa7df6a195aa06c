"""Twilio's inbound SMS webhook: signatures, STATUS answers, cases from texts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from defusedxml import ElementTree
from django.utils import timezone
from twilio.request_validator import RequestValidator

from cases.models import Case, CaseEvent, Channel, EventKind, Status
from cases.services import case_change_status
from messaging.models import Direction, HeldMessage, SmsMessageRecord
from messaging.sms.services import send_case_sms
from messaging.sms.transport import ConsoleSmsProvider
from residents.models import Resident
from tests import factories
from tests.messaging.conftest import RITA_TRACKING

pytestmark = pytest.mark.django_db

TOKEN = "twilio-test-auth-token"
PATH = "/messaging/sms/twilio/"
SITE = "https://311.riverton.example.gov"


@pytest.fixture(autouse=True)
def _twilio_settings(settings):
    settings.MESSAGING_TWILIO_AUTH_TOKEN = TOKEN
    settings.SITE_URL = SITE


_sids = iter(range(1, 10_000))


def _form(sender: str, body: str, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": f"SM{next(_sids):032d}",
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+15555550999",
        "Body": body,
        "NumMedia": "0",
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


def test_valid_signature_is_accepted_and_answered_in_twiml(client, general):
    response = _post(client, _form("+15555550177", "The bus shelter glass is broken"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    [case] = Case.objects.filter(channel=Channel.SMS)
    assert _message(response).startswith(f"Thanks. Your request number is {case.tracking_number}")


def test_bad_signature_is_forbidden_and_changes_nothing(client, general):
    response = _post(client, _form("+15555550177", "Hello"), token="not-our-token")

    assert response.status_code == 403
    assert not Case.objects.exists()
    assert not SmsMessageRecord.objects.exists()


def test_missing_signature_is_forbidden(client, general):
    response = client.post(PATH, _form("+15555550177", "Hello"))

    assert response.status_code == 403


def test_tampered_body_breaks_the_signature(client, general):
    form = _form("+15555550177", "Hello")
    signature = RequestValidator(TOKEN).compute_signature(SITE + PATH, form)
    form["Body"] = "Something else"

    response = client.post(PATH, form, HTTP_X_TWILIO_SIGNATURE=signature)

    assert response.status_code == 403


def test_no_auth_token_configured_refuses_everything(client, general, settings):
    settings.MESSAGING_TWILIO_AUTH_TOKEN = ""

    response = _post(client, _form("+15555550177", "Hello"))

    assert response.status_code == 403


def test_get_is_not_allowed(client):
    assert client.get(PATH).status_code == 405


def test_new_text_opens_an_sms_case_for_a_new_resident(client, general):
    _post(client, _form("+15555550177", "Streetlight out on 5th Avenue"))

    [case] = Case.objects.filter(channel=Channel.SMS)
    assert case.service == general
    assert case.description == "Streetlight out on 5th Avenue"
    assert case.resident.phone == "+15555550177"
    assert case.resident.preferred_channel == "sms"


def test_text_from_a_resident_with_an_open_case_is_added_to_it(client, city, rita_case):
    Resident.objects.filter(pk=city.rita.pk).update(phone="+15555550102")

    response = _post(client, _form("+15555550102", "It is getting worse"))

    event = CaseEvent.objects.get(case=rita_case, kind=EventKind.RESIDENT_MESSAGE)
    assert event.body == "It is getting worse"
    assert not Case.objects.filter(channel=Channel.SMS).exists()
    assert RITA_TRACKING in _message(response)


def test_status_answers_with_the_status_and_promised_date(client, city, rita_case):
    response = _post(client, _form("+15555550177", f"status {RITA_TRACKING.lower()}"))

    local_due = rita_case.resolution_due.astimezone(city.jurisdiction.zone)
    expected_day = f"{local_due:%A} {local_due.day} {local_due:%B}"
    assert _message(response) == (
        f"Request {RITA_TRACKING} (Pothole): received. We promise to finish by {expected_day}."
    )
    assert not CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).exists()


def test_status_is_answered_in_the_residents_language(client, city, rita_case):
    # Rosa prefers Spanish; she writes the English keyword.
    response = _post(client, _form(city.rosa.phone, f"STATUS {RITA_TRACKING}"))

    text = _message(response)
    assert text.startswith(f"Solicitud {RITA_TRACKING} (Pothole): recibida")
    assert "Prometemos terminar el " in text


def test_estado_from_an_unknown_number_is_answered_in_spanish(client, rita_case):
    response = _post(client, _form("+15555550188", f"ESTADO {RITA_TRACKING}"))

    assert _message(response).startswith(f"Solicitud {RITA_TRACKING}")


def test_status_of_a_resolved_case_says_when_it_was_resolved(client, city, rita_case):
    at = timezone.now() - dt.timedelta(days=1)
    case_change_status(case=rita_case, status=Status.RESOLVED, by=city.alice, at=at)

    response = _post(client, _form("+15555550177", f"STATUS {RITA_TRACKING}"))

    assert _message(response).startswith(f"Request {RITA_TRACKING} (Pothole): resolved on ")


def test_status_with_an_unknown_number_says_so_without_opening_a_case(client, general):
    response = _post(client, _form("+15555550177", "STATUS ZZZZZ-ZZZZZ"))

    assert "We could not find request “ZZZZZ-ZZZZZ”" in _message(response)
    assert not Case.objects.exists()


def test_stop_keyword_opens_no_case_and_gets_no_reply(client, general):
    response = _post(client, _form("+15555550177", "STOP"))

    assert _message(response) == ""
    assert not Case.objects.exists()


def test_twilio_retry_of_the_same_message_is_harmless(client, general):
    form = _form("+15555550177", "Broken bench in Central Park")

    _post(client, form)
    second = _post(client, form)

    assert second.status_code == 200
    assert Case.objects.filter(channel=Channel.SMS).count() == 1


def test_picture_message_urls_are_noted_for_staff(client, general):
    form = _form(
        "+15555550177",
        "Look at this",
        NumMedia="1",
        MediaUrl0="https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1",
        MediaContentType0="image/jpeg",
    )

    _post(client, form)

    case = Case.objects.get(channel=Channel.SMS)
    note = CaseEvent.objects.get(case=case, kind=EventKind.INTERNAL_NOTE)
    assert "Media/ME1" in note.body


def test_new_texts_per_number_are_capped(client, general, settings):
    settings.MESSAGING_EMAIL_NEW_CASES_PER_HOUR = 1
    resident = factories.make_resident(phone="+15555550177")

    _post(client, _form(resident.phone, "First"))
    Case.objects.update(status=Status.CLOSED)
    _post(client, _form(resident.phone, "Second"))

    assert Case.objects.filter(channel=Channel.SMS).count() == 1
    assert HeldMessage.objects.get().body == "Second"


def test_send_case_sms_goes_through_the_provider_and_is_recorded(rita_case, city, settings):
    Resident.objects.filter(pk=city.rita.pk).update(phone="+15555550102")
    rita_case.refresh_from_db()

    record = send_case_sms(case=rita_case, body="We fixed it.", provider=ConsoleSmsProvider())

    assert record.direction == Direction.OUTBOUND
    lines = (settings.MESSAGING_OUTBOX_DIR / "sms.jsonl").read_text().splitlines()
    assert json.loads(lines[-1])["to"] == "+15555550102"
    assert json.loads(lines[-1])["id"] == record.provider_id
