"""Demo satisfaction surveys: answered ones (some "not resolved"), open ones, and the
services the public performance page shows.

Called once from `demo.services.load_demo` after the history replay. The history's
resolutions are back-dated, so they sent no survey (surveys.services skips a replay);
here the finished cases of the last weeks get theirs, through the same services as
a live city, and about half are answered by the channels residents use.
"""

from __future__ import annotations

import datetime as dt
import random

from cases.models import Case, Status
from catalogue.models import Service
from organisations.models import Jurisdiction
from surveys.models import Survey
from surveys.services import survey_answer, survey_send

# Shown on /performance/ (the city chooses; the others stay off).
PUBLISHED = (
    "pothole",
    "streetlight-out",
    "graffiti",
    "missed-trash",
    "recycle-bin",
    "building-inspection",
    "park-shelter",
    "water-leak",
)
DAYS = 90
ANSWER_SHARE = 0.55
SCORES = (1, 2, 3, 4, 5)
SCORE_WEIGHTS = (6, 7, 15, 37, 35)
COMMENTS = (
    "The crew came quickly and explained what they did.",
    "It took longer than promised, but it is fixed now.",
    "Muy amables, gracias.",
    "",
    "",
)
NOT_FIXED = (
    "It is still there: nothing changed on our street.",
    "They filled it, but it has opened again after the rain.",
    "Sigue igual, nadie vino.",
)


def demo_surveys(*, jurisdiction: Jurisdiction, rng: random.Random, now: dt.datetime) -> int:
    """Surveys for the cases finished in the last DAYS days; returns how many were answered."""
    Service.objects.filter(jurisdiction=jurisdiction, service_code__in=PUBLISHED).update(
        on_performance_page=True
    )
    finished = (
        Case.objects.filter(
            jurisdiction=jurisdiction,
            status__in=[Status.RESOLVED, Status.CLOSED],
            merged_into__isnull=True,
            resolved_at__gte=now - dt.timedelta(days=DAYS),
            resolved_at__lt=now - dt.timedelta(days=1),  # older than the outbox's news window
            survey__isnull=True,
        )
        .select_related("jurisdiction", "resident", "service")
        .order_by("resolved_at", "id")
    )
    answered = 0
    owed_not_fixed = False
    for case in finished:
        finished_at = case.resolved_at or now
        survey = survey_send(case=case, at=finished_at)
        if survey is None or rng.random() > ANSWER_SHARE:
            continue
        at = finished_at + dt.timedelta(hours=rng.randint(1, 96))
        if at >= min(now, survey.expires_at):
            continue  # still open: the tracking page shows it
        # One answer in eight says "not resolved" (the case reopens), so every demo has some;
        # only of a case still resolved whose timeline ends before the answer, so the
        # reopening follows the case's real last status.
        owed_not_fixed = owed_not_fixed or answered % 8 == 3
        not_fixed = owed_not_fixed and case.status == Status.RESOLVED and at > case.updated_at
        owed_not_fixed = owed_not_fixed and not not_fixed
        _answer(survey, rng, at, not_fixed=not_fixed)
        answered += 1
    return answered


def _answer(survey: Survey, rng: random.Random, at: dt.datetime, *, not_fixed: bool) -> None:
    score = rng.choice((1, 2)) if not_fixed else rng.choices(SCORES, SCORE_WEIGHTS)[0]
    via = survey.sent_by if survey.sent_by in ("sms", "whatsapp") else "email"
    if not_fixed or rng.random() < 0.2:
        via = "web"  # "resolved?" is asked on the web form, not by text
    if via in ("sms", "whatsapp"):
        survey_answer(survey=survey, score=score, via=via, at=at)
        return
    survey_answer(
        survey=survey,
        score=score,
        resolved=not not_fixed,
        comment=rng.choice(NOT_FIXED) if not_fixed else rng.choice(COMMENTS),
        via=via,
        at=at,
    )
