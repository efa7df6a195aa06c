"""Case photos are served only through views that check the viewer, never by URL."""

from __future__ import annotations

import importlib
import secrets
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import clear_url_caches
from django.utils import timezone

from cases.models import CaseAttachment
from tests.factories import PASSWORD, make_case

JPEG = b"\xff\xd8\xff\xe0" + b"photo bytes" * 20 + b"\xff\xd9"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _attach(case: Any, *, public: bool) -> CaseAttachment:
    attachment = CaseAttachment(
        case=case,
        token=secrets.token_hex(16),
        content_type="image/jpeg",
        size=len(JPEG),
        is_public=public,
        uploaded_at=timezone.now(),
    )
    attachment.file.save("photo.jpg", ContentFile(JPEG), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def pothole(city: Any) -> Any:
    return make_case(city.pothole, resident=city.rita, address="12 Main St")


def _staff(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _tracking(case: Any, contact: str) -> Client:
    client = Client()
    response = client.post("/track/", {"number": case.tracking_number, "contact": contact})
    assert response.status_code == 302
    return client


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_staff_of_the_department_open_a_photo_privately(city, pothole):
    photo = _attach(pothole, public=False)

    response = _staff(city.alice).get(f"/staff/photos/{photo.token}/")

    assert response.status_code == 200
    assert _body(response) == JPEG
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_an_administrator_opens_any_departments_photo(city, pothole):
    photo = _attach(pothole, public=False)

    assert _staff(city.ada).get(f"/staff/photos/{photo.token}/").status_code == 200


@pytest.mark.django_db
def test_staff_of_another_department_get_nothing(city, pothole):
    photo = _attach(pothole, public=True)

    assert _staff(city.bob).get(f"/staff/photos/{photo.token}/").status_code == 404


@pytest.mark.django_db
def test_a_signed_out_visitor_is_sent_to_sign_in(city, pothole):
    photo = _attach(pothole, public=True)

    response = Client().get(f"/staff/photos/{photo.token}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.django_db
def test_a_guessed_or_odd_token_is_a_404(city, pothole):
    staff = _staff(city.alice)
    for token in ("0" * 32, "x" * 5000, "²"):
        assert staff.get(f"/staff/photos/{token}/").status_code == 404


@pytest.mark.django_db
def test_the_resident_who_tracked_the_case_opens_its_public_photos_only(city, pothole):
    public, private = _attach(pothole, public=True), _attach(pothole, public=False)
    rita = _tracking(pothole, "rita@example.org")
    base = f"/requests/{pothole.tracking_number}/photos"

    assert _body(rita.get(f"{base}/{public.token}/")) == JPEG
    assert rita.get(f"{base}/{private.token}/").status_code == 404
    assert Client().get(f"{base}/{public.token}/").status_code == 404


@pytest.mark.django_db
def test_a_resident_cannot_open_another_cases_photo_through_their_own(city, pothole):
    theirs = make_case(city.pothole, resident=city.rosa, address="1 Elm St")
    other = _attach(theirs, public=True)
    rita = _tracking(pothole, "rita@example.org")

    response = rita.get(f"/requests/{pothole.tracking_number}/photos/{other.token}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_the_resident_with_an_account_opens_their_photo(city, pothole):
    from portal.services import resident_sign_up

    user, resident = resident_sign_up(
        full_name="Pat Doe", email="pat@example.org", password=PASSWORD, language="en"
    )
    case = make_case(city.pothole, resident=resident, address="3 Oak St")
    photo = _attach(case, public=True)
    client = Client()
    client.force_login(user)

    response = client.get(f"/requests/{case.tracking_number}/photos/{photo.token}/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_pages_link_to_the_checked_views_not_to_media(city, pothole):
    public, private = _attach(pothole, public=True), _attach(pothole, public=False)

    staff_page = _staff(city.alice).get(f"/staff/cases/{pothole.tracking_number}/").content.decode()
    rita = _tracking(pothole, "rita@example.org")
    resident_page = rita.get(f"/requests/{pothole.tracking_number}/").content.decode()

    assert f'src="/staff/photos/{private.token}/"' in staff_page
    assert "/media/" not in staff_page
    assert f'src="/requests/{pothole.tracking_number}/photos/{public.token}/"' in resident_page
    assert private.token not in resident_page
    assert "/media/" not in resident_page


@pytest.mark.django_db
def test_media_urls_are_not_served_even_under_debug(city, pothole, settings):
    photo = _attach(pothole, public=True)
    settings.DEBUG = True
    import civicdesk.urls

    try:
        importlib.reload(civicdesk.urls)
        clear_url_caches()
        response = Client().get(f"/media/{photo.file.name}")
    finally:
        settings.DEBUG = False
        importlib.reload(civicdesk.urls)
        clear_url_caches()

    assert response.status_code == 404


@pytest.mark.django_db
def test_behind_nginx_the_front_server_sends_the_file(city, pothole, settings):
    settings.MEDIA_ACCEL = "nginx"
    photo = _attach(pothole, public=False)

    allowed = _staff(city.alice).get(f"/staff/photos/{photo.token}/")
    refused = _staff(city.bob).get(f"/staff/photos/{photo.token}/")

    assert allowed["X-Accel-Redirect"] == f"/protected-media/{photo.file.name}"
    assert allowed.content == b""
    assert allowed["Content-Type"] == "image/jpeg"
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


@pytest.mark.django_db
def test_behind_apache_x_sendfile_names_the_file(city, pothole, settings):
    settings.MEDIA_ACCEL = "apache"
    photo = _attach(pothole, public=True)
    rita = _tracking(pothole, "rita@example.org")

    response = rita.get(f"/requests/{pothole.tracking_number}/photos/{photo.token}/")

    assert response["X-Sendfile"] == photo.file.path
    assert response.content == b""


@pytest.mark.django_db
def test_a_photo_whose_file_is_gone_is_a_404(city, pothole):
    photo = _attach(pothole, public=False)
    photo.file.storage.delete(photo.file.name)

    assert _staff(city.alice).get(f"/staff/photos/{photo.token}/").status_code == 404


def test_s3_storage_is_configured_from_the_environment_with_private_objects(tmp_path):
    from tests.core.test_settings import _run_django

    env = {
        "CIVICDESK_VAR_DIR": str(tmp_path),
        "CIVICDESK_MEDIA_STORAGE": "s3",
        "CIVICDESK_S3_BUCKET": "riverton-photos",
        "CIVICDESK_S3_ENDPOINT_URL": "https://s3.example.net",
    }
    result = _run_django(
        "import json; from django.conf import settings\n"
        "print(json.dumps(settings.STORAGES['default']))",
        env,
    )

    assert result.returncode == 0, result.stderr
    assert '"storages.backends.s3.S3Storage"' in result.stdout
    assert '"default_acl": "private"' in result.stdout
    assert '"bucket_name": "riverton-photos"' in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CIVICDESK_MEDIA_STORAGE": "s3"}, "CIVICDESK_S3_BUCKET is required"),
        ({"CIVICDESK_MEDIA_STORAGE": "ftp"}, "must be local or s3"),
        ({"CIVICDESK_MEDIA_ACCEL": "lighttpd"}, "must be none, nginx or apache"),
    ],
)
def test_bad_media_settings_fail_loudly(tmp_path, env, message):
    from tests.core.test_settings import _run_django

    result = _run_django("", {"CIVICDESK_VAR_DIR": str(tmp_path), **env})

    assert result.returncode != 0
    assert message in result.stderr
