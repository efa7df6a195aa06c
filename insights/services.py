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

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, EventKind
from cases.selectors import OPEN_ONLY
from coaching.models import ReplyReview
from insights.histograms import BusinessClock, bucket_of
from insights.models import (
    AGE_EDGES,
    TIME_EDGES,
    BacklogAge,
    BacklogSnapshot,
    CaseDaily,
    MetricDaily,
    RefreshState,
    TeamDaily,
    frt_fields,
    res_fields,
)
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


_MKEY = ("department_id", "service_id", "channel", "owner_id")
CHUNK = 2000


_MEASURES = [
    "received",
    "responded",
    "responded_on_time",
    "resolved",
    "resolved_on_time",
    "reopened",
    "first_contact",
    "reviews",
    "review_score",
    *frt_fields(),
    *res_fields(),
]
_AT = {name: index for index, name in enumerate(_MEASURES)}
_FRT = _AT["frt_0"]
_RES = _AT["res_0"]
Metrics = dict[tuple[Any, ...], list[int]]


def _metrics(jurisdiction: Jurisdiction, start: dt.datetime | None) -> Metrics:
    """The MetricDaily rows of the days from `start` (every day when None), as
    (day, department, service, channel, agent) -> the values of _MEASURES.

    Counts are grouped in SQL where they can be; durations need the business
    calendar, so the cases responded to and resolved are read once each (in
    chunks) and measured with a BusinessClock. Rows are plain lists until they
    are written (a model instance a row cost more than the measuring).
    """
    zone = jurisdiction.zone
    clock = BusinessClock(working_calendar_for(jurisdiction))
    cases = Case.objects.filter(jurisdiction=jurisdiction).order_by()
    rows: Metrics = {}
    width = len(_MEASURES)

    def row(key: tuple[Any, ...]) -> list[int]:
        found = rows.get(key)
        if found is None:
            found = rows[key] = [0] * width
        return found

    received = cases if start is None else cases.filter(created_at__gte=start)
    for day, *key, n in (
        received.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day", *_MKEY)
        .annotate(n=Count("id"))
    ):
        row((day, *key))[0] = n

    responded = cases.filter(first_responded_at__isnull=False, merged_into__isnull=True)
    if start is not None:
        # first_responded_at has no index; a case responded to since `start` was
        # updated since then, and (jurisdiction, updated_at) is indexed.
        responded = responded.filter(updated_at__gte=start, first_responded_at__gte=start)
    for created, at, due, *key in responded.values_list(
        "created_at", "first_responded_at", "first_response_due", *_MKEY
    ).iterator(chunk_size=CHUNK):
        summary = row((at.astimezone(zone).date(), *key))
        summary[1] += 1
        summary[2] += at <= due
        summary[_FRT + bucket_of(clock.minutes_between(created, at), TIME_EDGES)] += 1

    resolved = cases.filter(resolved_at__isnull=False)
    if start is not None:
        resolved = resolved.filter(resolved_at__gte=start)
    events = CaseEvent.objects.filter(case_id=OuterRef("pk"))
    resolved = resolved.annotate(
        transferred=Exists(events.filter(kind=EventKind.TRANSFERRED)),
        contacted=Exists(events.filter(kind=EventKind.RESIDENT_MESSAGE)),
        has_duplicates=Exists(Case.objects.filter(merged_into_id=OuterRef("pk"))),
    )
    for created, at, due, reopens, transferred, contacted, duplicates, *key in resolved.values_list(
        "created_at",
        "resolved_at",
        "resolution_due",
        "reopen_count",
        "transferred",
        "contacted",
        "has_duplicates",
        *_MKEY,
    ).iterator(chunk_size=CHUNK):
        summary = row((at.astimezone(zone).date(), *key))
        summary[3] += 1
        summary[4] += at <= due
        summary[5] += reopens > 0
        summary[6] += not (reopens or transferred or contacted or duplicates)
        summary[_RES + bucket_of(clock.minutes_between(created, at), TIME_EDGES)] += 1

    reviews = ReplyReview.objects.filter(event__case__jurisdiction=jurisdiction).order_by()
    if start is not None:
        reviews = reviews.filter(created_at__gte=start)
    for day, department, service, channel, author, n, score in (
        reviews.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list(
            "day",
            "event__case__department_id",
            "event__case__service_id",
            "event__case__channel",
            "author_id",
        )
        .annotate(n=Count("id"), score=Sum("score"))
    ):
        summary = row((day, department, service, channel, author))
        summary[7] = n
        summary[8] = score or 0
    return rows


def _insert(
    model: type[MetricDaily] | type[TeamDaily],
    names: list[str],
    rows: list[tuple[tuple[Any, ...], list[int]]],
) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in [*names, *_MEASURES])
    marks = ", ".join(["%s"] * (len(names) + len(_MEASURES)))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - our own names
    with connection.cursor() as cursor:
        for first in range(0, len(rows), BATCH):
            cursor.executemany(
                sql, [[*key, *values] for key, values in rows[first : first + BATCH]]
            )


def _write_metrics(jurisdiction: Jurisdiction, rows: Metrics) -> int:
    """INSERT the rows, and their sums over agents (TeamDaily), in day order (see _daily),
    in batches, without model instances."""
    teams: Metrics = {}
    for (day, department, service, channel, _agent), values in rows.items():
        key = (day, department, service, channel)
        total = teams.get(key)
        if total is None:
            teams[key] = list(values)
        else:
            for index, value in enumerate(values):
                total[index] += value
    names = ["day", "jurisdiction_id", "department_id", "service_id", "channel"]
    _insert(
        MetricDaily,
        [*names, "agent_id"],
        [
            ((day, jurisdiction.pk, department, service, channel, agent), values)
            for (day, department, service, channel, agent), values in sorted(
                rows.items(), key=lambda item: item[0][0]
            )
        ],
    )
    _insert(
        TeamDaily,
        names,
        [
            ((day, jurisdiction.pk, department, service, channel), values)
            for (day, department, service, channel), values in sorted(
                teams.items(), key=lambda item: item[0][0]
            )
        ],
    )
    return len(rows)


def _backlog_age(now: dt.datetime) -> list[BacklogAge]:
    rows: dict[tuple[object, ...], BacklogAge] = {}
    for jurisdiction, created, due, *key in (
        Case.objects.filter(OPEN_ONLY)
        .order_by()
        .values_list("jurisdiction_id", "created_at", "resolution_due", *_MKEY)
        .iterator(chunk_size=CHUNK)
    ):
        group = (jurisdiction, *key)
        if group not in rows:
            department, service, channel, agent = key
            rows[group] = BacklogAge(
                taken_at=now,
                jurisdiction_id=jurisdiction,
                department_id=department,
                service_id=service,
                channel=channel,
                agent_id=agent,
                oldest=created,
            )
        summary = rows[group]
        summary.open += 1
        summary.overdue += due < now
        summary.oldest = min(summary.oldest, created)
        age_days = max(0.0, (now - created).total_seconds() / 86400)
        bucket = f"age_{bucket_of(age_days, AGE_EDGES)}"
        setattr(summary, bucket, getattr(summary, bucket) + 1)
    return list(rows.values())


def _create(
    model: type[CaseDaily] | type[BacklogSnapshot] | type[BacklogAge],
    rows: Iterable[object],
) -> None:
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
            for model in (MetricDaily, TeamDaily):
                if since is None:
                    model.objects.filter(jurisdiction=jurisdiction).delete()
                else:
                    model.objects.filter(jurisdiction=jurisdiction, day__gte=first_day).delete()
            _write_metrics(jurisdiction, _metrics(jurisdiction, start))
        backlog = _backlog(now)
        BacklogSnapshot.objects.all().delete()
        _create(BacklogSnapshot, backlog)
        BacklogAge.objects.all().delete()
        _create(BacklogAge, _backlog_age(now))
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
