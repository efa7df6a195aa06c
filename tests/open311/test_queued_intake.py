"""Queued intake: a key with queue_requests gets a token at once; a worker files the case."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Channel
from open311.intake import file_queued_requests
from open311.models import ApiKey, QueuedRequest, RequestMetadata
from open311.services import api_key_create
from organisations.models import Jurisdiction
from tests import factories
from tests.open311.conftest import BASE
from tests.open311.test_post_requests import _pothole

QUEUED_KEY = "test-key-for-a-bursting-client"


@pytest.fixture
def queued_key(city) -> str:
    call_command(
        "create_api_key",
        "--name=Contact-centre system",
        f"--key={QUEUED_KEY}",
        "--queue-requests",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert ApiKey.objects.get(name="Contact-centre system").queue_requests
    return QUEUED_KEY


def _post(client, **params):
    return client.post(f"{BASE}/requests.json", params)


def _token_row(client, token):
    response = client.get(f"{BASE}/tokens/{token}.json")
    return response.status_code, response.json()


def test_post_answers_a_token_and_files_nothing_yet(client, city, queued_key):
    response = _post(client, **_pothole(queued_key))

    assert response.status_code == 200
    [row] = response.json()
    assert set(row) == {"token"}
    assert Case.objects.count() == 0
    assert QueuedRequest.objects.get().token == row["token"]
    status, [pending] = _token_row(client, row["token"])
    assert status == 200
    assert pending == {"token": row["token"], "service_request_id": None}


def test_filing_makes_the_case_with_the_promise_counted_from_arrival(client, city, queued_key):
    token = _post(client, **_pothole(queued_key)).json()[0]["token"]
    received_at = QueuedRequest.objects.get().received_at
    # A weekend and a week later: the promise must not move with the worker's clock.
    QueuedRequest.objects.update(received_at=received_at - dt.timedelta(days=9))
    received_at -= dt.timedelta(days=9)

    assert file_queued_requests() == 1

    case = Case.objects.get()
    assert case.channel == Channel.API
    assert case.created_at == received_at
    assert case.answers == {"size": "large"}
    assert case.resident is not None
    assert case.resident.email == "new.person@example.org"
    web = factories.make_case(city.pothole, at=received_at, lat="1", long="1")
    assert case.resolution_due == web.resolution_due
    assert RequestMetadata.objects.get(case=case).token == token
    assert not QueuedRequest.objects.exists()
    status, [row] = _token_row(client, token)
    assert status == 200
    assert row["service_request_id"] == case.tracking_number


def test_bad_input_is_refused_at_once_with_the_immediate_paths_messages(
    client, city, queued_key, api_key
):
    bad = {"attribute[size]": "enormous", "lat": "400", "email": "not-an-email"}

    queued = _post(client, **_pothole(queued_key, **bad))
    immediate = _post(client, **_pothole(api_key, **bad))

    assert queued.status_code == immediate.status_code == 400
    described = {e["description"] for e in queued.json()}
    assert described == {e["description"] for e in immediate.json()}
    assert any(d.startswith("attribute[size]:") for d in described)
    assert any(d.startswith("lat:") for d in described)
    assert any(d.startswith("email:") for d in described)
    assert not QueuedRequest.objects.exists()
    assert Case.objects.count() == 0


def test_a_request_that_can_no_longer_be_filed_keeps_its_reason_and_the_rest_go_on(
    client, city, queued_key
):
    first = _post(client, **_pothole(queued_key)).json()[0]["token"]
    city.pothole.is_active = False
    city.pothole.save(update_fields=["is_active"])
    # Another service, still taking requests, queued after the stuck one.
    graffiti = factories.make_service(city.public_works, code="graffiti", questions=False)
    later = _post(client, api_key=queued_key, service_code="graffiti", email="x@example.org")
    assert later.status_code == 200

    assert file_queued_requests() == 1

    stuck = QueuedRequest.objects.get()
    assert stuck.token == first
    assert "service" in stuck.error
    status, [error] = _token_row(client, first)
    assert status == 400
    assert "not filed" in error["description"]
    assert file_queued_requests() == 0  # not retried ahead of new requests
    status, [row] = _token_row(client, later.json()[0]["token"])
    assert Case.objects.get(tracking_number=row["service_request_id"]).service == graffiti


def test_a_token_is_found_only_in_its_own_jurisdiction(client, city, queued_key):
    token = _post(client, **_pothole(queued_key)).json()[0]["token"]
    factories.make_jurisdiction(jurisdiction_id="elsewhere.example.gov", name="Elsewhere")

    response = client.get(
        f"{BASE}/tokens/{token}.json", {"jurisdiction_id": "elsewhere.example.gov"}
    )

    assert response.status_code == 404
    assert Jurisdiction.objects.count() == 2


def test_the_scheduler_files_queued_requests(client, city, queued_key, settings):
    settings.PERIODIC_TASKS = {"open311.tasks.file_queued_requests_task": 5}
    token = _post(client, **_pothole(queued_key)).json()[0]["token"]

    call_command("run_scheduler", "--once", stdout=io.StringIO())

    _status, [row] = _token_row(client, token)
    assert row["service_request_id"] == Case.objects.get().tracking_number


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_workers_filing_at_once_file_each_request_exactly_once(city, client):
    api_key, _raw = api_key_create(name="Burst", key=QUEUED_KEY)
    ApiKey.objects.filter(pk=api_key.pk).update(queue_requests=True)
    for n in range(40):
        assert _post(client, **_pothole(QUEUED_KEY, description=f"Hole {n}")).status_code == 200
    barrier = threading.Barrier(4, timeout=30)
    filed: list[int] = []

    def worker() -> None:
        try:
            barrier.wait()
            filed.append(file_queued_requests())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(filed) == 40
    assert Case.objects.count() == 40
    assert sorted(Case.objects.values_list("description", flat=True)) == sorted(
        f"Hole {n}" for n in range(40)
    )
    assert not QueuedRequest.objects.exists()
    assert timezone.is_aware(Case.objects.first().created_at)


def test_the_admin_lists_a_request_that_was_not_filed_with_its_reason(client, city, queued_key):
    _post(client, **_pothole(queued_key))
    QueuedRequest.objects.update(error="service: This service is not taking requests.")
    city.ada.is_superuser = True
    city.ada.save()
    client.force_login(city.ada)

    listing = client.get(reverse("admin:open311_queuedrequest_changelist"))

    assert listing.status_code == 200
    assert "This service is not taking requests." in listing.content.decode()
    assert client.get(reverse("admin:open311_queuedrequest_add")).status_code == 403


def test_accepting_a_queued_request_costs_six_queries(
    client, city, queued_key, django_assert_num_queries
):
    # A key bound to its jurisdiction (a key for every jurisdiction costs one more read).
    ApiKey.objects.update(jurisdiction=city.jurisdiction)
    _post(client, **_pothole(queued_key, description="warm-up"))  # records the key's use

    # The key with its jurisdiction; the service, its questions and their options are kept
    # in the process (open311/lookups.py); one INSERT; then the idempotency check
    # (core/idempotency.py): a read, and the claim's INSERT in a savepoint.
    with django_assert_num_queries(6):
        response = _post(client, **_pothole(queued_key))

    assert response.status_code == 200
