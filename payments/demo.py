"""Demo bills to pay at /pay-a-bill/ with the demo provider (docs/demo-data.md)."""

from __future__ import annotations

import datetime as dt

from organisations.models import Jurisdiction
from payments.models import Bill

DEMO_BILLS = [
    ("TAX-2026-000123", "Property tax, 4th instalment 2026", 43210, 31),
    ("FINE-2026-004417", "Parking fine, Main Street", 4500, 14),
    ("WATER-2026-118820", "Water and sewer, November 2026", 6873, 20),
]


def create_demo_bills(*, jurisdiction: Jurisdiction, now: dt.datetime) -> list[Bill]:
    """Idempotent: a second load leaves paid bills paid."""
    made = []
    for reference, description, cents, due_in_days in DEMO_BILLS:
        bill, _ = Bill.objects.get_or_create(
            jurisdiction=jurisdiction,
            reference=reference,
            defaults={
                "description": description,
                "amount_cents": cents,
                "due_on": (now + dt.timedelta(days=due_in_days)).date(),
                "created_at": now,
            },
        )
        made.append(bill)
    return made
