"""`POST /api/v1/coach/review`: the reply coach for integrations and scripts.

A ninja router registered by `api/main.py` (which authenticates the token); it
imports nothing from `api/`, so the domain app does not depend on its door.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from cases.selectors import cases_visible_to
from coaching.services import MAX_TEXT, coach_review

router = Router(tags=["coach"])


class CoachReviewIn(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)
    language: Literal["en", "es"] | None = Field(
        None, description="The reply's language; default: the case resident's, else English."
    )
    case: str | None = Field(
        None,
        max_length=12,
        description="A tracking number: check dates, names and numbers against this case.",
    )


class FindingOut(Schema):
    code: str
    severity: Literal["block", "warn", "tip"]
    message: str
    start: int
    end: int
    suggestion: str
    applicable: bool


class CoachReviewOut(Schema):
    score: int
    language: str
    findings: list[FindingOut]


class CoachErrorOut(Schema):
    detail: str


class CoachValidationOut(Schema):
    detail: list[dict[str, Any]]


ERRORS: dict[int, Any] = {
    400: CoachErrorOut,
    401: CoachErrorOut,
    403: CoachErrorOut,
    404: CoachErrorOut,
    422: CoachValidationOut,
    429: CoachErrorOut,
}


@router.post("/coach/review", response={200: CoachReviewOut, **ERRORS})
def review(request: HttpRequest, payload: CoachReviewIn) -> Any:
    """Score a draft reply (0–100) against the service standards, with findings.

    `block` findings must be fixed before a reply is sent; `warn` findings need
    a reason to send anyway. Messages are in the language of `Accept-Language`.
    """
    case = None
    if payload.case:
        case = (
            cases_visible_to(request.auth)  # type: ignore[attr-defined]
            .select_related("jurisdiction", "resident", "service", "department")
            .filter(tracking_number=payload.case.strip().upper())
            .first()
        )
        if case is None:
            raise HttpError(404, "No such case among those you can see.")
    return coach_review(text=payload.text, language=payload.language, case=case).as_dict()
