"""The staff date filters (`when`, `day`) spell the dates as Django's date_format would."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.dateformat import format as date_format

from workspace.templatetags.staff import day, when

ZONE = ZoneInfo("America/New_York")
MOMENTS = [
    dt.datetime(year, month, date, hour, minute, tzinfo=ZONE)
    for year in (2025, 2026, 2027)
    for month in (1, 5, 9, 12)
    for date, hour, minute in ((1, 0, 0), (9, 9, 5), (28, 23, 59))
]


@pytest.mark.parametrize(("language", "month"), [("en", "M"), ("es", "b")])
@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_same_text_as_date_format_in_both_languages(language, month):
    with translation.override(language):
        for moment in MOMENTS:
            year = "" if moment.year == 2026 else " Y"

            assert when(moment) == date_format(moment, f"D j {month}{year} H:i")
            assert day(moment) == date_format(moment, f"D j {month}{year}")


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_this_year_has_no_year_and_spanish_names_are_lower_case():
    moment = dt.datetime(2026, 12, 9, 14, 30, tzinfo=ZONE)

    assert when(moment) == "Wed 9 Dec 14:30"
    with translation.override("es"):
        assert day(dt.datetime(2025, 12, 9, tzinfo=ZONE)) == "mar 9 dic 2025"
