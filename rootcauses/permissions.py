"""Who sees root causes and who decides on drift proposals.

- See the pages: supervisors and up (`cases.reassign_case`), for their own
  departments; every department with `cases.view_all_departments`.
- Accept or reject a drift proposal: a department admin
  (`catalogue.change_standardstep`) who works in the proposal's department, or a
  superuser. An administrator of no department does not decide for one.
"""

from __future__ import annotations

from typing import Any


def may_see(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.has_perm("cases.reassign_case"))
    )


def department_ids(user: Any) -> list[int] | None:
    """The departments whose root causes `user` sees; None for all."""
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return None
    return list(user.departments.values_list("pk", flat=True))


def may_decide(user: Any, proposal: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(
        user.has_perm("catalogue.change_standardstep")
        and user.departments.filter(pk=proposal.department_id).exists()
    )
