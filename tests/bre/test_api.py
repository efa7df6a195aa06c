"""/api/v1/bre/…: the register, visits, flags, actions (POST files the case), issues."""

from __future__ import annotations

import datetime as dt

import pytest

from api.services import api_token_create
from bre import services
from bre.models import Action
from cases.models import Channel
from tests import factories
from tests.bre.conftest import NOW


class Api:
    def __init__(self, client, user):
        _token, raw = api_token_create(user=user, name="tests")
        self.client = client
        self.headers = {"Authorization": f"Bearer {raw}"}

    def get(self, path, params=None):
        return self.client.get(f"/api/v1/bre{path}", params or {}, headers=self.headers)

    def post(self, path, payload):
        return self.client.post(
            f"/api/v1/bre{path}", payload, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def contact(bakery, bruno):
    return services.contact_add(
        business=bakery, full_name="Marisol Vega", email="marisol@breadco.example", by=bruno
    )


def test_the_register_and_a_business_with_contacts_for_bre_staff(client, bakery, bruno, contact):
    api = Api(client, bruno)

    listing = api.get("/businesses").json()
    detail = api.get(f"/businesses/{bakery.pk}").json()

    assert [b["legal_name"] for b in listing["items"]] == ["Riverton Bread Company LLC"]
    assert listing["items"][0]["sector"] == "31"
    assert detail["contacts"][0]["full_name"] == "Marisol Vega"


def test_an_administrator_gets_no_contacts_and_an_agent_nothing(client, city, bakery, contact):
    assert Api(client, city.ada).get(f"/businesses/{bakery.pk}").json()["contacts"] is None
    assert Api(client, city.alice).get("/businesses").status_code == 403


def test_post_an_action_files_the_case_and_returns_its_tracking_number(client, city, bakery, bruno):
    response = Api(client, bruno).post(
        "/actions",
        {
            "business_id": bakery.pk,
            "service_code": "pothole",
            "summary": "Pothole at the loading dock",
            "answers": {"size": "small"},
        },
    )

    assert response.status_code == 201
    body = response.json()
    action = Action.objects.get()
    assert body["tracking_number"] == action.case.tracking_number
    assert action.case.channel == Channel.BRE
    assert body["department"] == "Public Works"
    assert [s["name"] for s in body["steps"]] == ["We inspect the site", "We fill the pothole"]
    assert dt.datetime.fromisoformat(body["resolution_due"]) > NOW


def test_post_an_action_with_a_missing_answer_is_a_400_and_files_nothing(client, bakery, bruno):
    response = Api(client, bruno).post(
        "/actions", {"business_id": bakery.pk, "service_code": "pothole", "summary": "Pothole"}
    )

    assert response.status_code == 400
    assert "size" in response.json()["errors"]
    assert not Action.objects.exists()


def test_visits_flags_and_issues(client, city, bakery, bruno, instrument):
    services.visit_record(
        business=bakery,
        officer=bruno,
        done_at=NOW,
        answers={"plans": "relocate", "needs": "Call Marisol"},
        by=bruno,
    )
    case = factories.make_case(city.pothole, address="125 Main St")
    services.macro_issue_create(
        title="Parking on Main Street", owner=bruno, by=bruno, businesses=[bakery], cases=[case]
    )
    api = Api(client, bruno)

    visits = api.get("/visits", {"business_id": bakery.pk}).json()["items"]
    flags = api.get("/flags", {"colour": "red"}).json()["items"]
    issues = api.get("/issues").json()["items"]

    assert {a["code"]: a["value"] for a in visits[0]["answers"]} == {"plans": "relocate"}
    assert [f["title"] for f in flags] == ["Considering relocation"]
    assert flags[0]["from_rule"]
    assert issues[0]["business_ids"] == [bakery.pk]
    assert issues[0]["case_tracking_numbers"] == [case.tracking_number]


def test_pages_follow_the_cursor(client, city, bruno):
    for n in range(5):
        services.business_create(
            jurisdiction=city.jurisdiction,
            legal_name=f"Shop {n}",
            address=f"{n} Elm",
            naics_code="445110",
            employees_band="1-9",
            ownership="local",
            by=bruno,
            at=NOW - dt.timedelta(days=n),
        )
    api = Api(client, bruno)

    first = api.get("/businesses", {"limit": 3}).json()
    second = api.get("/businesses", {"limit": 3, "cursor": first["next_cursor"]}).json()

    assert [b["legal_name"] for b in first["items"] + second["items"]] == [
        f"Shop {n}" for n in range(5)
    ]
    assert second["next_cursor"] is None
    assert api.get("/businesses", {"limit": 0}).status_code == 400
    assert api.get("/businesses", {"cursor": "nonsense"}).status_code == 400


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for path in (
        "/api/v1/bre/businesses",
        "/api/v1/bre/businesses/{business_id}",
        "/api/v1/bre/visits",
        "/api/v1/bre/flags",
        "/api/v1/bre/actions",
        "/api/v1/bre/issues",
    ):
        assert path in paths
