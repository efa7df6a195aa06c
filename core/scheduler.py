"""Periodic background work: which tasks run how often, and a loop that enqueues them.

The tasks themselves are ordinary django.tasks tasks in their apps. This module only
decides *when* to enqueue them, so the same schedule works with every task backend:
inline in the embedded default, a database queue for `db_worker`, or Redis for
`rqworker`. Run exactly one scheduler per installation (`manage.py run_scheduler`),
or call `run_scheduler --once` from cron; the tasks are idempotent either way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    path: str  # dotted path of a django.tasks task
    every: dt.timedelta


def periodic_tasks() -> list[PeriodicTask]:
    """The schedule from settings.PERIODIC_TASKS ({dotted path: seconds}); 0 turns one off."""
    schedule: Mapping[str, int] = settings.PERIODIC_TASKS
    return [
        PeriodicTask(path, dt.timedelta(seconds=seconds))
        for path, seconds in schedule.items()
        if seconds > 0
    ]


def due(
    tasks: list[PeriodicTask], last_enqueued: Mapping[str, dt.datetime], now: dt.datetime
) -> list[PeriodicTask]:
    """Tasks never enqueued, or enqueued at least one interval ago."""
    return [
        t for t in tasks if t.path not in last_enqueued or now - last_enqueued[t.path] >= t.every
    ]


def seconds_until_next(
    tasks: list[PeriodicTask], last_enqueued: Mapping[str, dt.datetime], now: dt.datetime
) -> float:
    waits = [
        (last_enqueued[t.path] + t.every - now).total_seconds()
        for t in tasks
        if t.path in last_enqueued
    ]
    return max(0.0, min(waits, default=0.0))


def enqueue(task: PeriodicTask) -> bool:
    """Enqueue one periodic task; a failing task is logged and the schedule goes on."""
    try:
        import_string(task.path).enqueue()
    except Exception:
        log.exception("Periodic task %s failed to enqueue or run", task.path)
        return False
    return True
