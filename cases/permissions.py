"""Who may do what to a case: the one place every door asks.

`cases.services` calls `check` before each change, so the staff workspace, the
REST API and the chat panel give the same answer; pages call `may` to decide
which buttons to show. `by=None` is CivicDesk itself (a channel acting for a
resident, a scheduled task, a booking cancelled by its link) and is allowed:
those doors authenticate the resident their own way before they call.

The rules, on top of working on the case (it is in one's own departments, one
sees every department with `cases.view_all_departments`, or one opened it: the
front desk that took the call may acknowledge or resolve it on first contact):

| action | needs |
| --- | --- |
| reply, change status, add a note, take, transfer, complete a step | `cases.change_case` |
| give the case to someone else | `cases.reassign_case` |
| escalate | `cases.escalate_case` |
| merge (both cases) | `cases.merge_case` |
| see internal notes | `cases.view_caseevent` |
"""

from __future__ import annotations

import enum
from typing import Any

from django.utils.translation import gettext as _

from cases.errors import CaseError
from cases.models import Case, CaseEvent, EventKind


class Action(enum.StrEnum):
    REPLY = "reply"
    CHANGE_STATUS = "change_status"
    ADD_NOTE = "add_note"
    TAKE = "take"
    REASSIGN = "reassign"
    TRANSFER = "transfer"
    ESCALATE = "escalate"
    MERGE = "merge"
    COMPLETE_STEP = "complete_step"
    SEE_INTERNAL_NOTES = "see_internal_notes"


_PERMISSION = {
    Action.REPLY: "cases.change_case",
    Action.CHANGE_STATUS: "cases.change_case",
    Action.ADD_NOTE: "cases.change_case",
    Action.TAKE: "cases.change_case",
    Action.TRANSFER: "cases.change_case",
    Action.COMPLETE_STEP: "cases.change_case",
    Action.REASSIGN: "cases.reassign_case",
    Action.ESCALATE: "cases.escalate_case",
    Action.MERGE: "cases.merge_case",
    Action.SEE_INTERNAL_NOTES: "cases.view_caseevent",
}


def _refusal(action: Action) -> str:
    messages = {
        Action.REASSIGN: _("Only supervisors can give a case to someone else."),
        Action.ESCALATE: _("Your role cannot escalate cases."),
        Action.MERGE: _("Only supervisors can merge cases."),
        Action.SEE_INTERNAL_NOTES: _("Your role cannot see internal notes."),
    }
    return messages.get(action, _("Your role cannot change cases."))


class CasePermissionDenied(CaseError):
    """The actor may not do this to the case; the message is for them."""


def sees(user: Any, case: Case) -> bool:
    """The case is in the user's departments, or they see every department."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return True
    if not user.has_perm("cases.view_case"):
        return False
    return bool(user.departments.filter(pk=case.department_id).exists())


def _opened(user: Any, case: Case) -> bool:
    return bool(
        CaseEvent.objects.filter(case_id=case.pk, kind=EventKind.CREATED, actor_id=user.pk).exists()
    )


def works_on(user: Any, case: Case) -> bool:
    """Sees the case, or opened it (a call or a visit taken at the front desk)."""
    if sees(user, case):
        return True
    return bool(getattr(user, "is_authenticated", False) and user.is_active and _opened(user, case))


def may(user: Any, action: Action, case: Case) -> bool:
    """May `user` (None: CivicDesk itself) do `action` to `case`?"""
    if user is None:
        return True
    return bool(user.has_perm(_PERMISSION[action])) and works_on(user, case)


def check(user: Any, action: Action, case: Case) -> None:
    """Raise CasePermissionDenied unless `user` may do `action` to `case`."""
    if may(user, action, case):
        return
    if user is not None and bool(user.has_perm(_PERMISSION[action])):
        raise CasePermissionDenied(
            _("%(number)s is not in your departments.") % {"number": case.tracking_number}
        )
    raise CasePermissionDenied(_refusal(action))
