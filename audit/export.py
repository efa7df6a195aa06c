"""The audit trail as CSV or JSON for an auditor, streamed row by row (bounded)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.selectors import MAX_EXPORT_ROWS, AuditQueryError

COLUMNS = ["id", "at", "kind", "actor_id", "actor_username", "ip_address", "target", "detail"]
FORMATS = ("csv", "json")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _row(event: dict[str, Any]) -> dict[str, Any]:
    return {**event, "at": event["at"].isoformat()}


def _rows(events: QuerySet[AuditEvent]) -> Iterator[dict[str, Any]]:
    for event in events.values(*COLUMNS).iterator(chunk_size=2000):
        yield _row(event)


def _csv_safe(value: Any) -> str:
    text = json.dumps(value, sort_keys=True) if isinstance(value, dict) else str(value or "")
    # A cell a spreadsheet would run as a formula is quoted (OWASP CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_lines(events: QuerySet[AuditEvent], fmt: str) -> Iterator[str]:
    """The export, line by line; refuses more than MAX_EXPORT_ROWS (narrow the window)."""
    if fmt not in FORMATS:
        raise AuditQueryError(_("Choose CSV or JSON."))
    if events.count() > MAX_EXPORT_ROWS:
        raise AuditQueryError(
            _("More than %(n)d actions in that window: choose a shorter one.")
            % {"n": MAX_EXPORT_ROWS}
        )
    if fmt == "csv":
        writer = csv.writer(_Echo())
        yield writer.writerow(COLUMNS)
        for row in _rows(events):
            yield writer.writerow([_csv_safe(row[column]) for column in COLUMNS])
        return
    yield "[\n"
    first = True
    for row in _rows(events):
        yield ("" if first else ",\n") + json.dumps(row, sort_keys=True)
        first = False
    yield "\n]\n"
