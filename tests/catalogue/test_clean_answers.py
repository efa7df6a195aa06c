"""Answers to a service's questions are checked the same way on every channel."""

import pytest
from django.core.exceptions import ValidationError

from catalogue.answers import clean_answers
from catalogue.models import QuestionOption, QuestionType, ServiceQuestion


@pytest.fixture
def survey(city):
    service = city.pothole
    for order, (code, datatype) in enumerate(
        [
            ("depth", QuestionType.NUMBER),
            ("seen", QuestionType.DATETIME),
            ("hazards", QuestionType.MULTI_VALUE_LIST),
            ("street", QuestionType.STRING),
        ],
        start=10,
    ):
        ServiceQuestion.objects.create(
            service=service, code=code, datatype=datatype, order=order, description=code.title()
        )
    hazards = service.questions.get(code="hazards")
    QuestionOption.objects.create(question=hazards, key="bikes", name="Cyclists")
    QuestionOption.objects.create(question=hazards, key="cars", name="Cars")
    return service


def _errors(service, answers):
    with pytest.raises(ValidationError) as exc:
        clean_answers(service, answers)
    return exc.value.message_dict


def test_valid_answers_come_back_normalised(survey):
    cleaned = clean_answers(
        survey,
        {
            "size": "large",
            "depth": " 4.5 ",
            "seen": "2026-03-04T14:30:00-05:00",
            "hazards": ["bikes", "cars", "bikes"],
            "street": "  Elm  ",
        },
    )
    assert cleaned == {
        "size": "large",
        "depth": "4.5",
        "seen": "2026-03-04T14:30:00-05:00",
        "hazards": ["bikes", "cars"],
        "street": "Elm",
    }


def test_each_bad_answer_gets_its_own_message(survey):
    errors = _errors(
        survey,
        {
            "size": "enormous",
            "depth": "deep",
            "seen": "2026-02-30",
            "hazards": ["cows"],
            "street": "x" * 501,
            "mystery": "1",
        },
    )
    assert errors["size"] == ["“enormous” is not one of the choices."]
    assert errors["depth"] == ["Enter a number, like 3 or 2.5."]
    assert "Enter a date" in errors["seen"][0]
    assert errors["hazards"] == ["“cows” is not one of the choices."]
    assert "under 500" in errors["street"][0]
    assert "no question" in errors["mystery"][0]


def test_required_question_left_blank_is_named(survey):
    errors = _errors(survey, {"size": "  "})
    assert errors == {"size": ["Please answer: How big is it?"]}


def test_optional_questions_may_be_left_out(survey):
    assert clean_answers(survey, {"size": "small"}) == {"size": "small"}


def test_non_finite_numbers_are_refused(survey):
    assert "depth" in _errors(survey, {"size": "small", "depth": "NaN"})
