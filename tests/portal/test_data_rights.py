"""A signed-in resident downloads their data and erases their account."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.urls import reverse

from cases.models import Case
from privacy.models import DataRequest, RequestStatus, RequestVia
from privacy.services import legal_hold_place

PASSWORD = "a long resident passphrase"


def _signed_up_with_a_case(client):  # type: ignore[no-untyped-def]
    client.post(
        reverse("portal:sign_up"),
        {"full_name": "Pat Quinn", "email": "pat@example.org", "password": PASSWORD},
    )
    client.post(
        reverse("portal:request", args=["pothole"]),
        {"description": "Hole by Pat's gate", "q_size": "small", "address": "9 Gate Lane"},
    )
    return Case.objects.get(resident__user__email="pat@example.org")


def test_the_copy_has_their_request_and_is_never_cached(client, portal):
    case = _signed_up_with_a_case(client)

    response = client.get(reverse("portal:my_data_copy", args=["json"]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    text = json.dumps(json.loads(response.content), ensure_ascii=False)
    assert case.tracking_number in text
    assert "Hole by Pat's gate" in text
    assert "pat@example.org" in text


def test_the_readable_copy_escapes_what_residents_wrote(client, portal):
    _signed_up_with_a_case(client)
    client.post(
        reverse("portal:request", args=["pothole"]),
        {"description": "<script>alert(1)</script>", "q_size": "small", "address": "1 A St"},
    )

    body = client.get(reverse("portal:my_data_copy", args=["html"])).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_signed_out_visitors_are_sent_to_sign_in(client, portal):
    response = client.get(reverse("portal:my_data_copy", args=["json"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:sign_in"))


def test_erasure_needs_the_password(client, portal):
    case = _signed_up_with_a_case(client)

    response = client.post(reverse("portal:my_data"), {"password": "not it at all, sorry"})

    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    case.refresh_from_db()
    assert case.description == "Hole by Pat's gate"


def test_erasure_removes_their_data_closes_the_account_and_records_the_request(client, portal):
    case = _signed_up_with_a_case(client)

    response = client.post(reverse("portal:my_data"), {"password": PASSWORD})

    assert response.status_code == 200
    assert "Your account and your personal data have been erased." in response.content.decode()
    case.refresh_from_db()
    assert (case.description, case.resident.email, case.resident.full_name) == ("", "", "")
    assert not get_user_model().objects.filter(email="pat@example.org").exists()
    request = DataRequest.objects.get()
    assert (request.via, request.status) == (RequestVia.ACCOUNT, RequestStatus.DONE)
    assert "_auth_user_id" not in client.session


def test_under_a_legal_hold_nothing_is_erased_and_the_reason_stays_confidential(client, portal):
    case = _signed_up_with_a_case(client)
    legal_hold_place(case=case, reason="Litigation 2026-4 (confidential)", by=portal.city.ada)

    response = client.post(reverse("portal:my_data"), {"password": PASSWORD})

    body = response.content.decode()
    assert "the law requires us to keep it for now" in body
    assert "Litigation" not in body
    case.refresh_from_db()
    assert case.description == "Hole by Pat's gate"
    assert DataRequest.objects.get().status == RequestStatus.REFUSED
