"""Reads of cases, scoped to who is asking."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases.models import Case, CaseEvent
from cases.tracking import normalise_tracking_number


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Cases a staff member may see: their departments' (and their teams'), or all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return Case.objects.all()
    if not user.has_perm("cases.view_case"):
        return Case.objects.none()
    department_ids = list(user.departments.values_list("pk", flat=True))
    return Case.objects.filter(department_id__in=department_ids)


def can_view_case(user: Any, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def case_by_tracking_number(text: str) -> Case | None:
    number = normalise_tracking_number(text)
    if number is None:
        return None
    return (
        Case.objects.select_related("service", "department", "resident", "merged_into")
        .filter(tracking_number=number)
        .first()
    )


def case_timeline(case: Case, *, public_only: bool) -> QuerySet[CaseEvent]:
    events = CaseEvent.objects.filter(case=case).select_related("actor")
    if public_only:
        events = events.filter(is_public=True)
    return events.order_by("created_at", "id")
