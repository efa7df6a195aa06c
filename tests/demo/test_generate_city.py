"""generate_city: N valid cases, fast, with the promised dates the case services would give."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, CaseStep, Status
from cases.promises import promise_for
from cases.tracking import normalise_tracking_number
from catalogue.models import ServiceStandard
from demo.generator import tracking_number
from organisations.models import Jurisdiction
from residents.models import Resident
from tests.demo.checks import timeline_problems

pytestmark = pytest.mark.django_db

N = 400


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_city", *args, "--verbosity", "0", stdout=out)
    return out.getvalue()


@pytest.fixture
def generated() -> str:
    call_command("load_demo", "--residents", "20", "--cases", "0", stdout=StringIO())
    return generate("--cases", str(N), "--batch-size", "150", "--seed", "9")


def test_adds_exactly_n_cases(generated: str) -> None:
    assert Case.objects.count() == N
    assert f"Added {N} cases" in generated


def test_tracking_numbers_are_valid_and_unique(generated: str) -> None:
    numbers = list(Case.objects.values_list("tracking_number", flat=True))
    assert len(set(numbers)) == N
    assert all(normalise_tracking_number(n) == n for n in numbers)


def test_promised_dates_are_the_ones_promise_for_gives(generated: str) -> None:
    calendars = {j.pk: working_calendar_for(j) for j in Jurisdiction.objects.all()}
    sample = Case.objects.filter(reopen_count=0).order_by("?")[:150]
    for case in sample:
        standard = ServiceStandard.objects.get(service=case.service_id)
        promise = promise_for(
            standard=standard,
            steps=list(standard.steps.all()),
            calendar=calendars[case.jurisdiction_id],
            received_at=case.created_at,
        )
        assert case.first_response_due == promise.first_response_due, case
        assert case.resolution_due == promise.resolution_due, case
        dues = list(case.steps.order_by("order").values_list("due_at", flat=True))
        assert dues == [s.due_at for s in promise.steps], case


def test_reopened_cases_get_a_fresh_resolution_date(generated: str) -> None:
    generate("--cases", "3000", "--seed", "4", "--batch-size", "1000")
    reopened = Case.objects.filter(reopen_count__gt=0)
    assert reopened.exists()
    for case in reopened[:20]:
        event = case.events.filter(kind="reopened").latest("created_at")
        standard = ServiceStandard.objects.get(service=case.service_id)
        promise = promise_for(
            standard=standard,
            steps=[],
            calendar=working_calendar_for(case.jurisdiction),
            received_at=event.created_at,
        )
        assert case.resolution_due == promise.resolution_due


def test_timelines_agree_with_each_case(generated: str) -> None:
    assert timeline_problems(Case.objects.all(), now=timezone.now()) == []


def test_statuses_and_channels_are_varied(generated: str) -> None:
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.NEW, Status.IN_PROGRESS, Status.CLOSED, Status.DECLINED} <= statuses
    assert len(set(Case.objects.values_list("channel", flat=True))) >= 7


def test_every_case_has_its_steps_and_a_created_event(generated: str) -> None:
    for case in Case.objects.select_related("service__standard"):
        assert case.steps.count() == case.service.standard.steps.count()
    created = CaseEvent.objects.filter(kind="created").values_list("case_id", flat=True)
    assert sorted(created) == sorted(Case.objects.values_list("id", flat=True))


def test_every_reference_points_at_a_row(generated: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
    assert not CaseEvent.objects.exclude(case__in=Case.objects.all()).exists()
    assert not CaseStep.objects.exclude(case__in=Case.objects.all()).exists()
    assert not Case.objects.exclude(resident=None).exclude(resident__in=Resident.objects.all())
    merged = Case.objects.exclude(merged_into=None)
    assert not merged.exclude(merged_into__in=Case.objects.all()).exists()


def test_cases_get_ids_in_time_order(generated: str) -> None:
    by_id = list(Case.objects.order_by("id").values_list("created_at", flat=True))
    assert by_id == sorted(by_id)


def test_a_second_run_adds_more_without_clashes(generated: str) -> None:
    generate("--cases", "100", "--seed", "9")
    assert Case.objects.count() == N + 100
    assert Case.objects.values("tracking_number").distinct().count() == N + 100


def test_one_jurisdiction_only() -> None:
    call_command("load_demo", "--residents", "5", "--cases", "0", stdout=StringIO())
    generate("--cases", "50", "--jurisdiction", "millbrook.example.gov")
    assert set(Case.objects.values_list("jurisdiction__jurisdiction_id", flat=True)) == {
        "millbrook.example.gov"
    }


def test_builds_the_city_when_there_is_none() -> None:
    generate("--cases", "30")
    assert Case.objects.count() == 30
    assert Jurisdiction.objects.filter(jurisdiction_id="riverton.example.gov").exists()


def test_refuses_an_unknown_jurisdiction() -> None:
    call_command("load_demo", "--residents", "5", "--cases", "0", stdout=StringIO())
    with pytest.raises(CommandError, match=r"nowhere\.example\.gov"):
        generate("--cases", "10", "--jurisdiction", "nowhere.example.gov")


def test_tracking_number_scramble_never_repeats() -> None:
    numbers = {tracking_number(n) for n in range(1, 200_001)}
    assert len(numbers) == 200_000
    assert all(normalise_tracking_number(n) == n for n in list(numbers)[:1000])
