"""One date style for every resident page, in the jurisdiction's local time.

Residents read dates the way the promise is written: "Tuesday 4 March", with the
year when it is not this year (or always, where a date is a booking or a
record), a time as "2:49 p.m." in English and "14:49" in Spanish, and the time
zone by its everyday name ("Eastern Time", "hora del Este"), never an IANA key.
Templates use these through the `resident_dates` template library.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from organisations.models import Jurisdiction

# Everyday names of the zones a US jurisdiction is likely to be in.
_ZONE_NAMES = {
    "America/New_York": "eastern",
    "America/Detroit": "eastern",
    "America/Indiana/Indianapolis": "eastern",
    "America/Kentucky/Louisville": "eastern",
    "America/Chicago": "central",
    "America/Denver": "mountain",
    "America/Phoenix": "mountain",
    "America/Boise": "mountain",
    "America/Los_Angeles": "pacific",
    "America/Anchorage": "alaska",
    "Pacific/Honolulu": "hawaii",
    "America/Puerto_Rico": "atlantic",
    "UTC": "utc",
}


def _zone(where: Jurisdiction | ZoneInfo) -> ZoneInfo:
    return where.zone if isinstance(where, Jurisdiction) else where


def zone_name(where: Jurisdiction | ZoneInfo) -> str:
    """'Eastern Time' / 'hora del Este' for the zone; the key without underscores otherwise."""
    key = _zone(where).key
    kind = _ZONE_NAMES.get(key)
    names = {
        "eastern": pgettext("time zone", "Eastern Time"),
        "central": pgettext("time zone", "Central Time"),
        "mountain": pgettext("time zone", "Mountain Time"),
        "pacific": pgettext("time zone", "Pacific Time"),
        "alaska": pgettext("time zone", "Alaska Time"),
        "hawaii": pgettext("time zone", "Hawaii Time"),
        "atlantic": pgettext("time zone", "Atlantic Time"),
        "utc": pgettext("time zone", "Coordinated Universal Time"),
    }
    if kind is not None:
        return names[kind]
    return key.rsplit("/", 1)[-1].replace("_", " ")


def _local(when: dt.datetime | dt.date, zone: ZoneInfo) -> dt.datetime | dt.date:
    if isinstance(when, dt.datetime):
        return timezone.localtime(when, zone) if timezone.is_aware(when) else when
    return when


def format_day(
    when: dt.datetime | dt.date, where: Jurisdiction | ZoneInfo, *, year: bool | None = None
) -> str:
    """'Tuesday 4 March' (es: 'martes 4 de marzo'), local to the jurisdiction.

    `year=None` adds the year only when it is not the current local year;
    `year=True` always adds it ('Tuesday 4 March 2027', 'martes 4 de marzo de 2027').
    """
    zone = _zone(where)
    local = _local(when, zone)
    if year is None:
        year = local.year != timezone.localtime(timezone.now(), zone).year
    # Translators: PHP-style date formats (Django's date filter); escape literal letters.
    fmt = _("l j F Y") if year else _("l j F")
    text = formats.date_format(local, fmt)
    if (get_language() or "").startswith("es"):
        # Spanish writes weekdays in lower case mid-sentence.
        text = text[:1].lower() + text[1:]
    return text


def format_time(when: dt.datetime, where: Jurisdiction | ZoneInfo) -> str:
    """'2:49 p.m.' (es: '14:49'), local to the jurisdiction."""
    local = timezone.localtime(when, _zone(where)) if timezone.is_aware(when) else when
    # Translators: PHP-style time format (Django's time filter).
    return formats.time_format(local, _("g:i a"))


def format_moment(
    when: dt.datetime, where: Jurisdiction | ZoneInfo, *, year: bool | None = None
) -> str:
    """'Tuesday 1 December, 2:49 a.m.' (es: 'martes 1 de diciembre, 02:49')."""
    return _("%(day)s, %(time)s") % {
        "day": format_day(when, where, year=year),
        "time": format_time(when, where),
    }


def format_span(start: dt.datetime, end: dt.datetime, where: Jurisdiction | ZoneInfo) -> str:
    """'Tuesday 1 December 2026, 2:00 p.m.–6:00 p.m.' for a booking."""
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": format_day(start, where, year=True),
        "start": format_time(start, where),
        "end": format_time(end, where),
    }
