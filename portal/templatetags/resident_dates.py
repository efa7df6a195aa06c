"""Template filters for the one resident date style (portal/dates.py).

{% load resident_dates %}
{{ event.at|resident_moment:jurisdiction }}   Tuesday 1 December, 2:49 a.m.
{{ slot.start|resident_day_year:zone }}       Tuesday 1 December 2026
{{ jurisdiction|zone_name }}                  Eastern Time
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from portal import dates

register = template.Library()


@register.filter
def resident_day(when: dt.datetime | dt.date | None, where: Any) -> str:
    return dates.format_day(when, where) if when else ""


@register.filter
def resident_day_year(when: dt.datetime | dt.date | None, where: Any) -> str:
    return dates.format_day(when, where, year=True) if when else ""


@register.filter
def resident_time(when: dt.datetime | None, where: Any) -> str:
    return dates.format_time(when, where) if when else ""


@register.filter
def resident_moment(when: dt.datetime | None, where: Any) -> str:
    return dates.format_moment(when, where) if when else ""


@register.filter
def zone_name(where: Any) -> str:
    return dates.zone_name(where) if where else ""
