"""'Still not fixed': within the window the case reopens; long closed, a linked case opens;
after the window it is refused. The photo loses its EXIF; the department is told."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cases.models import Case, CaseAttachment, Status
from cases.photos import clean_photo
from cases.services import case_change_status
from engagement.models import NotFixedReport
from engagement.services import EngagementError, not_fixed_report
from notifications.models import StaffNotice
from tests.portal.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)


def _resolved(city: Any, case: Case, when: dt.datetime) -> Case:
    with time_machine.travel(when, tick=False):
        return case_change_status(case=case, status=Status.RESOLVED, by=city.alice)


def _photo() -> Any:
    upload = SimpleUploadedFile("IMG_1.jpg", jpeg_with_gps(), content_type="image/jpeg")
    return clean_photo(upload)


def test_soon_after_resolution_the_case_reopens_and_the_department_is_told(
    city: Any, pothole_case: Case
):
    case = _resolved(city, pothole_case, NOW - dt.timedelta(days=2))
    case.owner = city.alice
    case.save(update_fields=["owner"])
    with time_machine.travel(NOW, tick=False):
        report = not_fixed_report(
            case=case, body="The hole is back", photos=[_photo()], resident=city.rita
        )
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.reopen_count == 1
    assert report.new_case is None
    assert StaffNotice.objects.filter(user=city.alice, case=case).exists()
    note = case.events.filter(kind="internal_note").last()
    assert note is not None
    assert "The hole is back" in note.body
    assert not note.is_public
    reopened = case.events.get(kind="reopened")
    assert reopened.is_public
    assert "The hole is back" not in reopened.body
    attachment = CaseAttachment.objects.get(case=case)
    assert not attachment.is_public
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert len(image.getexif()) == 0


def test_long_after_resolution_a_linked_new_case_opens(
    city: Any, pothole_case: Case, settings: Any
):
    settings.ENGAGEMENT_REOPEN_DAYS = 7
    settings.ENGAGEMENT_NOT_FIXED_DAYS = 30
    case = _resolved(city, pothole_case, NOW - dt.timedelta(days=20))
    with time_machine.travel(NOW, tick=False):
        report = not_fixed_report(case=case, body="", resident=city.rita)
    case.refresh_from_db()
    assert case.status == Status.RESOLVED
    new = report.new_case
    assert new is not None
    assert new.is_open
    assert new.service_id == case.service_id
    assert (new.lat, new.long) == (case.lat, case.long)
    assert case.tracking_number in new.events.get(kind="internal_note").body
    assert new.tracking_number in case.events.filter(kind="internal_note").last().body  # type: ignore[union-attr]


def test_after_the_window_it_is_refused_and_nothing_is_saved(
    city: Any, pothole_case: Case, settings: Any
):
    settings.ENGAGEMENT_NOT_FIXED_DAYS = 30
    case = _resolved(city, pothole_case, NOW - dt.timedelta(days=31))
    with time_machine.travel(NOW, tick=False), pytest.raises(EngagementError):
        not_fixed_report(case=case, body="Still there", resident=city.rita)
    assert NotFixedReport.objects.count() == 0
    case.refresh_from_db()
    assert case.status == Status.RESOLVED


def test_an_open_case_cannot_be_reported_not_fixed(city: Any, pothole_case: Case):
    with pytest.raises(EngagementError):
        not_fixed_report(case=pothole_case, body="?", resident=city.rita)


def test_a_long_text_is_refused(city: Any, pothole_case: Case):
    case = _resolved(city, pothole_case, timezone.now() - dt.timedelta(days=1))
    with pytest.raises(EngagementError):
        not_fixed_report(case=case, body="x" * 2001, resident=city.rita)
