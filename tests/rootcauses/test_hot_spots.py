"""Hot spots: many cases of one service in one cell, and reports again after "resolved"."""

from __future__ import annotations

import datetime as dt

from cases.models import Status
from cases.services import case_change_status
from rootcauses.grid import area_of, cell_for
from rootcauses.models import CasePlace, HotSpot
from rootcauses.services import root_causes_refresh
from tests.rootcauses.conftest import MAIN_STREET, RIVER_ROAD, local, offset, plant

DAY = dt.date(2026, 3, 2)


def test_many_cases_in_one_cell_are_a_hot_spot(city):
    for n in range(6):
        plant(city.pothole, DAY + dt.timedelta(days=n * 3), 1)  # Main Street, spread over weeks
    for n in range(1, 7):
        plant(city.pothole, DAY, 1, where=offset(RIVER_ROAD, n))  # six different cells

    root_causes_refresh()

    hot = HotSpot.objects.get()
    assert (hot.cell, hot.cases, hot.service_id) == (cell_for(*MAIN_STREET), 6, city.pothole.pk)
    area = area_of(hot.cell)
    assert area.south <= float(MAIN_STREET[0]) < area.north
    assert area.west <= float(MAIN_STREET[1]) < area.east


def test_a_flat_city_has_no_hot_spots(city):
    for n in range(12):
        plant(city.pothole, DAY + dt.timedelta(days=n), 1, where=offset(MAIN_STREET, n))

    root_causes_refresh()

    assert HotSpot.objects.count() == 0
    assert CasePlace.objects.count() == 12


def test_reports_of_the_same_place_after_resolved_are_counted(city):
    (first,) = plant(city.pothole, DAY, 1)
    case_change_status(case=first, status=Status.RESOLVED, by=None, at=local(DAY, 15))
    plant(city.pothole, DAY + dt.timedelta(days=7), 1)
    plant(city.pothole, DAY + dt.timedelta(days=9), 1)

    root_causes_refresh()

    hot = HotSpot.objects.get()
    assert (hot.cases, hot.repeats_after_resolved) == (3, 2)


def test_cases_without_coordinates_fall_in_their_zip_area(city):
    for _n in range(5):
        plant(city.pothole, DAY, 1, where=None, zipcode="10001")

    root_causes_refresh()

    assert HotSpot.objects.get().cell == "zip:10001"
    assert area_of("zip:10001").zipcode == "10001"
