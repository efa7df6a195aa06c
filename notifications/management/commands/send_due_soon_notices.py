"""Cron entry point: `manage.py send_due_soon_notices [--hours N]` (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from notifications.services import send_due_soon_notices


class Command(BaseCommand):
    help = "Notice staff of open cases due within N business hours (each promise once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=None, help="Business hours ahead.")

    def handle(self, *args: Any, hours: int | None = None, **options: Any) -> None:
        if hours is not None and hours < 1:
            self.stderr.write("--hours must be at least 1")
            raise SystemExit(2)
        written = send_due_soon_notices(hours=hours)
        self.stdout.write(f"{written} notice(s) written")
