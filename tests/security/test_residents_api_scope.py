"""Issue 14 finding 10, as the attack: residents over the REST API, from the wrong seat.

Another town's agent lists Riverton's residents, reads one by id, learns a stranger's
name from their email, or files a case against their id to read it back; a BRE
officer (a role with no cases) lists residents at all.
"""

from __future__ import annotations

import pytest

from accounts.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(city):  # type: ignore[no-untyped-def]
    """Oakdale: another town on the same install, with its own agent."""
    oakdale = factories.make_jurisdiction(jurisdiction_id="oakdale.example.gov", name="Oakdale")
    streets = factories.make_department(oakdale, "Oakdale Streets")
    factories.make_service(streets, code="pothole", name="Pothole")
    factories.make_case(city.shelter, resident=city.rosa)
    factories.make_case(city.shelter, resident=city.rita)
    return factories.make_staff("olga", Role.AGENT, streets)


def test_another_towns_agent_lists_none_of_rivertons_residents(as_user, city, elsewhere):
    olga = as_user(elsewhere)

    listed = olga.get("/residents").json()
    searched = olga.get("/residents", {"q": "rosa@example.org"}).json()

    assert (listed["items"], searched["items"]) == ([], [])
    assert [r["id"] for r in as_user(city.alice).get("/residents").json()["items"]] == [
        city.rita.pk,
        city.rosa.pk,
    ]


def test_another_towns_agent_cannot_read_a_resident_by_id(as_user, city, elsewhere):
    response = as_user(elsewhere).get(f"/residents/{city.rosa.pk}")

    assert response.status_code == 404
    assert "Rosa" not in response.content.decode()


def test_find_or_add_with_a_strangers_email_reveals_nothing_on_record(as_user, city, elsewhere):
    response = as_user(elsewhere).post("/residents", {"email": "rosa@example.org"})

    body = response.json()
    assert response.status_code == 200
    assert body["id"] == city.rosa.pk
    assert (body["full_name"], body["phone"]) == ("", "")
    assert "Rosa" not in response.content.decode()


def test_a_case_cannot_be_filed_against_another_towns_resident_by_id(as_user, city, elsewhere):
    response = as_user(elsewhere).post(
        "/cases",
        {
            "jurisdiction_id": "oakdale.example.gov",
            "service_code": "pothole",
            "description": "Hole",
            "resident_id": city.rosa.pk,
        },
    )

    assert response.status_code == 400
    assert "resident_id" in response.json()["errors"]
    assert not city.rosa.cases.exclude(jurisdiction=city.jurisdiction).exists()


def test_a_role_without_cases_lists_no_residents(as_user, city, elsewhere):
    officer = factories.make_staff("bea", Role.BRE_OFFICER, city.public_works)

    assert as_user(officer).get("/residents").status_code == 403
    assert as_user(officer).get(f"/residents/{city.rosa.pk}").status_code == 403


def test_an_administrator_without_a_department_sees_every_town(as_user, city, elsewhere):
    listed = as_user(city.ada).get("/residents").json()

    assert {r["id"] for r in listed["items"]} == {city.rosa.pk, city.rita.pk}
