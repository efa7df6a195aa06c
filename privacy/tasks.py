"""Retention, run by the scheduler once a day (settings.PERIODIC_TASKS)."""

from __future__ import annotations

from django.tasks import task

from privacy.services import apply_retention


@task
def apply_retention_task() -> int:
    """Anonymise cases past their service's retention period (a batch per run)."""
    return apply_retention().total
