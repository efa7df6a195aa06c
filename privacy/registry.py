"""What personal data each app holds, declared by the app itself in its ``privacy.py``.

Export, erasure and retention never name another app's models: they walk this
registry. An app that adds a model holding names, contacts or resident-written
text registers it here (``tests/privacy/test_coverage.py`` fails until it does),
so a new model cannot be forgotten by the data-rights tooling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from residents.models import Resident


@dataclass(frozen=True)
class Erasure:
    """What an eraser needs besides the rows: what to hunt for, who, why, when."""

    identifiers: tuple[str, ...]
    by: Any
    reason: str
    at: dt.datetime


ForResident = Callable[[Resident], "models.QuerySet[Any]"]
ForCases = Callable[["models.QuerySet[Any]"], "models.QuerySet[Any]"]
Eraser = Callable[["models.QuerySet[Any]", Erasure], int]


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data.

    ``fields`` are exported and, unless ``erase`` says otherwise, blanked on
    erasure. ``for_resident`` finds a resident's rows; ``for_cases`` (optional)
    finds the rows of some cases, for retention. ``erase`` replaces the default
    blanking (deleting files, keeping statistics, redacting the timeline).
    """

    model: type[models.Model]
    fields: tuple[str, ...]
    for_resident: ForResident
    for_cases: ForCases | None = None
    erase: Eraser | None = None
    # Exported beside the personal fields so the copy reads well (tracking numbers, dates).
    context: tuple[str, ...] = field(default=())
    # Run after the others (the resident record itself, whose identifiers the others need).
    last: bool = False


_REGISTRY: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> None:
    _REGISTRY[entry.model._meta.label] = entry


def registered() -> list[PersonalData]:
    return [_REGISTRY[label] for label in sorted(_REGISTRY)]


def blank_fields(entry: PersonalData, rows: models.QuerySet[Any], erasure: Erasure) -> int:
    """The default eraser: every personal field set to its empty value."""
    empty: dict[str, Any] = {}
    for name in entry.fields:
        model_field = entry.model._meta.get_field(name)
        if isinstance(model_field, models.JSONField):
            empty[name] = {}
        elif model_field.null:
            empty[name] = None
        else:
            empty[name] = ""
    return rows.update(**empty)
