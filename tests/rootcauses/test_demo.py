"""The demo city's root causes: the planted spike, hot spot and drifting inspection step."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.rootcauses import PLANT_WITH_HISTORY, plant_root_causes
from rootcauses.models import DriftProposal, HotSpot, ProposalStatus, Spike

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_spike_a_hot_spot_and_a_drifting_inspection_step():
    call_command("load_demo", "--residents", "10", "--cases", "0", stdout=StringIO())

    plant_root_causes(rng=random.Random(311), now=timezone.now(), history_cases=PLANT_WITH_HISTORY)

    spike = Spike.objects.filter(service__service_code="pothole", period="day").exclude(cell="")
    assert spike.get().observed == 14
    hot = HotSpot.objects.get(service__service_code="streetlight-out")
    assert (hot.cases, hot.repeats_after_resolved) == (7, 6)
    proposal = DriftProposal.objects.get(service__service_code="building-inspection")
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.step_label == "The inspector visits"
    assert (proposal.documented_amount, proposal.months) == (2, 4)
    assert proposal.proposed_amount >= 4
    assert proposal.department.slug == "building"  # dmitri, Building's department admin
