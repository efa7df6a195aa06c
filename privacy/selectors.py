"""Reads for the privacy pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cases.models import Case
from privacy.models import DataRequest, LegalHold
from residents.models import Resident


def find_resident(*, contact: str) -> Resident | None:
    """The resident behind an email, a phone number or one of their tracking numbers."""
    contact = contact.strip()
    if not contact:
        return None
    case = Case.objects.filter(tracking_number=contact.upper()).select_related("resident").first()
    if case is not None:
        return case.resident
    digits = "".join(ch for ch in contact if ch.isdigit())
    match = Q(email__lower=contact.lower())
    if len(digits) >= 7:
        match |= Q(phone__endswith=digits[-10:])
    return Resident.objects.filter(match).order_by("pk").first()


def pending_requests() -> QuerySet[DataRequest]:
    return DataRequest.objects.select_related("resident", "handled_by").order_by(
        "status", "-requested_at", "-id"
    )


def active_legal_holds() -> QuerySet[LegalHold]:
    return (
        LegalHold.objects.filter(lifted_at__isnull=True)
        .select_related("case", "resident", "placed_by")
        .order_by("-placed_at", "-id")
    )
