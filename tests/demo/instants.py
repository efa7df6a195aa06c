"""The awkward instants the demo loaders must survive, in Riverton's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

RIVERTON = ZoneInfo("America/New_York")


def local(year: int, month: int, day: int, hour: int, minute: int, *, fold: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=RIVERTON, fold=fold)


INSTANTS = {
    "just after local midnight": local(2026, 12, 1, 0, 30),
    "before opening hours": local(2026, 12, 1, 7, 40),
    "a minute after midnight on a Monday": local(2026, 11, 30, 0, 1),
    "on a holiday (Thanksgiving)": local(2026, 11, 26, 10, 0),
    "just after midnight on 1 January": local(2027, 1, 1, 0, 5),
    "on 29 February": local(2028, 2, 29, 12, 0),
    "just after the spring-forward jump": local(2026, 3, 8, 3, 5),
    "in the repeated hour of the fall-back day (first)": local(2026, 11, 1, 1, 30),
    "in the repeated hour of the fall-back day (second)": local(2026, 11, 1, 1, 30, fold=1),
    "exactly local midnight": local(2026, 12, 1, 0, 0),
}
