"""The supervisors' dashboard and metrics pages: parse, call the selector, render."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.views import staff_only
from insights.charts import Chart, bar_chart
from insights.forms import MetricsForm, OpenDataForm
from insights.links import queue_links
from insights.metrics import (
    GROUPS,
    MetricRow,
    MetricsError,
    MetricsReport,
    department_scope,
    metrics_for,
)
from insights.opendata import csv_chunks, open_data_cases, open_data_zip
from insights.selectors import dashboard_for, may_see_dashboard
from notifications.selectors import zone_for

CHARTS = ("volume", "on_time", "resolution", "first_response")


def _guard(request: HttpRequest) -> HttpResponse | None:
    return staff_only(
        request, may=may_see_dashboard, refusal=_("The dashboard is for supervisors.")
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    return render(
        request,
        "insights/dashboard.html",
        {"d": dashboard_for(request.user), "zone": zone_for(request.user)},
    )


def _row_label(report: MetricsReport, row: MetricRow) -> str:
    if report.query.group == "week":
        return _("Week of %(day)s") % {"day": date_format(row.key, "j M Y")}
    if report.query.group == "month":
        return date_format(row.key, "YEAR_MONTH_FORMAT")
    return row.label


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 1)} h"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 0)} %"


def _count(value: float | None) -> str:
    return "—" if value is None else number_format(value, 0)


def _charts(report: MetricsReport, labels: list[str]) -> list[Chart]:
    rows = report.rows
    return [
        bar_chart(
            slug="volume",
            title=_("Cases received and resolved"),
            series=[_("Received"), _("Resolved")],
            rows=[
                (label, [r.figures.received, r.figures.resolved])
                for label, r in zip(labels, rows, strict=True)
            ],
            fmt=_count,
        ),
        bar_chart(
            slug="on_time",
            title=_("Resolved by the promised date, and on first contact"),
            series=[_("On time"), _("First contact")],
            rows=[
                (label, [r.figures.on_time_rate, r.figures.first_contact_rate])
                for label, r in zip(labels, rows, strict=True)
            ],
            fmt=_percent,
            maximum=100,
        ),
        bar_chart(
            slug="resolution",
            title=_("Time to resolve, business hours"),
            series=[_("Median"), _("90th percentile")],
            rows=[
                (label, [r.figures.resolution_median, r.figures.resolution_p90])
                for label, r in zip(labels, rows, strict=True)
            ],
            fmt=_hours,
        ),
        bar_chart(
            slug="first_response",
            title=_("Time to first response, business hours"),
            series=[_("Median"), _("90th percentile")],
            rows=[
                (label, [r.figures.first_response_median, r.figures.first_response_p90])
                for label, r in zip(labels, rows, strict=True)
            ],
            fmt=_hours,
        ),
    ]


def _table_columns(report: MetricsReport) -> list[tuple[str, str]]:
    columns = [
        ("received", _("Received")),
        ("resolved", _("Resolved")),
        ("backlog", _("Open now")),
        ("overdue", _("Overdue now")),
        ("backlog_age", _("Median age of open cases (days)")),
        ("first_response_median", _("First response, median (business hours)")),
        ("first_response_p90", _("First response, 90th percentile (business hours)")),
        ("response_on_time", _("First response on time")),
        ("resolution_median", _("Resolution, median (business hours)")),
        ("resolution_p90", _("Resolution, 90th percentile (business hours)")),
        ("on_time", _("Resolved on time")),
        ("reopen", _("Reopened")),
        ("first_contact", _("First-contact resolution")),
        ("coach", _("Coach score of replies (0–100)")),
    ]
    if report.is_time_series:
        columns = [c for c in columns if c[0] not in ("backlog", "overdue", "backlog_age")]
    if report.has_satisfaction:
        columns += [
            ("satisfaction_mean", _("Satisfaction, mean (1–5)")),
            ("satisfaction_4_5", _("Satisfied (4–5)")),
            ("satisfaction_rate", _("Survey response rate")),
        ]
    return columns


def _cells(row: MetricRow, columns: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each figure of a row as (text, raw value, link to its cases)."""
    f = row.figures
    links = queue_links(row)
    sat = f.satisfaction
    values: dict[str, tuple[str, Any, str]] = {
        "received": (_count(f.received), f.received, links["received"]),
        "resolved": (_count(f.resolved), f.resolved, links["resolved"]),
        "backlog": (_count(f.backlog), f.backlog, links["backlog"]),
        "overdue": (
            _count(f.overdue if f.backlog is not None else None),
            f.overdue,
            links["overdue"],
        ),
        "backlog_age": (_count(f.backlog_median_age), f.backlog_median_age, links["backlog"]),
        "first_response_median": (
            _hours(f.first_response_median),
            f.first_response_median,
            links["responded"],
        ),
        "first_response_p90": (
            _hours(f.first_response_p90),
            f.first_response_p90,
            links["responded"],
        ),
        "response_on_time": (
            _percent(f.response_on_time_rate),
            f.response_on_time_rate,
            links["responded_on_time"],
        ),
        "resolution_median": (_hours(f.resolution_median), f.resolution_median, links["resolved"]),
        "resolution_p90": (_hours(f.resolution_p90), f.resolution_p90, links["resolved"]),
        "on_time": (_percent(f.on_time_rate), f.on_time_rate, links["resolved_on_time"]),
        "reopen": (_percent(f.reopen_rate), f.reopen_rate, links["reopened"]),
        "first_contact": (
            _percent(f.first_contact_rate),
            f.first_contact_rate,
            links["first_contact"],
        ),
        "coach": (_count(f.coach_score), f.coach_score, links["reviews"]),
        "satisfaction_mean": (
            "—" if sat is None or sat.mean is None else number_format(sat.mean, 1),
            sat.mean if sat else None,
            links["resolved"],
        ),
        "satisfaction_4_5": (
            _percent(sat.percent_4_5 if sat else None),
            sat.percent_4_5 if sat else None,
            links["resolved"],
        ),
        "satisfaction_rate": (
            _percent(sat.response_rate if sat else None),
            sat.response_rate if sat else None,
            links["resolved"],
        ),
    }
    cells = []
    for key, _label in columns:
        text, raw, link = values[key]
        cells.append({"key": key, "text": text, "raw": raw, "link": link if text != "—" else ""})
    return cells


def _csv(filename: str, header: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        # A spreadsheet runs a cell that starts with = + - @ as a formula.
        writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return response


def _raw(value: Any) -> Any:
    return "" if value is None else round(value, 2) if isinstance(value, float) else value


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    form = MetricsForm(request.GET or None, departments=department_scope(request.user))
    report = None
    error = ""
    if request.GET and not form.is_valid():
        error = _("Some filters were not valid; correct them and show the figures again.")
    else:
        if not request.GET:
            form = MetricsForm({}, departments=department_scope(request.user))
            form.is_valid()
        try:
            report = metrics_for(request.user, form.query())
        except MetricsError as exc:
            error = str(exc)
    context: dict[str, Any] = {"form": form, "error": error, "report": report}
    if report is not None:
        labels = [_row_label(report, row) for row in report.rows]
        columns = _table_columns(report)
        table: list[dict[str, Any]] = [
            {"label": label, "cells": _cells(row, columns)}
            for label, row in zip(labels, report.rows, strict=True)
        ]
        total: dict[str, Any] = {"label": _("All"), "cells": _cells(report.total, columns)}
        charts = _charts(report, labels)
        wanted = request.GET.get("csv", "")
        if wanted == "table":
            return _csv(
                "metrics.csv",
                [str(GROUPS[report.query.group]), *[label for _k, label in columns]],
                (
                    [line["label"], *[_raw(c["raw"]) for c in line["cells"]]]
                    for line in [*table, total]
                ),
            )
        for chart in charts:
            if wanted == chart.slug:
                return _csv(
                    f"{chart.slug}.csv",
                    [str(GROUPS[report.query.group]), *chart.series],
                    ([r.label, *[_raw(v) for v in r.values]] for r in chart.rows),
                )
        if wanted:
            error = _("There is no such download.")
        query = request.GET.copy()
        query.pop("csv", None)
        base = query.urlencode()
        context.update(
            columns=columns,
            table=table,
            total=total,
            charts=charts,
            group_label=GROUPS[report.query.group],
            csv_base=f"?{base}&" if base else "?",
            error=error,
        )
    return render(request, "insights/metrics.html", context, status=400 if error else 200)


@require_GET
def open_data(request: HttpRequest) -> HttpResponseBase:
    """The open data package for a range of received dates, as a ZIP or the CSV alone."""
    if (response := _guard(request)) is not None:
        return response
    form = OpenDataForm(request.GET or None)
    if not request.GET or not form.is_valid():
        status = 400 if request.GET else 200
        return render(request, "insights/open_data.html", {"form": form}, status=status)
    zone = zone_for(request.user)
    start = dt.datetime.combine(form.cleaned_data["start"], dt.time(), tzinfo=zone)
    end = dt.datetime.combine(
        form.cleaned_data["end"] + dt.timedelta(days=1), dt.time(), tzinfo=zone
    )
    name = f"requests-{form.cleaned_data['start']:%Y%m%d}-{form.cleaned_data['end']:%Y%m%d}"
    departments = department_scope(request.user)
    cases = open_data_cases(received_from=start, received_before=end)
    if departments is not None:
        cases = cases.filter(department_id__in=departments)
    if form.cleaned_data["format"] == "csv":
        streamed = StreamingHttpResponse(csv_chunks(cases), content_type="text/csv; charset=utf-8")
        streamed["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return streamed
    archive = open_data_zip(cases, title=_("Service requests"))
    return FileResponse(archive, as_attachment=True, filename=f"{name}.zip")
