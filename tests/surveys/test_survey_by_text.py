"""A lone digit texted back answers the open survey: no new case, nothing on the thread."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree
from twilio.request_validator import RequestValidator

from cases.models import Case, CaseEvent, EventKind, Status
from messaging.models import Direction, SmsMessageRecord, WhatsAppMessageRecord
from residents.models import ContactChannel
from surveys.models import Survey, SurveyDaily
from tests import factories
from tests.surveys.conftest import SITE

pytestmark = pytest.mark.django_db

TOKEN = "twilio-test-auth-token"
SMS = "/messaging/sms/twilio/"
WHATSAPP = "/messaging/whatsapp/twilio/"
_sids = iter(range(1, 10_000))


@pytest.fixture(autouse=True)
def _twilio(settings):
    settings.MESSAGING_TWILIO_AUTH_TOKEN = TOKEN


@pytest.fixture
def general(city):
    return factories.make_service(
        city.public_works, code="general-enquiry", name="General enquiry", questions=False
    )


def _post(client, path: str, sender: str, body: str):
    form = {
        "MessageSid": f"SM{next(_sids):032d}",
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+15555550999",
        "Body": body,
        "NumMedia": "0",
    }
    if path == WHATSAPP:
        form.update(From=f"whatsapp:{sender}", To="whatsapp:+15555550999", ProfileName="Rosa")
    signature = RequestValidator(TOKEN).compute_signature(SITE + path, form)
    response = client.post(path, form, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 200
    found = ElementTree.fromstring(response.content).find("Message")
    return found.text if found is not None else ""


def test_a_digit_by_sms_answers_the_survey_in_the_residents_language(
    client, city, general, resolve
):
    case = resolve(resident=city.rosa)
    cases_before = Case.objects.count()

    reply = _post(client, SMS, "+15555550101", " 4 ")

    survey = Survey.objects.get(case=case)
    assert (survey.score, survey.resolved, survey.answered_by) == (4, None, "sms")
    assert reply.startswith(f"Gracias: ha valorado la solicitud {case.tracking_number} con 4 de 5")
    assert Case.objects.count() == cases_before  # no new case
    assert not CaseEvent.objects.filter(kind=EventKind.RESIDENT_MESSAGE).exists()
    assert case.events.filter(kind=EventKind.SURVEY_ANSWERED).count() == 1
    assert SmsMessageRecord.objects.get(direction=Direction.INBOUND).case == case
    assert SurveyDaily.objects.get().score_sum == 4


def test_a_digit_from_a_phone_with_no_open_survey_goes_the_usual_way(client, city, general):
    reply = _post(client, SMS, "+15555550177", "3")

    [case] = Case.objects.all()
    assert case.description == "3"
    assert reply.startswith("Thanks. Your request number is")


def test_a_second_digit_after_the_answer_is_not_a_second_answer(client, city, general, resolve):
    case = resolve(resident=city.rosa)
    _post(client, SMS, "+15555550101", "5")

    _post(client, SMS, "+15555550101", "1")

    assert Survey.objects.get(case=case).score == 5
    assert SurveyDaily.objects.get().answered == 1


def test_words_are_not_a_survey_answer(client, city, general, resolve):
    case = resolve(resident=city.rosa)

    _post(client, SMS, "+15555550101", "4 but the hole is back")

    assert Survey.objects.get(case=case).answered_at is None


def test_a_digit_by_whatsapp_answers_the_survey(client, city, general, resolve):
    city.rosa.preferred_channel = ContactChannel.WHATSAPP
    city.rosa.save()
    case = resolve(resident=city.rosa)
    assert Survey.objects.get(case=case).sent_by == "whatsapp"

    reply = _post(client, WHATSAPP, "+15555550101", "2")

    survey = Survey.objects.get(case=case)
    assert (survey.score, survey.answered_by) == (2, "whatsapp")
    assert case.tracking_number in reply
    assert WhatsAppMessageRecord.objects.get(direction=Direction.INBOUND).case == case
    case.refresh_from_db()
    assert case.status == Status.RESOLVED  # a digit says nothing of "resolved"
