"""Anonymise closed cases past their service's retention period; --dry-run reports only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from privacy.services import apply_retention


class Command(BaseCommand):
    help = "Remove personal data from cases past their retention period (see docs/privacy.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args: Any, dry_run: bool, batch: int, **options: Any) -> None:
        report = apply_retention(dry_run=dry_run, batch=batch)
        verb = "would anonymise" if dry_run else "anonymised"
        for service, count in sorted(report.by_service.items()):
            self.stdout.write(f"{service}: {verb} {count}")
        self.stdout.write(
            f"total: {verb} {report.total}; closed cases under legal hold: {report.held}"
        )
