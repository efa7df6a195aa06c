"""Removing a resident's personal data from cases while the timeline stays an audit trail.

Called by erasure and retention (privacy/). What goes: resident-written text
(the description, free-text answers, their messages), replies addressed to
them, their names, addresses and numbers wherever they appear in a timeline
entry, and photos. What stays: the service, status, dates, department, choice
answers, the ZIP code and a location rounded to about 100 m, so the statistics
still add up. Each redacted entry keeps its kind, time and actor; the case gets
one "personal data removed" entry that lists every redacted entry with a
SHA-256 digest of what it held, so an auditor holding a copy of the original
can still prove it was what the timeline said.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case, CaseAttachment, CaseEvent, EventKind
from catalogue.models import QuestionType

REMOVED = "[removed]"
# Entries whose whole text is the resident's or addressed to them.
_WHOLLY_PERSONAL = {EventKind.PUBLIC_REPLY, EventKind.RESIDENT_MESSAGE, EventKind.CREATED}
_FREE_TEXT = {QuestionType.STRING, QuestionType.TEXT}
_ROUND_TO = Decimal("0.001")


def _digest(event: CaseEvent) -> str:
    original = {"actor_label": event.actor_label, "body": event.body, "data": event.data}
    return hashlib.sha256(
        json.dumps(original, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def scrub_text(text: str, identifiers: Sequence[str]) -> str:
    """``text`` with every identifier (name, email, phone) replaced by [removed]."""
    return str(_scrub(text, _scrubber(identifiers)))


def _scrubber(identifiers: Sequence[str]) -> re.Pattern[str] | None:
    words = sorted({item.strip() for item in identifiers if len(item.strip()) >= 3}, key=len)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in reversed(words)), re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if isinstance(value, str):
        return pattern.sub(REMOVED, value) if pattern else value
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_ROUND_TO, rounding=ROUND_HALF_EVEN)


@transaction.atomic
def case_redact_personal_data(
    *, case: Case, identifiers: Sequence[str], by: User, reason: str, at: dt.datetime
) -> int:
    """Remove personal data from one case and its timeline; returns the entries redacted.

    ``identifiers`` are the resident's name, email and phone (and any other
    string to hunt down in staff notes). ``reason`` names the request or rule,
    never the person: it is written to the timeline.
    """
    case = Case.objects.select_for_update().select_related("service").get(pk=case.pk)
    pattern = _scrubber(identifiers)
    free_text = set(
        case.service.questions.filter(datatype__in=_FREE_TEXT).values_list("code", flat=True)
    )
    answers = {code: value for code, value in (case.answers or {}).items() if code not in free_text}
    Case.objects.filter(pk=case.pk).update(
        description="",
        answers=_scrub(answers, pattern),
        public_note=_scrub(case.public_note, pattern),
        address="",
        lat=_round(case.lat),
        long=_round(case.long),
    )
    for attachment in CaseAttachment.objects.filter(case=case):
        attachment.file.delete(save=False)
        attachment.delete()
    digests = _redact_events(case.events.filter(redacted_at__isnull=True), pattern, at)
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.REDACTED,
        actor=by,
        actor_label=str(by) if by is not None else "CivicDesk",
        body=reason,
        data={"entries": digests},
        is_public=False,
        created_at=at,
    )
    return len(digests)


def _redact_events(
    events: Iterable[CaseEvent], pattern: re.Pattern[str] | None, at: dt.datetime
) -> dict[str, str]:
    digests: dict[str, str] = {}
    for event in events:
        digests[str(event.pk)] = _digest(event)
        body = "" if event.kind in _WHOLLY_PERSONAL else _scrub(event.body, pattern)
        label = event.actor_label
        if event.actor_id is None and label != "CivicDesk":
            label = _("Resident")
        # The one UPDATE the timeline allows (migration 0009): once, stamped.
        models.QuerySet.update(
            CaseEvent.objects.filter(pk=event.pk),
            body=body,
            data=_scrub(event.data, pattern),
            actor_label=_scrub(label, pattern),
            redacted_at=at,
        )
    return digests


def case_note_legal_hold(*, case: Case, by: User, body: str, at: dt.datetime) -> CaseEvent:
    """A legal hold placed or lifted, on the case's own timeline (who, when, why)."""
    return CaseEvent.objects.create(
        case=case,
        kind=EventKind.LEGAL_HOLD,
        actor=by,
        actor_label=str(by) if by is not None else "CivicDesk",
        body=body,
        is_public=False,
        created_at=at,
    )
