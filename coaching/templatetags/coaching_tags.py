"""{% coach_panel case draft %}: the coach's findings beside the reply composer."""

from __future__ import annotations

from typing import Any

from django import template

from cases.models import Case
from coaching.panel import panel_context
from coaching.services import coach_review

register = template.Library()


@register.inclusion_tag("coaching/_panel.html", takes_context=True)
def coach_panel(context: Any, case: Case, draft: str) -> dict[str, Any]:
    request = context.get("request")
    reason = request.POST.get("override_reason", "")[:500] if request is not None else ""
    review = coach_review(text=draft, case=case) if (draft or "").strip() else None
    return {"case": case, **panel_context(review, draft, reason)}
