"""manage.py export_audit --since 2026-01-01 --until 2026-02-01 --format csv [--output FILE]"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from audit.export import FORMATS, export_lines
from audit.models import AuditKind
from audit.selectors import AuditQuery, AuditQueryError, audit_events
from audit.services import audit_record


def _day(text: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text[:40]!r}") from None
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


class Command(BaseCommand):
    help = "Export the audit trail of staff actions (at most 366 days) as CSV or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--until", required=True, help="day after the last, YYYY-MM-DD")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--kind", choices=AuditKind.values, default="")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            query = AuditQuery(
                since=_day(options["since"]), until=_day(options["until"]), kind=options["kind"]
            )
            lines = export_lines(audit_events(query), options["format"])
            first = next(lines)
        except AuditQueryError as error:
            raise CommandError(str(error)) from None
        with contextlib.ExitStack() as stack:
            out = (
                stack.enter_context(open(options["output"], "w", encoding="utf-8", newline=""))
                if options["output"]
                else sys.stdout
            )
            out.write(first)
            for line in lines:
                out.write(line)
        audit_record(
            kind=AuditKind.EXPORT,
            username="manage.py export_audit",
            target="audit trail",
            detail={
                "format": options["format"],
                "since": options["since"],
                "until": options["until"],
            },
        )
