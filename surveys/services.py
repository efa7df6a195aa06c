"""Satisfaction surveys: sent when a case is finished, answered once, summed as they go.

- `survey_send` makes the one survey of a case (on its first resolution or
  closure, through the `cases.hooks` registration in `SurveysConfig.ready`) and
  owes the resident an invitation through the case outbox, in their language and
  by their channel: an email with a signed link, a text asking for one digit.
- `survey_answer` takes the one answer (any channel: the link, a digit by text,
  the tracking page, the kiosk) with an atomic claim, puts it on the case's
  timeline through `cases.services.case_survey_answered` (which reopens the case
  on "not resolved") and adds it to `SurveyDaily`.

`SurveyDaily` is kept incrementally here and nowhere else: a survey's row is the
one of the day, department, service, agent and channel frozen on the survey, so
the table is always the sum of the surveys (tests/surveys/test_summary.py).
See docs/decisions/0011-satisfaction-surveys.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.models import Case
from cases.outbox import outbox_add_message
from cases.services import SURVEY_COMMENT_MAX, case_survey_answered
from surveys.models import AnswerChannel, Survey, SurveyDaily
from surveys.texts import answer_summary

SALT = "surveys.link"
TEXT_CHANNELS = ("sms", "whatsapp")
OUTBOX_KIND = "survey"


class SurveyError(ValueError):
    """An answer we cannot take; `field` says which part of the form is wrong."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class SurveyClosed(SurveyError):
    """Answered already, or expired: nothing more can be taken."""


# --- Links -----------------------------------------------------------------------------


def survey_token(survey: Survey) -> str:
    """The signed part of the survey's link: it names the survey and cannot be forged."""
    return signing.Signer(salt=SALT).sign(str(survey.pk))


def survey_from_token(token: str) -> Survey | None:
    try:
        pk = signing.Signer(salt=SALT).unsign(token[:100])
    except signing.BadSignature:
        return None
    return (
        Survey.objects.select_related("case__jurisdiction", "case__service")
        .filter(pk=int(pk))
        .first()
    )


def survey_url(survey: Survey) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("portal:survey", args=[survey_token(survey)])


# --- Sending ---------------------------------------------------------------------------


def survey_on_case_finished(*, case: Case, at: dt.datetime) -> None:
    """The cases hook: a case just resolved or closed gets its survey (once).

    A back-dated finish (a history replay, an import) is no news to anyone.
    """
    if at < timezone.now() - dt.timedelta(seconds=settings.OUTBOX_MAX_AGE_SECONDS):
        return
    if case.merged_into_id:
        return
    survey_send(case=case, at=at)


def _invitation(survey: Survey, case: Case, by: str) -> tuple[str, str]:
    """Subject and text of the invitation, in the survey's language."""
    with translation.override(survey.language):
        subject = _("[%(city)s 311] How did we do on request %(number)s?") % {
            "city": case.jurisdiction.name,
            "number": f"[#{case.tracking_number}]",
        }
        days = settings.SURVEYS_OPEN_DAYS
        if by in TEXT_CHANNELS:
            body = _(
                "How did we do on request %(number)s? Reply with one digit, from 1 (very "
                "poor) to 5 (very good). You can answer for %(days)d days."
            ) % {"number": case.tracking_number, "days": days}
        else:
            body = _(
                "We have finished your request %(number)s. Please tell us how we did: one "
                "question and, if you like, a comment. No sign-in is needed, and the link "
                "works for %(days)d days:\n\n%(url)s"
            ) % {"number": case.tracking_number, "days": days, "url": survey_url(survey)}
    return subject, body


def survey_send(*, case: Case, at: dt.datetime | None = None) -> Survey | None:
    """Make the case's survey and owe its resident the invitation; None if it has one.

    Runs inside the status change's transaction (cases.hooks); the outbox row is
    written with it, and skipped for a back-dated `at` or a resident who asked for
    no messages (the tracking page still shows the survey).
    """
    at = at or timezone.now()
    if Survey.objects.filter(case_id=case.pk).exists():
        return None
    # Imported here: notifications.services imports messaging (its known exception in the
    # layering check), and messaging imports this module for the digit replies.
    from notifications.services import resident_channel

    resident = case.resident
    language = (resident.preferred_language if resident else "") or "en"
    by = (resident_channel(resident) if resident else None) or ""
    jurisdiction = case.jurisdiction
    survey = Survey(
        case=case,
        jurisdiction=jurisdiction,
        day=at.astimezone(jurisdiction.zone).date(),
        department_id=case.department_id,
        service_id=case.service_id,
        agent_id=case.owner_id,
        channel=case.channel,
        language=language,
        sent_by=by,
        sent_at=at,
        expires_at=at + dt.timedelta(days=settings.SURVEYS_OPEN_DAYS),
    )
    try:
        with transaction.atomic():
            survey.save()
    except IntegrityError:  # made by a concurrent finish of the same case
        return None
    _add_to_summary(survey, sent=1)
    if by:
        subject, body = _invitation(survey, case, by)
        outbox_add_message(case=case, kind=OUTBOX_KIND, subject=subject, body=body, at=at)
    return survey


# --- Answering -------------------------------------------------------------------------


def _clean_score(score: Any) -> int:
    try:
        value = int(str(score).strip())
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise SurveyError(_("Choose a number from 1 to 5."), field="score")
    return value


def _clean_resolved(resolved: Any, via: str) -> bool | None:
    if resolved in (True, False):
        return bool(resolved)
    text = str(resolved or "").strip().lower()
    if text in ("yes", "1", "true"):
        return True
    if text in ("no", "0", "false"):
        return False
    if via in TEXT_CHANNELS and not text:
        return None  # a text answer is one digit: the question is not asked there
    raise SurveyError(_("Tell us whether the problem was resolved: yes or no."), field="resolved")


def _clean_comment(comment: Any) -> str:
    text = str(comment or "").replace("\x00", "").strip()
    if len(text) > SURVEY_COMMENT_MAX:
        raise SurveyError(
            _("Keep the comment under %(n)d characters.") % {"n": SURVEY_COMMENT_MAX},
            field="comment",
        )
    return text


def survey_is_open(survey: Survey, *, at: dt.datetime | None = None) -> bool:
    return survey.answered_at is None and (at or timezone.now()) < survey.expires_at


def survey_answer(
    *,
    survey: Survey,
    score: Any,
    resolved: Any = None,
    comment: Any = "",
    via: str,
    at: dt.datetime | None = None,
) -> Survey:
    """Take the survey's one answer; raise SurveyError (bad input) or SurveyClosed.

    Nothing is saved when anything is wrong. Two answers at once: one wins the
    claim, the other is told the survey is answered.
    """
    at = at or timezone.now()
    if via not in AnswerChannel.values:
        raise SurveyError(f"Unknown answer channel {via!r}")
    score_value = _clean_score(score)
    resolved_value = _clean_resolved(resolved, via)
    text = _clean_comment(comment)
    with transaction.atomic():
        won = Survey.objects.filter(pk=survey.pk, answered_at=None, expires_at__gt=at).update(
            answered_at=at,
            answered_by=via,
            score=score_value,
            resolved=resolved_value,
            comment=text,
        )
        if not won:
            survey.refresh_from_db()
            raise _closed(survey)
        survey.refresh_from_db()
        _add_to_summary(
            survey,
            answered=1,
            score_sum=score_value,
            count_4_5=int(score_value >= 4),
            not_resolved=int(resolved_value is False),
        )
        case = Case.objects.select_related("jurisdiction").get(pk=survey.case_id)
        was_escalated = case.escalated
        case = case_survey_answered(
            case=case,
            score=score_value,
            resolved=resolved_value,
            comment=text,
            channel=via,
            summary=answer_summary({"score": score_value, "resolved": resolved_value}),
            at=at,
        )
        if resolved_value is False and case.escalated and not was_escalated:
            from notifications.services import notify_escalated  # see survey_send

            notify_escalated(
                case=case,
                by=None,
                reason=_("The resident says the problem is not resolved: %(comment)s")
                % {"comment": text or "—"},
                at=at,
            )
    return survey


def _closed(survey: Survey) -> SurveyClosed:
    if survey.answered_at is not None:
        return SurveyClosed(_("Thank you: this survey has already been answered."))
    return SurveyClosed(
        _("This survey has closed: it was open for %(days)d days.")
        % {"days": (survey.expires_at - survey.sent_at).days}
    )


# --- The summary -----------------------------------------------------------------------


def summary_key(survey: Survey) -> str:
    return ":".join(
        str(part)
        for part in (
            survey.day.isoformat(),
            survey.jurisdiction_id,
            survey.department_id,
            survey.service_id,
            survey.agent_id or 0,
            survey.channel,
        )
    )


def _add_to_summary(survey: Survey, **deltas: int) -> None:
    row, _created = SurveyDaily.objects.get_or_create(
        key=summary_key(survey),
        defaults={
            "day": survey.day,
            "jurisdiction_id": survey.jurisdiction_id,
            "department_id": survey.department_id,
            "service_id": survey.service_id,
            "agent_id": survey.agent_id,
            "channel": survey.channel,
        },
    )
    SurveyDaily.objects.filter(pk=row.pk).update(
        **{name: F(name) + value for name, value in deltas.items() if value}
    )


def survey_summary_rebuild() -> int:
    """Recompute SurveyDaily from the surveys (after a restore; never needed otherwise)."""
    with transaction.atomic():
        SurveyDaily.objects.all().delete()
        for survey in Survey.objects.order_by("pk").iterator():
            _add_to_summary(survey, sent=1)
            if survey.answered_at is not None and survey.score is not None:
                _add_to_summary(
                    survey,
                    answered=1,
                    score_sum=survey.score,
                    count_4_5=int(survey.score >= 4),
                    not_resolved=int(survey.resolved is False),
                )
    return SurveyDaily.objects.count()
