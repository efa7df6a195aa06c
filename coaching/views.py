"""Staff pages of the coach: the composer panel's endpoint (draft in, panel HTML out),
training (lessons, practice scenarios, progress) and the team's figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import staff_required
from cases.selectors import cases_visible_to
from cases.tracking import normalise_tracking_number
from coaching import training as training_service
from coaching.dates import format_day
from coaching.models import PracticeAttempt, ReplyReview
from coaching.panel import panel_context
from coaching.rulebook import rulebook
from coaching.services import MAX_REASON, MAX_TEXT, coach_review
from core.params import parse_id
from notifications.selectors import unread_count


@staff_required
@require_POST
def review_panel(request: HttpRequest) -> HttpResponse:
    number = request.POST.get("case", "")
    case = (
        cases_visible_to(request.user)
        .select_related("jurisdiction", "resident", "service", "department")
        .filter(tracking_number=number)
        .first()
    )
    if case is None:
        raise Http404(_("No such case in your queue."))
    text = request.POST.get("text", "")[:MAX_TEXT]
    review = coach_review(text=text, case=case) if text.strip() else None
    context = panel_context(review, text, request.POST.get("override_reason", "")[:MAX_REASON])
    return render(request, "coaching/_panel_body.html", {"case": case, **context})


# --- Training ---------------------------------------------------------------------------

TEAM_PAGE = 25
ATTEMPTS_PAGE = 20
TEAM_WINDOW = dt.timedelta(days=30)


def _page(request: HttpRequest, **context: Any) -> dict[str, Any]:
    context.setdefault("unread_count", unread_count(request.user))
    return context


def _language(request: HttpRequest) -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "es") else "en"


@staff_required
@require_GET
def training(request: HttpRequest) -> HttpResponse:
    """Lessons, practice scenarios with the agent's best score, and their recent answers."""
    language = _language(request)
    progress = training_service.agent_progress(request.user)
    scenarios = list(training_service.scenarios_for(request.user).order_by("kind", "slug"))
    rows = [(s, progress["best"].get(s.pk)) for s in scenarios]
    attempts = Paginator(
        PracticeAttempt.objects.filter(agent_id=request.user.pk).select_related("scenario"),
        ATTEMPTS_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "coaching/training.html",
        _page(
            request,
            lessons=training_service.lessons(language),
            scenarios=rows,
            progress=progress,
            attempts=attempts,
            feedback=training_service.feedback_for(request.user)[:10],
            is_supervisor=request.user.has_perm("cases.reassign_case"),
        ),
    )


@staff_required
@require_GET
def lesson(request: HttpRequest, slug: str) -> HttpResponse:
    found = training_service.lesson_for(slug, _language(request))
    if found is None:
        raise Http404(_("No such lesson."))
    return render(request, "coaching/lesson.html", _page(request, lesson=found))


@staff_required
def practice(request: HttpRequest, slug: str) -> HttpResponse:
    """A scenario: the resident's message, the agent's answer, the coach's explanation."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    scenario = training_service.scenarios_for(request.user).filter(slug=slug).first()
    if scenario is None:
        raise Http404(_("No such scenario."))
    text, review, attempt, error, status = "", None, None, "", 200
    if request.method == "POST":
        text = request.POST.get("text", "")[: training_service.MAX_ANSWER + 1]
        try:
            attempt, review = training_service.practice_attempt_record(
                scenario=scenario, agent=request.user, text=text
            )
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
    promise = training_service.practice_promise(
        scenario, training_service.scenario_calendar(scenario)
    )
    lessons = {}
    if review is not None:
        language = _language(request)
        for finding in review.findings:
            slug_for = training_service.lesson_for_code(finding.code)
            found = training_service.lesson_for(slug_for, language) if slug_for else None
            if found is not None:
                lessons[found.slug] = found
    return render(
        request,
        "coaching/practice.html",
        _page(
            request,
            scenario=scenario,
            promise=format_day(promise, rulebook(scenario.language).dates),
            text=text,
            attempt=attempt,
            error=error,
            lessons=list(lessons.values()),
            **{**panel_context(review, text), "needs_reason": False},
        ),
        status=status,
    )


@staff_required
@require_GET
def team(request: HttpRequest) -> HttpResponse:
    """Supervisors: each agent's live and practice scores, and the commonest findings."""
    if not request.user.has_perm("cases.reassign_case"):
        raise PermissionDenied(_("Team coaching figures are for supervisors."))
    since = timezone.now() - TEAM_WINDOW
    agents = Paginator(training_service.team_stats(request.user, since=since), TEAM_PAGE)
    return render(
        request,
        "coaching/team.html",
        _page(
            request,
            agents=agents.get_page(request.GET.get("page")),
            common=training_service.common_live_findings(request.user, since=since),
            since=since,
        ),
    )


@staff_required
def quality(request: HttpRequest) -> HttpResponse:
    """Supervisors: this week's sample of sent replies per agent, to score on LEAD."""
    if not request.user.has_perm("cases.reassign_case"):
        raise PermissionDenied(_("Reviewing replies is for supervisors."))
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    today = timezone.now().date()
    try:
        week = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        week = today
    week = training_service.week_start(week)
    error = ""
    status = 200
    if request.method == "POST":
        raw = request.POST.get("reply", "")
        reply_id = parse_id(raw)
        reply = ReplyReview.objects.filter(pk=reply_id).first() if reply_id is not None else None
        try:
            if reply is None:
                raise ValidationError(_("Choose a reply to review."))
            training_service.quality_review_record(
                reply=reply,
                by=request.user,
                steps={s: s in request.POST for s in training_service.LEAD_STEPS},
                comment=request.POST.get("comment", "")[:2000],
            )
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            messages.success(request, _("Review saved; the agent sees it in Training."))
            return redirect(f"{reverse('coaching:quality')}?week={week.isoformat()}")
    return render(
        request,
        "coaching/quality.html",
        _page(
            request,
            week=week,
            previous_week=week - dt.timedelta(days=7),
            next_week=week + dt.timedelta(days=7) if week + dt.timedelta(days=7) <= today else None,
            sample=training_service.quality_sample(request.user, week=week),
            error=error,
        ),
        status=status,
    )


@staff_required
@require_POST
def scenario_from_case(request: HttpRequest) -> HttpResponse:
    """Supervisors: turn a closed case of their departments into a practice scenario."""
    number = normalise_tracking_number(request.POST.get("case", "")) or ""
    case = (
        cases_visible_to(request.user)
        .select_related("resident", "service", "department", "jurisdiction")
        .filter(tracking_number=number)
        .first()
    )
    try:
        if case is None:
            raise ValidationError(_("No such case in your queue."))
        scenario = training_service.scenario_from_case(case=case, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("coaching:team")
    messages.success(request, _("Scenario made; personal data was removed."))
    return redirect("coaching:practice", slug=scenario.slug)
