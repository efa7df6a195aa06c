"""A resident account's verified address, for export and erasure (privacy/registry.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from portal.models import VerifiedEmail
from privacy.registry import Erasure, PersonalData, register
from residents.models import Resident


def _for(resident: Resident) -> QuerySet[Any]:
    if not resident.user_id:
        return VerifiedEmail.objects.none()
    return VerifiedEmail.objects.filter(user_id=resident.user_id)


def _erase(rows: QuerySet[Any], erasure: Erasure) -> int:
    deleted, _by_model = rows.delete()
    return deleted


register(
    PersonalData(
        model=VerifiedEmail,
        fields=("email",),
        context=("verified_at",),
        for_resident=_for,
        erase=_erase,
    )
)
