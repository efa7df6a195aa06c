"""The subscriber's email, for export and erasure (privacy/registry.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from alerts.models import AreaAlert
from privacy.registry import Erasure, PersonalData, register
from residents.models import Resident


def _for_resident(resident: Resident) -> QuerySet[AreaAlert]:
    if not resident.email:
        return AreaAlert.objects.none()
    return AreaAlert.objects.filter(email__iexact=resident.email)


def _erase(rows: QuerySet[Any], erasure: Erasure) -> int:
    # A subscription without its address is nothing: it goes.
    deleted, _ = rows.delete()
    return deleted


register(
    PersonalData(
        model=AreaAlert,
        fields=("email",),
        context=("zipcode", "radius_m", "created_at", "confirmed_at"),
        for_resident=_for_resident,
        erase=_erase,
    )
)
