"""Satisfaction surveys (surveys/) on the resident's side, and the public performance page.

The survey is answered on the tracking page (and the kiosk's prompt) or through the
emailed link, without JavaScript; one answer per case. The performance page reads
summary tables only and shows nothing personal.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Case
from cases.services import SURVEY_COMMENT_MAX
from insights.performance import WINDOWS, service_performance
from portal import selectors
from portal.forms import MessageForm, without_nul
from portal.photos import MAX_PHOTOS
from portal.views.base import (
    case_for_session,
    page_language,
    portal_url,
    portal_view,
    render_page,
)
from surveys.models import Survey
from surveys.selectors import open_survey_for_case, survey_for_case
from surveys.services import (
    SurveyClosed,
    SurveyError,
    survey_answer,
    survey_from_token,
    survey_is_open,
)
from surveys.texts import SCORES


def _survey_form(
    action: str, errors: dict[str, str] | None = None, values: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "action": action,
        "errors": errors or {},
        "values": values or {},
        "scores": SCORES,
        "max_comment": SURVEY_COMMENT_MAX,
    }


def _survey_values(request: HttpRequest) -> dict[str, Any]:
    score = request.POST.get("score", "")
    return {
        "score": int(score) if score in {"1", "2", "3", "4", "5"} else None,
        "resolved": request.POST.get("resolved", ""),
        "comment": without_nul(request.POST.get("comment", ""))[: 2 * SURVEY_COMMENT_MAX],
    }


def _answer(request: HttpRequest, survey: Survey, via: str) -> dict[str, str]:
    """Take the posted answer; the errors by field ({} when it was taken)."""
    values = _survey_values(request)
    try:
        survey_answer(
            survey=survey,
            score=request.POST.get("score", ""),
            resolved=values["resolved"],
            comment=values["comment"],
            via=via,
        )
    except SurveyClosed as exc:
        return {"closed": str(exc)}
    except SurveyError as exc:
        return {exc.field or "other": str(exc)}
    return {}


def survey_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    thanks = request.GET.get("survey") == "thanks"
    if case.is_open and not thanks:
        return {}  # surveys are of finished cases: no query on an open case's page
    survey = open_survey_for_case(case)
    if survey is not None:
        return {
            "survey_form": _survey_form(portal_url(request, "case_survey", case.tracking_number))
        }
    if thanks:
        answered = survey_for_case(case)
        if answered is not None and answered.answered_at is not None:
            return {"survey_thanks": {"reopened": answered.resolved is False}}
    return {}


@require_POST
@portal_view
def case_survey(request: HttpRequest, number: str) -> HttpResponse:
    """The survey on the tracking page (and the kiosk's prompt): no JavaScript, one answer."""
    case = case_for_session(request, number)
    survey = open_survey_for_case(case)
    page = portal_url(request, "case", case.tracking_number)
    if survey is None:
        return HttpResponseRedirect(page + "#timeline")
    errors = _answer(request, survey, "kiosk" if request.kiosk else "web")  # type: ignore[attr-defined]
    if not errors or "closed" in errors:
        return HttpResponseRedirect(page + "?survey=thanks#survey")
    view = selectors.tracking_view(case, page_language(request))
    action = portal_url(request, "case_survey", case.tracking_number)
    return render_page(
        request,
        "portal/case.html",
        {
            "track": view,
            "message_form": MessageForm(),
            "max_photos": MAX_PHOTOS,
            "survey_form": _survey_form(action, errors, _survey_values(request)),
        },
        status=400,
    )


def _survey_closed_page(request: HttpRequest, survey: Survey, message: str) -> HttpResponse:
    expired = survey.answered_at is None
    heading = _("This survey has closed") if expired else _("Thank you for your answer")
    return render_page(
        request,
        "surveys/closed.html",
        {"heading": heading, "message": message, "reopened": survey.resolved is False},
        status=410 if expired else 200,
    )


@require_http_methods(["GET", "POST"])
@portal_view
def survey_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: no sign-in, the signed token is the key; in the survey's language
    unless the resident has chosen one on the site."""
    survey = survey_from_token(token)
    if survey is None:
        raise Http404(_("This survey link is not valid. Check that you copied all of it."))
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return _survey_link(request, survey)
    with translation.override(survey.language):
        request.LANGUAGE_CODE = survey.language
        response = _survey_link(request, survey)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        return response


def _survey_link(request: HttpRequest, survey: Survey) -> HttpResponse:
    case = survey.case
    action = request.get_full_path()
    if request.method == "POST":
        errors = _answer(request, survey, "email")
        survey.refresh_from_db()
        if not errors:
            return HttpResponseRedirect(action)
        if "closed" in errors:
            return _survey_closed_page(request, survey, errors["closed"])
        return render_page(
            request,
            "surveys/page.html",
            {
                "case": case,
                "service_name": _service_name(case, page_language(request)),
                "survey_form": _survey_form(action, errors, _survey_values(request)),
            },
            status=400,
        )
    if survey.answered_at is not None:
        return _survey_closed_page(
            request, survey, _("We have your answer. It helps us do better.")
        )
    if not survey_is_open(survey):
        return _survey_closed_page(
            request,
            survey,
            _("This survey was open for %(days)d days and has closed. Thank you all the same.")
            % {"days": (survey.expires_at - survey.sent_at).days},
        )
    return render_page(
        request,
        "surveys/page.html",
        {
            "case": case,
            "service_name": _service_name(case, page_language(request)),
            "survey_form": _survey_form(action),
        },
    )


def _service_name(case: Case, language: str) -> Any:
    return selectors.service_names([case.service_id], language).get(case.service_id, "")


# --- Public performance -----------------------------------------------------------------


@require_GET
@portal_view
def performance(request: HttpRequest) -> HttpResponse:
    """Per published service: on time against the standard, typical time, volume,
    satisfaction, for the last 30 or 90 days. Summary tables only; nothing personal."""
    days = 90 if request.GET.get("days") == "90" else 30
    figures = service_performance(jurisdiction=request.jurisdiction, days=days)  # type: ignore[attr-defined]
    names = selectors.service_names(
        [s.service_id for s in figures.services], page_language(request)
    )
    rows = []
    for s in figures.services:
        sat = s.satisfaction
        rows.append(
            {
                "name": names.get(s.service_id, s.name),
                "code": s.service_code,
                "standard": selectors.format_duration(s.standard_amount, s.standard_unit)
                if s.standard_amount
                else "",
                "received": s.received,
                "resolved": s.resolved,
                "on_time": s.on_time,
                "on_time_percent": round(100 * s.on_time_rate)
                if s.on_time_rate is not None
                else None,
                "typical_days": s.typical_days,
                "answers": sat.answered,
                "mean": f"{sat.mean:.1f}" if sat.mean is not None else None,
                "share_4_5": round(100 * sat.share_4_5) if sat.share_4_5 is not None else None,
            }
        )
    return render_page(
        request,
        "portal/performance.html",
        {"figures": figures, "rows": rows, "days": days, "windows": WINDOWS},
    )
