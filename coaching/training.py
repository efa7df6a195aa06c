"""Training: lessons from the standards, practice scenarios scored by the same coach,
each agent's progress, and the team's figures for supervisors.

Writes: `practice_attempt_record`, `scenario_from_case`, `quality_review_record`.
Reads: `lessons`, `agent_progress`, `team_stats`, `common_live_findings`,
`quality_sample`, `feedback_for`.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import (
    Avg,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.arithmetic import WorkingCalendar
from calendars.services import working_calendar_for
from cases.models import Case
from coaching.engine import Review, review_draft
from coaching.models import (
    PracticeAttempt,
    PracticeScenario,
    QualityReview,
    ReplyReview,
    ScenarioKind,
)
from coaching.rulebook import STANDARDS_DIR
from coaching.services import jargon_for

MAX_ANSWER = 5_000
SAMPLE_FOR_COMMON_FINDINGS = 5_000


@dataclass(frozen=True)
class Lesson:
    slug: str
    codes: tuple[str, ...]
    source: str
    title: str
    rule: str
    bad: str
    good: str


@lru_cache(maxsize=1)
def _lesson_rows() -> tuple[dict[str, Any], ...]:
    data = tomllib.loads((STANDARDS_DIR / "lessons.toml").read_text(encoding="utf-8"))
    return tuple(data["lesson"])


def lessons(language: str) -> list[Lesson]:
    """Every lesson in `language` (English where a lesson has no such version)."""
    found = []
    for row in _lesson_rows():
        text = row.get(language) or row["en"]
        found.append(
            Lesson(
                slug=row["slug"],
                codes=tuple(row["codes"]),
                source=row["source"],
                title=text["title"],
                rule=text["rule"],
                bad=text["bad"],
                good=text["good"],
            )
        )
    return found


def lesson_for(slug: str, language: str) -> Lesson | None:
    return next((lesson for lesson in lessons(language) if lesson.slug == slug), None)


def lesson_for_code(code: str) -> str:
    """The slug of the first lesson that teaches a finding's code ("" if none)."""
    return next((row["slug"] for row in _lesson_rows() if code in row["codes"]), "")


# --- Practice --------------------------------------------------------------------------

SCENARIO_FIELDS = (
    "language",
    "kind",
    "lesson",
    "promise_working_days",
    "title",
    "situation",
    "resident_message",
)


def scenarios_seed() -> int:
    """Create or refresh the built-in scenarios (coaching/standards/scenarios.toml).
    Migration 0003 does the same at install; this is for demo data and tests."""
    rows = tomllib.loads((STANDARDS_DIR / "scenarios.toml").read_text(encoding="utf-8"))
    for row in rows["scenario"]:
        PracticeScenario.objects.update_or_create(
            slug=row["slug"], defaults={field: row[field] for field in SCENARIO_FIELDS}
        )
    return len(rows["scenario"])


def scenario_calendar(scenario: PracticeScenario) -> WorkingCalendar:
    if scenario.jurisdiction_id and scenario.jurisdiction:
        return working_calendar_for(scenario.jurisdiction)
    return WorkingCalendar(zone=ZoneInfo("UTC"))


def practice_promise(scenario: PracticeScenario, calendar: WorkingCalendar) -> dt.date:
    """The scenario's promised day: its number of working days after today."""
    today = timezone.now().astimezone(calendar.zone).date()
    days = calendar.working_days_from(today + dt.timedelta(days=1))
    day = today
    for _n in range(max(1, scenario.promise_working_days)):
        day = next(days)
    return day


def practice_review(*, scenario: PracticeScenario, text: str) -> tuple[Review, dt.date]:
    """The coach's review of an answer, against the scenario's promised day."""
    calendar = scenario_calendar(scenario)
    promise = practice_promise(scenario, calendar)
    review = review_draft(
        text=text,
        language=scenario.language,
        promise=promise,
        calendar=calendar,
        jargon=jargon_for(scenario.jurisdiction, scenario.language),
        today=timezone.now().astimezone(calendar.zone).date(),
    )
    return review, promise


def practice_attempt_record(
    *, scenario: PracticeScenario, agent: Any, text: str
) -> tuple[PracticeAttempt, Review]:
    """Score and keep one practice answer."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your reply to the resident first.")})
    if len(text) > MAX_ANSWER:
        raise ValidationError(
            {"text": _("Keep the reply under %(n)s characters.") % {"n": MAX_ANSWER}}
        )
    review, _promise = practice_review(scenario=scenario, text=text)
    attempt = PracticeAttempt.objects.create(
        scenario=scenario,
        agent=agent,
        text=text,
        score=review.score,
        codes=[f.code for f in review.findings],
        created_at=timezone.now(),
    )
    return attempt, review


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_NUMBERED_STREET = re.compile(r"\b\d+[A-Za-z]?\s+(?:[A-Z][\w'-]*\s?){1,3}\b")


def _scrub(text: str, case: Case) -> str:
    """The resident's words without their name, contacts, address or tracking number."""
    text = _EMAIL.sub(_("[email]"), text)
    text = _PHONE.sub(_("[phone]"), text)
    if case.address:
        text = text.replace(case.address, _("[address]"))
    text = _NUMBERED_STREET.sub(_("[address]"), text)
    text = text.replace(case.tracking_number, _("[number]"))
    name = case.resident.full_name if case.resident else ""
    for word in sorted(set(name.split()), key=len, reverse=True):
        if len(word) > 1:
            text = re.sub(rf"\b{re.escape(word)}\b", _("[name]"), text)
    return text


def scenario_from_case(*, case: Case, by: Any) -> PracticeScenario:
    """A practice scenario from a closed case, with personal data removed."""
    if not by.has_perm("cases.reassign_case"):
        raise ValidationError(_("Only supervisors make scenarios from cases."))
    if case.status not in ("resolved", "closed"):
        raise ValidationError(_("Only a resolved or closed case can become a scenario."))
    language = case.resident.preferred_language if case.resident else "en"
    message = _scrub(case.description or "", case).strip()
    if not message:
        raise ValidationError(_("This case has no resident's message to practise on."))
    number = PracticeScenario.objects.filter(source_case=case).count() + 1
    return PracticeScenario.objects.create(
        slug=f"case-{case.pk}-{number}",
        language=language if language in ("en", "es") else "en",
        kind=ScenarioKind.FROM_CASE,
        title=_("From a closed %(service)s case") % {"service": case.service.name},
        resident_message=message[:MAX_ANSWER],
        situation=_("Service: %(service)s. Department: %(department)s.")
        % {"service": case.service.name, "department": case.department.name},
        jurisdiction=case.jurisdiction,
        source_case=case,
    )


# --- Progress and team figures ----------------------------------------------------------


def scenarios_for(user: Any) -> QuerySet[PracticeScenario]:
    """Published scenarios: the shared ones and those of the agent's jurisdictions."""
    jurisdictions = user.departments.values_list("jurisdiction_id", flat=True)
    return PracticeScenario.objects.filter(is_published=True).filter(
        Q(jurisdiction__isnull=True) | Q(jurisdiction_id__in=jurisdictions)
    )


def agent_progress(agent: Any) -> dict[str, Any]:
    """An agent's practice: how many, the average, and the best score per scenario."""
    attempts = PracticeAttempt.objects.filter(agent=agent)
    totals = attempts.aggregate(count=Count("id"), average=Avg("score"))
    best = {
        row["scenario_id"]: row
        for row in attempts.values("scenario_id").annotate(
            best=Coalesce(Max("score"), 0), tries=Count("id")
        )
    }
    return {"count": totals["count"], "average": totals["average"], "best": best}


def _agents_for(user: Any) -> QuerySet[Any]:
    users = get_user_model().objects.filter(is_active=True)
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return users.filter(Q(departments__isnull=False) | Q(practice_attempts__isnull=False))
    return users.filter(departments__in=user.departments.all())


def team_stats(user: Any, *, since: dt.datetime) -> QuerySet[Any]:
    """Per agent the supervisor may see: live replies since `since` (count, average score,
    warnings overridden) and practice (count, average). One query, paged by the caller."""
    live = ReplyReview.objects.filter(author=OuterRef("pk"), created_at__gte=since)
    practice = PracticeAttempt.objects.filter(agent=OuterRef("pk"), created_at__gte=since)

    def scalar(qs: QuerySet[Any], expression: Any) -> Any:
        return Subquery(
            qs.order_by()
            .values("author" if qs.model is ReplyReview else "agent")
            .annotate(v=expression)
            .values("v")[:1]
        )

    return (
        _agents_for(user)
        .distinct()
        .annotate(
            live_count=Coalesce(scalar(live, Count("id")), Value(0), output_field=IntegerField()),
            live_average=scalar(live, Avg("score")),
            overrides=Coalesce(
                scalar(live.exclude(override_reason=""), Count("id")),
                Value(0),
                output_field=IntegerField(),
            ),
            practice_count=Coalesce(
                scalar(practice, Count("id")), Value(0), output_field=IntegerField()
            ),
            practice_average=scalar(practice, Avg("score")),
        )
        .order_by("username", "id")
    )


def common_live_findings(user: Any, *, since: dt.datetime, limit: int = 6) -> list[tuple[str, int]]:
    """The findings most often sent to residents (what to train next), from the newest
    replies of the agents the supervisor sees."""
    agents = _agents_for(user).values("pk")
    rows = (
        ReplyReview.objects.filter(created_at__gte=since, author__in=agents)
        .order_by("-created_at")
        .values_list("codes", flat=True)[:SAMPLE_FOR_COMMON_FINDINGS]
    )
    counts: Counter[str] = Counter()
    for codes in rows:
        counts.update(set(codes or []))
    return counts.most_common(limit)


# --- Quality review by supervisors -----------------------------------------------------

QUALITY_PER_AGENT = 3
QUALITY_SCAN = 2_000
LEAD_STEPS = ("listened", "empathized", "accepted_responsibility", "delivered")


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def quality_sample(user: Any, *, week: dt.date, per_agent: int = QUALITY_PER_AGENT) -> list[Any]:
    """Up to `per_agent` sent replies per agent in the week starting `week` (Monday),
    not yet reviewed, oldest first; for the agents the supervisor sees."""
    start = dt.datetime.combine(week, dt.time(0), tzinfo=dt.UTC)
    end = start + dt.timedelta(days=7)
    rows = (
        ReplyReview.objects.filter(
            author__in=_agents_for(user).values("pk"),
            created_at__gte=start,
            created_at__lt=end,
            quality__isnull=True,
        )
        .select_related("author", "event", "event__case")
        .order_by("author_id", "created_at", "id")[:QUALITY_SCAN]
    )
    taken: Counter[int | None] = Counter()
    sample = []
    for row in rows:
        if taken[row.author_id] < per_agent:
            taken[row.author_id] += 1
            sample.append(row)
    return sample


def quality_review_record(
    *, reply: ReplyReview, by: Any, steps: dict[str, bool], comment: str = ""
) -> QualityReview:
    """A supervisor scores a sent reply on the LEAD steps; the agent sees the comment."""
    if not by.has_perm("cases.reassign_case"):
        raise ValidationError(_("Only supervisors review replies."))
    if reply.author_id is None or not _agents_for(by).filter(pk=reply.author_id).exists():
        raise ValidationError(_("This reply is not by an agent in your departments."))
    if QualityReview.objects.filter(reply=reply).exists():
        raise ValidationError(_("This reply has already been reviewed."))
    return QualityReview.objects.create(
        reply=reply,
        supervisor=by,
        comment=(comment or "").strip()[:2000],
        created_at=timezone.now(),
        **{step: bool(steps.get(step)) for step in LEAD_STEPS},
    )


def feedback_for(agent: Any) -> QuerySet[QualityReview]:
    """The supervisors' reviews of an agent's replies, newest first."""
    return QualityReview.objects.filter(reply__author=agent).select_related(
        "reply__event__case", "supervisor"
    )
