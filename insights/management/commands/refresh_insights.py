"""manage.py refresh_insights: bring the dashboard summaries up to date (cron / systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from insights.services import insights_refresh
from insights.tasks import refresh_insights_task


class Command(BaseCommand):
    help = "Recompute the insights summaries: the days touched since the last run, or --full."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="recompute every day")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for a task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = refresh_insights_task.enqueue(full=options["full"])
            self.stdout.write(f"Queued refresh {result.id}.")
            return
        report = insights_refresh(full=options["full"])
        kind = "full" if report.full else f"since {report.since:%Y-%m-%d %H:%M}"
        self.stdout.write(
            f"Refreshed ({kind}): {report.daily_rows} daily rows, "
            f"{report.backlog_rows} backlog rows."
        )
