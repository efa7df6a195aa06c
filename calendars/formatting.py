"""Dates as a resident reads them: their jurisdiction's time zone, their language.

Every channel and notice says a promised date the same way ("Tuesday 4 March"),
so it lives in the domain beside the calendar arithmetic, not in a door.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.dateformat import format as date_format

from organisations.models import Jurisdiction

_DAY_FORMATS = {"en": "l j F", "es": r"l j \d\e F"}


def promised_day(value: dt.datetime, *, jurisdiction: Jurisdiction, language: str) -> str:
    """ "Tuesday 4 March" / "martes 4 de marzo": a concrete day, never a range."""
    local = value.astimezone(jurisdiction.zone)
    with translation.override(language):
        return date_format(local, _DAY_FORMATS.get(language, _DAY_FORMATS["en"]))
