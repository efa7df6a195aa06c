"""What other domain apps do when a case is finished (resolved or closed).

`cases` must not import the apps built on it, so they register here from their
`AppConfig.ready()` (surveys sends its satisfaction survey this way). The hooks
run inside the status change's transaction, after its timeline event, so what
they write (a survey, its outbox row) commits or rolls back with the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from cases.models import Case


class FinishedHook(Protocol):
    def __call__(self, *, case: Case, at: dt.datetime) -> None: ...


_FINISHED: list[Callable[..., None]] = []


def on_case_finished(hook: FinishedHook) -> None:
    """Call `hook(case=…, at=…)` whenever a case becomes resolved or closed (once each)."""
    if hook not in _FINISHED:
        _FINISHED.append(hook)


def case_finished(*, case: Case, at: dt.datetime) -> None:
    for hook in list(_FINISHED):
        hook(case=case, at=at)
