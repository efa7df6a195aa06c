"""The summaries are computed by a scheduled task and a command, not at page time."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.conf import settings
from django.core.management import call_command

from rootcauses.models import CasePlace, RefreshRun, Spike
from rootcauses.tasks import refresh_root_causes_task
from tests.rootcauses.conftest import NOW, plant
from tests.rootcauses.test_spikes import SPIKE_DAY, TUESDAYS


def test_the_command_rebuilds_the_summaries_and_says_what_it_found(city):
    for day in TUESDAYS:
        plant(city.pothole, day, 20 if day == SPIKE_DAY else 6)
    out = StringIO()

    call_command("refresh_root_causes", stdout=out)

    assert "spikes 4" in out.getvalue()  # the day and week, in its cell and city-wide
    assert Spike.objects.count() == 4
    assert RefreshRun.objects.get().finished_at == NOW


def test_the_task_is_scheduled_hourly_and_runs(city):
    assert settings.PERIODIC_TASKS["rootcauses.tasks.refresh_root_causes_task"] == 3600
    plant(city.pothole, dt.date(2026, 3, 17), 2)

    refresh_root_causes_task.enqueue()

    assert CasePlace.objects.count() == 2
    assert RefreshRun.objects.count() == 1


def test_a_page_does_not_compute_anything(city, client):
    plant(city.pothole, SPIKE_DAY, 20)
    client.force_login(city.sam)

    response = client.get("/staff/root-causes/")

    assert response.context["page"].paginator.count == 0
    assert CasePlace.objects.count() == 0
    assert "Not computed yet" in response.content.decode()
