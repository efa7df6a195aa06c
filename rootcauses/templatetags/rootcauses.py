"""Small formatting filters for the root-cause pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hours(minutes: int | None) -> str:
    """Business minutes as business hours with one decimal, in the page's language."""
    if minutes is None:
        return "—"
    return str(number_format(round(minutes / 60, 1), decimal_pos=1))


@register.filter
def times(ratio: float | None) -> str:
    """A ratio as "×2.0"."""
    if ratio is None:
        return "—"
    return "×" + str(number_format(round(ratio, 1), decimal_pos=1))
