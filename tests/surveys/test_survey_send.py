"""A case resolved or closed gets one survey, sent through the outbox by the resident's
channel and in their language."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re

import pytest
from django.utils import timezone

from cases.models import EventKind, OutboxMessage, Status
from cases.services import case_change_status
from messaging.models import Direction, SmsMessageRecord
from residents.models import ContactChannel
from surveys.models import Survey, SurveyDaily
from surveys.services import survey_from_token
from tests import factories

pytestmark = pytest.mark.django_db


def _body(content: bytes) -> str:
    message = email.message_from_bytes(content, policy=email.policy.default)
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def test_an_email_resident_gets_one_mail_with_a_signed_link(city, smtp_server, committed, resolve):
    with committed():
        case = resolve(resident=city.rita)

    survey = Survey.objects.get(case=case)
    [(_from, rcpt, content)] = smtp_server.envelopes
    body = _body(content)
    assert rcpt == ["rita@example.org"]
    assert f"Your request {case.tracking_number} is now resolved." in body
    [link] = re.findall(r"https://311\.riverton\.example\.gov/survey/(\S+)/", body)
    assert survey_from_token(link) == survey
    assert (survey.sent_by, survey.language, survey.agent, survey.channel) == (
        "email",
        "en",
        city.alice,
        "web",
    )
    assert survey.expires_at - survey.sent_at == dt.timedelta(days=14)


def test_an_sms_resident_is_asked_for_one_digit_in_spanish(city, committed, resolve):
    with committed():
        case = resolve(resident=city.rosa)

    [text] = SmsMessageRecord.objects.filter(case=case, direction=Direction.OUTBOUND)
    assert "Responda con un solo número, del 1 (muy mal) al 5 (muy bien)" in text.body
    assert "http" not in text.body.split("resuelta")[-1]  # a digit, not a link, by text
    assert Survey.objects.get(case=case).sent_by == "sms"


def test_resolved_then_closed_is_still_one_survey(city, resolve):
    case = resolve(resident=city.rita)
    case_change_status(case=case, status=Status.CLOSED, by=city.alice)

    assert Survey.objects.filter(case=case).count() == 1
    assert OutboxMessage.objects.filter(case=case, kind="survey").count() == 1
    assert SurveyDaily.objects.get().sent == 1


def test_a_resident_who_wants_no_messages_still_finds_it_on_the_tracking_page(city, resolve):
    quiet = factories.make_resident(email="q@example.org", preferred_channel=ContactChannel.NONE)
    case = resolve(resident=quiet)

    survey = Survey.objects.get(case=case)
    assert survey.sent_by == ""
    assert not OutboxMessage.objects.filter(case=case, kind="survey").exists()


def test_a_back_dated_resolution_a_history_replay_sends_no_survey(city):
    long_ago = timezone.now() - dt.timedelta(days=30)
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm", at=long_ago)
    case_change_status(case=case, status=Status.RESOLVED, by=city.alice, at=long_ago)

    assert not Survey.objects.exists()


def test_a_declined_case_gets_no_survey(city):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    case_change_status(case=case, status=Status.DECLINED, by=city.alice, note="Not ours")

    assert not Survey.objects.exists()
    assert not case.events.filter(kind=EventKind.SURVEY_ANSWERED).exists()
