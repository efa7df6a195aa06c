"""The coach panel's context, shared by the composer (server-rendered) and the JS endpoint."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from coaching.engine import Review

EXCERPT = 160


def severity_label(severity: str) -> str:
    return {"block": _("Must fix"), "warn": _("Warning"), "tip": _("Tip")}.get(severity, severity)


def panel_context(
    review: Review | None, text: str, override_reason: str = "", prefix: str = "coach-finding"
) -> dict[str, Any]:
    """The findings with the passage each is about (cut short) and its severity in words."""
    text = (text or "").replace("’", "'").replace("\u00a0", " ")
    findings = []
    for index, finding in enumerate(review.findings if review else ()):
        excerpt = text[finding.start : finding.end]
        findings.append(
            {
                "id": f"{prefix}-{index}",
                "finding": finding,
                "label": severity_label(finding.severity),
                "passage": excerpt,
                "excerpt": excerpt if len(excerpt) <= EXCERPT else excerpt[:EXCERPT] + "…",
                "shown": finding.suggestion.strip(),
            }
        )
    return {
        "review": review,
        "findings": findings,
        "override_reason": override_reason,
        "needs_reason": bool(review and review.warnings and not review.blocking),
    }
