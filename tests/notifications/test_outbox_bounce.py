"""A bounce report for a message the outbox sent marks that message bounced, for staff."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from cases.models import EventKind, OutboxMessage, OutboxStatus
from cases.services import case_reply_publicly
from messaging.email.services import ingest_email
from tests import factories

pytestmark = pytest.mark.django_db

DSN = Path(__file__).parents[1] / "messaging" / "email" / "corpus" / "dsn_bounce.eml"
CORPUS_ID = "case-7KQ3M-9XRT2-00000000000000000000000000000001@civicdesk.localhost"


def test_a_bounce_for_an_outbox_message_is_on_the_row_the_timeline_and_the_failed_page(
    city, login, smtp_server, committed
):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    with committed():
        case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")
    row = OutboxMessage.objects.get(case=case)
    assert row.status == OutboxStatus.SENT

    report = DSN.read_bytes().replace(CORPUS_ID.encode(), row.message_id.encode())
    ingest_email(report)

    row.refresh_from_db()
    assert row.status == OutboxStatus.BOUNCED
    city.rita.refresh_from_db()
    assert city.rita.email_bouncing
    outcomes = list(
        case.events.filter(kind=EventKind.DELIVERY).values_list("data__outcome", flat=True)
    )
    assert outcomes == ["sent", "bounced"]
    assert case.tracking_number in login(city.alice).get(reverse("notifications:failed")).text
