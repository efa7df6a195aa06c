"""The emailed link: no sign-in, one answer, a clear page once answered or expired."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent, EventKind, Status
from residents.models import ContactChannel
from surveys.models import Survey, SurveyDaily
from surveys.services import survey_token

pytestmark = pytest.mark.django_db


def _url(survey: Survey) -> str:
    return reverse("portal:survey", args=[survey_token(survey)])


def test_the_link_shows_the_survey_without_signing_in(city, resolve):
    survey = Survey.objects.get(case=resolve(resident=city.rita))

    response = Client().get(_url(survey))

    page = response.content.decode()
    assert response.status_code == 200
    assert "How well did we handle your request?" in page
    assert 'name="score" value="5"' in page
    assert "<script" not in page.split("</main>")[0]  # the form needs no JavaScript


def test_an_answer_lands_on_the_timeline_and_the_summary(city, resolve):
    case = resolve(resident=city.rita)
    survey = Survey.objects.get(case=case)

    response = Client().post(
        _url(survey), {"score": "4", "resolved": "yes", "comment": "Quick and kind, thanks Rita"}
    )

    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.score, survey.resolved, survey.answered_by) == (4, True, "email")
    assert survey.comment == "Quick and kind, thanks Rita"
    event = case.events.get(kind=EventKind.SURVEY_ANSWERED)
    assert event.is_public
    assert "Quick and kind" not in event.body
    assert "Quick and kind" not in str(event.data)
    note = case.events.get(kind=EventKind.INTERNAL_NOTE)
    assert not note.is_public
    assert "Quick and kind" in note.body
    row = SurveyDaily.objects.get()
    assert (row.sent, row.answered, row.score_sum, row.count_4_5, row.not_resolved) == (
        1,
        1,
        4,
        1,
        0,
    )
    case.refresh_from_db()
    assert case.status == Status.RESOLVED
    thanks = Client().get(response["Location"])
    assert "Thank you for your answer" in thanks.content.decode()


def test_a_second_answer_is_refused_and_changes_nothing(city, resolve):
    survey = Survey.objects.get(case=resolve(resident=city.rita))
    Client().post(_url(survey), {"score": "5", "resolved": "yes"})

    response = Client().post(_url(survey), {"score": "1", "resolved": "no", "comment": "Again"})

    assert response.status_code == 200
    assert "already been answered" in response.content.decode()
    survey.refresh_from_db()
    assert survey.score == 5
    assert CaseEvent.objects.filter(kind=EventKind.SURVEY_ANSWERED).count() == 1
    assert SurveyDaily.objects.get().answered == 1


def test_an_expired_link_gets_a_clear_page_and_takes_no_answer(city, resolve):
    survey = Survey.objects.get(case=resolve(resident=city.rita))
    later = timezone.now() + dt.timedelta(days=14, minutes=1)

    with time_machine.travel(later, tick=False):
        shown = Client().get(_url(survey))
        posted = Client().post(_url(survey), {"score": "3", "resolved": "yes"})

    assert shown.status_code == 410
    assert "This survey has closed" in shown.content.decode()
    assert posted.status_code == 410
    survey.refresh_from_db()
    assert survey.answered_at is None
    assert SurveyDaily.objects.get().answered == 0


def test_the_day_before_it_expires_it_still_works(city, resolve):
    survey = Survey.objects.get(case=resolve(resident=city.rita))

    with time_machine.travel(timezone.now() + dt.timedelta(days=13), tick=False):
        response = Client().post(_url(survey), {"score": "3", "resolved": "yes"})

    assert response.status_code == 302


def test_a_forged_or_cut_link_is_not_found(city, resolve):
    survey = Survey.objects.get(case=resolve(resident=city.rita))
    token = survey_token(survey)
    other = f"{survey.pk + 1}:{token.split(':', 1)[1]}"

    assert Client().get(reverse("portal:survey", args=[other])).status_code == 404
    assert Client().get(reverse("portal:survey", args=[token[:-3]])).status_code == 404


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"resolved": "yes"}, "score", "Choose a number from 1 to 5."),
        ({"score": "7", "resolved": "yes"}, "score", "Choose a number from 1 to 5."),
        ({"score": "4"}, "resolved", "Tell us whether the problem was resolved: yes or no."),
        (
            {"score": "4", "resolved": "yes", "comment": "x" * 1001},
            "comment",
            "Keep the comment under 1000 characters.",
        ),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(city, resolve, form, field, message):
    survey = Survey.objects.get(case=resolve(resident=city.rita))

    response = Client().post(_url(survey), form)

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'id="survey-{field}_error"' in page
    survey.refresh_from_db()
    assert survey.answered_at is None
    assert not CaseEvent.objects.filter(kind=EventKind.SURVEY_ANSWERED).exists()


def test_a_spanish_residents_link_is_in_spanish_with_no_english(city, resolve):
    city.rosa.preferred_channel = ContactChannel.EMAIL
    city.rosa.save()
    survey = Survey.objects.get(case=resolve(resident=city.rosa))

    page = Client().get(_url(survey)).content.decode()

    assert '<html lang="es">' in page
    assert "¿Cómo atendimos su solicitud?" in page
    text = re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1].split("</main>")[0])
    for english in ("How well", "resolved", "Comment", "optional", "Send my answer", "Very"):
        assert english not in text, english
