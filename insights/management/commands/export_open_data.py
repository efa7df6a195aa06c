"""manage.py export_open_data: write the open data package (insights/opendata.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_date, parse_datetime

from insights.opendata import export_open_data
from organisations.models import Jurisdiction


def _since(text: str, zone: dt.tzinfo) -> dt.datetime:
    moment = parse_datetime(text)
    if moment is not None:
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    day = parse_date(text)
    if day is None:
        raise CommandError(f"--since {text!r}: give a date (2026-11-30) or an ISO datetime.")
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


class Command(BaseCommand):
    help = (
        "Write a Frictionless Data package of the service requests (no personal data): "
        "datapackage.json, requests.csv and requests.parquet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="folder to write (created if missing)")
        parser.add_argument(
            "--since",
            help="only requests updated since this date or datetime (incremental publication)",
        )
        parser.add_argument("--jurisdiction", help="Open311 jurisdiction_id (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        jurisdiction = None
        if options["jurisdiction"]:
            jurisdiction = Jurisdiction.objects.filter(
                jurisdiction_id=options["jurisdiction"]
            ).first()
            if jurisdiction is None:
                raise CommandError(f"No jurisdiction {options['jurisdiction']!r}.")
        zone = jurisdiction.zone if jurisdiction else dt.UTC
        since = _since(options["since"], zone) if options["since"] else None
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out}: not a folder.")
        report = export_open_data(out=out, jurisdiction=jurisdiction, since=since)
        self.stdout.write(f"Wrote {report.rows} requests to {out}: {', '.join(report.files)}.")
