"""GeoReporter for Android (City of Bloomington), replayed request for request.

Source: City-of-Bloomington/open311-android,
`open311-android/src/gov/in/bloomington/georeporter/models/Open311.java`:

- GET URLs are concatenated by hand: `base + "/services.json?jurisdiction_id=" + j`.
- POST `base + "/requests.json"`, every parameter in the body. Without a photo a
  `UrlEncodedFormEntity(pairs)`: Apache HttpClient's default charset, so
  `Content-Type: application/x-www-form-urlencoded; charset=ISO-8859-1` and "é" as %E9.
  With a photo a httpmime `MultipartEntity`: `StringBody` text parts (US-ASCII) and
  the photo, re-compressed as PNG, in a `ByteArrayBody` part named `media`.
- Multivaluelist values go as `attribute[code][]`, one pair each.
- Only `200` counts as success; anything else is read as a JSON error array.
"""

from __future__ import annotations

import io

from PIL import Image

from cases.models import Case, CaseAttachment
from tests.open311.conftest import API_KEY, BASE, JURISDICTION
from tests.open311.wire import (
    Part,
    fields,
    has_gps,
    java_url_encoded_form,
    multipart,
    photo_with_gps,
    send,
)

USER_AGENT = {"User-Agent": "Apache-HttpClient/UNAVAILABLE (java 1.4)"}
FORM_ISO = "application/x-www-form-urlencoded; charset=ISO-8859-1"
BOUNDARY = "Z8dP-cq3BLbFq_9rM1wHh5SxWkT0aK4"


def _pairs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    # Open311.prepareUrlEncodedEntity: service_code, jurisdiction_id, api_key, then post_data.
    return [
        ("service_code", "pothole"),
        ("jurisdiction_id", JURISDICTION),
        ("api_key", API_KEY),
        ("lat", "40.7128"),
        ("long", "-74.006"),
        ("attribute[size]", "large"),
        ("description", "Nid-de-poule très profond près de l'école"),
        ("email", "andre@example.org"),
        ("first_name", "André"),
        ("last_name", "Bélanger"),
        ("device_id", "a1b2c3d4e5f6"),
        *extra,
    ]


def test_georeporter_android_get_service_list(client, city):
    response = send(
        client, "GET", f"{BASE}/services.json?jurisdiction_id={JURISDICTION}", headers=USER_AGENT
    )

    assert response.status_code == 200
    assert {s["service_code"] for s in response.json()} == {"pothole", "park-shelter"}


def test_georeporter_android_get_service_definition(client, city):
    response = send(
        client,
        "GET",
        f"{BASE}/services/pothole.json?jurisdiction_id={JURISDICTION}",
        headers=USER_AGENT,
    )

    assert response.status_code == 200
    assert [a["code"] for a in response.json()["attributes"]] == ["size", "notes"]


def test_georeporter_android_get_service_list_without_a_jurisdiction(client, city):
    # A server entry with no jurisdiction_id: optString gives "", the URL ends in "=".
    response = send(client, "GET", f"{BASE}/services.json?jurisdiction_id=", headers=USER_AGENT)

    assert response.status_code == 200


def test_georeporter_android_post_request_url_encoded_iso_8859_1(client, city, api_key):
    body = java_url_encoded_form(_pairs())
    assert b"tr%E8s" in body  # the client's own bytes: Latin-1, not UTF-8
    assert b"%C3" not in body

    response = send(client, "POST", f"{BASE}/requests.json", body, FORM_ISO, USER_AGENT)

    assert response.status_code == 200  # the app accepts HttpStatus.SC_OK only
    [row] = response.json()
    case = Case.objects.get(tracking_number=row["service_request_id"])
    assert case.description == "Nid-de-poule très profond près de l'école"
    assert case.resident.full_name == "André Bélanger"


def test_georeporter_android_post_request_multivaluelist(client, city, api_key, bulky):
    pairs = [p for p in _pairs() if p[0] not in ("attribute[size]", "service_code", "lat", "long")]
    pairs = [("service_code", "bulky-item"), *pairs]
    pairs += [("attribute[items][]", "sofa"), ("attribute[items][]", "fridge")]

    response = send(client, "POST", f"{BASE}/requests.json", java_url_encoded_form(pairs), FORM_ISO)

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.answers["items"] == ["sofa", "fridge"]


def _multipart_with_photo(png: bytes) -> bytes:
    # Open311.prepareMultipartEntity: StringBody parts are US-ASCII ("é" is lost as "?"
    # by the client itself), then the photo as ByteArrayBody under `media`.
    ascii_pairs = [(k, v.encode("ascii", "replace").decode()) for k, v in _pairs()]
    parts = fields(ascii_pairs, "ascii")
    parts.append(Part("media", png, filename="media.png"))
    return multipart(parts, BOUNDARY, style="httpmime")


def test_georeporter_android_post_request_multipart_with_media(client, city, api_key):
    png = photo_with_gps("PNG")
    body = _multipart_with_photo(png)

    response = send(
        client,
        "POST",
        f"{BASE}/requests.json",
        body,
        f"multipart/form-data; boundary={BOUNDARY}",
        USER_AGENT,
    )

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    [photo] = CaseAttachment.objects.filter(case=case)
    assert photo.is_public
    assert photo.content_type == "image/jpeg"


def test_georeporter_android_reads_the_photo_at_media_url(client, city, api_key):
    body = _multipart_with_photo(photo_with_gps("PNG"))
    created = send(
        client,
        "POST",
        f"{BASE}/requests.json",
        body,
        f"multipart/form-data; boundary={BOUNDARY}",
    )
    number = created.json()[0]["service_request_id"]

    detail = send(client, "GET", f"{BASE}/requests/{number}.json?jurisdiction_id={JURISDICTION}")
    media_url = detail.json()[0]["media_url"]
    photo = client.get(media_url.removeprefix("http://testserver"))

    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    data = b"".join(photo.streaming_content)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
    assert not has_gps(data)


def test_georeporter_android_jpeg_with_gps_is_stored_without_it(client, city, api_key):
    jpeg = photo_with_gps("JPEG")
    assert has_gps(jpeg)
    parts = [*fields(_pairs(), "ascii"), Part("media", jpeg, filename="media.png")]
    body = multipart(parts, BOUNDARY, style="httpmime")

    response = send(
        client, "POST", f"{BASE}/requests.json", body, f"multipart/form-data; boundary={BOUNDARY}"
    )

    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    with CaseAttachment.objects.get(case=case).file.open("rb") as stored:
        assert not has_gps(stored.read())


def test_georeporter_android_post_request_with_a_file_that_is_not_a_photo(client, city, api_key):
    parts = [*fields(_pairs(), "ascii"), Part("media", b"%PDF-1.4 not a photo", "media.png")]
    body = multipart(parts, BOUNDARY, style="httpmime")

    response = send(
        client, "POST", f"{BASE}/requests.json", body, f"multipart/form-data; boundary={BOUNDARY}"
    )

    assert response.status_code == 400
    # The app shows errors[0].description to the user.
    assert response.json()[0]["description"].startswith("media: ")
    assert not Case.objects.exists()


def test_georeporter_android_error_is_a_json_array_with_a_description(client, city):
    body = java_url_encoded_form([(k, v) for k, v in _pairs() if k != "api_key"])

    response = send(client, "POST", f"{BASE}/requests.json", body, FORM_ISO)

    assert response.status_code == 403
    assert response.json()[0]["description"] == "api_key was not provided."


def test_georeporter_android_get_request_by_token(client, city, api_key):
    from catalogue.models import Service

    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")
    created = send(
        client, "POST", f"{BASE}/requests.json", java_url_encoded_form(_pairs()), FORM_ISO
    )
    token = created.json()[0]["token"]

    response = send(client, "GET", f"{BASE}/tokens/{token}.json?jurisdiction_id={JURISDICTION}")

    assert response.status_code == 200
    assert response.json()[0]["service_request_id"]
