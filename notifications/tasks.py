"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from notifications.services import deliver_event, send_due_soon_notices


@task
def deliver_resident_notice(event_id: int) -> str:
    """Send one public case event to its resident."""
    return str(deliver_event(event_id))


@task
def send_due_soon_notices_task(hours: int | None = None) -> int:
    """Scan for cases due soon and notice their staff (idempotent; run it every few minutes)."""
    return send_due_soon_notices(hours=hours)
