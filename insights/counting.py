"""How the refresh counts cases into summary rows (read-only; insights/services.py writes).

Every measure is counted on the local day of its own event (received, first
response, resolution, coach review), per (day, department, service, channel,
agent). Rows are plain lists of ints in the order of ``MEASURES`` until they are
written (a model instance a row cost more than the counting), kept per month so
that the full refresh can write one month at a time.

Two ways to read the cases, with the same counting:

- ``tally_received_in`` (the full refresh): the cases *received* in a range,
  through the created_at index, with every measure of each case; a measure whose
  event falls in a later month waits in the tally until that month is written.
- ``tally_events_since`` (the incremental refresh): the events since an instant,
  each through its own index, as the refresh always did.

Business durations come from a ``BusinessClock`` built once per refresh, and the
first-contact test reads, per chunk, the ids with a transfer or a second message
and the ids with a duplicate merged into them (one grouped query per chunk of
cases) instead of three correlated subqueries per case.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate

from cases.models import Case, CaseEvent, EventKind
from coaching.models import ReplyReview
from insights.histograms import BusinessClock, bucket_of
from insights.metrics import COUNTS
from insights.models import TIME_EDGES, frt_fields, res_fields
from organisations.models import Jurisdiction

CHUNK = 2000
KEY = ("department_id", "service_id", "channel", "owner_id")
MEASURES = [*COUNTS, *frt_fields(), *res_fields()]
WIDTH = len(MEASURES)
_AT = {name: index for index, name in enumerate(MEASURES)}
_FRT = _AT["frt_0"]
_RES = _AT["res_0"]
_CASE_COLUMNS = (
    "id",
    "created_at",
    "first_responded_at",
    "first_response_due",
    "resolved_at",
    "resolution_due",
    "reopen_count",
    "merged_into_id",
    *KEY,
)

Month = tuple[int, int]
Rows = dict[tuple[Any, ...], list[int]]  # (day, department, service, channel, agent) -> values


def month_of(day: dt.date) -> Month:
    return day.year, day.month


def month_after(month: Month) -> Month:
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)


def first_day(month: Month) -> dt.date:
    return dt.date(month[0], month[1], 1)


class Tally:
    """Summary rows being counted, per month, until they are taken to be written.

    A measure on a day before `floor` (a month already written) is not counted:
    its month goes into `missed`, for the caller to recompute from the events.
    """

    def __init__(self, jurisdiction: Jurisdiction, clock: BusinessClock) -> None:
        self.zone = jurisdiction.zone
        self.clock = clock
        self.months: dict[Month, Rows] = {}
        self.floor: Month = (0, 0)
        self.missed: set[Month] = set()

    def row(self, day: dt.date, key: tuple[Any, ...]) -> list[int] | None:
        month = (day.year, day.month)
        if month < self.floor:
            self.missed.add(month)
            return None
        rows = self.months.get(month)
        if rows is None:
            rows = self.months[month] = {}
        full = (day, *key)
        found = rows.get(full)
        if found is None:
            found = rows[full] = [0] * WIDTH
        return found

    def take(self, month: Month) -> Rows:
        """The rows of `month`, complete: nothing before `month` is counted any more."""
        self.floor = max(self.floor, month_after(month))
        return self.months.pop(month, {})

    def pending(self) -> list[Month]:
        return sorted(self.months)

    def _where(self, instant: dt.datetime) -> tuple[dt.date, int | None]:
        """The local day of `instant` and its business time on the clock (None before it)."""
        found = self.clock.position(instant)
        if found is None:
            return instant.astimezone(self.zone).date(), None
        return found

    def _minutes(
        self, start: dt.datetime, begun: int | None, end: dt.datetime, ended: int | None
    ) -> int:
        if begun is None or ended is None:
            return self.clock.minutes_between(start, end)
        return BusinessClock.minutes(begun, ended)

    def case(
        self,
        *,
        key: tuple[Any, ...],
        created: dt.datetime,
        responded: dt.datetime | None,
        response_due: dt.datetime,
        resolved: dt.datetime | None,
        resolution_due: dt.datetime,
        reopens: int,
        merged: bool,
        touched: bool,
        received: bool = True,
    ) -> None:
        """Count one case: received (unless `received` is False), its first response
        (duplicates merged away are not counted) and its resolution."""
        day, begun = self._where(created)
        if received and (summary := self.row(day, key)) is not None:
            summary[0] += 1
        if responded is not None and not merged:
            day, at = self._where(responded)
            if (summary := self.row(day, key)) is not None:
                summary[1] += 1
                summary[2] += responded <= response_due
                minutes = self._minutes(created, begun, responded, at)
                summary[_FRT + bucket_of(minutes, TIME_EDGES)] += 1
        if resolved is not None:
            day, at = self._where(resolved)
            if (summary := self.row(day, key)) is not None:
                summary[3] += 1
                summary[4] += resolved <= resolution_due
                summary[5] += reopens > 0
                summary[6] += not (reopens or touched)
                minutes = self._minutes(created, begun, resolved, at)
                summary[_RES + bucket_of(minutes, TIME_EDGES)] += 1

    def reviews(self, reviews: QuerySet[ReplyReview]) -> None:
        """Count the coach's reviews: one grouped query."""
        for day, department, service, channel, author, n, score in (
            reviews.order_by()
            .annotate(day=TruncDate("created_at", tzinfo=self.zone))
            .values_list(
                "day",
                "event__case__department_id",
                "event__case__service_id",
                "event__case__channel",
                "author_id",
            )
            .annotate(n=Count("id"), score=Sum("score"))
        ):
            summary = self.row(day, (department, service, channel, author))
            if summary is not None:
                summary[7] = n
                summary[8] = score or 0


def _not_first_contact(resolved: Any) -> set[int]:
    """Of the cases `resolved` (a queryset of their ids, or a list of them), the ids that
    were transferred, heard from the resident again, or had a duplicate merged into
    them: one grouped query."""
    events = (
        CaseEvent.objects.filter(
            case_id__in=resolved, kind__in=[EventKind.TRANSFERRED, EventKind.RESIDENT_MESSAGE]
        )
        .order_by()
        .values_list("case_id", flat=True)
    )
    duplicated = (
        Case.objects.filter(merged_into_id__in=resolved)
        .order_by()
        .values_list("merged_into_id", flat=True)
    )
    return set(events.union(duplicated).order_by())


def _count_cases(
    tally: Tally, rows: Iterable[tuple[Any, ...]], touched: set[int], *, received: bool
) -> None:
    for pk, created, responded, response_due, resolved, due, reopens, merged, *key in rows:
        tally.case(
            key=tuple(key),
            created=created,
            responded=responded,
            response_due=response_due,
            resolved=resolved,
            resolution_due=due,
            reopens=reopens,
            merged=merged is not None,
            touched=pk in touched,
            received=received,
        )


def _not_first_contact_between(low: int, high: int) -> set[int]:
    """The ids from `low` to `high` that were transferred, heard from again or had a
    duplicate merged into them: one grouped query over two index ranges (a chunk's
    events lie together in the case_id index, so this reads a few pages, where a
    lookup per case read a few pages per case)."""
    events = (
        CaseEvent.objects.filter(
            case_id__gte=low,
            case_id__lte=high,
            kind__in=[EventKind.TRANSFERRED, EventKind.RESIDENT_MESSAGE],
        )
        .order_by()
        .values_list("case_id", flat=True)
    )
    duplicated = (
        Case.objects.filter(merged_into_id__gte=low, merged_into_id__lte=high)
        .order_by()
        .values_list("merged_into_id", flat=True)
    )
    return set(events.union(duplicated).order_by())


def tally_received_in(tally: Tally, cases: QuerySet[Case]) -> None:
    """Count every measure of `cases` (the cases received in one month): one query for
    the cases, read in id order and in chunks, and one for the first-contact ids of
    each chunk's id range."""
    rows = cases.order_by("pk").values_list(*_CASE_COLUMNS).iterator(chunk_size=CHUNK)
    for chunk in itertools.batched(rows, CHUNK):
        resolved = [row[0] for row in chunk if row[4] is not None]
        touched = _not_first_contact_between(resolved[0], resolved[-1]) if resolved else set()
        _count_cases(tally, chunk, touched, received=True)


def tally_responded_since(tally: Tally, cases: QuerySet[Case], start: dt.datetime) -> None:
    """Count the first responses and resolutions since `start` of cases received before
    it (where a full refresh resumes): one query for the cases, one for first contact."""
    # first_responded_at has no index; a case responded to since `start` was updated
    # since then, and (jurisdiction, updated_at) is indexed.
    earlier = cases.filter(created_at__lt=start).filter(
        Q(updated_at__gte=start) | Q(resolved_at__gte=start)
    )
    touched = _not_first_contact(earlier.filter(resolved_at__gte=start).values("pk"))
    rows = earlier.order_by().values_list(*_CASE_COLUMNS).iterator(chunk_size=CHUNK)
    _count_cases(tally, rows, touched, received=False)


def tally_events_since(
    tally: Tally, cases: QuerySet[Case], start: dt.datetime, end: dt.datetime | None = None
) -> None:
    """Count the measures whose events lie in [start, end) (end None: open), each read
    through its own index: received, first responses, resolutions (+ one query for
    first contact); a fixed number of queries. The coach's reviews are counted by the caller."""
    zone = tally.zone

    def before_end(queryset: QuerySet[Case], column: str) -> QuerySet[Case]:
        return queryset if end is None else queryset.filter(**{f"{column}__lt": end})

    received = before_end(cases.filter(created_at__gte=start), "created_at")
    for day, *key, n in (
        received.order_by()
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day", *KEY)
        .annotate(n=Count("id"))
    ):
        if (summary := tally.row(day, tuple(key))) is not None:
            summary[0] += n

    responded = before_end(
        cases.filter(
            first_responded_at__isnull=False,
            merged_into__isnull=True,
            updated_at__gte=start,  # see tally_responded_since
            first_responded_at__gte=start,
        ),
        "first_responded_at",
    )
    rows = responded.order_by().values_list(*_CASE_COLUMNS).iterator(chunk_size=CHUNK)
    for _pk, created, at, due, _resolved, _rdue, _reopens, _merged, *key in rows:
        tally.case(
            key=tuple(key),
            created=created,
            responded=at,
            response_due=due,
            resolved=None,
            resolution_due=due,
            reopens=0,
            merged=False,
            touched=False,
            received=False,
        )

    resolved = before_end(cases.filter(resolved_at__gte=start), "resolved_at")
    touched = _not_first_contact(resolved.order_by().values("pk"))
    rows = resolved.order_by().values_list(*_CASE_COLUMNS).iterator(chunk_size=CHUNK)
    for pk, created, _at, _due, at, due, reopens, _merged, *key in rows:
        tally.case(
            key=tuple(key),
            created=created,
            responded=None,
            response_due=due,
            resolved=at,
            resolution_due=due,
            reopens=reopens,
            merged=False,
            touched=pk in touched,
            received=False,
        )
