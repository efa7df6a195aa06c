"""Coach fixtures: a fixed day, a promise, a calendar, and a case that needs no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calendars.arithmetic import WorkingCalendar
from cases.models import Case
from catalogue.models import Service
from coaching.engine import Review, review_draft
from organisations.models import Department, Jurisdiction
from residents.models import Resident

TODAY = dt.date(2026, 12, 1)  # a Tuesday
PROMISE = dt.date(2026, 12, 8)  # the Tuesday after
CHRISTMAS = dt.date(2026, 12, 25)
ZONE = ZoneInfo("America/New_York")
CALENDAR = WorkingCalendar(zone=ZONE, is_holiday=lambda day: day == CHRISTMAS)
RESIDENTS = {"en": "Rita Moreno", "es": "Rosa Díaz"}


def unsaved_case(language: str) -> Case:
    """A case as the coach reads it (nothing is saved: the review is pure)."""
    jurisdiction = Jurisdiction(name="Riverton", timezone="America/New_York")
    return Case(
        tracking_number="7KQ3M-9XRT2",
        jurisdiction=jurisdiction,
        service=Service(name="Pothole"),
        department=Department(name="Public Works", jurisdiction=jurisdiction),
        resident=Resident(full_name=RESIDENTS[language], preferred_language=language),
        description="",
        status="in_progress",
        resolution_due=dt.datetime(2026, 12, 8, 17, 0, tzinfo=ZONE),
    )


@pytest.fixture
def review() -> Callable[..., Review]:
    def run(text: str, language: str = "en", **kwargs: Any) -> Review:
        kwargs.setdefault("case", unsaved_case(language))
        kwargs.setdefault("calendar", CALENDAR)
        kwargs.setdefault("today", TODAY)
        return review_draft(text=text, language=language, **kwargs)

    return run


@pytest.fixture
def scenarios(db: None) -> int:
    """The built-in practice scenarios (a transactional test elsewhere may have emptied
    the table the migration seeded)."""
    from coaching.training import scenarios_seed

    return scenarios_seed()
