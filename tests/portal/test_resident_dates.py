"""One date style on resident pages, in the jurisdiction's local time (portal/dates.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from portal.dates import format_day, format_moment, format_span, zone_name

NY = ZoneInfo("America/New_York")
# 07:49 UTC on Tuesday 1 December 2026 is 02:49 in Riverton (UTC-5).
AT = dt.datetime(2026, 12, 1, 7, 49, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(AT, tick=False):
        yield


def test_a_moment_is_local_and_written_out_in_english():
    assert format_moment(AT, NY) == "Tuesday 1 December, 2:49 a.m."


def test_a_moment_in_spanish_has_de_and_a_24_hour_clock():
    with translation.override("es"):
        assert format_moment(AT, NY) == "martes 1 de diciembre, 02:49"


def test_the_year_shows_when_it_is_not_this_year():
    next_year = dt.datetime(2027, 1, 5, 15, 0, tzinfo=dt.UTC)
    assert format_day(next_year, NY) == "Tuesday 5 January 2027"
    with translation.override("es"):
        assert format_day(next_year, NY) == "martes 5 de enero de 2027"


def test_a_booking_day_always_has_the_year_with_de_in_spanish():
    with translation.override("es"):
        assert format_day(dt.date(2026, 12, 1), NY, year=True) == "martes 1 de diciembre de 2026"


def test_a_span_reads_as_one_day_and_two_times():
    start = dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)
    end = dt.datetime(2026, 12, 1, 21, 0, tzinfo=dt.UTC)
    assert format_span(start, end, NY) == "Tuesday 1 December 2026, 12:00 p.m.–4:00 p.m."


def test_the_zone_has_its_everyday_name_in_both_languages():
    assert zone_name(NY) == "Eastern Time"
    with translation.override("es"):
        assert zone_name(NY) == "hora del Este"
    assert zone_name(ZoneInfo("Europe/Lisbon")) == "Lisbon"
