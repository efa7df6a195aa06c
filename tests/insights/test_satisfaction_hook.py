"""The metrics read satisfaction from surveys.selectors.metrics_satisfaction when the
surveys app is installed (docs/insights.md), and show no satisfaction columns otherwise."""

from __future__ import annotations

import datetime as dt
import sys
import types
from dataclasses import dataclass

import pytest
import time_machine
from django.apps import apps
from django.test import Client

from insights.metrics import TOTAL, MetricsQuery, metrics_for
from insights.services import insights_refresh
from tests import factories

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 18, 17, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Answer:
    mean: float | None
    percent_4_5: float | None
    response_rate: float | None
    answered: int


@pytest.fixture
def surveys(monkeypatch):
    calls = []

    def metrics_satisfaction(**kwargs):
        calls.append(kwargs)
        return {
            TOTAL: Answer(4.2, 80.0, 35.0, 10),
            **{pk: Answer(4.5, 90.0, 40.0, 6) for pk in _department_ids()},
        }

    module = types.ModuleType("surveys.selectors")
    module.metrics_satisfaction = metrics_satisfaction  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "surveys", types.ModuleType("surveys"))
    monkeypatch.setitem(sys.modules, "surveys.selectors", module)
    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name == "surveys" or real(name))
    return calls


def _department_ids():
    from organisations.models import Department

    return list(Department.objects.values_list("pk", flat=True))


def test_without_the_surveys_app_there_is_no_satisfaction(city, monkeypatch):
    from django.apps import apps

    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != "surveys" and real(name))
    factories.make_case(city.pothole, address="1 Main")
    insights_refresh(full=True)
    report = metrics_for(city.ada, MetricsQuery(start=TODAY - dt.timedelta(days=2), end=TODAY))
    assert not report.has_satisfaction
    assert report.rows[0].figures.satisfaction is None


def test_satisfaction_comes_from_the_surveys_hook_per_row_and_total(city, surveys):
    factories.make_case(city.pothole, address="1 Main")
    insights_refresh(full=True)
    query = MetricsQuery(start=TODAY - dt.timedelta(days=2), end=TODAY, channel="web")

    report = metrics_for(city.sam, query)

    assert report.has_satisfaction
    assert report.rows[0].figures.satisfaction.mean == 4.5
    assert report.total.figures.satisfaction.mean == 4.2
    assert surveys[0] == {
        "start": query.start, "end": query.end, "group": "department",
        "departments": [city.public_works.pk], "department": None, "service": None,
        "channel": "web", "agent": "",
    }  # fmt: skip
    client = Client()
    client.force_login(city.sam)
    page = client.get("/staff/insights/metrics/")
    assert "Satisfaction, mean (1–5)" in page.text
    assert "4.5" in page.text
