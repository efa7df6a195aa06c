"""Bring the dashboard's summary tables up to date from the cases.

Incremental by default: the days touched since the last refresh (by cases
received, responded to or resolved since then, and coach reviews) are recomputed
whole, in each jurisdiction's own time zone, through the created_at, updated_at
and resolved_at indexes, in one transaction. ``full=True`` recomputes every day;
run it nightly too, because a case resolved long ago and reopened since changes a
day that the incremental pass does not revisit.

The full refresh goes month by month (insights/counting.py): the cases received
in a month are read once, every measure of each is counted on its own event's
day, and each month's rows (CaseDaily, MetricDaily, TeamDaily) are deleted and
rewritten in a transaction of their own as soon as no later case can add to
them, so it never holds a transaction over all the cases and can resume from a
month (``resume=``). The backlog is a snapshot of the open cases, taken whole
each time (it reads the partial index over open cases only), in the last
transaction with the refresh time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from calendars.services import working_calendar_for
from cases.models import Case
from cases.selectors import OPEN_ONLY
from coaching.models import ReplyReview
from insights.counting import (
    CHUNK,
    MEASURES,
    Month,
    Rows,
    Tally,
    first_day,
    month_after,
    month_of,
    tally_events_since,
    tally_received_in,
    tally_responded_since,
)
from insights.histograms import BusinessClock, bucket_of
from insights.models import (
    AGE_EDGES,
    BacklogAge,
    BacklogSnapshot,
    CaseDaily,
    MetricDaily,
    RefreshState,
    TeamDaily,
)
from organisations.models import Jurisdiction

# Late commits: a case created just before the last refresh may have committed after it.
MARGIN = dt.timedelta(minutes=10)
BATCH = 5000
_MKEY = ("department_id", "service_id", "channel", "owner_id")
_SUMMARIES = (CaseDaily, MetricDaily, TeamDaily)
_CASE_DAILY = ["received", "resolved", "resolved_on_time"]
_IN_CASE_DAILY = [MEASURES.index(name) for name in _CASE_DAILY]


@dataclass(frozen=True)
class RefreshReport:
    full: bool
    since: dt.datetime | None
    daily_rows: int
    backlog_rows: int
    refreshed_at: dt.datetime


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


def _insert(
    model: type[CaseDaily] | type[MetricDaily] | type[TeamDaily],
    names: list[str],
    measures: list[str],
    rows: list[list[Any]],
) -> None:
    """Write the rows: COPY on PostgreSQL (an INSERT a row was most of a full refresh's
    time), batched executemany elsewhere."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in [*names, *measures])
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * (len(names) + len(measures)))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - our own names
    with connection.cursor() as cursor:
        for first in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[first : first + BATCH])


def _write(jurisdiction: Jurisdiction, rows: Rows) -> int:
    """INSERT the agent rows (MetricDaily), their sums over agents (TeamDaily) and the
    days with cases received or resolved (CaseDaily), in day order, in batches, without
    model instances. Day order keeps a dashboard's window of recent days in a few pages
    instead of across the whole table (at 10M cases, 27k pages for 34k rows)."""
    teams: Rows = {}
    for (day, department, service, channel, _agent), values in rows.items():
        key = (day, department, service, channel)
        total = teams.get(key)
        if total is None:
            teams[key] = list(values)
        else:
            for index, value in enumerate(values):
                total[index] += value
    pk = jurisdiction.pk
    names = ["day", "jurisdiction_id", "department_id", "service_id", "channel"]
    _insert(
        MetricDaily,
        [*names, "agent_id"],
        MEASURES,
        [
            [day, pk, department, service, channel, agent, *values]
            for (day, department, service, channel, agent), values in sorted(
                rows.items(), key=lambda item: item[0][0]
            )
        ],
    )
    ordered = sorted(teams.items(), key=lambda item: item[0][0])
    _insert(
        TeamDaily,
        names,
        MEASURES,
        [[day, pk, *key, *values] for (day, *key), values in ordered],
    )
    daily = [
        [day, pk, *key, *(values[index] for index in _IN_CASE_DAILY)]
        for (day, *key), values in ordered
        if values[0] or values[3]  # received or resolved
    ]
    _insert(CaseDaily, names, _CASE_DAILY, daily)
    return len(daily)


def _replace(
    jurisdiction: Jurisdiction, rows: Rows, since: dt.date | None, until: dt.date | None
) -> int:
    """Delete the summaries of the days in [since, until) (None: unbounded) and write `rows`."""
    for model in _SUMMARIES:
        old = model.objects.filter(jurisdiction=jurisdiction)
        if since is not None:
            old = old.filter(day__gte=since)
        if until is not None:
            old = old.filter(day__lt=until)
        old.delete()
    return _write(jurisdiction, rows)


def _derived_data_commit() -> None:
    """Commit the transaction without waiting for the disk (PostgreSQL): the summaries are
    derived data, so a crash loses at most the last months written, which the next full
    refresh writes again. A commit a month otherwise waits for a WAL flush each time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _midnight(day: dt.date, jurisdiction: Jurisdiction) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=jurisdiction.zone)


def _clock(jurisdiction: Jurisdiction, first: dt.datetime | None) -> BusinessClock:
    calendar = working_calendar_for(jurisdiction)
    if first is None:
        return BusinessClock(calendar)
    return BusinessClock(calendar, first.astimezone(jurisdiction.zone).date() - dt.timedelta(1))


def _events_of_month(jurisdiction: Jurisdiction, clock: BusinessClock, month: Month) -> Rows:
    """The rows of one month counted from its events (where a case's event lies before
    its reception, which the month-by-month pass cannot add to a written month)."""
    tally = Tally(jurisdiction, clock)
    start = _midnight(first_day(month), jurisdiction)
    end = _midnight(first_day(month_after(month)), jurisdiction)
    cases = Case.objects.filter(jurisdiction=jurisdiction)
    tally_events_since(tally, cases, start, end)
    tally.reviews(_reviews(jurisdiction).filter(created_at__gte=start, created_at__lt=end))
    return tally.take(month)


def _reviews(jurisdiction: Jurisdiction) -> QuerySet[ReplyReview]:
    return ReplyReview.objects.filter(event__case__jurisdiction=jurisdiction)


def _refresh_by_month(jurisdiction: Jurisdiction, resume: dt.date | None) -> int:
    """Rewrite the jurisdiction's daily summaries month by month, each in its own
    transaction, from the month of `resume` (None: from the first case)."""
    cases = Case.objects.filter(jurisdiction=jurisdiction).order_by()
    spans = [
        cases.aggregate(first=Min("created_at"), last=Max("created_at")),
        ReplyReview.objects.order_by().aggregate(first=Min("created_at"), last=Max("created_at")),
    ]
    firsts = [span["first"] for span in spans if span["first"] is not None]
    if not firsts:
        with transaction.atomic():
            return _replace(jurisdiction, {}, None, None)
    zone = jurisdiction.zone
    month = month_of(min(firsts).astimezone(zone).date())
    last = month_of(max(span["last"] for span in spans if span["last"]).astimezone(zone).date())
    clock = _clock(jurisdiction, min(firsts))
    tally = Tally(jurisdiction, clock)
    since: dt.date | None = None  # the first month also clears any older days
    # A measure dated before the first month (a case resolved before it was received,
    # as imports leave them) is recomputed from the events at the end, like any month
    # already written: counted now, it would wait for a month the loop never reaches.
    tally.floor = month
    if resume is not None:
        month = month_of(resume)
        since = first_day(month)
        tally.floor = month
        tally_responded_since(tally, cases, _midnight(since, jurisdiction))
        tally.missed.clear()  # measures of the months before `resume`, already written
    written = 0
    while True:
        if month > last:
            waiting = tally.pending()
            if not waiting:
                break
            month = max(month, waiting[0])  # no case received after `last`: skip empty months
        start = _midnight(first_day(month), jurisdiction)
        end = _midnight(first_day(month_after(month)), jurisdiction)
        tally_received_in(tally, cases.filter(created_at__gte=start, created_at__lt=end))
        tally.reviews(_reviews(jurisdiction).filter(created_at__gte=start, created_at__lt=end))
        with transaction.atomic():
            _derived_data_commit()
            written += _replace(jurisdiction, tally.take(month), since, end.date())
        since = end.date()
        month = month_after(month)
    with transaction.atomic():
        _replace(jurisdiction, {}, since, None)  # days after the last one with anything
    for missed in sorted(tally.missed):
        rows = _events_of_month(jurisdiction, clock, missed)
        with transaction.atomic():
            _replace(jurisdiction, rows, first_day(missed), first_day(month_after(missed)))
    return written


def _refresh_since(jurisdiction: Jurisdiction, since: dt.datetime) -> int:
    """Rewrite the daily summaries of the local days from the one holding `since`."""
    day = since.astimezone(jurisdiction.zone).date()
    start = _midnight(day, jurisdiction)
    tally = Tally(jurisdiction, _clock(jurisdiction, None))
    tally_events_since(tally, Case.objects.filter(jurisdiction=jurisdiction), start)
    tally.reviews(_reviews(jurisdiction).filter(created_at__gte=start))
    rows: Rows = {}
    for month in tally.pending():
        rows.update(tally.take(month))
    return _replace(jurisdiction, rows, day, None)


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
    model: type[BacklogSnapshot] | type[BacklogAge],
    rows: Iterable[object],
) -> None:
    model.objects.bulk_create(list(rows), batch_size=BATCH)  # type: ignore[arg-type]


def insights_refresh(
    *, full: bool = False, now: dt.datetime | None = None, resume: dt.date | None = None
) -> RefreshReport:
    """Recompute the summaries: every day (`full`; from the month of `resume` when
    given, to finish a full refresh that stopped) or those touched since the last
    refresh."""
    now = now or timezone.now()
    state = RefreshState.objects.order_by("pk").first()
    full = full or resume is not None
    since = None if full or state is None else state.refreshed_at - MARGIN
    daily_rows = 0
    jurisdictions = list(Jurisdiction.objects.order_by("pk"))
    if since is None:
        for jurisdiction in jurisdictions:
            daily_rows += _refresh_by_month(jurisdiction, resume)
    with transaction.atomic():
        if since is not None:
            for jurisdiction in jurisdictions:
                daily_rows += _refresh_since(jurisdiction, since)
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
