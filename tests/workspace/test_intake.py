"""Phone and walk-in intake: new cases, contacts on existing cases, first-contact resolution."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case, Channel, EventKind, Status
from knowledge.services import article_create
from residents.models import Resident
from tests import factories

pytestmark = pytest.mark.django_db
INTAKE = "/staff/intake/"


def new_request(city, **overrides):
    data = {
        "op": "save",
        "mode": "new",
        "channel": "phone",
        "service": city.pothole.pk,
        "answer-size": "small",
        "description": "Pothole outside the library",
        "address": "5 Library Lane",
        "full_name": "Paul Caller",
        "phone": "+1 (555) 555-0199",
        "email": "",
        "preferred_language": "en",
        "preferred_channel": "sms",
    }
    data.update(overrides)
    return data


def test_phone_call_becomes_a_phone_case_owned_by_the_agent(city, login):
    response = login(city.alice).post(INTAKE, new_request(city))

    case = Case.objects.get()
    assert response["Location"] == reverse("workspace:case", args=[case.tracking_number])
    assert (case.channel, case.owner, case.status) == (Channel.PHONE, city.alice, Status.NEW)
    assert case.answers == {"size": "small"}
    assert case.resident.phone == "+15555550199"
    assert case.resident.preferred_channel == "sms"


def test_a_known_caller_is_found_by_phone_not_duplicated(city, login):
    login(city.alice).post(INTAKE, new_request(city, phone="+1 555 555 0101", full_name=""))

    case = Case.objects.get()
    assert case.resident == city.rosa
    assert Resident.objects.count() == 2


def test_answered_on_first_contact_is_created_and_resolved_at_once(
    city, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(city.alice).post(
            INTAKE,
            new_request(
                city, answered="on", resolution_note="Explained the repair schedule by phone."
            ),
            follow=True,
        )

    case = Case.objects.get()
    assert case.channel == Channel.PHONE
    assert case.status == Status.RESOLVED
    assert case.resolved_at is not None
    assert case.first_responded_at is not None
    assert f"Logged and resolved on first contact as {case.tracking_number}." in response.text
    assert list(case.events.values_list("kind", flat=True)) == [
        EventKind.CREATED,
        EventKind.ASSIGNED,
        EventKind.STATUS_CHANGED,
        EventKind.DELIVERY,  # the resident was told (the case outbox)
    ]


def test_first_contact_resolution_needs_a_note(city, login):
    response = login(city.alice).post(INTAKE, new_request(city, answered="on"))

    assert response.status_code == 400
    assert "Say how it was answered" in response.text
    assert not Case.objects.exists()


def test_a_missing_required_answer_is_shown_and_nothing_is_saved(city, login):
    response = login(city.alice).post(INTAKE, new_request(city, **{"answer-size": ""}))

    assert response.status_code == 400
    assert not Case.objects.exists()
    assert not Resident.objects.filter(full_name="Paul Caller").exists()
    assert "Please answer: How big is it?" in response.text


def test_choosing_a_service_shows_its_questions_without_errors(city, login):
    response = login(city.alice).post(
        INTAKE, {"op": "choose", "mode": "new", "service": city.pothole.pk, "full_name": "Paul"}
    )

    assert response.status_code == 200
    assert 'name="answer-size"' in response.text
    assert 'value="Paul"' in response.text
    assert "error-summary" not in response.text


def test_call_about_an_existing_case_is_added_as_a_resident_message(city, login):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    login(city.alice).post(
        INTAKE,
        {
            "op": "save",
            "mode": "existing",
            "channel": "phone",
            "tracking_number": case.tracking_number.lower(),
            "contact_kind": "resident",
            "description": "It got bigger after the rain",
            "preferred_language": "en",
            "preferred_channel": "email",
        },
    )

    event = case.events.get(kind=EventKind.RESIDENT_MESSAGE)
    assert event.body == "It got bigger after the rain"
    assert event.actor_label == "Rita Moreno (Phone)"


def test_call_about_another_departments_case_is_refused(city, login):
    case = factories.make_case(city.shelter, resident=city.rita)

    response = login(city.alice).post(
        INTAKE,
        {
            "op": "save",
            "mode": "existing",
            "channel": "walk_in",
            "tracking_number": case.tracking_number,
            "contact_kind": "internal",
            "description": "Asked about it",
            "preferred_language": "en",
            "preferred_channel": "email",
        },
    )

    assert f"No case {case.tracking_number} in your queue." in response.text
    assert not case.events.filter(kind=EventKind.INTERNAL_NOTE).exists()


def test_knowledge_base_search_beside_the_form(city, login):
    article_create(
        jurisdiction=city.jurisdiction,
        slug="bins",
        translations={"en": {"title": "Recycling bin collection", "body": "Every Tuesday."}},
    )

    response = login(city.alice).get(INTAKE, {"kb": "recycling bins"})

    assert "Recycling bin collection" in response.text
    assert "Every Tuesday." in response.text


def test_knowledge_base_search_stays_in_the_staff_members_jurisdiction(city, login):
    elsewhere = factories.make_jurisdiction(name="Elsewhere")
    article_create(
        jurisdiction=elsewhere,
        slug="bins",
        translations={"en": {"title": "Elsewhere recycling", "body": "Every Monday."}},
    )

    response = login(city.alice).get(INTAKE, {"kb": "recycling"})

    assert "Elsewhere recycling" not in response.text
    assert "No answer found." in response.text


def test_a_sidebar_search_keeps_the_half_filled_call(city, login):
    article_create(
        jurisdiction=city.jurisdiction,
        slug="potholes",
        translations={"en": {"title": "Pothole repairs", "body": "Within five days."}},
    )
    half_filled = new_request(city, op="kb", kb="pothole", description="Deep one by the library")

    response = login(city.alice).post(INTAKE, half_filled)

    assert response.status_code == 200
    assert not Case.objects.exists()
    text = response.text
    assert "Pothole repairs" in text
    assert "Deep one by the library</textarea>" in text
    assert 'value="Paul Caller"' in text
    assert 'value="5 Library Lane"' in text
    assert '<option value="small" selected>' in text
    assert 'value="pothole"' in text  # the search box keeps its words


def test_a_call_taker_files_a_service_of_another_department_and_it_is_routed(city, login):
    alice = login(city.alice)
    assert "Park shelter reservation — Parks &amp; Recreation" in alice.get(INTAKE).text

    response = alice.post(INTAKE, new_request(city, service=city.shelter.pk, address=""))

    case = Case.objects.get()
    assert case.department == city.parks
    assert response["Location"] == INTAKE
    followed = alice.get(INTAKE)
    assert f"{case.tracking_number} went to Parks &amp; Recreation" in followed.text


def test_services_of_another_jurisdiction_are_not_offered(city, login):
    other_town = factories.make_jurisdiction(name="Millbrook")
    factories.make_service(factories.make_department(other_town, "Roads"), name="Snow ploughing")

    assert "Snow ploughing" not in login(city.alice).get(INTAKE).text


def test_the_two_sections_fold_and_the_chosen_mode_opens(city, login):
    fresh = login(city.alice).get(INTAKE).text
    assert '<details class="section" id="section-existing">' in fresh
    assert '<details class="section" id="section-new" open>' in fresh

    existing = login(city.alice).post(INTAKE, {"op": "choose", "mode": "existing"}).text
    assert '<details class="section" id="section-existing" open>' in existing
    assert '<details class="section" id="section-new">' in existing
