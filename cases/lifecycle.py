"""The case status machine: the one place that says which status may follow which."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.models import Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset(
        {
            Status.ACKNOWLEDGED,
            Status.IN_PROGRESS,
            Status.WAITING_ON_RESIDENT,
            Status.RESOLVED,
            Status.DECLINED,
        }
    ),
    Status.ACKNOWLEDGED: frozenset(
        {Status.IN_PROGRESS, Status.WAITING_ON_RESIDENT, Status.RESOLVED, Status.DECLINED}
    ),
    Status.IN_PROGRESS: frozenset({Status.WAITING_ON_RESIDENT, Status.RESOLVED, Status.DECLINED}),
    Status.WAITING_ON_RESIDENT: frozenset({Status.IN_PROGRESS, Status.RESOLVED, Status.DECLINED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
    Status.DECLINED: frozenset({Status.IN_PROGRESS}),
}

# Moving out of these back to work is a reopen, recorded as its own event.
FINISHED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED, Status.DECLINED})

# Statuses that count as the first response to the resident.
RESPONDED_STATUSES = frozenset(
    {
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.WAITING_ON_RESIDENT,
        Status.RESOLVED,
        Status.DECLINED,
    }
)


class TransitionError(ValueError):
    pass


def allowed_next(status: str) -> frozenset[str]:
    return ALLOWED_TRANSITIONS.get(status, frozenset())


def check_transition(current: str, target: str) -> None:
    if target not in Status.values:
        raise TransitionError(_("“%(status)s” is not a case status.") % {"status": target})
    if target not in allowed_next(current):
        raise TransitionError(
            _("A case that is %(current)s cannot become %(target)s.")
            % {"current": Status(current).label.lower(), "target": Status(target).label.lower()}
        )


def is_reopen(current: str, target: str) -> bool:
    return current in FINISHED_STATUSES and target == Status.IN_PROGRESS
