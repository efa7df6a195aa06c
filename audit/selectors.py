"""Reading the audit trail: always over a bounded window, newest first, on an index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from audit.models import AuditEvent, AuditKind

MAX_WINDOW = dt.timedelta(days=366)
MAX_EXPORT_ROWS = 200_000


class AuditQueryError(ValueError):
    """A window or filter we refuse; the message is safe to show."""


@dataclass(frozen=True)
class AuditQuery:
    since: dt.datetime
    until: dt.datetime
    kind: str = ""
    actor: str = ""

    def __post_init__(self) -> None:
        if self.until <= self.since:
            raise AuditQueryError(_("The end must be after the start."))
        if self.until - self.since > MAX_WINDOW:
            raise AuditQueryError(_("Choose at most 366 days at a time."))
        if self.kind and self.kind not in AuditKind.values:
            raise AuditQueryError(_("Choose a kind of action from the list."))
        if len(self.actor) > 150:
            raise AuditQueryError(_("A username has at most 150 characters."))


def audit_events(query: AuditQuery) -> QuerySet[AuditEvent]:
    rows = AuditEvent.objects.filter(at__gte=query.since, at__lt=query.until)
    if query.kind:
        rows = rows.filter(kind=query.kind)
    if query.actor:
        rows = rows.filter(actor_username=query.actor)
    return rows.order_by("-at", "-id")
