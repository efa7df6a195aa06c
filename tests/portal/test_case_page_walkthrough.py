"""The tracking page after the walkthrough (issue 11): merged, finished and waiting cases."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cases.models import CaseAttachment, CaseEvent, EventKind, Status
from cases.services import case_change_status, case_merge
from tests import factories
from tests.portal.conftest import jpeg_with_gps

TRACK = reverse("portal:track")
# Tuesday 1 December 2026, 10:00 in Riverton.
NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def rosas_case(portal):  # type: ignore[no-untyped-def]
    return factories.make_case(portal.city.pothole, resident=portal.city.rosa, address="5 Elm St")


@pytest.fixture
def ritas_case(portal):  # type: ignore[no-untyped-def]
    return factories.make_case(
        portal.city.pothole,
        resident=portal.city.rita,
        address="7 Elm St, by Rita's gate",
        description="Rita's own words about the hole.",
    )


def _open(client, case, contact):  # type: ignore[no-untyped-def]
    client.post(TRACK, {"number": case.tracking_number, "contact": contact})
    return client.get(reverse("portal:case", args=[case.tracking_number]))


# --- Merged ----------------------------------------------------------------------------


def test_the_number_a_duplicate_was_joined_with_opens_with_the_residents_own_email(
    client, portal, rosas_case, ritas_case
):
    case_merge(duplicate=rosas_case, into=ritas_case, by=portal.city.sam)

    response = client.post(
        TRACK, {"number": ritas_case.tracking_number, "contact": "rosa@example.org"}
    )

    # Rosa lands on her own page, which shows the progress of Rita's case ...
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:case", args=[rosas_case.tracking_number])
    page = client.get(response["Location"]).content.decode()
    assert f"Progress of {ritas_case.tracking_number}" in page
    assert "We will finish by" in page
    # ... and nothing Rita wrote or where she lives.
    assert "Rita" not in page
    # Rita's own page stays closed to Rosa.
    assert client.get(reverse("portal:case", args=[ritas_case.tracking_number])).status_code == 404


def test_someone_elses_contact_still_cannot_open_the_joined_case(
    client, portal, rosas_case, ritas_case
):
    case_merge(duplicate=rosas_case, into=ritas_case, by=portal.city.sam)
    response = client.post(
        TRACK, {"number": ritas_case.tracking_number, "contact": "someone@example.org"}
    )
    assert response.status_code == 404


def test_the_merge_notice_is_in_spanish_on_a_spanish_page(client, portal, rosas_case, ritas_case):
    # Staff merge in English; Rosa reads Spanish.
    case_merge(duplicate=rosas_case, into=ritas_case, by=portal.city.sam)
    client.post(reverse("set_language"), {"language": "es"})

    page = _open(client, rosas_case, "rosa@example.org").content.decode()

    assert f"Esta solicitud es la misma que {ritas_case.tracking_number}" in page
    assert "This request is the same as" not in page
    assert "We have joined them" not in page


def test_the_stored_merge_notice_is_in_the_residents_language(portal, rosas_case, ritas_case):
    case_merge(duplicate=rosas_case, into=ritas_case, by=portal.city.sam)
    event = CaseEvent.objects.get(case=rosas_case, kind=EventKind.MERGED)
    assert event.body.startswith("Esta solicitud es la misma que")


# --- Finished cases ----------------------------------------------------------------------


def test_a_resolved_case_has_the_reply_form_its_message_asks_for(client, portal, rosas_case):
    case_change_status(case=rosas_case, status=Status.RESOLVED, by=portal.city.alice)
    page = _open(client, rosas_case, "rosa@example.org").content.decode()
    assert 'name="body"' in page
    assert "write to us below" in page


def test_a_reply_to_a_resolved_case_puts_it_back_to_work(client, portal, rosas_case):
    case_change_status(case=rosas_case, status=Status.RESOLVED, by=portal.city.alice)
    _open(client, rosas_case, "rosa@example.org")

    response = client.post(
        reverse("portal:message", args=[rosas_case.tracking_number]),
        {"body": "The hole is back after the rain."},
    )

    assert response.status_code == 302
    rosas_case.refresh_from_db()
    assert rosas_case.status == Status.IN_PROGRESS
    assert rosas_case.reopen_count == 1
    assert rosas_case.events.filter(kind=EventKind.RESIDENT_MESSAGE).exists()


def test_a_declined_case_lists_no_steps_with_dates_it_will_never_keep(client, portal, rosas_case):
    case_change_status(case=rosas_case, status=Status.DECLINED, by=portal.city.alice)
    page = _open(client, rosas_case, "rosa@example.org").content.decode()
    assert "— by" not in page
    assert "We will finish by" not in page
    assert 'name="body"' in page


def test_a_merged_duplicate_has_no_reply_form(client, portal, rosas_case, ritas_case):
    case_merge(duplicate=rosas_case, into=ritas_case, by=portal.city.sam)
    page = _open(client, rosas_case, "rosa@example.org").content.decode()
    assert 'name="body"' not in page


# --- Waiting on the resident: a photo -----------------------------------------------------


def test_a_photo_can_be_added_to_a_case_and_loses_its_exif(client, portal, rosas_case):
    case_change_status(case=rosas_case, status=Status.WAITING_ON_RESIDENT, by=portal.city.alice)
    _open(client, rosas_case, "rosa@example.org")
    photo = SimpleUploadedFile("IMG_0002.jpg", jpeg_with_gps(), content_type="image/jpeg")

    response = client.post(
        reverse("portal:message", args=[rosas_case.tracking_number]), {"body": "", "photos": photo}
    )

    assert response.status_code == 302
    attachment = CaseAttachment.objects.get(case=rosas_case)
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
    rosas_case.refresh_from_db()
    assert rosas_case.status == Status.IN_PROGRESS
    assert rosas_case.events.get(kind=EventKind.RESIDENT_MESSAGE).body == "I added 1 photo."


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(client, portal, rosas_case):
    _open(client, rosas_case, "rosa@example.org")
    fake = SimpleUploadedFile("notes.pdf", b"%PDF-1.4 not an image", content_type="image/jpeg")

    response = client.post(
        reverse("portal:message", args=[rosas_case.tracking_number]),
        {"body": "Here you go", "photos": fake},
    )

    assert response.status_code == 400
    assert "“notes.pdf” is not a photo we can read" in response.content.decode()
    assert not rosas_case.events.filter(kind=EventKind.RESIDENT_MESSAGE).exists()
    assert not CaseAttachment.objects.filter(case=rosas_case).exists()


def test_the_timeline_uses_the_resident_date_style(client, portal, rosas_case):
    page = _open(client, rosas_case, "rosa@example.org").content.decode()
    assert "Tuesday 1 December, 10:00 a.m." in page
