"""Open311 request metadata and queued requests, for export, erasure and retention."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from open311.models import QueuedRequest, RequestMetadata
from privacy.registry import Erasure, PersonalData, register
from residents.models import Resident


def _queued_for(resident: Resident) -> QuerySet[Any]:
    if not resident.email:
        return QueuedRequest.objects.none()
    return QueuedRequest.objects.filter(fields__contact__email__iexact=resident.email)


def _delete(rows: QuerySet[Any], erasure: Erasure) -> int:
    deleted, _by_model = rows.delete()
    return deleted


register(
    PersonalData(
        model=RequestMetadata,
        fields=("device_id", "account_id", "address_id", "media_url"),
        context=("case__tracking_number", "created_at"),
        for_resident=lambda r: RequestMetadata.objects.filter(case__resident=r),
        for_cases=lambda cases: RequestMetadata.objects.filter(case__in=cases),
    )
)
register(
    PersonalData(
        model=QueuedRequest,
        fields=("fields",),
        context=("token", "received_at"),
        for_resident=_queued_for,
        erase=_delete,
    )
)
