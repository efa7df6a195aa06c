"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from payments.services import expire_unpaid


@task
def expire_unpaid_payments_task() -> int:
    """Release what was not paid in time (booking holds); safe every minute."""
    return expire_unpaid()
