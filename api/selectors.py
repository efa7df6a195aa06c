"""Reads shared by the REST API's routers."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from ninja.errors import HttpError

from cases.models import Case, CaseStep
from cases.selectors import cases_visible_to
from cases.tracking import normalise_tracking_number
from organisations.models import Jurisdiction


def visible_case(user: Any, tracking_number: str) -> Case:
    """The case if this user may see it; 404 otherwise (never say it exists)."""
    number = normalise_tracking_number(tracking_number)
    case = None
    if number:
        case = (
            cases_visible_to(user)
            .select_related(
                "service",
                "department",
                "department__parent",
                "owner",
                "jurisdiction",
                "resident",
                "merged_into",
            )
            .prefetch_related(Prefetch("steps", queryset=CaseStep.objects.order_by("order")))
            .filter(tracking_number=number)
            .first()
        )
    if case is None:
        raise HttpError(404, "No such case, or not one you may see.")
    return case


def jurisdiction_for(jurisdiction_id: str | None) -> Jurisdiction:
    """The named jurisdiction; optional when the install serves only one."""
    if jurisdiction_id:
        found = Jurisdiction.objects.filter(jurisdiction_id=jurisdiction_id).first()
        if found is None:
            raise HttpError(404, f"No jurisdiction {jurisdiction_id}.")
        return found
    candidates = list(Jurisdiction.objects.order_by("id")[:2])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise HttpError(404, "No jurisdiction is set up.")
    raise HttpError(400, "Give jurisdiction_id: this install serves several.")
