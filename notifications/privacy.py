"""Staff notices name residents ("Rosa replied"); erasure and retention scrub the names."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases.redaction import scrub_text
from notifications.models import StaffNotice
from privacy.registry import Erasure, PersonalData, register


def _scrub(rows: QuerySet[Any], erasure: Erasure) -> int:
    changed = 0
    for notice in rows.only("pk", "body"):
        clean = scrub_text(notice.body, erasure.identifiers)
        if clean != notice.body:
            changed += StaffNotice.objects.filter(pk=notice.pk).update(body=clean)
    return changed


register(
    PersonalData(
        model=StaffNotice,
        fields=("body",),
        context=("case__tracking_number", "kind", "created_at"),
        for_resident=lambda r: StaffNotice.objects.filter(case__resident=r),
        for_cases=lambda cases: StaffNotice.objects.filter(case__in=cases),
        erase=_scrub,
    )
)
