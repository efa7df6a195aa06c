"""Checking a resident's answers to a service's questions, the same way for every channel."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from catalogue.models import QuestionType, Service, ServiceQuestion

MAX_STRING = 500
MAX_TEXT = 5000

AnswerValue = str | list[str]


def clean_answers(
    service: Service,
    raw: Mapping[str, Any],
    questions: Iterable[ServiceQuestion] | None = None,
) -> dict[str, AnswerValue]:
    """Validate raw answers (keyed by question code) and return them normalised.

    Raises ValidationError whose error_dict is keyed by question code, one
    specific message per question. Unknown codes are rejected too: a client
    that sends them has misread the service definition.
    """
    if questions is None:
        prefetched = getattr(service, "_prefetched_objects_cache", {})
        # A caller that loaded the service with its questions (the portal does) pays nothing.
        questions = (
            service.questions.all()
            if "questions" in prefetched
            else service.questions.prefetch_related("options")
        )
    by_code = {q.code: q for q in questions if q.variable}
    errors: dict[str, str] = {}
    cleaned: dict[str, AnswerValue] = {}

    for code in raw:
        if code not in by_code:
            errors[_echo(code)] = _("This service has no question “%(code)s”.") % {
                "code": _echo(code)
            }

    for code, question in by_code.items():
        value = raw.get(code)
        if _is_blank(value):
            if question.required:
                errors[code] = _("Please answer: %(question)s") % {"question": question.description}
            continue
        try:
            cleaned[code] = _clean_one(question, value)
        except ValidationError as exc:
            errors[code] = exc.messages[0]

    if errors:
        raise ValidationError(errors)
    return cleaned


# A number answer is a count or a measure: bounded, so a million digits is refused.
MAX_NUMBER = Decimal(10) ** 12
MAX_NUMBER_CHARACTERS = 30
# How much of a bad value an error message repeats.
MAX_ECHO = 40


def _echo(value: str) -> str:
    """A bad value as an error repeats it: its start, never a megabyte."""
    return value if len(value) <= MAX_ECHO else value[: MAX_ECHO - 1] + "…"


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not any(str(v).strip() for v in value)
    return False


def _clean_choices(question: ServiceQuestion, value: Any) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    keys = [str(v).strip() for v in values if str(v).strip()]
    allowed = {o.key for o in question.options.all()}
    unknown = [k for k in keys if k not in allowed]
    if unknown:
        raise ValidationError(
            _("“%(value)s” is not one of the choices.") % {"value": _echo(unknown[0])}
        )
    return list(dict.fromkeys(keys))


def _clean_number(text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Enter a number, like 3 or 2.5.")) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number, like 3 or 2.5."))
    if len(text) > MAX_NUMBER_CHARACTERS or abs(number) >= MAX_NUMBER:
        raise ValidationError(
            _("Enter a number under a thousand billion, with at most 30 characters.")
        )
    return str(number)


def _clean_datetime(text: str) -> str:
    try:
        parsed = parse_datetime(text) or parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError(
            _("Enter a date like 2026-03-04 or a date and time like 2026-03-04T14:30.")
        )
    return parsed.isoformat()


def _clean_one(question: ServiceQuestion, value: Any) -> AnswerValue:
    kind = question.datatype
    if kind == QuestionType.MULTI_VALUE_LIST:
        return _clean_choices(question, value)
    if isinstance(value, list | tuple):
        if len(value) != 1:
            raise ValidationError(_("Give one answer only."))
        value = value[0]
    text = str(value).strip()
    if kind == QuestionType.SINGLE_VALUE_LIST:
        if text not in {o.key for o in question.options.all()}:
            raise ValidationError(
                _("“%(value)s” is not one of the choices.") % {"value": _echo(text)}
            )
        return text
    if kind == QuestionType.NUMBER:
        return _clean_number(text)
    if kind == QuestionType.DATETIME:
        return _clean_datetime(text)
    limit = MAX_STRING if kind == QuestionType.STRING else MAX_TEXT
    if len(text) > limit:
        raise ValidationError(_("Keep this under %(limit)d characters.") % {"limit": limit})
    return text
