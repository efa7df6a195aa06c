"""File the queued Open311 requests now: file_queued_requests [--loop] [--batch N].

The scheduler's task (open311.tasks) files the backlog every few seconds; this
is the same work from a shell, to drain a backlog at once or to run dedicated
filing workers beside the web processes (several may run at once: each batch is
claimed with SKIP LOCKED). The bench's storm measurement runs two of them.
"""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from open311.intake import FILING_BATCH, file_queued_requests


class Command(BaseCommand):
    help = "File the queued Open311 requests (once, or in a loop until stopped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=FILING_BATCH, help="requests a claim")
        parser.add_argument(
            "--loop", action="store_true", help="keep filing until stopped (SIGTERM, Ctrl-C)"
        )
        parser.add_argument(
            "--idle", type=float, default=0.2, help="seconds to wait when the queue is empty"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(_signum: int, _frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        batch = max(1, options["batch"])
        total = file_queued_requests(batch=batch)
        if options["loop"]:
            self.stdout.write("Filing queued requests until stopped", ending="\n")
            self.stdout.flush()
            while not stopping:
                filed = file_queued_requests(batch=batch, limit=batch * 10)
                total += filed
                if not filed:
                    time.sleep(options["idle"])
        self.stdout.write(f"Filed {total} queued requests.")
