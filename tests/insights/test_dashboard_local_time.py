"""The dashboard's "as of" time is in the jurisdiction's time zone, as the case pages are."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from insights.services import insights_refresh

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 12, 54, tzinfo=dt.UTC)  # 07:54 in Riverton (EST)


def test_figures_as_of_shows_local_time_with_its_zone(city, client):
    with time_machine.travel(NOW, tick=False):
        insights_refresh(full=True, now=NOW)
        client.force_login(city.sam)
        text = client.get("/staff/insights/").text

    as_of = text.split('id="refreshed-at">')[1].split("</span>")[0]
    assert "1 Dec 2026 07:54 (EST)" in as_of
    assert "12:54" not in as_of
