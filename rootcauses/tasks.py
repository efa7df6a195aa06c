"""Background tasks (django.tasks): inline in the embedded default, workers in production."""

from __future__ import annotations

from django.tasks import task

from rootcauses.services import root_causes_refresh


@task
def refresh_root_causes_task() -> int:
    """Rebuild spikes, hot spots, repeat contacts and step durations (hourly is plenty)."""
    return root_causes_refresh().spikes
