"""Periodic tasks: the schedule, the scheduler command, and real workers behind Redis."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from django.core.management import call_command
from django.tasks import task_backends
from django.utils import timezone

from cases.models import Case
from cases.services import case_assign
from core.scheduler import PeriodicTask, due, seconds_until_next
from notifications.models import NoticeKind, StaffNotice
from notifications.tasks import send_due_soon_notices_task
from tests import factories

T0 = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
EVERY_5 = PeriodicTask("a.task", dt.timedelta(minutes=5))
EVERY_60 = PeriodicTask("b.task", dt.timedelta(minutes=60))


def test_never_run_tasks_are_due_at_once_and_then_each_on_its_interval():
    tasks = [EVERY_5, EVERY_60]
    assert due(tasks, {}, T0) == tasks

    last = {"a.task": T0, "b.task": T0}
    assert due(tasks, last, T0 + dt.timedelta(minutes=4)) == []
    assert due(tasks, last, T0 + dt.timedelta(minutes=5)) == [EVERY_5]
    assert seconds_until_next(tasks, last, T0 + dt.timedelta(minutes=4)) == 60


def _owned_case_due_in_an_hour(city) -> Case:
    case = factories.make_case(city.pothole, address="1 Elm")
    case_assign(case=case, owner=city.alice, by=city.alice)
    Case.objects.filter(pk=case.pk).update(resolution_due=timezone.now() + dt.timedelta(hours=1))
    return case


def test_run_scheduler_once_sends_due_soon_notices_in_the_embedded_default(city, settings):
    settings.PERIODIC_TASKS = {"notifications.tasks.send_due_soon_notices_task": 300}
    settings.NOTIFICATIONS_DUE_SOON_BUSINESS_HOURS = 10_000  # whatever the hour the suite runs
    case = _owned_case_due_in_an_hour(city)
    out = io.StringIO()

    call_command("run_scheduler", "--once", stdout=out)

    assert "enqueued notifications.tasks.send_due_soon_notices_task" in out.getvalue()
    notice = StaffNotice.objects.get(kind=NoticeKind.DUE_SOON)
    assert (notice.user, notice.case) == (city.alice, case)


def _redis_or_skip(url: str):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not running at {url}")
    return connection


def test_with_redis_tasks_go_to_a_real_rq_worker(city, settings):
    """Enqueued in Redis by the request side, run by an rq worker: no inline shortcut."""
    from rq import SimpleWorker

    url = "redis://127.0.0.1:6379/15"
    connection = _redis_or_skip(url)
    queue_name = f"test-{uuid.uuid4().hex[:8]}"
    settings.RQ_QUEUES = {"default": {"URL": url}, queue_name: {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    settings.NOTIFICATIONS_DUE_SOON_BUSINESS_HOURS = 10_000
    assert type(task_backends["default"]).__name__ == "RQBackend"
    case = _owned_case_due_in_an_hour(city)
    try:
        result = send_due_soon_notices_task.using(queue_name=queue_name).enqueue()
        assert not StaffNotice.objects.exists()  # queued, not run inline

        import django_rq
        from django_tasks_rq.backend import Job

        queue = django_rq.get_queue(queue_name, job_class=Job)
        worker = SimpleWorker([queue], connection=connection, job_class=Job)
        worker.work(burst=True)

        result.refresh()
        assert result.return_value == 1
        assert StaffNotice.objects.get(kind=NoticeKind.DUE_SOON).case == case
    finally:
        for key in connection.keys(f"rq:*{queue_name}*"):
            connection.delete(key)
