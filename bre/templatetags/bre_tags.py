"""Show interview questions and answers in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from bre.models import Answer, Flag, Question

register = template.Library()


@register.filter
def question_text(question: Question) -> str:
    return question.text_in(get_language() or "en")


@register.filter
def answer_text(answer: Answer) -> str:
    names = dict(answer.question.option_pairs(get_language() or "en"))
    value: Any = answer.value
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    return names.get(str(value), str(value))


@register.filter
def bar_pct(value: Any, scale: Any) -> int:
    """Width of a bar as a percentage of the scale (0-100)."""
    try:
        return max(0, min(100, round(100 * float(value) / float(scale)))) if float(scale) else 0
    except (TypeError, ValueError):
        return 0


@register.filter
def flag_title(flag: Flag) -> str:
    return flag.title_in(get_language() or "en")
