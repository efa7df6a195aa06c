"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from alerts.services import send_area_digests


@task
def send_area_digests_task() -> int:
    """The daily digests of area alerts; safe to run more often (each alert waits a day)."""
    return send_area_digests().sent
