"""The payer's email on payments, for export and erasure (privacy/registry.py).

Erasure blanks the address and keeps the payment: the finance office must still
reconcile the money, and nothing else on the row names anyone.
"""

from __future__ import annotations

from django.db.models import QuerySet

from payments.models import Payment
from privacy.registry import PersonalData, register
from residents.models import Resident


def _for_resident(resident: Resident) -> QuerySet[Payment]:
    by_case = Payment.objects.filter(case__resident=resident)
    if not resident.email:
        return by_case
    return by_case | Payment.objects.filter(payer_email__iexact=resident.email)


register(
    PersonalData(
        model=Payment,
        fields=("payer_email",),
        context=("description", "amount_cents", "status", "created_at", "paid_at"),
        for_resident=_for_resident,
        for_cases=lambda cases: Payment.objects.filter(case__in=cases),
    )
)
