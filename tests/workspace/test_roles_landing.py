"""Where each role lands: a styled 403 with the staff menu, a start page for roles with no
queue, and the department admin's way into the catalogue (scoped to their departments)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_bre_officer_signs_in_to_their_bre_home_not_a_403(client, city, bree):
    response = client.post(reverse("workspace:login"), {"username": "bree", "password": PASSWORD})

    assert response["Location"] == reverse("bre:home")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Sign out" in page.text


def test_a_role_with_no_queue_and_no_bre_lands_on_the_start_page(client, city, bree):
    bree.groups.clear()  # signed in, but no role that works cases or businesses

    response = client.post(reverse("workspace:login"), {"username": "bree", "password": PASSWORD})

    assert response["Location"] == reverse("workspace:home")
    page = client.get(response["Location"])
    assert "there is no queue for you here" in page.text


def test_the_queue_sends_a_role_with_no_cases_to_its_start_page(city, login, bree):
    response = login(bree).get(reverse("workspace:queue"))

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")


def test_the_403_page_is_styled_with_the_staff_menu_and_sign_out(city, login, bree):
    case = factories.make_case(city.pothole, address="1 Main Street")

    response = login(bree).get(reverse("workspace:case", args=[case.tracking_number]))

    assert response.status_code == 403
    text = response.text
    assert "workspace/workspace.css" in text
    assert "You cannot open this page" in text
    assert "Your role does not include working cases." in text
    assert 'action="/staff/logout/"' in text
    assert "Sign out" in text
    assert reverse("workspace:home") in text
    assert case.tracking_number not in text


def test_case_workers_still_start_on_the_queue(city, login):
    response = login(city.alice).get(reverse("workspace:home"))

    assert response["Location"] == reverse("workspace:queue")


def test_a_department_admin_has_a_catalogue_link_and_gets_in(city, login, dana):
    dana_client = login(dana)

    text = dana_client.get(reverse("workspace:queue")).text
    changelist = reverse("admin:catalogue_service_changelist")
    assert f'href="{changelist}"' in text

    listing = dana_client.get(changelist)
    assert listing.status_code == 200
    assert "Pothole" in listing.text
    assert "Park shelter reservation" not in listing.text  # Parks is not Dana's


def test_a_department_admin_cannot_open_another_departments_service(city, login, dana):
    response = login(dana).get(
        reverse("admin:catalogue_service_change", args=[city.shelter.pk]), follow=True
    )

    assert "Park shelter reservation" not in response.text.split("<h1")[-1].split("</h1>")[0]
    assert response.redirect_chain  # the admin sends a missing object back to the list


def test_an_agent_has_no_catalogue_link_and_no_admin(city, login):
    alice = login(city.alice)

    assert 'id="catalogue-link"' not in alice.get(reverse("workspace:queue")).text
    response = alice.get(reverse("admin:catalogue_service_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_admin_tells_same_named_services_of_two_towns_apart(city, login):
    other_town = factories.make_jurisdiction(name="Millbrook")
    roads = factories.make_department(other_town, "Roads")
    factories.make_service(roads, code="pothole", name="Pothole")

    admin = login(city.ada)
    add_question = admin.get(reverse("admin:catalogue_servicequestion_add")).text
    listing = admin.get(reverse("admin:catalogue_servicequestion_changelist")).text

    assert "Pothole (Riverton)" in add_question
    assert "Pothole (Millbrook)" in add_question
    assert "service__jurisdiction__id__exact" in listing


def test_the_403_page_for_a_visitor_uses_the_resident_layout(city, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "en"

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    text = response.content.decode()
    assert "You cannot open this page" in text
    assert "Your role does not give access to this page." in text
    assert "Sign out" not in text
