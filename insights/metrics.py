"""Team and agent metrics over any date range, read from the summary tables only.

One grouped query over ``MetricDaily`` (every measure and histogram bucket summed in
SQL) and one over ``BacklogAge`` (current backlog) answer a report, whatever the
range, grouping and filters: the number of statements does not depend on the data
(tests/insights/test_metrics_queries.py). Percentiles come from the summed
histograms (insights/histograms.py).

Satisfaction comes from the surveys app when it is installed: see ``_satisfaction``
and docs/insights.md for the contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Protocol

from django.apps import apps
from django.db.models import Min, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.translation import gettext_lazy as _

from cases.models import Channel
from insights.histograms import percentile
from insights.models import (
    AGE_EDGES,
    TIME_EDGES,
    BacklogAge,
    MetricDaily,
    RefreshState,
    TeamDaily,
    age_fields,
    frt_fields,
    res_fields,
)

GROUPS = {
    "department": _("Department"),
    "agent": _("Agent"),
    "service": _("Service"),
    "channel": _("Channel"),
    "week": _("Week"),
    "month": _("Month"),
}
TIME_GROUPS = frozenset({"week", "month"})
TOTAL = "*"  # the key of the whole range in the satisfaction hook's answer
MAX_DAYS = 3660
COUNTS = (
    "received",
    "responded",
    "responded_on_time",
    "resolved",
    "resolved_on_time",
    "reopened",
    "first_contact",
    "reviews",
    "review_score",
)
# group -> (the key's column, the columns of its label)
_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "department": ("department_id", ("department__name",)),
    "service": ("service_id", ("service__name",)),
    "channel": ("channel", ()),
    "agent": ("agent_id", ("agent__username", "agent__first_name", "agent__last_name")),
}


class MetricsError(ValueError):
    pass


class SatisfactionFigures(Protocol):
    """What surveys.selectors.satisfaction_summary returns for each group."""

    mean: float | None  # 1–5
    percent_4_5: float | None  # 0–100
    response_rate: float | None  # 0–100
    answered: int


@dataclass(frozen=True)
class MetricsQuery:
    start: dt.date
    end: dt.date  # inclusive
    group: str = "department"
    department: int | None = None
    service: int | None = None
    channel: str = ""
    agent: str = ""  # "", "none" or a user id

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise MetricsError(_("Choose how to group the figures."))
        if self.end < self.start:
            raise MetricsError(_("The end of the range is before its start."))
        if (self.end - self.start).days >= MAX_DAYS:
            raise MetricsError(_("Choose a range of at most ten years."))
        if self.agent and self.agent != "none" and not self.agent.isdigit():
            raise MetricsError(_("Choose an agent from the list."))


@dataclass
class Figures:
    received: int = 0
    responded: int = 0
    responded_on_time: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    reopened: int = 0
    first_contact: int = 0
    reviews: int = 0
    review_score: int = 0
    frt: list[int] = field(default_factory=lambda: [0] * (len(TIME_EDGES) + 1))
    res: list[int] = field(default_factory=lambda: [0] * (len(TIME_EDGES) + 1))
    backlog: int | None = None  # None: not applicable (a row per week or month)
    overdue: int = 0
    age: list[int] = field(default_factory=lambda: [0] * (len(AGE_EDGES) + 1))
    oldest: dt.datetime | None = None
    satisfaction: SatisfactionFigures | None = None

    def add(self, other: Figures) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.frt = [a + b for a, b in zip(self.frt, other.frt, strict=True)]
        self.res = [a + b for a, b in zip(self.res, other.res, strict=True)]
        if other.backlog is not None:
            self.backlog = (self.backlog or 0) + other.backlog
            self.overdue += other.overdue
            self.age = [a + b for a, b in zip(self.age, other.age, strict=True)]
            if other.oldest and (self.oldest is None or other.oldest < self.oldest):
                self.oldest = other.oldest

    @staticmethod
    def _hours(counts: list[int], q: float) -> float | None:
        minutes = percentile(counts, TIME_EDGES, q)
        return None if minutes is None else minutes / 60

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return 100 * part / whole if whole else None

    @property
    def first_response_median(self) -> float | None:
        return self._hours(self.frt, 0.5)

    @property
    def first_response_p90(self) -> float | None:
        return self._hours(self.frt, 0.9)

    @property
    def resolution_median(self) -> float | None:
        return self._hours(self.res, 0.5)

    @property
    def resolution_p90(self) -> float | None:
        return self._hours(self.res, 0.9)

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.resolved_on_time, self.resolved)

    @property
    def response_on_time_rate(self) -> float | None:
        return self._rate(self.responded_on_time, self.responded)

    @property
    def reopen_rate(self) -> float | None:
        return self._rate(self.reopened, self.resolved)

    @property
    def first_contact_rate(self) -> float | None:
        return self._rate(self.first_contact, self.resolved)

    @property
    def coach_score(self) -> float | None:
        return self.review_score / self.reviews if self.reviews else None

    @property
    def backlog_median_age(self) -> float | None:
        """Median age of the open cases in days (from the age buckets)."""
        return percentile(self.age, AGE_EDGES, 0.5) if self.backlog else None


@dataclass
class MetricRow:
    key: Any
    label: str
    figures: Figures
    start: dt.date  # the dates this row covers (a week or month is clipped to the range)
    end: dt.date
    filters: dict[str, str]  # the queue filters that select this row's cases


@dataclass
class MetricsReport:
    query: MetricsQuery
    rows: list[MetricRow]
    total: MetricRow
    refreshed_at: dt.datetime | None
    has_satisfaction: bool

    @property
    def is_time_series(self) -> bool:
        return self.query.group in TIME_GROUPS


def department_scope(user: Any) -> list[int] | None:
    """The departments whose figures `user` sees; None for all."""
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return None
    return list(user.departments.values_list("pk", flat=True))


def _filtered(
    queryset: QuerySet[Any], query: MetricsQuery, departments: list[int] | None
) -> QuerySet[Any]:
    if departments is not None:
        queryset = queryset.filter(department_id__in=departments)
    if query.department:
        queryset = queryset.filter(department_id=query.department)
    if query.service:
        queryset = queryset.filter(service_id=query.service)
    if query.channel:
        queryset = queryset.filter(channel=query.channel)
    if query.agent == "none":
        queryset = queryset.filter(agent__isnull=True)
    elif query.agent:
        queryset = queryset.filter(agent_id=int(query.agent))
    return queryset.order_by()


def _sums(names: list[str]) -> dict[str, Sum]:
    return {f"s_{name}": Sum(name) for name in names}


def _label(group: str, values: dict[str, Any]) -> str:
    if group == "channel":
        return str(Channel(values["channel"]).label) if values["channel"] in Channel.values else ""
    if group == "agent":
        if values["agent_id"] is None:
            return str(_("Nobody (unassigned)"))
        full = f"{values['agent__first_name']} {values['agent__last_name']}".strip()
        return full or values["agent__username"]
    if group in _KEYS:
        return str(values[_KEYS[group][1][0]])
    return ""


def _row_filters(query: MetricsQuery, group: str, key: Any) -> dict[str, str]:
    filters: dict[str, str] = {}
    if query.department:
        filters["department"] = str(query.department)
    if query.service:
        filters["service"] = str(query.service)
    if query.channel:
        filters["channel"] = query.channel
    if query.agent:
        filters["owner"] = query.agent
    if group == "department":
        filters["department"] = str(key)
    elif group == "service":
        filters["service"] = str(key)
    elif group == "channel":
        filters["channel"] = str(key)
    elif group == "agent":
        filters["owner"] = "none" if key is None else str(key)
    return filters


def _period(group: str, key: dt.date, query: MetricsQuery) -> tuple[dt.date, dt.date]:
    if group == "week":
        end = key + dt.timedelta(days=6)
    else:
        following = (key.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end = following - dt.timedelta(days=1)
    return max(key, query.start), min(end, query.end)


def _satisfaction(
    query: MetricsQuery, departments: list[int] | None
) -> dict[Any, SatisfactionFigures] | None:
    """Satisfaction per group from the surveys app, None when it is not installed.

    The contract (docs/insights.md): ``surveys.selectors.metrics_satisfaction(*,
    start, end, group, departments, department, service, channel, agent)`` returns a
    mapping from the same group keys as these rows (department/service/agent id,
    channel code, the Monday of a week or first day of a month; None for cases
    nobody owns; the key ``TOTAL`` for the whole range) to objects with ``mean``, ``percent_4_5``,
    ``response_rate`` and ``answered``, computed from its own summaries.
    """
    if not apps.is_installed("surveys"):
        return None
    summary = getattr(import_module("surveys.selectors"), "metrics_satisfaction", None)
    if summary is None:
        return None
    result: dict[Any, SatisfactionFigures] = summary(
        start=query.start,
        end=query.end,
        group=query.group,
        departments=departments,
        department=query.department,
        service=query.service,
        channel=query.channel,
        agent=query.agent,
    )
    return result


def metrics_for(user: Any, query: MetricsQuery) -> MetricsReport:  # noqa: C901  (one branch per filter)
    departments = department_scope(user)
    group = query.group
    # Per agent, or for one agent: the agent rows; otherwise their sums over agents.
    model = MetricDaily if group == "agent" or query.agent else TeamDaily
    daily = _filtered(
        model.objects.filter(day__gte=query.start, day__lte=query.end), query, departments
    )
    if group in TIME_GROUPS:
        trunc = TruncWeek("day") if group == "week" else TruncMonth("day")
        grouped = daily.annotate(key=trunc).values("key")
        label_columns: tuple[str, ...] = ()
    else:
        key_column, label_columns = _KEYS[group]
        grouped = daily.values(key_column, *label_columns)
    histogram_columns = [*frt_fields(), *res_fields()]
    summed = list(grouped.annotate(**_sums([*COUNTS, *histogram_columns])))

    rows: dict[Any, MetricRow] = {}
    for values in summed:
        key = values["key"] if group in TIME_GROUPS else values[_KEYS[group][0]]
        if isinstance(key, dt.datetime):
            key = key.date()
        counts: dict[str, Any] = {name: values[f"s_{name}"] or 0 for name in COUNTS}
        figures = Figures(
            **counts,
            frt=[values[f"s_{name}"] or 0 for name in frt_fields()],
            res=[values[f"s_{name}"] or 0 for name in res_fields()],
        )
        if group in TIME_GROUPS:
            start, end = _period(group, key, query)
            label = ""
        else:
            start, end = query.start, query.end
            label = _label(group, values)
        rows[key] = MetricRow(key, label, figures, start, end, _row_filters(query, group, key))

    if group not in TIME_GROUPS:
        key_column, label_columns = _KEYS[group]
        backlog = _filtered(BacklogAge.objects.all(), query, departments)
        for values in backlog.values(key_column, *label_columns).annotate(
            s_open=Sum("open"),
            s_overdue=Sum("overdue"),
            s_oldest=Min("oldest"),
            **_sums(age_fields()),
        ):
            key = values[key_column]
            if key not in rows:
                rows[key] = MetricRow(
                    key,
                    _label(group, values),
                    Figures(),
                    query.start,
                    query.end,
                    _row_filters(query, group, key),
                )
            figures = rows[key].figures
            figures.backlog = values["s_open"] or 0
            figures.overdue = values["s_overdue"] or 0
            figures.oldest = values["s_oldest"]
            figures.age = [values[f"s_{name}"] or 0 for name in age_fields()]

    if group in TIME_GROUPS:
        ordered = sorted(rows.values(), key=lambda r: r.key)
    else:
        ordered = sorted(rows.values(), key=lambda r: (-r.figures.received, r.label))
    total = MetricRow(None, str(_("All")), Figures(), query.start, query.end, {})
    total.filters = _row_filters(query, "", None)
    for row in ordered:
        total.figures.add(row.figures)
    if group in TIME_GROUPS:
        total.figures.backlog = None

    satisfaction = _satisfaction(query, departments)
    if satisfaction is not None:
        for row in ordered:
            row.figures.satisfaction = satisfaction.get(row.key)
        total.figures.satisfaction = satisfaction.get(TOTAL)
    state = RefreshState.objects.order_by("pk").first()
    return MetricsReport(
        query=query,
        rows=ordered,
        total=total,
        refreshed_at=state.refreshed_at if state else None,
        has_satisfaction=satisfaction is not None,
    )
