"""`{% satisfaction_for user as sat %}`: the dashboard's satisfaction section (two queries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from organisations.models import Jurisdiction
from surveys.selectors import SatisfactionSummary, satisfaction_summary

register = template.Library()

WEEKS = 4


def _scope(user: Any) -> tuple[Jurisdiction | None, list[int] | None]:
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        departments = None
        first = user.departments.select_related("jurisdiction").first()
        jurisdiction = first.jurisdiction if first else Jurisdiction.objects.order_by("pk").first()
    else:
        mine = list(user.departments.select_related("jurisdiction"))
        departments = [d.pk for d in mine]
        jurisdiction = mine[0].jurisdiction if mine else None
    return jurisdiction, departments


@register.simple_tag
def satisfaction_for(user: Any) -> dict[str, Any] | None:
    jurisdiction, departments = _scope(user)
    if jurisdiction is None:
        return None
    end = timezone.localtime(timezone.now(), jurisdiction.zone).date()
    start = end - dt.timedelta(weeks=WEEKS) + dt.timedelta(days=1)
    summary: SatisfactionSummary = satisfaction_summary(
        jurisdiction=jurisdiction,
        start=start,
        end=end,
        group_by="department",
        departments=departments,
    )
    return {"summary": summary, "weeks": WEEKS, "start": start, "end": end}
