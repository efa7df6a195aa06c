"""Template filters of the staff pages: dates that say their year, status labels."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.translation import get_language, gettext, gettext_noop

from cases.models import Status

register = template.Library()


def _month() -> str:
    """Short month: "Dec" in English, "dic" in Spanish (Spanish month names are lower case)."""
    return "b" if (get_language() or "en").startswith("es") else "M"


def _this_year() -> int:
    return timezone.localtime(timezone.now()).year


def _stamp(value: dt.datetime, *, time: bool) -> str:
    """date_format(value, "D j M[ Y][ H:i]") (or "b" for the month in Spanish), spelt out:
    the queue shows one a row, and DateFormat parses the pattern and checks the
    time zone's ambiguity on every call. Same output (tests/workspace/test_dates.py)."""
    month = str(MONTHS_3[value.month])
    if _month() == "M":
        month = month.title()
    text = f"{WEEKDAYS_ABBR[value.weekday()]} {value.day} {month}"
    if value.year != _this_year():
        text += f" {value.year:04d}"
    if time:
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


@register.filter(expects_localtime=True)
def when(value: dt.datetime | None) -> str:
    """A date and time in the active time zone; the year shows unless it is this year.

    "Overdue · Tue 9 Dec 2025" must not read as next week.
    """
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return _stamp(value, time=True)
    pattern = "D j {m} H:i" if value.year == _this_year() else "D j {m} Y H:i"
    return date_format(value, pattern.format(m=_month()))


@register.filter(expects_localtime=True)
def day(value: dt.datetime | None) -> str:
    """A date alone, with the year unless it is this year."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return _stamp(value, time=False)
    pattern = "D j {m}" if value.year == _this_year() else "D j {m} Y"
    return date_format(value, pattern.format(m=_month()))


@register.filter
def status_label(code: object) -> str:
    """The human label of a status code ("in_progress" -> "In progress"); other text as is."""
    text = "" if code is None else str(code)
    if text in Status.values:
        return str(Status(text).label)
    return text


@register.filter
def actor(label: object) -> str:
    """A timeline actor: stored labels such as "Resident" read in the page's language;
    people's names pass through unchanged."""
    text = "" if label is None else str(label)
    return gettext(text) if text in ACTOR_WORDS else text


# Labels the case services store for actors who are not staff (cases/services.py).
ACTOR_WORDS = frozenset({gettext_noop("Resident"), "CivicDesk"})
