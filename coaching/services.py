"""The coach around a real case: load what the pure review needs, gate sending, record.

Every door that sends a reply to a resident calls, in this order:
`coach_review` (findings to show), `reply_check` (refuses a `block`, and a
`warn` without a reason), then — in the transaction that writes the reply —
`reply_review_record`, which keeps the score with the timeline event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.services import working_calendar_for
from cases.lifecycle import check_transition
from cases.models import Case, CaseEvent
from cases.permissions import Action, check
from cases.services import CaseError, case_change_status, case_reply_publicly
from coaching.engine import Review, review_draft
from coaching.models import JargonTerm, ReplyReview
from coaching.rulebook import LANGUAGES, JargonEntry
from organisations.models import Jurisdiction

MAX_TEXT = 20_000
MAX_REASON = 500


class ReplyBlocked(CaseError):
    """The reply cannot be sent as it is; `review` says why. A CaseError, so every door
    that already shows a refused case change shows this one too."""

    def __init__(self, message: str, review: Review) -> None:
        super().__init__(message)
        self.review = review


def reply_language(case: Case) -> str:
    """Replies go in the resident's language (English for an anonymous request)."""
    language = case.resident.preferred_language if case.resident_id and case.resident else "en"
    return language if language in LANGUAGES else "en"


def jargon_for(jurisdiction: Jurisdiction | None, language: str) -> list[JargonEntry]:
    if jurisdiction is None:
        return []
    rows = JargonTerm.objects.filter(jurisdiction=jurisdiction, language=language).order_by("term")
    return [JargonEntry(row.term, row.plain) for row in rows]


def coach_review(
    *,
    text: str,
    language: str | None = None,
    case: Case | None = None,
    jurisdiction: Jurisdiction | None = None,
    promise: Any = None,
) -> Review:
    """Review a draft with the case's calendar, promise and jurisdiction's jargon."""
    if case is not None:
        jurisdiction = case.jurisdiction
        language = language or reply_language(case)
    calendar = working_calendar_for(jurisdiction) if jurisdiction is not None else None
    return review_draft(
        text=(text or "")[:MAX_TEXT],
        language=language or "en",
        case=case,
        promise=promise,
        calendar=calendar,
        jargon=jargon_for(jurisdiction, language or "en"),
    )


def reply_check(
    *, review: Review, override_reason: str = "", warnings_need_reason: bool = True
) -> list[str]:
    """The warning codes sent anyway; ReplyBlocked for a block, or warnings without a reason.

    Live chat passes warnings_need_reason=False: a conversation cannot wait for a
    reason on every line, but a blank or a wrong date still never reaches the resident.
    """
    if review.blocking:
        raise ReplyBlocked(
            _("Fix what the coach marks as blocking before sending: %(codes)s.")
            % {"codes": ", ".join(sorted({f.code for f in review.blocking}))}
            + " "
            + review.blocking[0].message,
            review,
        )
    warned = sorted({f.code for f in review.warnings})
    if warned and warnings_need_reason and not (override_reason or "").strip():
        raise ReplyBlocked(
            _(
                "The coach has warnings (%(codes)s). Fix them, or give a reason for sending "
                "the reply as it is."
            )
            % {"codes": ", ".join(warned)},
            review,
        )
    return warned


def reply_review_record(
    *,
    event: CaseEvent,
    review: Review,
    by: Any,
    overridden: Sequence[str] = (),
    reason: str = "",
    door: str = "workspace",
) -> ReplyReview:
    """Keep the score of a sent reply with its timeline event (call inside its transaction)."""
    return ReplyReview.objects.create(
        event=event,
        author=by if getattr(by, "pk", None) else None,
        door=door,
        language=review.language,
        score=review.score,
        codes=[f.code for f in review.findings],
        overridden=list(overridden),
        override_reason=(reason or "").strip()[:MAX_REASON] if overridden else "",
        created_at=timezone.now(),
    )


def coach_checked_reply(*, case: Case, by: Any, body: str, door: str) -> CaseEvent:
    """`case_reply_publicly` behind the coach, for doors with no composer (the REST API):
    a `block` is refused (ReplyBlocked); warnings are kept with the score, not asked about.
    Who may reply is checked first, so a refused role hears why, not the coach's advice."""
    check(by, Action.REPLY, case)
    review = coach_review(text=body, case=case)
    reply_check(review=review, warnings_need_reason=False)
    with transaction.atomic():
        event = case_reply_publicly(case=case, by=by, body=body)
        reply_review_record(event=event, review=review, by=by, door=door)
    return event


def coach_checked_status_change(
    *,
    case: Case,
    status: str,
    by: Any,
    note: str = "",
    override_reason: str = "",
    warnings_need_reason: bool = True,
    door: str = "status",
    publish: bool = False,
) -> Case:
    """`case_change_status` with its public note behind the coach: the note reaches the
    resident like a reply, so a `block` is refused (ReplyBlocked), a `warn` needs a reason
    (unless the door has no one to ask, as the REST API), and the score is kept with the
    status event. A change with no note has nothing to coach."""
    if not (note or "").strip():
        return case_change_status(case=case, status=status, by=by, note="", publish=publish)
    check(by, Action.CHANGE_STATUS, case)
    try:  # a move the lifecycle refuses is told as such, not coached
        check_transition(case.status, status)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    review = coach_review(text=note, case=case)
    overridden = reply_check(
        review=review, override_reason=override_reason, warnings_need_reason=warnings_need_reason
    )
    with transaction.atomic():
        case = case_change_status(case=case, status=status, by=by, note=note, publish=publish)
        event = CaseEvent.objects.filter(case=case).order_by("-id").first()
        if event is not None:
            reply_review_record(
                event=event,
                review=review,
                by=by,
                overridden=overridden,
                reason=override_reason,
                door=door,
            )
    return case
