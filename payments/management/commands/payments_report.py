"""`manage.py payments_report [--date YYYY-MM-DD] [--jurisdiction ID]`: a day's CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from organisations.models import Jurisdiction
from payments.reports import reconciliation_csv
from payments.selectors import reconciliation


class Command(BaseCommand):
    help = "Print one local day's payments, refunds and payments to check, as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The local day (default: yesterday).")
        parser.add_argument("--jurisdiction", help="jurisdiction_id (default: the first).")

    def handle(self, *args: Any, **options: Any) -> None:
        jurisdictions = Jurisdiction.objects.order_by("pk")
        if options["jurisdiction"]:
            jurisdictions = jurisdictions.filter(jurisdiction_id=options["jurisdiction"])
        jurisdiction = jurisdictions.first()
        if jurisdiction is None:
            raise CommandError("No such jurisdiction.")
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must look like 2026-12-01.") from exc
        else:
            day = timezone.localtime(timezone.now(), jurisdiction.zone).date() - dt.timedelta(1)
        self.stdout.write(reconciliation_csv(reconciliation(jurisdiction, day)), ending="")
