"""Several outbox workers at once, against a real PostgreSQL server: every row sent once.

Six threads, each with its own connection, are released together by a barrier
and each runs the worker until nothing is left. The claim (SELECT … FOR UPDATE
SKIP LOCKED, then a conditional UPDATE) must hand every row to exactly one of
them: each resident gets exactly one text, each row ends "sent", and each case
has one "sent" entry on its timeline.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from cases.models import CaseEvent, EventKind, OutboxMessage, OutboxStatus
from cases.services import case_reply_publicly
from messaging.models import Direction, SmsMessageRecord
from notifications import transports
from notifications.outbox import deliver_outbox
from residents.models import ContactChannel
from tests import factories

THREADS = 6
RESIDENTS = 40

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_parallel_workers_send_every_outbox_row_exactly_once(city, settings, monkeypatch):
    assert connection.vendor == "postgresql"
    settings.OUTBOX_COALESCE_SECONDS = 60  # written now, due for the workers below
    cases = []
    for n in range(RESIDENTS):
        resident = factories.make_resident(
            full_name=f"Resident {n}",
            phone=f"+1555556{n:04d}",
            preferred_channel=ContactChannel.SMS,
        )
        case = factories.make_case(city.pothole, resident=resident, address=f"{n} Elm")
        case_reply_publicly(case=case, by=city.alice, body=f"Reply {n}")
        cases.append(case)
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == RESIDENTS

    sends: Counter[int] = Counter()
    lock = threading.Lock()
    real_sender = transports.SENDERS["sms"]

    def counting_sender(message: transports.Outgoing) -> str:
        with lock:
            sends[message.case.pk] += 1
        time.sleep(0.005)  # a provider round trip, so the workers overlap
        return real_sender(message)

    monkeypatch.setitem(transports.SENDERS, "sms", counting_sender)
    barrier = threading.Barrier(THREADS, timeout=30)
    errors: list[str] = []

    def worker() -> None:
        try:
            barrier.wait()
            while deliver_outbox(limit=3):
                pass
        except Exception as exc:
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=True):
        threads = [threading.Thread(target=worker) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert errors == []
    assert sends == Counter({case.pk: 1 for case in cases})
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    texts = Counter(
        SmsMessageRecord.objects.filter(direction=Direction.OUTBOUND).values_list(
            "case_id", flat=True
        )
    )
    assert texts == Counter({case.pk: 1 for case in cases})
    deliveries = Counter(
        CaseEvent.objects.filter(kind=EventKind.DELIVERY).values_list("case_id", flat=True)
    )
    assert deliveries == Counter({case.pk: 1 for case in cases})
