"""Cases, their timeline and photos, for export, erasure and retention (privacy/registry.py).

The case's eraser removes personal data from the case, its timeline and its
photos together (cases/redaction.py), so the timeline and attachment entries
export their rows but leave erasure to it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases.models import Case, CaseAttachment, CaseEvent, OutboxMessage
from cases.redaction import case_redact_personal_data
from privacy.registry import Erasure, PersonalData, register


def _erase_cases(rows: QuerySet[Any], erasure: Erasure) -> int:
    changed = 0
    for case in rows.only("pk"):
        changed += 1 + case_redact_personal_data(
            case=case,
            identifiers=erasure.identifiers,
            by=erasure.by,
            reason=erasure.reason,
            at=erasure.at,
        )
    return changed


def _done_with_the_case(rows: QuerySet[Any], erasure: Erasure) -> int:
    return 0


register(
    PersonalData(
        model=Case,
        fields=("description", "answers", "address", "lat", "long"),
        context=("tracking_number", "service__name", "status", "created_at", "zipcode"),
        for_resident=lambda resident: Case.objects.filter(resident=resident),
        for_cases=lambda cases: cases,
        erase=_erase_cases,
    )
)
register(
    PersonalData(
        model=CaseEvent,
        fields=("body", "actor_label"),
        context=("case__tracking_number", "kind", "is_public", "created_at"),
        for_resident=lambda resident: CaseEvent.objects.filter(case__resident=resident),
        for_cases=lambda cases: CaseEvent.objects.filter(case__in=cases),
        erase=_done_with_the_case,
    )
)
register(
    PersonalData(
        model=CaseAttachment,
        fields=("file",),
        context=("case__tracking_number", "content_type", "uploaded_at"),
        for_resident=lambda resident: CaseAttachment.objects.filter(case__resident=resident),
        for_cases=lambda cases: CaseAttachment.objects.filter(case__in=cases),
        erase=_done_with_the_case,
    )
)
register(
    PersonalData(
        model=OutboxMessage,
        fields=("subject", "body"),
        context=("case__tracking_number", "kind", "status", "created_at"),
        for_resident=lambda resident: OutboxMessage.objects.filter(resident=resident),
        for_cases=lambda cases: OutboxMessage.objects.filter(case__in=cases),
    )
)
