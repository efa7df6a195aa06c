"""The staff page of failed messages: paged, a constant number of queries, escaped."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import OutboxMessage, OutboxStatus
from notifications.selectors import FAILED_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


def _failed(city, n, *, error="SMTPServerDisconnected: gone"):
    for i in range(n):
        resident = factories.make_resident(full_name=f"<b>Resident {i}</b>", email=f"r{i}@x.org")
        case = factories.make_case(city.pothole, resident=resident, address=f"{i} Elm")
        OutboxMessage.objects.create(
            case=case,
            resident=resident,
            kind="public_reply",
            status=OutboxStatus.FAILED,
            created_at=timezone.now(),
            not_before=timezone.now(),
            finished_at=timezone.now(),
            attempts=6,
            channel="email",
            error=error,
        )


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("notifications:failed"))
    assert response.status_code == 200
    return len(queries), response


def test_the_page_costs_the_same_queries_for_3_or_12_messages(city, login):
    alice = login(city.alice)
    _failed(city, 3)
    few, _response = _queries(alice)
    _failed(city, 9)
    many, response = _queries(alice)

    assert few == many
    assert response.text.count("Send again") == 12


def test_the_page_is_paged_and_escapes_what_residents_wrote(city, login):
    _failed(city, FAILED_PAGE_SIZE + 1)
    alice = login(city.alice)

    first = alice.get(reverse("notifications:failed")).text
    second = alice.get(reverse("notifications:failed"), {"page": 2}).text

    assert first.count("Send again") == FAILED_PAGE_SIZE
    assert second.count("Send again") == 1
    assert "<b>Resident" not in first
    assert "&lt;b&gt;Resident" in first


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("notifications:failed"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
