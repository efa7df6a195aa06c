"""The coach's demo data: a few agents' practice and the scores of sent replies."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import time_machine
from django.utils import timezone

from cases.services import case_reply_publicly
from coaching.demo import coach_demo_history
from coaching.models import PracticeAttempt, ReplyReview
from tests import factories

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC), tick=False)
def test_demo_history_gives_agents_practice_and_scores_sent_replies(city):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    event = case_reply_publicly(case=case, by=city.alice, body="We will fix it shortly.")

    practice, scored = coach_demo_history(rng=random.Random(1), now=timezone.now())

    assert practice == PracticeAttempt.objects.count() > 0
    assert scored == 1
    review = ReplyReview.objects.get(event=event)
    assert review.author == city.alice
    assert "vague_timeframe" in review.codes
