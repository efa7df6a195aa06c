"""FixMyStreet (mySociety), `perllib/Open311.pm`, replayed request for request.

Source: mysociety/fixmystreet, `perllib/Open311.pm` (`_request`, and the calls
that use it):

- Every parameter value is `encode('UTF-8', …)`d; `jurisdiction_id` is added to
  every call, `api_key` to POSTs only (and to `get_service_request_updates`).
- GET: `$uri->query_form($params)`. POST without uploads: `POST $uri, $params`, a
  form-encoded body (`Content-Type: application/x-www-form-urlencoded`, no charset);
  an array value (several `media_url` with `multi_photos`) is the name repeated.
- POST with uploads (`upload_files` / `always_upload_photos`): `Content_Type =>
  'form-data'`, the photos as parts `photo1`, `photo2`… with their Content-Type,
  and `media_url` left out.
- The endpoints it calls are `services.xml`, `services/{code}.xml`,
  `requests.xml`, `tokens/{token}.xml`, `servicerequestupdates.xml`; it reads XML.
"""

from __future__ import annotations

import datetime as dt

from cases.models import Case, CaseAttachment, CaseEvent, EventKind, Status
from cases.services import case_change_status
from catalogue.models import Service
from open311.models import ApiKey
from tests.open311.conftest import API_KEY, BASE, JURISDICTION, xml_of
from tests.open311.wire import Part, fields, multipart, perl_query_form, photo_with_gps, send

HEADERS = {"User-Agent": "libwww-perl/6.77"}
FORM = "application/x-www-form-urlencoded"
BOUNDARY = "xYzZY"


def _get(client, path, params=()):
    pairs = [*params, ("jurisdiction_id", JURISDICTION)]
    return send(client, "GET", f"{BASE}/{path}?{perl_query_form(pairs)}", headers=HEADERS)


def _post(client, path, params):
    pairs = [*params, ("jurisdiction_id", JURISDICTION), ("api_key", API_KEY)]
    return send(client, "POST", f"{BASE}/{path}", perl_query_form(pairs), FORM, HEADERS)


def _problem(**extra):
    # _populate_service_request_params with extended_description (the default).
    description = (
        "Crevasse on the High Street\n\nCar-sized, by the café.\n\n"
        "https://www.fixmystreet.com/report/42\n"
    )
    params = {
        "description": description,
        "service_code": "pothole",
        "first_name": "Émile",
        "last_name": "Zola-Durand",
        "email": "emile@example.org",
        "lat": "51.50101",
        "long": "-0.141563",
        "media_url": "https://www.fixmystreet.com/photo/42.0.full.jpeg",
        "attribute[size]": "large",
    }
    params.update(extra)
    return list(params.items())


def test_fixmystreet_get_service_list(client, city):
    response = _get(client, "services.xml")

    assert response.status_code == 200
    assert xml_of(response).find("service/service_code") is not None


def test_fixmystreet_get_service_meta_info(client, city):
    response = _get(client, "services/pothole.xml")

    assert response.status_code == 200
    root = xml_of(response)
    assert root.findtext("service_code") == "pothole"
    assert root.findtext("attributes/attribute/required") == "true"


def test_fixmystreet_send_service_request(client, city, api_key):
    response = _post(client, "requests.xml", _problem())

    assert response.status_code == 200, response.content
    number = xml_of(response).findtext("request/service_request_id")
    case = Case.objects.get(tracking_number=number)
    assert "by the café" in case.description
    assert case.resident.full_name == "Émile Zola-Durand"


def test_fixmystreet_send_service_request_with_multi_photos(client, city, api_key):
    params = _problem()
    params += [("media_url", "https://www.fixmystreet.com/photo/42.1.full.jpeg")]

    response = _post(client, "requests.xml", params)

    assert response.status_code == 200, response.content


def test_fixmystreet_send_service_request_not_pinpointed(client, city, api_key):
    # send_notpinpointed: no lat/long, address_id "#NOTPINPOINTED#".
    params = [(k, v) for k, v in _problem() if k not in ("lat", "long")]
    params.append(("address_id", "#NOTPINPOINTED#"))

    response = _post(client, "requests.xml", params)

    assert response.status_code == 200, response.content


def test_fixmystreet_send_service_request_uploading_photos(client, city, api_key):
    # always_upload_photos: form-data, photo1 with its type, media_url deleted.
    params = [(k, v) for k, v in _problem() if k != "media_url"]
    params += [("jurisdiction_id", JURISDICTION), ("api_key", API_KEY)]
    parts = fields(params)
    parts.append(Part("photo1", photo_with_gps(), "42.0.full.jpeg", "image/jpeg"))
    body = multipart(parts, BOUNDARY, style="lwp")

    response = send(
        client,
        "POST",
        f"{BASE}/requests.xml",
        body,
        f"multipart/form-data; boundary={BOUNDARY}",
        HEADERS,
    )

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=xml_of(response).findtext("request/service_request_id"))
    assert CaseAttachment.objects.filter(case=case, is_public=True).count() == 1
    assert "by the café" in case.description


def test_fixmystreet_send_service_request_then_token(client, city, api_key):
    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")
    token = xml_of(_post(client, "requests.xml", _problem())).findtext("request/token")

    response = _get(client, f"tokens/{token}.xml")

    assert response.status_code == 200
    assert xml_of(response).findtext("request/service_request_id")


def test_fixmystreet_get_service_requests_by_report_ids(client, city, api_key):
    numbers = [
        xml_of(_post(client, "requests.xml", _problem())).findtext("request/service_request_id")
        for _ in range(2)
    ]

    response = _get(client, "requests.xml", [("service_request_id", ",".join(numbers))])

    assert {r.findtext("service_request_id") for r in xml_of(response).findall("request")} == set(
        numbers
    )


def test_fixmystreet_get_service_request_updates(client, city, api_key):
    number = xml_of(_post(client, "requests.xml", _problem())).findtext(
        "request/service_request_id"
    )
    case = Case.objects.get(tracking_number=number)
    # FixMyStreet run for the city: its key may read updates; the note was published.
    ApiKey.objects.update(may_read_updates=True)
    case_change_status(
        case=case, status=Status.IN_PROGRESS, by=city.alice, note="Crew sent", publish=True
    )
    start = (case.created_at - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (case.created_at + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    response = _get(
        client,
        "servicerequestupdates.xml",
        [("api_key", API_KEY), ("start_date", start), ("end_date", end)],
    )

    assert response.status_code == 200
    updates = xml_of(response).findall("request_update")
    assert [u.findtext("description") for u in updates][-1] == "Crew sent"


def test_fixmystreet_post_service_request_update(client, city, api_key):
    number = xml_of(_post(client, "requests.xml", _problem())).findtext(
        "request/service_request_id"
    )
    # _populate_service_request_update_params
    params = [
        ("updated_datetime", "2026-03-02T10:00:00+00:00"),
        ("service_request_id", number),
        ("status", "OPEN"),
        ("description", "Still there, and deeper — près du café."),
        ("last_name", "-"),
        ("first_name", "Émile"),
        ("email", "emile@example.org"),
        ("update_id", "9001"),
    ]

    response = _post(client, "servicerequestupdates.xml", params)

    assert response.status_code == 200, response.content
    update_id = xml_of(response).findtext("request_update/update_id")
    event = CaseEvent.objects.get(pk=update_id)
    assert event.kind == EventKind.RESIDENT_MESSAGE
    assert event.body == "Still there, and deeper — près du café."
