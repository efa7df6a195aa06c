"""Demo data for the coach: the built-in scenarios, a few agents' practice, and the
coach's scores on a sample of the demo's sent replies (so Training and the team page
have something to show). Called by demo.services.load_demo the first time."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from cases.models import CaseEvent, EventKind
from coaching.dates import format_day
from coaching.models import PracticeAttempt, PracticeScenario, ReplyReview
from coaching.rulebook import rulebook
from coaching.services import coach_review
from coaching.training import (
    practice_promise,
    practice_review,
    scenario_calendar,
    scenarios_seed,
)

LIVE_SAMPLE = 300
AGENTS = 4
ANSWERS = {
    "en": [
        "Hello,\n\nI'm sorry about this, and thank you for telling us. I have asked the "
        "team to sort it out by {promise}, and I will write to you when it is done.",
        "We will look into it as soon as possible.",
        "That is not our department, you will have to call them.",
        "Thank you for your message. It takes 3-5 business days.",
    ],
    "es": [
        "Hola:\n\nLo siento mucho y gracias por avisarnos. He pedido al equipo que lo "
        "resuelva antes del {promise} y le escribiré cuando esté hecho.",
        "Lo miraremos lo antes posible.",
        "No es nuestro departamento, tendrá que llamar a otro.",
    ],
}


def coach_demo_history(*, rng: random.Random, now: dt.datetime) -> tuple[int, int]:
    """(practice answers, live replies scored) added."""
    scenarios_seed()
    agents = list(
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False, departments__isnull=False)
        .distinct()
        .order_by("username")[:AGENTS]
    )
    scenarios = list(PracticeScenario.objects.filter(is_published=True).order_by("slug"))
    attempts = []
    for agent in agents:
        for scenario in rng.sample(scenarios, k=min(4, len(scenarios))):
            promise = practice_promise(scenario, scenario_calendar(scenario))
            text = rng.choice(ANSWERS[scenario.language]).replace(
                "{promise}", format_day(promise, rulebook(scenario.language).dates)
            )
            review, _promise = practice_review(scenario=scenario, text=text)
            attempts.append(
                PracticeAttempt(
                    scenario=scenario,
                    agent=agent,
                    text=text,
                    score=review.score,
                    codes=[f.code for f in review.findings],
                    created_at=now - dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 8)),
                )
            )
    PracticeAttempt.objects.bulk_create(attempts)
    replies = (
        CaseEvent.objects.filter(kind=EventKind.PUBLIC_REPLY, coach_review__isnull=True)
        .select_related("case__jurisdiction", "case__resident", "case__service", "case__department")
        .order_by("-created_at")[:LIVE_SAMPLE]
    )
    scored = []
    for event in replies:
        review = coach_review(text=event.body, case=event.case)
        scored.append(
            ReplyReview(
                event=event,
                author_id=event.actor_id,
                door="workspace",
                language=review.language,
                score=review.score,
                codes=[f.code for f in review.findings],
                created_at=event.created_at,
            )
        )
    ReplyReview.objects.bulk_create(scored)
    return len(attempts), len(scored)
