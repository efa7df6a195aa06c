"""load_demo's year of cases: written through the case services, every channel and status,
timelines that agree with each case.

The history is loaded once for the module (in a transaction rolled back at the
end); each test runs in its own savepoint inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cases.models import Case, CaseEvent, Channel, Status
from tests.demo.checks import timeline_problems

pytestmark = pytest.mark.django_db

CASES = 60
# The history's cases; bre.demo files its follow-ups (channel "bre") after the history.
HISTORY = Case.objects.exclude(channel=Channel.BRE)


@pytest.fixture(scope="module")
def _loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "load_demo",
            "--residents",
            "40",
            "--cases",
            str(CASES),
            "--seed",
            "7",
            stdout=StringIO(),
        )
        yield
        transaction.set_rollback(True)


@pytest.fixture
def history(_loaded: None, db: None) -> None:
    """The demo city with its history, as loaded once for this module."""


def test_loads_the_number_of_cases_asked_for(history: None) -> None:
    assert HISTORY.count() == CASES


def test_uses_every_channel_and_every_status(history: None) -> None:
    assert set(Case.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)


def test_timelines_agree_with_each_case(history: None) -> None:
    assert timeline_problems(Case.objects.all(), now=timezone.now()) == []


def test_cases_were_written_in_time_order(history: None) -> None:
    by_id = list(HISTORY.order_by("id").values_list("created_at", flat=True))
    assert by_id == sorted(by_id)


def test_history_has_the_work_staff_do(history: None) -> None:
    kinds = set(CaseEvent.objects.values_list("kind", flat=True))
    assert {
        "created",
        "status_changed",
        "assigned",
        "transferred",
        "public_reply",
        "internal_note",
        "merged",
        "reopened",
        "escalated",
        "step_completed",
    } <= kinds


def test_transfers_carry_a_handover_note(history: None) -> None:
    transfers = CaseEvent.objects.filter(kind="transferred")
    assert transfers.exists()
    assert not transfers.filter(body="").exists()


def test_duplicates_are_merged_into_a_case_of_the_same_service(history: None) -> None:
    duplicates = Case.objects.filter(merged_into__isnull=False).select_related("merged_into")
    assert duplicates.exists()
    for case in duplicates:
        master = case.merged_into
        assert master is not None
        assert master.service_id == case.service_id
        assert master.created_at < case.created_at
        assert master.merged_into_id is None


def test_open_cases_show_as_overdue_and_on_track(history: None) -> None:
    now = timezone.now()
    open_cases = Case.objects.filter(
        status__in=[Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS]
    )
    assert open_cases.filter(resolution_due__lt=now).exists()
    assert open_cases.filter(resolution_due__gt=now).exists()


def test_residents_come_back_with_more_than_one_case(history: None) -> None:
    repeat = (
        Case.objects.exclude(resident=None)
        .values("resident")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert repeat.exists()


def test_is_not_loaded_twice(history: None) -> None:
    call_command("load_demo", "--cases", str(CASES), stdout=StringIO())
    assert HISTORY.count() == CASES
