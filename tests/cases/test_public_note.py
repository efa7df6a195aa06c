"""Case.public_note: the latest note staff wrote for publication, kept on the case."""

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps

from cases.models import Case, CaseEvent, EventKind, Status
from cases.services import case_change_status
from tests.factories import make_case

NY = ZoneInfo("America/New_York")
MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=NY)


@pytest.fixture
def pothole_case(city):
    return make_case(city.pothole, resident=city.rita, address="12 Elm St", at=MONDAY)


def test_a_published_note_is_kept_and_an_unpublished_one_leaves_it(city, pothole_case):
    case = case_change_status(
        case=pothole_case,
        status=Status.IN_PROGRESS,
        by=city.alice,
        note="  Crew booked for Tuesday.  ",
        publish=True,
        at=MONDAY + dt.timedelta(hours=1),
    )
    case = case_change_status(
        case=case,
        status=Status.RESOLVED,
        by=city.alice,
        note="Rita, all done (a private word).",
        at=MONDAY + dt.timedelta(hours=2),
    )

    case.refresh_from_db()
    assert case.public_note == "Crew booked for Tuesday."


def test_a_published_blank_note_does_not_blank_the_last_one(city, pothole_case):
    case = case_change_status(
        case=pothole_case, status=Status.IN_PROGRESS, by=city.alice, note="On it", publish=True
    )
    case = case_change_status(
        case=case, status=Status.RESOLVED, by=city.alice, note="   ", publish=True
    )

    case.refresh_from_db()
    assert case.public_note == "On it"


def test_the_migration_backfills_the_latest_published_note(city, pothole_case):
    at = MONDAY + dt.timedelta(hours=1)
    for body, published, hours in [("First", True, 1), ("Latest", True, 2), ("Private", False, 3)]:
        CaseEvent.objects.create(
            case=pothole_case,
            kind=EventKind.STATUS_CHANGED,
            body=body,
            data={"before": "new", "after": "in_progress", "published": published},
            is_public=True,
            created_at=at + dt.timedelta(hours=hours),
        )
    other = make_case(city.pothole, resident=city.rita, address="1 Oak St", at=MONDAY)
    Case.objects.update(public_note="")
    migration = importlib.import_module("cases.migrations.0015_case_public_note")

    migration.backfill(apps, None)

    assert Case.objects.get(pk=pothole_case.pk).public_note == "Latest"
    assert Case.objects.get(pk=other.pk).public_note == ""
