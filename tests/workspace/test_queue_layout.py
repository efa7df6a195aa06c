"""The queue's dates say their year, and the bulk actions sit above the list with select-all."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


def test_a_due_date_of_another_year_shows_the_year(city, login):
    with time_machine.travel(NOW, tick=False):
        old = factories.make_case(city.pothole, address="Last winter")
        soon = factories.make_case(city.pothole, address="This week")
        Case.objects.filter(pk=old.pk).update(
            resolution_due=dt.datetime(2025, 12, 9, 20, 0, tzinfo=dt.UTC)
        )
        Case.objects.filter(pk=soon.pk).update(
            resolution_due=dt.datetime(2026, 12, 3, 20, 0, tzinfo=dt.UTC)
        )

        text = login(city.alice).get(reverse("workspace:queue")).text

    # Riverton is on New York time: 20:00 UTC is 15:00 there.
    assert "Tue 9 Dec 2025 15:00" in text
    assert "Thu 3 Dec 15:00" in text
    assert "Thu 3 Dec 2026" not in text


def test_bulk_actions_come_before_the_list_and_the_pager(city, login, settings):
    settings.WORKSPACE_QUEUE_PAGE_SIZE = 1
    factories.make_case(city.pothole, address="1 Main Street")
    factories.make_case(city.pothole, address="1 Main Street")

    text = login(city.alice).get(reverse("workspace:queue")).text

    bulk = text.index('class="bulk-actions"')
    assert bulk < text.index('<table class="cases stack"') < text.index('class="pager"')
    assert 'rel="next"' in text


def test_select_all_is_offered_by_script_and_hidden_without_it(city, login):
    factories.make_case(city.pothole, address="1 Main Street")

    text = login(city.alice).get(reverse("workspace:queue")).text

    assert '<p class="field" id="select-all-row" hidden>' in text
    assert 'id="select-all"' in text
    assert "workspace/queue.js" in text


def test_spanish_dates_read_in_spanish(city, login):
    with time_machine.travel(NOW, tick=False):
        case = factories.make_case(city.pothole, address="Calle Mayor 1")
        Case.objects.filter(pk=case.pk).update(
            resolution_due=dt.datetime(2025, 12, 9, 20, 0, tzinfo=dt.UTC)
        )

        text = login(city.alice).get(reverse("workspace:queue"), HTTP_ACCEPT_LANGUAGE="es").text

    assert "mar 9 dic 2025 15:00" in text
