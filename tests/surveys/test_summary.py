"""SurveyDaily, kept incrementally, matches a direct computation over the surveys."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
import time_machine

from cases.models import Channel, Status
from cases.services import case_assign, case_change_status
from surveys.models import Survey, SurveyDaily
from surveys.selectors import satisfaction_summary
from surveys.services import survey_answer, survey_summary_rebuild
from tests import factories

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)  # a Monday, mid-morning in Riverton


@pytest.fixture
def small_city(city):
    """Thirty finished cases over ten days: two services, two agents, three channels;
    most answered, some "not resolved", some left open."""
    rng = random.Random(16)
    channels = [Channel.WEB, Channel.SMS, Channel.PHONE]
    for n in range(30):
        at = START + dt.timedelta(days=n % 10, hours=n % 3)
        service, owner = (city.pothole, city.alice) if n % 3 else (city.shelter, city.bob)
        with time_machine.travel(at, tick=False):
            resident = factories.make_resident(email=f"r{n}@example.org")
            case = factories.make_case(
                service, resident=resident, address="1 Elm", channel=channels[n % 3]
            )
            if n % 5:
                case_assign(case=case, owner=owner, by=owner)
            case_change_status(case=case, status=Status.RESOLVED, by=None)
        if n % 4 == 0:
            continue  # never answered
        survey = Survey.objects.get(case=case)
        with time_machine.travel(at + dt.timedelta(hours=5), tick=False):
            survey_answer(
                survey=survey,
                score=rng.randint(1, 5),
                resolved=rng.random() > 0.2,
                via="email",
            )
    return city


def direct(jurisdiction, start, end, key):
    groups = defaultdict(lambda: {"sent": 0, "answered": 0, "sum": 0, "top": 0, "no": 0})
    for s in Survey.objects.filter(jurisdiction=jurisdiction, day__gte=start, day__lte=end):
        g = groups[key(s)]
        g["sent"] += 1
        if s.answered_at:
            g["answered"] += 1
            g["sum"] += s.score
            g["top"] += s.score >= 4
            g["no"] += s.resolved is False
    return dict(groups)


def as_dict(rows):
    return {
        r.key: {
            "sent": r.sent,
            "answered": r.answered,
            "sum": r.score_sum,
            "top": r.count_4_5,
            "no": r.not_resolved,
        }
        for r in rows
    }


RANGES = [
    (dt.date(2026, 11, 2), dt.date(2026, 11, 11)),
    (dt.date(2026, 11, 3), dt.date(2026, 11, 5)),
    (dt.date(2026, 11, 9), dt.date(2026, 11, 9)),
    (dt.date(2026, 10, 1), dt.date(2026, 10, 31)),  # nothing
]
GROUPS = {
    "department": lambda s: s.department_id,
    "service": lambda s: s.service_id,
    "agent": lambda s: s.agent_id,
    "channel": lambda s: s.channel,
    "day": lambda s: s.day,
}


def test_every_figure_in_every_range_matches_the_surveys(small_city):
    jurisdiction = small_city.jurisdiction
    for start, end in RANGES:
        for group_by, key in GROUPS.items():
            summary = satisfaction_summary(
                jurisdiction=jurisdiction, start=start, end=end, group_by=group_by
            )
            assert as_dict(summary.rows) == direct(jurisdiction, start, end, key), (group_by, start)

        total = summary.total
        surveys = list(
            Survey.objects.filter(jurisdiction=jurisdiction, day__gte=start, day__lte=end)
        )
        answers = [s.score for s in surveys if s.answered_at]
        if not surveys:
            assert (total.mean, total.share_4_5, total.response_rate) == (None, None, None)
            continue
        assert total.sent == len(surveys)
        assert total.response_rate == round(len(answers) / len(surveys), 4)
        assert total.mean == round(sum(answers) / len(answers), 2)
        assert total.share_4_5 == round(sum(a >= 4 for a in answers) / len(answers), 4)
        assert total.not_resolved == sum(s.resolved is False for s in surveys)


def test_narrowing_to_departments_and_services(small_city):
    start, end = RANGES[0]
    jurisdiction = small_city.jurisdiction
    parks = satisfaction_summary(
        jurisdiction=jurisdiction, start=start, end=end, departments=[small_city.parks.pk]
    ).total
    shelter = satisfaction_summary(
        jurisdiction=jurisdiction, start=start, end=end, services=[small_city.shelter.pk]
    ).total

    assert parks == shelter
    assert parks.sent == Survey.objects.filter(department=small_city.parks).count() == 10


def test_the_surveys_day_is_the_local_day(city):
    late = dt.datetime(2026, 11, 3, 3, 30, tzinfo=dt.UTC)  # 22:30 on the 2nd in Riverton
    with time_machine.travel(late, tick=False):
        case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
        case_change_status(case=case, status=Status.RESOLVED, by=city.alice)

    assert Survey.objects.get(case=case).day == dt.date(2026, 11, 2)


def test_a_rebuild_gives_the_same_table(small_city):
    before = sorted(
        SurveyDaily.objects.values_list(
            "key", "sent", "answered", "score_sum", "count_4_5", "not_resolved"
        )
    )

    survey_summary_rebuild()

    after = sorted(
        SurveyDaily.objects.values_list(
            "key", "sent", "answered", "score_sum", "count_4_5", "not_resolved"
        )
    )
    assert after == before
