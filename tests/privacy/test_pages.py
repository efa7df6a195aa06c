"""The staff privacy pages: who may use them, a phone request end to end, holds."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from privacy.models import DataRequest, LegalHold, RequestStatus


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_agents_may_not_open_the_privacy_pages(rosas_case):
    agent = _as(rosas_case.city.alice)

    for name in ("privacy:requests", "privacy:holds", "privacy:retention"):
        assert agent.get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_an_administrator_records_a_phone_request_checks_identity_and_erases(rosas_case):
    ada = _as(rosas_case.city.ada)

    opened = ada.post(
        reverse("privacy:requests"),
        {"contact": rosas_case.case.tracking_number, "kind": "erasure", "via": "phone"},
    )
    request = DataRequest.objects.get()
    assert opened["Location"] == reverse("privacy:request", args=[request.pk])
    refused = ada.post(opened["Location"], {"identity_check": ""})
    done = ada.post(opened["Location"], {"identity_check": "Called back on the number on file"})

    assert refused.status_code == 400
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    rosas_case.case.refresh_from_db()
    assert rosas_case.case.description == ""


@pytest.mark.django_db
def test_an_unknown_contact_gets_a_specific_message(rosas_case):
    response = _as(rosas_case.city.ada).post(
        reverse("privacy:requests"),
        {"contact": "nobody@example.net", "kind": "export", "via": "email"},
    )

    assert response.status_code == 400
    assert "No resident has that email, phone or tracking number." in response.content.decode()
    assert not DataRequest.objects.exists()


@pytest.mark.django_db
def test_the_copy_of_a_done_export_request_downloads(rosas_case):
    ada = _as(rosas_case.city.ada)
    ada.post(
        reverse("privacy:requests"),
        {"contact": "rosa@example.org", "kind": "export", "via": "letter"},
    )
    request = DataRequest.objects.get()
    ada.post(reverse("privacy:request", args=[request.pk]), {"identity_check": "ID at the desk"})

    response = ada.get(reverse("privacy:copy", args=[request.pk, "json"]))

    assert response.status_code == 200
    assert b"rosa@example.org" in response.content


@pytest.mark.django_db
def test_holds_are_placed_and_lifted_from_the_page(rosas_case):
    ada = _as(rosas_case.city.ada)

    ada.post(
        reverse("privacy:holds"),
        {"subject": rosas_case.case.tracking_number, "reason": "Claim 2024-117"},
    )
    hold = LegalHold.objects.get()
    page = ada.get(reverse("privacy:holds")).content.decode()
    ada.post(reverse("privacy:lift", args=[hold.pk]), {"reason": "Settled"})

    assert "Claim 2024-117" in page
    hold.refresh_from_db()
    assert hold.lift_reason == "Settled"
    assert hold.lifted_by == rosas_case.city.ada


@pytest.mark.django_db
def test_the_request_list_is_paged_with_a_constant_query_count(
    rosas_case, django_assert_max_num_queries
):
    from privacy.services import data_request_open

    ada = _as(rosas_case.city.ada)
    data_request_open(resident=rosas_case.city.rosa, kind="export", via="phone")
    ada.get(reverse("privacy:requests"))
    with django_assert_max_num_queries(12) as few:
        ada.get(reverse("privacy:requests"))
    for _ in range(10):
        data_request_open(resident=rosas_case.city.rita, kind="export", via="phone")

    with django_assert_max_num_queries(len(few)):
        ada.get(reverse("privacy:requests"))
