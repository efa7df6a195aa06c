"""The dashboard's figures, summed in SQL from the summary tables (never from the cases)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from cases.models import OPEN_STATUS_LIST, Channel, Status
from insights.models import BacklogSnapshot, CaseDaily, RefreshState
from organisations.models import Department

WEEKS = 12
TOP_SERVICES = 10


@dataclass
class VolumeRow:
    label: str
    counts: list[int]  # one per week, oldest first
    total: int


@dataclass
class SlaRow:
    department: str
    resolved: int
    on_time: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.resolved) if self.resolved else None


@dataclass
class BacklogRow:
    department: str
    by_status: list[int]  # in OPEN_STATUS_LIST order
    open: int
    overdue: int


@dataclass
class Dashboard:
    weeks: list[dt.date]  # Mondays, oldest first
    by_channel: list[VolumeRow]
    by_service: list[VolumeRow]
    sla: list[SlaRow]
    sla_weeks: int
    backlog: list[BacklogRow]
    statuses: list[str] = field(default_factory=list)  # labels, OPEN_STATUS_LIST order
    refreshed_at: dt.datetime | None = None


def may_see_dashboard(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.has_perm("cases.reassign_case"))
    )


def _department_ids(user: Any) -> list[int] | None:
    """The departments whose figures `user` sees; None for all."""
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return None
    return list(user.departments.values_list("pk", flat=True))


def _scoped(queryset: QuerySet[Any], departments: list[int] | None) -> QuerySet[Any]:
    return queryset if departments is None else queryset.filter(department_id__in=departments)


def _week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _volume(
    rows: list[dict[str, Any]], key: str, labels: dict[Any, str], weeks: list[dt.date]
) -> list[VolumeRow]:
    index = {week: i for i, week in enumerate(weeks)}
    counts: dict[Any, list[int]] = defaultdict(lambda: [0] * len(weeks))
    for row in rows:
        week = index.get(_week_of(row["day"]))
        if week is not None:
            counts[row[key]][week] += row["n"] or 0
    out = [
        VolumeRow(label=labels.get(k, str(k)), counts=c, total=sum(c)) for k, c in counts.items()
    ]
    return sorted(out, key=lambda r: (-r.total, r.label))


def dashboard_for(user: Any, *, today: dt.date | None = None, weeks: int = WEEKS) -> Dashboard:
    today = today or timezone.localdate()
    this_week = _week_of(today)
    mondays = [this_week - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    departments = _department_ids(user)
    daily = _scoped(CaseDaily.objects.filter(day__gte=mondays[0]), departments).order_by()

    by_channel = list(daily.values("day", "channel").annotate(n=Sum("received")))
    by_service = list(
        daily.values("day", "service_id", "service__name").annotate(n=Sum("received"))
    )
    service_names = {r["service_id"]: r["service__name"] for r in by_service}
    sla_weeks = 4
    sla_rows = (
        daily.filter(day__gte=this_week - dt.timedelta(weeks=sla_weeks - 1))
        .values("department__name")
        .annotate(resolved=Sum("resolved"), on_time=Sum("resolved_on_time"))
        .order_by("department__name")
    )
    backlog_rows = (
        _scoped(BacklogSnapshot.objects.all(), departments)
        .values("department__name", "status")
        .annotate(n=Sum("open"), overdue=Sum("overdue"))
        .order_by("department__name")
    )
    backlog: dict[str, BacklogRow] = {}
    for row in backlog_rows:
        name = row["department__name"]
        entry = backlog.setdefault(name, BacklogRow(name, [0] * len(OPEN_STATUS_LIST), 0, 0))
        if row["status"] in OPEN_STATUS_LIST:
            entry.by_status[OPEN_STATUS_LIST.index(row["status"])] += row["n"]
        entry.open += row["n"]
        entry.overdue += row["overdue"]
    state = RefreshState.objects.order_by("pk").first()
    return Dashboard(
        weeks=mondays,
        by_channel=_volume(
            by_channel, "channel", {v: str(label) for v, label in Channel.choices}, mondays
        ),
        by_service=_volume(by_service, "service_id", service_names, mondays)[:TOP_SERVICES],
        sla=[
            SlaRow(r["department__name"], r["resolved"] or 0, r["on_time"] or 0) for r in sla_rows
        ],
        sla_weeks=sla_weeks,
        backlog=sorted(backlog.values(), key=lambda r: (-r.open, r.department)),
        statuses=[str(Status(s).label) for s in OPEN_STATUS_LIST],
        refreshed_at=state.refreshed_at if state else None,
    )


__all__ = ["Dashboard", "Department", "dashboard_for", "may_see_dashboard"]
