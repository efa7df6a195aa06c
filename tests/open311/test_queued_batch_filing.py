"""Filing queued Open311 requests a batch at a time (open311.intake, cases.filing).

A batch must give every request exactly what filing it alone gives (tracking
number, promised dates and steps, timeline, resident, token, outbox), keep a bad
request's reason without holding the others back, be idempotent, and never let
two workers file the same request.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, CaseEvent, EventKind, OutboxMessage, OutboxStatus
from cases.services import case_reply_publicly
from cases.tracking import normalise_tracking_number
from notifications.outbox import deliver_outbox
from open311 import intake
from open311.intake import file_queued_requests, queued_request_accept
from open311.models import ApiKey, QueuedRequest, RequestMetadata
from open311.services import (
    Contact,
    RequestInput,
    api_key_create,
    open311_request_create,
)
from residents.models import Resident
from tests import factories

ARRIVED = dt.datetime(2026, 3, 6, 16, 30, tzinfo=dt.UTC)  # a Friday afternoon


def _given(n: int = 0, **extra: object) -> RequestInput:
    fields: dict[str, object] = {
        "contact": Contact(email=f"caller{n}@example.org", first_name="Caller", last_name=str(n)),
        "description": f"Deep hole number {n} by the school.",
        "answers": {"size": "large"},
        "lat": "40.712800",
        "long": "-74.006000",
        "device_id": f"device-{n}",
    }
    fields.update(extra)
    return RequestInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def burst_key(city) -> ApiKey:
    api_key, _raw = api_key_create(name="Burst", key="test-key-for-a-bursting-client")
    ApiKey.objects.filter(pk=api_key.pk).update(queue_requests=True)
    api_key.refresh_from_db()
    return api_key


def _queue(city, key: ApiKey, given: RequestInput, service=None) -> QueuedRequest:
    return queued_request_accept(
        service=service or city.pothole, api_key=key, given=given, at=ARRIVED
    )


def _steps(case: Case) -> list[tuple[int, str, dt.datetime]]:
    return list(case.steps.order_by("order").values_list("order", "name", "due_at"))


@time_machine.travel(ARRIVED + dt.timedelta(minutes=1), tick=False)
def test_a_batch_gives_each_request_what_filing_it_alone_gives(city, burst_key):
    queued = [_queue(city, burst_key, _given(n)) for n in range(4)]
    alone = open311_request_create(
        service=city.pothole, api_key=burst_key, given=_given(9), received_at=ARRIVED
    ).case

    assert file_queued_requests() == 4

    assert not QueuedRequest.objects.exists()
    for n, row in enumerate(queued):
        metadata = RequestMetadata.objects.select_related("case__resident").get(token=row.token)
        case = metadata.case
        assert normalise_tracking_number(case.tracking_number) == case.tracking_number
        assert case.channel == alone.channel == "api"
        assert case.created_at == ARRIVED
        assert case.answers == {"size": "large"}
        assert (case.first_response_due, case.resolution_due, case.priority) == (
            alone.first_response_due,
            alone.resolution_due,
            alone.priority,
        )
        assert [s[1:] for s in _steps(case)] == [s[1:] for s in _steps(alone)]
        assert case.resident.email == f"caller{n}@example.org"
        assert case.resident.full_name == f"Caller {n}"
        assert (metadata.api_key, metadata.device_id) == (burst_key, f"device-{n}")
        [created] = case.events.all()
        [alone_created] = alone.events.all()
        assert (created.kind, created.is_public, created.created_at) == (
            EventKind.CREATED,
            True,
            ARRIVED,
        )
        assert created.actor_label == f"Caller {n}"
        assert created.data == alone_created.data
    numbers = Case.objects.values_list("tracking_number", flat=True)
    assert len(set(numbers)) == 5


def test_requests_in_a_batch_find_residents_as_filing_one_by_one_does(city, burst_key):
    # Rita's own email (any letter case), one new caller twice (with a phone the second
    # time), then that phone alone.
    _queue(city, burst_key, _given(1, contact=Contact(email="RITA@example.org")))
    _queue(city, burst_key, _given(2, contact=Contact(email="new@example.org")))
    _queue(city, burst_key, _given(3, contact=Contact(email="New@Example.org", phone="555 0100")))
    _queue(city, burst_key, _given(4, contact=Contact(phone="(555) 0100")))
    residents_before = Resident.objects.count()

    assert file_queued_requests() == 4

    by_n = {
        c.description.split()[3]: c.resident
        for c in Case.objects.select_related("resident").order_by("id")
    }
    assert by_n["1"] == city.rita
    assert city.rita.email == "rita@example.org"  # nothing written onto her record
    assert by_n["2"] == by_n["3"]  # found by the email the batch's own new record has
    assert by_n["2"].phone == ""  # and the phone the second one gave is not written onto it
    assert by_n["4"] not in (by_n["2"], city.rita)  # so a phone alone finds nobody: a new one
    assert by_n["4"].phone == "5550100"
    assert Resident.objects.count() == residents_before + 2


def test_a_bad_request_keeps_its_reason_and_the_rest_of_the_batch_is_filed(city, burst_key):
    graffiti = factories.make_service(city.public_works, code="graffiti", questions=False)
    good = [_queue(city, burst_key, _given(n)) for n in range(3)]
    switched_off = _queue(city, burst_key, _given(7, answers={}), service=graffiti)
    graffiti.is_active = False
    graffiti.save(update_fields=["is_active"])
    residents_before = Resident.objects.count()

    assert file_queued_requests() == 3

    stuck = QueuedRequest.objects.get()
    assert stuck.token == switched_off.token
    assert stuck.error == "service: This service is not taking requests."
    assert Resident.objects.count() == residents_before + 3  # none for the refused one
    assert RequestMetadata.objects.filter(token__in=[q.token for q in good]).count() == 3
    assert file_queued_requests() == 0  # kept aside, not retried ahead of new requests


def test_a_row_that_breaks_the_batch_is_set_aside_and_the_others_are_filed_one_by_one(
    city, burst_key
):
    rows = [_queue(city, burst_key, _given(n)) for n in range(3)]
    # A row no code path could have written (a hand edit, a bug): not a request at all.
    QueuedRequest.objects.filter(pk=rows[1].pk).update(fields={"contact": {}, "nonsense": 1})

    assert file_queued_requests() == 2

    broken = QueuedRequest.objects.get()
    assert broken.pk == rows[1].pk
    assert broken.error == "The request could not be filed; the city has been told."
    assert Case.objects.count() == 2


def test_filing_is_idempotent_a_token_that_has_its_case_is_not_filed_again(city, burst_key):
    row = _queue(city, burst_key, _given(1))
    other = _queue(city, burst_key, _given(2))
    # Its case exists already (filed by a worker whose row deletion did not survive).
    open311_request_create(
        service=city.pothole, api_key=burst_key, given=_given(1), token=row.token
    )

    assert file_queued_requests() == 1
    assert file_queued_requests() == 0

    assert not QueuedRequest.objects.exists()
    assert RequestMetadata.objects.filter(token=row.token).count() == 1
    assert RequestMetadata.objects.filter(token=other.token).count() == 1
    assert Case.objects.count() == 2


def test_a_batch_writes_the_outbox_rows_filing_alone_writes_and_residents_get_news(
    city, burst_key, smtp_server, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    alone = open311_request_create(service=city.pothole, api_key=burst_key, given=_given(9)).case
    owed_alone = OutboxMessage.objects.filter(case=alone).count()
    for n in range(3):
        _queue(city, burst_key, _given(n))

    with django_capture_on_commit_callbacks(execute=True):
        assert file_queued_requests() == 3
    filed = list(Case.objects.exclude(pk=alone.pk).order_by("id"))
    assert all(OutboxMessage.objects.filter(case=c).count() == owed_alone for c in filed)

    with django_capture_on_commit_callbacks(execute=True):
        case_reply_publicly(case=filed[0], by=city.alice, body="We fill it on Monday.")
    deliver_outbox()

    row = OutboxMessage.objects.get(case=filed[0])
    assert (row.status, row.resident_id) == (OutboxStatus.SENT, filed[0].resident_id)
    [(_from, rcpt, _content)] = smtp_server.envelopes
    assert rcpt == ["caller0@example.org"]


def test_a_batch_costs_the_same_statements_whatever_its_size(city, burst_key):
    def statements_to_file(n: int) -> int:
        for i in range(n):
            _queue(city, burst_key, _given(i))
        with CaptureQueriesContext(connection) as queries:
            assert file_queued_requests() == n
        return len(queries)

    assert statements_to_file(3) == statements_to_file(30)


def test_a_large_backlog_is_filed_in_batches(city, burst_key):
    for n in range(7):
        _queue(city, burst_key, _given(n))

    assert file_queued_requests(batch=3) == 7
    assert file_queued_requests(limit=5, batch=3) == 0

    assert Case.objects.count() == 7


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_skips_the_rows_the_first_has_claimed(city, burst_key):
    for n in range(6):
        _queue(city, burst_key, _given(n))
    claimed = threading.Event()
    release = threading.Event()
    first_worker: list[int] = []

    def slow_worker() -> None:
        try:
            with transaction.atomic():
                rows = intake._claim(3)
                first_worker.extend(q.pk for q in rows)
                claimed.set()
                release.wait(timeout=30)
                intake._file_batch(rows)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_worker)
    thread.start()
    try:
        assert claimed.wait(timeout=30)
        # The other worker neither waits for the locked rows nor files them.
        assert file_queued_requests() == 3
        assert set(QueuedRequest.objects.values_list("pk", flat=True)) == set(first_worker)
    finally:
        release.set()
        thread.join(timeout=60)

    assert not QueuedRequest.objects.exists()
    assert Case.objects.count() == 6


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_draining_together_file_each_request_exactly_once(city, burst_key):
    for n in range(120):
        _queue(city, burst_key, _given(n % 40))  # residents shared across the batches
    barrier = threading.Barrier(2, timeout=30)
    filed: list[int] = []
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            while True:
                got = file_queued_requests(batch=10)
                if not got and not QueuedRequest.objects.filter(error="").exists():
                    break
                filed.append(got)
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures
    assert sum(filed) == 120
    assert Case.objects.count() == 120
    assert RequestMetadata.objects.values("token").distinct().count() == 120
    assert CaseEvent.objects.filter(kind=EventKind.CREATED).count() == 120
    assert not QueuedRequest.objects.exists()
    assert timezone.is_aware(Case.objects.first().created_at)
