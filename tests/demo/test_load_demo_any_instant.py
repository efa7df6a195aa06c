"""The full `load_demo` (plan, then replay through the case services) at the two
instants a newcomer hit first: 00:30 and 07:40 in Riverton (America/New_York).
The other awkward instants are in test_demo_any_instant.py."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, Channel, Status
from tests.demo.checks import timeline_problems
from tests.demo.instants import INSTANTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "instant",
    [INSTANTS["just after local midnight"], INSTANTS["before opening hours"]],
    ids=["00:30 local", "07:40 local"],
)
def test_load_demo_loads_at(instant: dt.datetime) -> None:
    with time_machine.travel(instant, tick=False):
        call_command(
            "load_demo", "--residents", "30", "--cases", "400", "--seed", "311", stdout=StringIO()
        )
        now = timezone.now()
    # The history asked for; the BRE programme's follow-ups are filed beside it (bre.demo).
    assert Case.objects.exclude(channel=Channel.BRE).count() == 400
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert timeline_problems(Case.objects.all(), now=now) == []
