"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from bookings.services import send_booking_reminders


@task
def send_booking_reminders_task() -> int:
    """The day-before reminders; safe every few minutes (each booking is reminded once)."""
    return send_booking_reminders()
