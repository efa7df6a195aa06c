"""Reads of cases, scoped to who is asking."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from cases.models import OPEN_STATUS_LIST, Case, CaseEvent
from cases.tracking import normalise_tracking_number
from residents.models import Resident

# Filter for open cases that lets the partial "open" indexes be used: the statuses are
# written into the SQL as the indexes' condition is (cases.models.OPEN_STATUS_LIST).
# SQLite uses a partial index only when the query repeats its condition with the same
# constants, never with bound parameters.
OPEN_ONLY = RawSQL(  # noqa: S611 - constant SQL from code constants
    '"cases_case"."status" IN (' + ", ".join(f"'{s}'" for s in OPEN_STATUS_LIST) + ")",
    [],
    output_field=BooleanField(),
)


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


def jurisdiction_ids_for(user: Any) -> list[int] | None:
    """The jurisdictions a staff member works in (their departments'); None for all of them.

    Superusers and city-wide roles without a department see every jurisdiction; a
    department-less member of any other role sees none.
    """
    if user.is_superuser:
        return None
    department_jurisdictions = list(
        user.departments.values_list("jurisdiction_id", flat=True).distinct()
    )
    if not department_jurisdictions and user.has_perm("cases.view_all_departments"):
        return None
    return department_jurisdictions


def residents_visible_to(user: Any) -> QuerySet[Resident]:
    """Residents a staff member may look up: for roles that work cases and may see
    residents, those with a case in the member's jurisdictions. Another town's agent
    does not list Riverton's residents; a BRE officer lists none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Resident.objects.none()
    if not user.is_superuser and not (
        user.has_perm("residents.view_resident") and user.has_perm("cases.view_case")
    ):
        return Resident.objects.none()
    jurisdictions = jurisdiction_ids_for(user)
    if jurisdictions is None:
        return Resident.objects.all()
    has_case_here = Case.objects.filter(
        resident_id=OuterRef("pk"), jurisdiction_id__in=jurisdictions
    )
    return Resident.objects.filter(Exists(has_case_here))


def can_see_resident(user: Any, resident: Resident) -> bool:
    return residents_visible_to(user).filter(pk=resident.pk).exists()


def residents_usable_by(user: Any) -> QuerySet[Resident]:
    """Residents a staff member may file a case for by id: those they may look up, and
    records with no case anywhere yet (just made by find-or-add)."""
    if not user.has_perm("cases.add_case"):
        return Resident.objects.none()
    no_case = ~Exists(Case.objects.filter(resident_id=OuterRef("pk")))
    return Resident.objects.filter(Q(pk__in=residents_visible_to(user).values("pk")) | no_case)
