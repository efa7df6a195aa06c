"""Followers, "me too" and "still not fixed" reports, for export and erasure
(privacy/registry.py). A follower's contact details live on their resident record
(registered by residents); what is theirs here is that they follow a case, what they
wrote when they said it is not fixed, and that they said "me too"."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from engagement.models import Follow, MeToo, NotFixedReport
from privacy.registry import Erasure, PersonalData, register


def _delete(rows: QuerySet[Any], erasure: Erasure) -> int:
    deleted, _by_model = rows.delete()
    return deleted


def _scrub_reports(rows: QuerySet[Any], erasure: Erasure) -> int:
    return rows.update(body="", resident=None)


register(
    PersonalData(
        model=Follow,
        fields=("channel", "language"),
        context=("case__tracking_number", "created_at", "verified_at", "unsubscribed_at"),
        for_resident=lambda r: Follow.objects.filter(resident=r),
        for_cases=lambda cases: Follow.objects.filter(case__in=cases),
        erase=_delete,
    )
)
register(
    PersonalData(
        model=NotFixedReport,
        fields=("body",),
        context=("case__tracking_number", "created_at"),
        for_resident=lambda r: NotFixedReport.objects.filter(resident=r),
        for_cases=lambda cases: NotFixedReport.objects.filter(case__in=cases),
        erase=_scrub_reports,
    )
)
register(
    PersonalData(
        model=MeToo,
        fields=(),
        context=("case__tracking_number", "created_at"),
        for_resident=lambda r: MeToo.objects.filter(resident=r),
        for_cases=lambda cases: MeToo.objects.filter(case__in=cases),
        erase=_delete,  # the count on the case (CaseInterest) stays: it is a statistic
    )
)
