"""BRE staff see BRE data; other staff do not see business contacts (pages, exports, API)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from bre import services
from tests import factories


@pytest.fixture
def contact(bakery, bruno):
    return services.contact_add(
        business=bakery,
        full_name="Marisol Vega",
        role_title="Owner",
        email="marisol@breadco.example",
        phone="+15555550142",
        by=bruno,
    )


def test_the_officer_sees_the_business_and_its_contacts(bakery, bruno, contact, login):
    page = login(bruno).get(reverse("bre:business", args=[bakery.pk])).content.decode()

    assert "Main Street Bakery" in page
    assert "Marisol Vega" in page
    assert "marisol@breadco.example" in page


def test_an_administrator_reads_the_register_without_contacts(city, bakery, contact, login):
    ada = login(city.ada)

    page = ada.get(reverse("bre:business", args=[bakery.pk]))
    export = b"".join(ada.get(reverse("bre:export_register")).streaming_content).decode()

    assert page.status_code == 200
    assert "Main Street Bakery" in page.content.decode()
    assert "Marisol" not in page.content.decode()
    assert "Main Street Bakery" in export
    assert "Marisol" not in export
    assert "marisol@" not in export
    assert "5555550142" not in export


def test_an_administrator_does_not_see_visit_notes_or_free_text_answers(
    city, bakery, bruno, instrument, login
):
    services.visit_record(
        business=bakery,
        officer=bruno,
        done_at=bakery.created_at,
        by=bruno,
        notes="Spoke with Marisol at home",
        answers={"plans": "stay", "needs": "Call Marisol"},
    )

    admin_page = login(city.ada).get(reverse("bre:business", args=[bakery.pk])).content.decode()
    officer_page = login(bruno).get(reverse("bre:business", args=[bakery.pk])).content.decode()

    assert "Stay as we are" in admin_page
    assert "Marisol" not in admin_page
    assert "Spoke with Marisol at home" in officer_page
    assert "Call Marisol" in officer_page


def test_agents_see_no_bre_pages(city, bakery, login):
    alice = login(city.alice)

    for url in (
        reverse("bre:home"),
        reverse("bre:register"),
        reverse("bre:business", args=[bakery.pk]),
        reverse("bre:export_register"),
    ):
        assert alice.get(url).status_code == 403


def test_only_the_manager_sees_plan_vs_actual_and_exports_contacts(
    bakery, bruno, mara, contact, login
):
    assert login(bruno).get(reverse("bre:plan")).status_code == 403
    assert login(mara).get(reverse("bre:plan")).status_code == 200

    officer_csv = b"".join(
        login(bruno).get(reverse("bre:export_register")).streaming_content
    ).decode()
    manager_csv = b"".join(
        login(mara).get(reverse("bre:export_register")).streaming_content
    ).decode()
    assert "Marisol" not in officer_csv
    assert "Marisol Vega" in manager_csv
    assert "contact_email" in manager_csv


def test_free_text_answers_leave_only_with_the_contacts_permission(
    bakery, bruno, mara, instrument, login
):
    services.visit_record(
        business=bakery,
        officer=bruno,
        done_at=bakery.created_at,
        by=bruno,
        answers={"plans": "stay", "needs": "Call Marisol about the loading zone"},
    )

    officer_csv = b"".join(
        login(bruno).get(reverse("bre:export_answers")).streaming_content
    ).decode()
    manager_csv = b"".join(
        login(mara).get(reverse("bre:export_answers")).streaming_content
    ).decode()
    assert "plans" in officer_csv
    assert "stay" in officer_csv
    assert "Marisol" not in officer_csv
    assert "(withheld)" in officer_csv
    assert "Call Marisol about the loading zone" in manager_csv


def test_the_bre_officer_lands_on_the_bre_home_after_signing_in(city, bruno, client):
    response = client.post(
        reverse("workspace:login"), {"username": "bruno", "password": factories.PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("bre:home")
    assert client.get(response["Location"]).status_code == 200


def test_an_agent_still_lands_on_the_queue(city, client):
    response = client.post(
        reverse("workspace:login"), {"username": "alice", "password": factories.PASSWORD}
    )

    assert response["Location"] == reverse("workspace:queue")


def test_erasing_a_contact_removes_them(bakery, mara, contact):
    services.contact_erase(contact=contact, by=mara)

    assert not bakery.contacts.exists()


def test_an_officer_may_not_erase_contacts(bakery, bruno, contact):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.contact_erase(contact=contact, by=bruno)


def test_role_groups_exist(db):
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name=Role.BRE_MANAGER).exists()
