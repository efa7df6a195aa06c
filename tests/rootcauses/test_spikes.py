"""Spikes: a day (and its week) far above the same weekday of the eight weeks before."""

from __future__ import annotations

import datetime as dt

from rootcauses.grid import cell_for
from rootcauses.models import Period, Spike
from rootcauses.services import root_causes_refresh
from rootcauses.statistics import spike_test
from tests.rootcauses.conftest import MAIN_STREET, RIVER_ROAD, plant

SPIKE_DAY = dt.date(2026, 3, 10)  # a Tuesday in the last four weeks
TUESDAYS = [SPIKE_DAY - dt.timedelta(weeks=k) for k in range(-1, 9)]  # 3 Mar … 17 Mar


def _flat_tuesdays(city, *, skip=None):
    for day in TUESDAYS:
        if day != skip:
            plant(city.pothole, day, 6)


def test_a_planted_day_is_a_spike_for_its_place_day_week_and_city(city):
    _flat_tuesdays(city, skip=SPIKE_DAY)
    plant(city.pothole, SPIKE_DAY, 20)
    plant(city.pothole, SPIKE_DAY, 2, where=RIVER_ROAD)  # elsewhere: ordinary

    root_causes_refresh()

    main_street = cell_for(*MAIN_STREET)
    day = Spike.objects.get(cell=main_street, period=Period.DAY)
    assert (day.start, day.end, day.observed) == (SPIKE_DAY, SPIKE_DAY, 20)
    assert day.expected == 6.0
    assert day.threshold < 20
    assert day.service_id == city.pothole.pk
    assert day.department_id == city.public_works.pk
    week = Spike.objects.get(cell=main_street, period=Period.WEEK)
    assert (week.start, week.end) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert Spike.objects.filter(cell="", period=Period.DAY, start=SPIKE_DAY).exists()
    assert not Spike.objects.filter(cell=cell_for(*RIVER_ROAD)).exists()


def test_a_flat_city_has_no_spikes(city):
    _flat_tuesdays(city)
    plant(city.pothole, SPIKE_DAY, 1, where=RIVER_ROAD)

    root_causes_refresh()

    assert Spike.objects.count() == 0


def test_a_perfectly_flat_baseline_does_not_make_a_small_bump_a_spike():
    # Mean 6, spread 0: the Poisson floor sqrt(6) keeps 10 (under 6 + 3 * 2.45) ordinary.
    assert not spike_test(10, [6] * 8).is_spike
    assert spike_test(14, [6] * 8).is_spike
    # Under five cases is never a spike, whatever the baseline.
    assert not spike_test(4, [0] * 8).is_spike


def test_the_refresh_is_idempotent_and_keeps_the_spikes_ids(city):
    _flat_tuesdays(city, skip=SPIKE_DAY)
    plant(city.pothole, SPIKE_DAY, 20)

    root_causes_refresh()
    first = set(Spike.objects.values_list("pk", flat=True))
    root_causes_refresh()

    # Still there, with the same ids, so a link to a spike keeps working.
    assert set(Spike.objects.values_list("pk", flat=True)) == first
    assert len(first) == 4


def test_a_spike_leaves_the_list_when_its_day_is_over_four_weeks_old(city, clock):
    _flat_tuesdays(city, skip=SPIKE_DAY)
    plant(city.pothole, SPIKE_DAY, 20)
    root_causes_refresh()
    assert Spike.objects.filter(period=Period.DAY).exists()

    clock.shift(dt.timedelta(weeks=5))
    root_causes_refresh()

    assert not Spike.objects.filter(start=SPIKE_DAY).exists()
