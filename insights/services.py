"""Bring the dashboard's summary tables up to date from the cases.

Incremental by default: the days touched since the last refresh (by cases
received or resolved since then) are recomputed whole, in each jurisdiction's
own time zone, so a refresh every few minutes reads a day's worth of cases
through the created_at and resolved_at indexes. ``full=True`` recomputes every
day; run it nightly too, because a case resolved long ago and reopened since
changes a day that the incremental pass does not revisit.

The backlog is a snapshot of the open cases, taken whole each time (it reads the
partial index over open cases only). Everything is replaced in one transaction,
so the dashboard never shows half a refresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases.models import Case
from cases.selectors import OPEN_ONLY
from insights.models import BacklogSnapshot, CaseDaily, RefreshState
from organisations.models import Jurisdiction

# Late commits: a case created just before the last refresh may have committed after it.
MARGIN = dt.timedelta(minutes=10)
BATCH = 5000
_KEY = ("department_id", "service_id", "channel")


@dataclass(frozen=True)
class RefreshReport:
    full: bool
    since: dt.datetime | None
    daily_rows: int
    backlog_rows: int
    refreshed_at: dt.datetime


def _daily(jurisdiction: Jurisdiction, start: dt.datetime | None) -> list[CaseDaily]:
    zone = jurisdiction.zone
    cases = Case.objects.filter(jurisdiction=jurisdiction).order_by()
    received = cases if start is None else cases.filter(created_at__gte=start)
    resolved = cases.filter(resolved_at__isnull=False)
    if start is not None:
        resolved = resolved.filter(resolved_at__gte=start)
    rows: dict[tuple[object, ...], CaseDaily] = {}

    def row(values: dict[str, Any]) -> CaseDaily:
        key = (values["day"], *(values[k] for k in _KEY))
        if key not in rows:
            rows[key] = CaseDaily(
                day=values["day"],
                jurisdiction=jurisdiction,
                department_id=values["department_id"],
                service_id=values["service_id"],
                channel=values["channel"],
            )
        return rows[key]

    for values in (
        received.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day", *_KEY)
        .annotate(n=Count("id"))
    ):
        row(values).received = values["n"]
    for values in (
        resolved.annotate(day=TruncDate("resolved_at", tzinfo=zone))
        .values("day", *_KEY)
        .annotate(
            n=Count("id"), on_time=Count("id", filter=Q(resolved_at__lte=F("resolution_due")))
        )
    ):
        summary = row(values)
        summary.resolved = values["n"]
        summary.resolved_on_time = values["on_time"]
    # Written in day order, so that a dashboard's window of recent days lies in a few
    # pages instead of across the whole table (at 10M cases, 27k pages for 34k rows).
    return sorted(rows.values(), key=lambda summary: summary.day)


def _backlog(now: dt.datetime) -> list[BacklogSnapshot]:
    groups = (
        Case.objects.filter(OPEN_ONLY)
        .order_by()
        .values("jurisdiction_id", "department_id", "service_id", "status")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(resolution_due__lt=now)))
    )
    return [
        BacklogSnapshot(
            taken_at=now,
            jurisdiction_id=g["jurisdiction_id"],
            department_id=g["department_id"],
            service_id=g["service_id"],
            status=g["status"],
            open=g["n"],
            overdue=g["overdue"],
        )
        for g in groups
    ]


def _create(model: type[CaseDaily] | type[BacklogSnapshot], rows: Iterable[object]) -> None:
    model.objects.bulk_create(list(rows), batch_size=BATCH)  # type: ignore[arg-type]


def insights_refresh(*, full: bool = False, now: dt.datetime | None = None) -> RefreshReport:
    """Recompute the summaries: every day (`full`) or those touched since the last refresh."""
    now = now or timezone.now()
    state = RefreshState.objects.order_by("pk").first()
    since = None if full or state is None else state.refreshed_at - MARGIN
    daily_rows = 0
    with transaction.atomic():
        for jurisdiction in Jurisdiction.objects.order_by("pk"):
            if since is None:
                CaseDaily.objects.filter(jurisdiction=jurisdiction).delete()
                start = None
            else:
                first_day = since.astimezone(jurisdiction.zone).date()
                start = dt.datetime.combine(first_day, dt.time(), tzinfo=jurisdiction.zone)
                CaseDaily.objects.filter(jurisdiction=jurisdiction, day__gte=first_day).delete()
            rows = _daily(jurisdiction, start)
            _create(CaseDaily, rows)
            daily_rows += len(rows)
        backlog = _backlog(now)
        BacklogSnapshot.objects.all().delete()
        _create(BacklogSnapshot, backlog)
        if state is None:
            RefreshState.objects.create(refreshed_at=now, full=full)
        else:
            RefreshState.objects.filter(pk=state.pk).update(refreshed_at=now, full=full)
    return RefreshReport(
        full=since is None,
        since=since,
        daily_rows=daily_rows,
        backlog_rows=len(backlog),
        refreshed_at=now,
    )
