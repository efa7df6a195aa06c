"""Reads of surveys: the open one of a case or a phone, and the satisfaction figures.

The figures are summed in SQL from `SurveyDaily` (never from the surveys or the
cases), so a dashboard or the public performance page costs one query per table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from cases.models import Case, Channel
from organisations.models import Jurisdiction
from surveys.models import Survey, SurveyDaily

GROUPS = {
    None: (),
    "department": ("department_id", "department__name"),
    "service": ("service_id", "service__name"),
    "agent": ("agent_id", "agent__username", "agent__first_name", "agent__last_name"),
    "channel": ("channel",),
    "day": ("day",),
}


def open_survey_for_case(case: Case, *, at: dt.datetime | None = None) -> Survey | None:
    """The case's survey while it can still be answered (not answered, not expired)."""
    at = at or timezone.now()
    return Survey.objects.filter(case_id=case.pk, answered_at=None, expires_at__gt=at).first()


def survey_for_case(case: Case) -> Survey | None:
    return Survey.objects.filter(case_id=case.pk).first()


def open_text_survey(*, phone: str, at: dt.datetime | None = None) -> Survey | None:
    """The newest open survey sent by text (SMS or WhatsApp) to this phone number."""
    if not phone:
        return None
    at = at or timezone.now()
    return (
        Survey.objects.filter(
            case__resident__phone=phone,
            answered_at=None,
            expires_at__gt=at,
            sent_by__in=("sms", "whatsapp"),
        )
        .select_related("case__resident")
        .order_by("-sent_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class SatisfactionRow:
    key: Any  # the group's id (department, service or agent id; channel; day); None: all
    label: str
    sent: int
    answered: int
    score_sum: int
    count_4_5: int
    not_resolved: int

    @property
    def mean(self) -> float | None:
        """Mean score of the answers, 1–5 (None with no answers)."""
        return round(self.score_sum / self.answered, 2) if self.answered else None

    @property
    def share_4_5(self) -> float | None:
        """Share of answers scoring 4 or 5, 0–1."""
        return round(self.count_4_5 / self.answered, 4) if self.answered else None

    @property
    def response_rate(self) -> float | None:
        """Answered / sent, 0–1, over surveys sent in the range."""
        return round(self.answered / self.sent, 4) if self.sent else None

    @property
    def not_resolved_share(self) -> float | None:
        return round(self.not_resolved / self.answered, 4) if self.answered else None


@dataclass(frozen=True)
class SatisfactionSummary:
    total: SatisfactionRow
    rows: list[SatisfactionRow] = field(default_factory=list)


def _label(group_by: str | None, values: dict[str, Any]) -> str:
    if group_by == "department":
        return str(values["department__name"])
    if group_by == "service":
        return str(values["service__name"])
    if group_by == "agent":
        if values["agent_id"] is None:
            return "—"
        full = f"{values['agent__first_name']} {values['agent__last_name']}".strip()
        return full or str(values["agent__username"])
    if group_by == "channel":
        return str(Channel(values["channel"]).label) if values["channel"] in Channel.values else ""
    if group_by == "day":
        return str(values["day"].isoformat())
    return ""


def _row(key: Any, label: str, values: dict[str, Any]) -> SatisfactionRow:
    return SatisfactionRow(
        key=key,
        label=label,
        sent=values["sent"] or 0,
        answered=values["answered"] or 0,
        score_sum=values["score_sum"] or 0,
        count_4_5=values["count_4_5"] or 0,
        not_resolved=values["not_resolved"] or 0,
    )


_SUMS = {
    "sent": Sum("sent"),
    "answered": Sum("answered"),
    "score_sum": Sum("score_sum"),
    "count_4_5": Sum("count_4_5"),
    "not_resolved": Sum("not_resolved"),
}


def satisfaction_summary(
    *,
    jurisdiction: Jurisdiction | int,
    start: dt.date,
    end: dt.date,
    group_by: str | None = None,
    departments: list[int] | None = None,
    services: list[int] | None = None,
) -> SatisfactionSummary:
    """Mean score, share of 4–5 and response rate of the surveys sent from `start` to
    `end` (local days, both included), in total and per `group_by` ("department",
    "service", "agent", "channel", "day" or None). `departments`/`services` narrow
    it (None: all). Two queries.
    """
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(g for g in GROUPS if g)} or None")
    jurisdiction_id = jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk
    rows = SurveyDaily.objects.filter(
        jurisdiction_id=jurisdiction_id, day__gte=start, day__lte=end
    ).order_by()
    if departments is not None:
        rows = rows.filter(department_id__in=departments)
    if services is not None:
        rows = rows.filter(service_id__in=services)
    total = _row(None, "", rows.aggregate(**_SUMS))
    grouped: list[SatisfactionRow] = []
    if group_by is not None:
        fields = GROUPS[group_by]
        for values in rows.values(*fields).annotate(**_SUMS).order_by(fields[0]):
            grouped.append(_row(values[fields[0]], _label(group_by, values), values))
        if group_by != "day":
            grouped.sort(key=lambda r: (-r.answered, r.label))
    return SatisfactionSummary(total=total, rows=grouped)


@dataclass(frozen=True)
class MetricsSatisfaction:
    """One group's figures in the shape insights/metrics.py reads (percentages 0–100)."""

    mean: float | None
    percent_4_5: float | None
    response_rate: float | None
    answered: int


def _as_metrics(row: SatisfactionRow) -> MetricsSatisfaction:
    return MetricsSatisfaction(
        mean=row.mean,
        percent_4_5=None if row.share_4_5 is None else round(100 * row.share_4_5, 1),
        response_rate=None if row.response_rate is None else round(100 * row.response_rate, 1),
        answered=row.answered,
    )


_METRICS_KEYS = {
    "department": "department_id",
    "service": "service_id",
    "agent": "agent_id",
    "channel": "channel",
}


def _metrics_rows(
    start: dt.date,
    end: dt.date,
    departments: list[int] | None,
    department: int | None,
    service: int | None,
    channel: str,
    agent: str,
) -> QuerySet[SurveyDaily]:
    rows = SurveyDaily.objects.filter(day__gte=start, day__lte=end).order_by()
    filters: dict[str, Any] = {}
    if departments is not None:
        filters["department_id__in"] = departments
    if department is not None:
        filters["department_id"] = department
    if service is not None:
        filters["service_id"] = service
    if channel:
        filters["channel"] = channel
    if agent == "none":
        filters["agent__isnull"] = True
    elif agent.isdigit():
        filters["agent_id"] = int(agent)
    return rows.filter(**filters)


def metrics_satisfaction(
    *,
    start: dt.date,
    end: dt.date,
    group: str,
    departments: list[int] | None,
    department: int | None = None,
    service: int | None = None,
    channel: str = "",
    agent: str = "",
) -> dict[Any, MetricsSatisfaction]:
    """The satisfaction hook of the team and agent metrics (docs/insights.md): per group
    key (department, service or agent id, channel, the Monday of a week or the first of a
    month; None for cases nobody owns) and "*" for the whole range. From SurveyDaily."""
    rows = _metrics_rows(start, end, departments, department, service, channel, agent)
    result: dict[Any, MetricsSatisfaction] = {
        "*": _as_metrics(_row(None, "", rows.aggregate(**_SUMS)))
    }
    if group in _METRICS_KEYS:
        field_name = _METRICS_KEYS[group]
        for values in rows.values(field_name).annotate(**_SUMS):
            result[values[field_name]] = _as_metrics(_row(values[field_name], "", values))
    elif group in {"week", "month"}:
        buckets: dict[dt.date, dict[str, int]] = {}
        daily: list[dict[str, Any]] = list(rows.values("day").annotate(**_SUMS))  # type: ignore[arg-type]
        for values in daily:
            day: dt.date = values["day"]
            key = day - dt.timedelta(days=day.weekday()) if group == "week" else day.replace(day=1)
            bucket = buckets.setdefault(key, dict.fromkeys(_SUMS, 0))
            for name in _SUMS:
                bucket[name] += values[name] or 0
        for key, sums in buckets.items():
            result[key] = _as_metrics(_row(key, "", sums))
    return result
