"""The resident record itself, for export and erasure (privacy/registry.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from privacy.registry import Erasure, PersonalData, register
from residents.models import ContactChannel, Resident


def _erase(rows: QuerySet[Any], erasure: Erasure) -> int:
    # The row stays (cases point at it) with nothing left that names or reaches anyone.
    return rows.update(
        full_name="",
        email="",
        phone="",
        preferred_channel=ContactChannel.NONE,
        email_bouncing=False,
    )


register(
    PersonalData(
        model=Resident,
        fields=("full_name", "email", "phone"),
        context=("preferred_language", "preferred_channel", "created_at"),
        for_resident=lambda resident: Resident.objects.filter(pk=resident.pk),
        erase=_erase,
        last=True,
    )
)
