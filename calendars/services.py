"""Building a WorkingCalendar from a jurisdiction's stored calendar."""

from __future__ import annotations

import datetime as dt

from calendars.arithmetic import WorkingCalendar, public_holidays
from calendars.models import BusinessCalendar
from organisations.models import Jurisdiction


def working_calendar_for(jurisdiction: Jurisdiction) -> WorkingCalendar:
    """The jurisdiction's calendar with its public holidays and local closures.

    A jurisdiction without a stored calendar works Monday–Friday 8:00–17:00 with
    no holidays, so promised dates are always computable.
    """
    stored = BusinessCalendar.objects.filter(jurisdiction=jurisdiction).first()
    if stored is None:
        return WorkingCalendar(zone=jurisdiction.zone)
    closures = frozenset(stored.closures.values_list("date", flat=True))
    holiday = public_holidays(stored.holiday_country, stored.holiday_subdivision)

    def is_closed(day: dt.date) -> bool:
        return day in closures or holiday(day)

    return WorkingCalendar(
        zone=jurisdiction.zone,
        working_weekdays=frozenset(int(d) for d in stored.working_weekdays),
        opens_at=stored.opens_at,
        closes_at=stored.closes_at,
        is_holiday=is_closed,
    )
