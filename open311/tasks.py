"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from open311.intake import file_queued_requests


@task
def file_queued_requests_task() -> int:
    """File the queued Open311 requests (open311.intake); enqueue every few seconds."""
    return file_queued_requests()
