"""Who sees and may do what: every role, checked on the object, not only the URL."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pothole_case(city):
    return factories.make_case(city.pothole, resident=city.rita, address="1 Elm Street")


@pytest.fixture
def shelter_case(city):
    return factories.make_case(city.shelter, resident=city.rosa)


def case_url(case, action=""):
    if action:
        return reverse("workspace:case_action", args=[case.tracking_number, action])
    return reverse("workspace:case", args=[case.tracking_number])


def test_anonymous_visitor_is_sent_to_staff_sign_in(client):
    response = client.get(reverse("workspace:queue"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login"))


def test_agent_queue_lists_only_their_departments_cases(city, login, pothole_case, shelter_case):
    response = login(city.alice).get(reverse("workspace:queue"))

    assert response.status_code == 200
    assert pothole_case.tracking_number in response.text
    assert shelter_case.tracking_number not in response.text


def test_agent_cannot_read_another_departments_case_by_guessing_its_number(
    city, login, shelter_case
):
    # Given Alice (Public Works) knows the tracking number of a Parks case
    alice = login(city.alice)

    # When she opens it, or acts on it
    page = alice.get(case_url(shelter_case))
    note = alice.post(case_url(shelter_case, "note"), {"body": "peek"})

    # Then the case does not exist for her, and nothing was written
    assert page.status_code == 404
    assert note.status_code == 404
    assert not shelter_case.events.filter(kind="internal_note").exists()


def test_unknown_tracking_number_is_404_not_500(city, login):
    assert login(city.alice).get("/staff/cases/not-a-number/").status_code == 404


def test_agent_may_take_a_case_but_not_give_it_to_someone_else(city, login, pothole_case, dana):
    alice = login(city.alice)

    taken = alice.post(case_url(pothole_case, "take"))
    given = alice.post(case_url(pothole_case, "assign"), {"owner": dana.pk})

    assert taken.status_code == 302
    assert given.status_code == 403
    pothole_case.refresh_from_db()
    assert pothole_case.owner == city.alice


def test_agent_cannot_merge_or_escalate(city, login, pothole_case):
    other = factories.make_case(city.pothole, address="2 Elm Street")
    alice = login(city.alice)

    merged = alice.post(
        case_url(other, "merge"), {"into": pothole_case.tracking_number, "confirm": "yes"}
    )
    escalated = alice.post(case_url(pothole_case, "escalate"), {"reason": "angry"})

    assert merged.status_code == 403
    assert escalated.status_code == 403
    other.refresh_from_db()
    assert other.merged_into is None


def test_supervisor_reassigns_and_the_new_owner_is_noticed(city, login, pothole_case, dana):
    response = login(city.sam).post(case_url(pothole_case, "assign"), {"owner": city.alice.pk})

    assert response.status_code == 302
    pothole_case.refresh_from_db()
    assert pothole_case.owner == city.alice
    assert city.alice.notices.filter(kind="assigned", case=pothole_case).count() == 1


def test_escalation_notices_the_departments_other_supervisors(city, login, pothole_case, dana):
    login(city.sam).post(case_url(pothole_case, "escalate"), {"reason": "Third report"})

    pothole_case.refresh_from_db()
    assert pothole_case.escalated
    notice = dana.notices.get(kind="escalated")
    assert notice.body == f"Sam escalated {pothole_case.tracking_number}: Third report"
    assert not city.sam.notices.exists()
    assert not city.alice.notices.exists()  # agents are not the ones to escalate to


def test_department_admin_merges_within_their_department(city, login, pothole_case, dana):
    duplicate = factories.make_case(city.pothole, address="1 Elm St")

    login(dana).post(
        case_url(duplicate, "merge"), {"into": pothole_case.tracking_number, "confirm": "yes"}
    )

    duplicate.refresh_from_db()
    assert duplicate.merged_into == pothole_case


def test_department_admin_cannot_see_other_departments(city, login, shelter_case, dana):
    assert login(dana).get(case_url(shelter_case)).status_code == 404


def test_administrator_sees_every_department(city, login, pothole_case, shelter_case):
    ada = login(city.ada)

    queue = ada.get(reverse("workspace:queue"))

    assert pothole_case.tracking_number in queue.text
    assert shelter_case.tracking_number in queue.text
    assert ada.get(case_url(shelter_case)).status_code == 200


def test_bre_officer_sees_no_cases(city, login, bree, pothole_case):
    bre = login(bree)

    assert bre.get(reverse("workspace:queue"))["Location"] == reverse("workspace:home")
    assert bre.get(case_url(pothole_case)).status_code == 403
    assert bre.get(reverse("workspace:intake")).status_code == 403


def test_merge_into_a_case_the_supervisor_cannot_see_is_refused(city, login, shelter_case):
    duplicate = factories.make_case(city.pothole, address="3 Elm St")

    response = login(city.sam).post(
        case_url(duplicate, "merge"),
        {"into": shelter_case.tracking_number, "confirm": "yes"},
        follow=True,
    )

    assert f"No case {shelter_case.tracking_number} in your queue." in response.text
    assert Case.objects.get(pk=duplicate.pk).merged_into is None


def test_bulk_action_skips_cases_the_user_cannot_see(city, login, pothole_case, shelter_case):
    response = login(city.alice).post(
        reverse("workspace:bulk"),
        {
            "case": [pothole_case.tracking_number, shelter_case.tracking_number],
            "action": "assign",
            "owner": "me",
        },
        follow=True,
    )

    assert f"{shelter_case.tracking_number} not updated: not found in your queue" in response.text
    shelter_case.refresh_from_db()
    pothole_case.refresh_from_db()
    assert shelter_case.owner is None
    assert pothole_case.owner == city.alice
