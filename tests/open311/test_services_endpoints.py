"""GET discovery, services and service definitions, in JSON and XML, and their errors."""

from __future__ import annotations

import pytest

from catalogue.models import QuestionOption, QuestionType, ServiceQuestion
from tests import factories
from tests.open311.conftest import BASE, xml_of


def test_discovery_lists_the_v2_endpoint_in_json(client, city):
    response = client.get(f"{BASE}/discovery.json")

    assert response.status_code == 200
    endpoint = response.json()["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}


def test_discovery_in_xml(client, city):
    root = xml_of(client.get(f"{BASE}/discovery.xml"))

    assert root.tag == "discovery"
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert "text/xml" in formats


def test_services_list_in_json(client, city):
    response = client.get(f"{BASE}/services.json")

    assert response.status_code == 200
    pothole = next(s for s in response.json() if s["service_code"] == "pothole")
    assert pothole == {
        "service_code": "pothole",
        "service_name": "Pothole",
        "description": "A service for tests.",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }


def test_services_list_in_xml(client, city):
    root = xml_of(client.get(f"{BASE}/services.xml"))

    assert root.tag == "services"
    codes = [s.findtext("service_code") for s in root.findall("service")]
    assert codes == ["park-shelter", "pothole"]
    assert root.find("service/metadata").text == "true"


def test_inactive_services_are_not_listed(client, city):
    city.shelter.is_active = False
    city.shelter.save()

    codes = [s["service_code"] for s in client.get(f"{BASE}/services.json").json()]

    assert codes == ["pothole"]


def test_service_without_questions_says_metadata_false(client, city):
    factories.make_service(city.parks, code="tree", name="Tree", questions=False)

    tree = next(
        s for s in client.get(f"{BASE}/services.json").json() if s["service_code"] == "tree"
    )

    assert tree["metadata"] is False


def test_service_definition_in_json_has_every_attribute_field(client, city):
    response = client.get(f"{BASE}/services/pothole.json")

    assert response.status_code == 200
    body = response.json()
    assert body["service_code"] == "pothole"
    size = body["attributes"][0]
    assert size == {
        "variable": True,
        "code": "size",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": "",
        "order": 1,
        "description": "How big is it?",
        "values": [{"key": "small", "name": "Small"}, {"key": "large", "name": "Large"}],
    }


def test_service_definition_in_xml(client, city):
    root = xml_of(client.get(f"{BASE}/services/pothole.xml"))

    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert attribute.findtext("code") == "size"
    assert attribute.findtext("required") == "true"
    assert [v.findtext("key") for v in attribute.findall("values/value")] == ["small", "large"]


def test_service_definition_includes_multivaluelist_and_informational_notes(client, city):
    question = ServiceQuestion.objects.create(
        service=city.pothole,
        code="hazards",
        datatype=QuestionType.MULTI_VALUE_LIST,
        order=3,
        description="Any hazards?",
    )
    QuestionOption.objects.create(question=question, key="water", name="Standing water")
    ServiceQuestion.objects.create(
        service=city.pothole,
        code="note",
        variable=False,
        datatype=QuestionType.STRING,
        order=4,
        description="Crews work 8am to 5pm.",
    )

    attributes = client.get(f"{BASE}/services/pothole.json").json()["attributes"]

    by_code = {a["code"]: a for a in attributes}
    assert by_code["hazards"]["datatype"] == "multivaluelist"
    assert by_code["note"]["variable"] is False


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_definition_is_404_in_the_spec_error_format(client, city, fmt):
    response = client.get(f"{BASE}/services/no-such-thing.{fmt}")

    assert response.status_code == 404
    if fmt == "json":
        assert response.json() == [
            {"code": 404, "description": "service_code no-such-thing was not found."}
        ]
    else:
        root = xml_of(response)
        assert root.tag == "errors"
        assert root.findtext("error/code") == "404"


def test_unknown_format_suffix_is_404_in_json(client, city):
    response = client.get(f"{BASE}/services.html")

    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


def test_wrong_method_is_405_with_allow_header(client, city):
    response = client.post(f"{BASE}/services.json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_jurisdiction_id_is_optional_with_one_jurisdiction(client, city):
    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": "riverton.example.gov"})

    assert response.status_code == 200


def test_unknown_jurisdiction_id_is_404(client, city):
    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": "nowhere.example.gov"})

    assert response.status_code == 404
    assert "jurisdiction_id" in response.json()[0]["description"]


def test_jurisdiction_id_is_required_when_there_are_several(client, city):
    other = factories.make_jurisdiction(jurisdiction_id="elsewhere.example.gov")
    department = factories.make_department(other, "Streets")
    factories.make_service(department, code="pothole", name="Elsewhere pothole")

    missing = client.get(f"{BASE}/services.xml")
    chosen = client.get(f"{BASE}/services.json", {"jurisdiction_id": "elsewhere.example.gov"})

    assert missing.status_code == 400
    assert xml_of(missing).findtext("error/description") == "jurisdiction_id was not provided."
    assert [s["service_name"] for s in chosen.json()] == ["Elsewhere pothole"]


def test_reads_are_open_to_browser_apps_but_writes_are_not(client, city):
    read = client.get(f"{BASE}/services.json")
    write = client.post(f"{BASE}/requests.json")

    assert read["Access-Control-Allow-Origin"] == "*"
    assert not write.has_header("Access-Control-Allow-Origin")
