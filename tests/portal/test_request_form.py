"""The guided request form: validation next to each field, photos, residents, abuse limits."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from cases.models import Case, CaseAttachment, Channel
from residents.models import Resident
from tests.portal.conftest import jpeg_with_gps

URL = reverse("portal:request", args=["pothole"])


def valid(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "description": "Deep hole outside number 12",
        "q_size": "large",
        "q_notes": "",
        "q_depth": "4",
        "address": "12 Main St",
        "lat": "",
        "long": "",
        "full_name": "Pat Doe",
        "email": "pat@example.org",
        "phone": "",
        "channel": "email",
        "language": "en",
    }
    data.update(overrides)
    return data


def test_step_one_asks_for_a_description(client, portal):
    response = client.get(URL)
    assert b'name="description"' in response.content
    assert b'name="q_size"' not in response.content


def test_step_two_shows_matching_answers_before_the_details(client, portal):
    response = client.post(
        URL, {"step": "describe", "description": "how fast do you repair a pothole"}
    )
    body = response.content.decode()
    assert "These answers may help" in body
    assert "How fast do you repair potholes?" in body
    assert body.index("How fast do you repair") < body.index('name="q_size"')


def test_a_valid_request_makes_a_case_and_redirects_to_its_confirmation(client, portal):
    response = client.post(URL, valid())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:submitted", args=[case.tracking_number])
    assert case.channel == Channel.WEB
    assert case.answers == {"size": "large", "depth": "4"}
    assert case.address == "12 Main St"
    assert case.resident.email == "pat@example.org"
    page = client.get(response["Location"])
    assert case.tracking_number in page.content.decode()


def test_a_valid_request_reads_the_questions_and_the_calendar_once(client, portal):
    # Questions were read three times (the form, its check, case_create) and the form
    # page's promise preview was computed for every good POST too.
    with CaptureQueriesContext(connection) as captured:
        response = client.post(URL, valid())

    assert response.status_code == 302
    sql = [q["sql"] for q in captured.captured_queries]
    assert sum('FROM "catalogue_servicequestion"' in q for q in sql) == 1
    assert sum('FROM "calendars_businesscalendar"' in q for q in sql) == 1
    assert sum('FROM "catalogue_servicestandard"' in q for q in sql) == 1


def test_errors_are_shown_next_to_each_field_and_in_the_summary(client, portal):
    response = client.post(URL, valid(q_size="", q_depth="deep", address="", email="not-an-email"))
    body = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert 'href="#id_q_size_0"' in body
    assert "Please answer: How big is it?" in body
    assert 'id="id_q_depth_error"' in body
    assert "Enter a number, like 3 or 2.5." in body
    assert "Tell us where: an address or a point on the map." in body or "id_address" in body
    assert "Enter an email address like name@example.com." in body
    assert 'value="deep"' in body  # what they typed is kept


def test_location_is_needed_for_a_service_that_needs_it(client, portal):
    response = client.post(URL, valid(address=""))
    assert response.status_code == 400
    assert "Tell us where: an address or a point on the map." in response.content.decode()


def test_a_map_pin_is_enough_location(client, portal):
    client.post(URL, valid(address="", lat="40.7128", long="-74.006"))
    case = Case.objects.get()
    assert (str(case.lat), str(case.long)) == ("40.712800", "-74.006000")


def test_photo_is_stored_as_jpeg_without_exif(client, portal):
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(URL, {**valid(), "photos": [photo]})
    attachment = CaseAttachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    assert "IMG_0001" not in attachment.file.name
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info


def test_a_file_that_is_not_an_image_is_refused_with_its_name(client, portal):
    fake = SimpleUploadedFile("report.pdf", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(URL, {**valid(), "photos": [fake]})
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "“report.pdf” is not a photo we can read" in response.content.decode()


def test_more_than_three_photos_are_refused(client, portal):
    photos = [SimpleUploadedFile(f"{i}.jpg", jpeg_with_gps(), "image/jpeg") for i in range(4)]
    response = client.post(URL, {**valid(), "photos": photos})
    assert response.status_code == 400
    assert "Attach up to 3 photos; you chose 4." in response.content.decode()


@override_settings(PORTAL_MAX_PHOTO_BYTES=1000)
def test_a_photo_too_large_is_refused(client, portal):
    image = Image.effect_noise((200, 200), 100).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG")
    photo = SimpleUploadedFile("big.png", out.getvalue(), content_type="image/png")
    response = client.post(URL, {**valid(), "photos": [photo]})
    assert "“big.png” is larger than 0 MB" in response.content.decode()


def test_the_same_email_finds_the_same_resident_and_does_not_overwrite_it(client, portal):
    rita = portal.city.rita
    client.post(URL, valid(email="RITA@example.org", full_name="Someone Else", language="es"))
    case = Case.objects.get()
    assert case.resident == rita
    rita.refresh_from_db()
    assert (rita.full_name, rita.preferred_language) == ("Rita Moreno", "en")


def test_phone_and_sms_create_a_resident(client, portal):
    client.post(URL, valid(email="", phone="+1 (555) 555-0199", channel="sms", language="es"))
    resident = Case.objects.get().resident
    assert (resident.phone, resident.preferred_channel, resident.preferred_language) == (
        "+15555550199",
        "sms",
        "es",
    )


def test_sms_updates_need_a_phone_number(client, portal):
    response = client.post(URL, valid(channel="sms"))
    assert "Enter your mobile number, or choose another way to get updates." in (
        response.content.decode()
    )


def test_anonymous_when_the_service_allows_it(client, portal):
    client.post(URL, valid(anonymous="1"))
    assert Case.objects.get().resident is None
    assert Resident.objects.filter(email="pat@example.org").count() == 0


def test_no_contact_is_refused_when_the_service_needs_it(client, portal):
    portal.city.pothole.allows_anonymous = False
    portal.city.pothole.save()
    response = client.post(URL, valid(anonymous="1", email="", channel="none"))
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "needs an email address or phone number" in response.content.decode()


def test_the_domains_rules_show_beside_the_contact_errors_at_once(client, portal):
    # parse_request_form runs cases.services.case_validate (no rules of its own): a latitude
    # out of range is reported in the same answer as a bad email address, nothing saved.
    response = client.post(URL, valid(address="", lat="91", long="0", email="not-an-address"))
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert response.context["errors"].keys() >= {"lat", "email"}


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, portal):
    body = client.post(URL, {"step": "describe", "description": "x"}).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in body
    assert 'name="website" tabindex="-1" autocomplete="off"' in body


def test_honeypot_filled_in_is_refused_quietly(client, portal):
    response = client.post(URL, valid(website="http://spam.example"))
    assert response.status_code == 400
    assert Case.objects.count() == 0


@override_settings(PORTAL_SUBMISSIONS_PER_HOUR=2)
def test_submissions_are_rate_limited_per_client(client, portal):
    for _ in range(2):
        assert client.post(URL, valid()).status_code == 302
    assert client.post(URL, valid()).status_code == 429
    assert Case.objects.count() == 2


def test_user_text_is_escaped_on_the_form_and_the_tracking_page(client, portal):
    evil = "<img src=x onerror=alert(1)>"
    response = client.post(URL, valid(address="", q_size="bogus", description=evil))
    assert evil.encode() not in response.content
    response = client.post(URL, valid(description=evil), follow=True)
    assert evil.encode() not in response.content
    assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content


GARBAGE = [
    {},
    {"q_size": ["small", "large"]},
    {"q_size": "x" * 100_000},
    {"lat": "NaN", "long": "inf"},
    {"lat": "91", "long": "0"},
    {"lat": "1"},
    {"q_unknown": "1", "channel": "pigeon", "language": "xx"},
    {"description": "\x00\x01\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")},
    {"photos": "not a file"},
    {"email": "a@" + "b" * 300 + ".com", "phone": "123"},
    {"anonymous": "1", "q_depth": "1e999999"},
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_never_causes_a_server_error(client, portal, garbage):
    response = client.post(URL, {**valid(), **garbage})
    assert response.status_code in (302, 400)


def test_garbage_urls_are_404(client, portal):
    assert client.get("/services/pothole%00/request/").status_code == 404
    assert client.get(reverse("portal:request", args=["zzz"])).status_code == 404
    assert client.get(reverse("portal:case", args=["<script>"])).status_code == 404


def test_nul_characters_in_queries_are_harmless(client, portal):
    assert client.get(reverse("portal:catalogue"), {"q": "pot\x00hole"}).status_code == 200
    assert client.get(reverse("portal:suggest"), {"q": "pot\x00hole"}).status_code == 200
    assert client.get(URL, {"description": "a\x00b"}).status_code == 200
    assert client.post(URL, {"step": "describe", "description": "a\x00b"}).status_code == 200
