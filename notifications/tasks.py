"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from notifications.outbox import deliver_outbox
from notifications.services import send_due_soon_notices


@task
def deliver_outbox_task() -> int:
    """Send what the case outbox holds that is due (safe to run on many workers at once)."""
    return deliver_outbox()


@task
def send_due_soon_notices_task(hours: int | None = None) -> int:
    """Scan for cases due soon and notice their staff (idempotent; run it every few minutes)."""
    return send_due_soon_notices(hours=hours)
