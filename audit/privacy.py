"""The audit trail, for residents' data rights (privacy/registry.py).

Its rows are about staff; ``resident_id`` marks the ones about a resident (a staff
member opened their case, erased their data). A resident's copy lists them, so they
see who looked at their sensitive case and when. Erasure keeps the rows (the trail
must say what staff did) and drops the link to the resident and what the detail
said; nothing in a row names a resident.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from audit.models import AuditEvent
from privacy.registry import Erasure, PersonalData, register


def _erase(rows: QuerySet[Any], erasure: Erasure) -> int:
    return rows.update(resident_id=None, detail={})


register(
    PersonalData(
        model=AuditEvent,
        fields=("target", "detail"),
        context=("at", "kind", "actor_username"),
        for_resident=lambda resident: AuditEvent.objects.filter(resident_id=resident.pk),
        erase=_erase,
    )
)
