"""Dates in a draft, found with the language's patterns and read by hand.

"by Tuesday 8 December", "December 8th, 2026", "el martes 8 de diciembre",
"2026-12-08", "on Monday", "tomorrow", "mañana". A day and month without a
year is the next such day from `today` (a date up to 60 days back stays in the
past: "you reported it on 28 November"). See docs/decisions/0006-coach-text-libraries.md
for why this is hand-written rather than dateparser's search.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coaching.rulebook import DateRules

PAST_WINDOW = dt.timedelta(days=60)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date | None  # None: no such day ("30 February")
    weekday_said: int | None  # ISO weekday named in the text, if any
    weekday_start: int | None = None  # where the weekday name is, to correct it
    explicit: bool = True  # one day is meant ("8 December", "tomorrow"; not "on Saturday")


def format_day(day: dt.date, rules: DateRules) -> str:
    weekday = rules.weekdays[day.isoweekday() - 1][0]
    month = rules.months[day.month - 1][0]
    if rules.capitalise:
        weekday, month = weekday.capitalize(), month.capitalize()
    return rules.format.format(weekday=weekday, day=day.day, month=month)


def _resolve(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        candidate = dt.date(today.year, month, day)
        if candidate < today - PAST_WINDOW:
            candidate = dt.date(today.year + 1, month, day)
        return candidate
    except ValueError:
        if year is None and month == 2 and day == 29:
            # The next 29 February.
            for y in range(today.year, today.year + 8):
                try:
                    return dt.date(y, 2, 29)
                except ValueError:
                    continue
        return None


def _full_month(name: str, rules: DateRules) -> str:
    return rules.months[rules.month_numbers[name] - 1][0] if name in rules.month_numbers else ""


def _mention(match: re.Match[str], rules: DateRules, today: dt.date) -> DateMention | None:
    groups = match.groupdict()
    weekday_said = None
    weekday_start = None
    if groups.get("wd"):
        weekday_said = rules.weekday_numbers.get(groups["wd"].lower())
        weekday_start = match.start("wd")
    if groups.get("d"):
        if groups.get("mm"):
            month = int(groups["mm"])
        else:
            month = rules.month_numbers.get((groups.get("m") or "").lower().rstrip("."), 0)
        if not 1 <= month <= 12:
            return None
        year = int(groups["y"]) if groups.get("y") else None
        day = _resolve(int(groups["d"]), month, year, today)
    elif weekday_said is not None:
        # "on Monday": the next Monday after today.
        ahead = (weekday_said - today.isoweekday()) % 7 or 7
        day = today + dt.timedelta(days=ahead)
    else:
        return None
    end = match.end()
    month_name = (groups.get("m") or "").lower()
    if match.group(0).endswith(".") and month_name and month_name == _full_month(month_name, rules):
        end -= 1  # "8 December." ends a sentence; "8 Dec." is an abbreviation
    return DateMention(
        start=match.start(),
        end=end,
        text=match.group(0)[: end - match.start()],
        date=day,
        weekday_said=weekday_said,
        weekday_start=weekday_start,
        explicit=bool(groups.get("d")),
    )


def find_dates(text: str, rules: DateRules, today: dt.date) -> list[DateMention]:
    """Every date mentioned, in order; where matches overlap, the longest wins."""
    found: list[DateMention] = []
    for pattern in rules.patterns:
        for match in pattern.finditer(text):
            mention = _mention(match, rules, today)
            if mention is not None:
                found.append(mention)
    for pattern, days in rules.relative:
        for match in pattern.finditer(text):
            found.append(
                DateMention(
                    start=match.start(),
                    end=match.end(),
                    text=match.group(0),
                    date=today + dt.timedelta(days=days),
                    weekday_said=None,
                )
            )
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[DateMention] = []
    for mention in found:
        if any(mention.start < c.end and c.start < mention.end for c in chosen):
            continue
        chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
