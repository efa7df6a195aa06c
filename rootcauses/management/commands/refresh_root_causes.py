"""manage.py refresh_root_causes: rebuild the root-cause summaries now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rootcauses.services import root_causes_refresh


class Command(BaseCommand):
    help = "Rebuild spikes, hot spots, repeat contacts, step durations and drift proposals."

    def handle(self, *args: Any, **options: Any) -> None:
        report = root_causes_refresh()
        self.stdout.write(
            f"places {report.places}, spikes {report.spikes}, hot spots {report.hot_spots}, "
            f"repeat contacts {report.repeats}, step-months {report.step_months}, "
            f"pending proposals {report.proposals}"
        )
