"""The reconciliation report as CSV rows: the staff page's download and the command."""

from __future__ import annotations

import csv
import io

from payments.selectors import Reconciliation

HEADER = [
    "section",
    "receipt",
    "for",
    "amount_cents",
    "refunded_cents",
    "status",
    "provider",
    "provider_payment_id",
    "paid_at",
    "refunded_at",
]


def reconciliation_csv(report: Reconciliation) -> str:
    """No payer emails: the finance office matches money, not people."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for section, rows in (
        ("paid", report.paid),
        ("refunded", report.refunded),
        ("to check", report.stuck),
    ):
        for p in rows:
            writer.writerow(
                [
                    section,
                    p.token,
                    p.description,
                    p.amount_cents,
                    p.refunded_cents,
                    p.status,
                    p.provider,
                    p.provider_payment_id,
                    p.paid_at.isoformat() if p.paid_at else "",
                    p.refunded_at.isoformat() if p.refunded_at else "",
                ]
            )
    writer.writerow(["total", "", "", report.paid_cents, report.refunded_cents, "", "", "", "", ""])
    return out.getvalue()
