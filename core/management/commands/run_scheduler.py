"""manage.py run_scheduler: enqueue the periodic tasks (settings.PERIODIC_TASKS) on time."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.scheduler import due, enqueue, periodic_tasks, seconds_until_next


class Command(BaseCommand):
    help = "Enqueue periodic background tasks (due-soon notices, IMAP polling…) on schedule."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Enqueue every periodic task once and exit (cron)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tasks = periodic_tasks()
        if not tasks:
            self.stdout.write("No periodic tasks configured.")
            return
        last: dict[str, Any] = {}
        while True:
            now = timezone.now()
            for task in due(tasks, last, now):
                ok = enqueue(task)
                last[task.path] = now
                if not ok:
                    self.stderr.write(f"{now:%H:%M:%S} FAILED {task.path}")
                elif options["once"] or options["verbosity"] > 1:
                    # A task every few seconds would flood the console otherwise.
                    self.stdout.write(f"{now:%H:%M:%S} enqueued {task.path}")
            if options["once"]:
                return
            time.sleep(max(1.0, seconds_until_next(tasks, last, timezone.now())))
