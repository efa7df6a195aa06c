"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from insights.services import insights_refresh


@task
def refresh_insights_task(full: bool = False) -> int:
    """Bring the dashboard summaries up to date; enqueue every few minutes (and nightly full)."""
    return insights_refresh(full=full).daily_rows
