"""POST requests: a case in the staff queue on channel "api", with the web's promised dates."""

from __future__ import annotations

import pytest

from cases.models import Case, Channel
from catalogue.models import QuestionOption, QuestionType, Service, ServiceQuestion
from open311.models import RequestMetadata
from residents.models import Resident
from tests import factories
from tests.open311.conftest import BASE, xml_of


def _post(client, fmt="json", **params):
    return client.post(f"{BASE}/requests.{fmt}", params)


def _pothole(key, **extra):
    params = {
        "api_key": key,
        "service_code": "pothole",
        "lat": "40.712800",
        "long": "-74.006000",
        "attribute[size]": "large",
        "email": "new.person@example.org",
        "first_name": "Nia",
        "last_name": "Long",
        "description": "Deep hole by the school.",
    }
    params.update(extra)
    return params


def test_post_creates_an_api_case_with_the_same_promise_as_the_web(client, city, api_key):
    response = _post(client, **_pothole(api_key))

    assert response.status_code == 200
    [row] = response.json()
    case = Case.objects.get(tracking_number=row["service_request_id"])
    assert case.channel == Channel.API
    assert case.answers == {"size": "large"}
    assert case.description == "Deep hole by the school."
    web = factories.make_case(city.pothole, at=case.created_at, lat="1", long="1")
    assert case.resolution_due == web.resolution_due
    assert [s.due_at for s in case.steps.all()] == [s.due_at for s in web.steps.all()]
    assert "We inspect the site" in row["service_notice"]


def test_post_in_xml_returns_the_id_in_service_requests(client, city, api_key):
    response = _post(client, "xml", **_pothole(api_key, account_id="acct-9"))

    assert response.status_code == 200
    request = xml_of(response).find("request")
    assert Case.objects.filter(tracking_number=request.findtext("service_request_id")).exists()
    assert request.findtext("account_id") == "acct-9"


def test_post_finds_the_resident_by_email_without_changing_them(client, city, api_key):
    response = _post(client, **_pothole(api_key, email="RITA@example.org", first_name="Other"))

    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.resident == city.rita
    city.rita.refresh_from_db()
    assert city.rita.full_name == "Rita Moreno"


def test_post_finds_the_resident_by_phone(client, city, api_key):
    response = _post(client, **_pothole(api_key, email="", phone="+15555550101"))

    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.resident == city.rosa


def test_post_creates_a_resident_from_new_contact_details(client, city, api_key):
    response = _post(client, **_pothole(api_key, phone="+15555550999"))

    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.resident.full_name == "Nia Long"
    assert case.resident.email == "new.person@example.org"
    assert case.resident.phone == "+15555550999"


def test_post_keeps_device_account_and_media_url_without_fetching(client, city, api_key):
    response = _post(
        client,
        **_pothole(
            api_key,
            device_id="device-1",
            account_id="acct-1",
            media_url="https://photos.example.org/hole.jpg",
        ),
    )

    number = response.json()[0]["service_request_id"]
    metadata = RequestMetadata.objects.get(case__tracking_number=number)
    assert (metadata.device_id, metadata.account_id) == ("device-1", "acct-1")
    assert metadata.media_url == "https://photos.example.org/hole.jpg"
    detail = client.get(f"{BASE}/requests/{number}.json").json()[0]
    assert detail["media_url"] == "https://photos.example.org/hole.jpg"


def test_post_accepts_address_string_and_address_id_instead_of_a_point(client, city, api_key):
    response = _post(
        client,
        **_pothole(api_key, lat="", long="", address_string="1 Main St", address_id="A-77"),
    )

    number = response.json()[0]["service_request_id"]
    detail = client.get(f"{BASE}/requests/{number}.json").json()[0]
    assert detail["address"] == "1 Main St"
    assert detail["address_id"] == "A-77"
    assert detail["lat"] is None


def test_post_multivaluelist_attribute_with_brackets(client, city, api_key):
    question = ServiceQuestion.objects.create(
        service=city.pothole,
        code="hazards",
        datatype=QuestionType.MULTI_VALUE_LIST,
        order=3,
        description="Any hazards?",
    )
    for key in ("water", "traffic"):
        QuestionOption.objects.create(question=question, key=key, name=key.title())
    params = _pothole(api_key)
    params["attribute[hazards][]"] = ["water", "traffic"]

    response = client.post(f"{BASE}/requests.json", params)

    assert response.status_code == 200
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.answers["hazards"] == ["water", "traffic"]


def test_batch_service_returns_a_token_that_resolves_to_the_id(client, city, api_key):
    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")

    response = _post(client, **_pothole(api_key))

    assert response.status_code == 200
    token = response.json()[0]["token"]
    assert "service_request_id" not in response.json()[0]
    looked_up = client.get(f"{BASE}/tokens/{token}.json")
    assert looked_up.status_code == 200
    [row] = looked_up.json()
    assert row["token"] == token
    assert Case.objects.get(tracking_number=row["service_request_id"]).channel == Channel.API


def test_token_lookup_in_xml(client, city, api_key):
    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")
    token = _post(client, **_pothole(api_key)).json()[0]["token"]

    request = xml_of(client.get(f"{BASE}/tokens/{token}.xml")).find("request")

    assert request.findtext("token") == token
    assert request.findtext("service_request_id")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_token_is_404(client, city, fmt):
    assert client.get(f"{BASE}/tokens/nope.{fmt}").status_code == 404


@pytest.mark.parametrize(
    ("change", "status", "fragment"),
    [
        ({"api_key": ""}, 403, "api_key was not provided"),
        ({"api_key": "wrong-key"}, 403, "api_key is not valid"),
        ({"service_code": ""}, 400, "service_code was not provided"),
        ({"service_code": "unicorns"}, 404, "service_code unicorns was not found"),
        ({"jurisdiction_id": "nowhere.example.gov"}, 404, "jurisdiction_id"),
        ({"attribute[size]": "huge"}, 400, "attribute[size]"),
        ({"attribute[colour]": "red"}, 400, "attribute[colour]"),
        ({"attribute[size]": ""}, 400, "attribute[size]: Please answer"),
        ({"lat": "north", "long": "1"}, 400, "lat:"),
        ({"lat": "95", "long": "1"}, 400, "lat:"),
        ({"long": ""}, 400, "lat: Give both"),
        ({"lat": "", "long": ""}, 400, "address_string:"),
        ({"email": "not-an-email"}, 400, "email:"),
        ({"media_url": "file:///etc/passwd"}, 400, "media_url:"),
        ({"device_id": "x" * 201}, 400, "device_id:"),
        ({"description": "x" * 10_001}, 400, "description:"),
    ],
)
def test_bad_post_is_rejected_with_a_specific_error_and_nothing_saved(
    client, city, api_key, change, status, fragment
):
    residents_before = Resident.objects.count()

    response = _post(client, **_pothole(api_key, **change))

    assert response.status_code == status
    descriptions = [e["description"] for e in response.json()]
    assert all(e["code"] == status for e in response.json())
    assert any(fragment in d for d in descriptions), descriptions
    assert Case.objects.count() == 0
    assert Resident.objects.count() == residents_before


def test_bad_post_errors_in_xml(client, city, api_key):
    response = _post(client, "xml", **_pothole(api_key, **{"attribute[size]": "huge"}))

    root = xml_of(response)
    assert response.status_code == 400
    assert root.tag == "errors"
    assert root.findtext("error/code") == "400"
    assert "attribute[size]" in root.findtext("error/description")


def test_service_that_needs_contact_rejects_an_anonymous_post(client, city, api_key):
    Service.objects.filter(pk=city.pothole.pk).update(allows_anonymous=False)

    response = _post(client, **_pothole(api_key, email="", first_name="", last_name=""))

    assert response.status_code == 400
    assert response.json()[0]["description"] == (
        "email: This service needs your contact details so we can follow up."
    )
    assert not Case.objects.exists()


def test_a_name_is_contact_enough_where_the_domain_says_so(client, city, api_key):
    """The door has no stricter rule of its own: case_validate's rule decides."""
    Service.objects.filter(pk=city.pothole.pk).update(allows_anonymous=False)

    response = _post(client, **_pothole(api_key, email="", first_name="Nia", last_name="Long"))

    assert response.status_code == 200
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.resident.full_name == "Nia Long"


def test_anonymous_post_is_allowed_where_the_service_allows_it(client, city, api_key):
    response = _post(client, **_pothole(api_key, email="", first_name="", last_name=""))

    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.resident is None


def test_key_limited_to_another_jurisdiction_is_refused(client, city):
    from open311.services import api_key_create

    other = factories.make_jurisdiction()
    _key, raw = api_key_create(name="Elsewhere app", jurisdiction=other)

    response = _post(client, **_pothole(raw, jurisdiction_id="riverton.example.gov"))

    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        f"{BASE}/requests.json?description=a%00b",
        f"{BASE}/services/pot%00hole.json",
        f"{BASE}/tokens/a%00b.xml",
    ],
)
def test_nul_characters_are_refused_with_400(client, city, path):
    response = client.get(path)

    assert response.status_code == 400
    if ".xml" in path:
        assert "NUL" in xml_of(response).findtext("error/description")
    else:
        assert "NUL" in response.json()[0]["description"]


def test_nul_in_a_posted_request_is_refused(client, city, api_key):
    response = _post(client, **_pothole(api_key, description="hole\x00"))

    assert response.status_code == 400
    assert Case.objects.count() == 0
