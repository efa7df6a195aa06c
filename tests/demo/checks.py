"""What every demo or generated case must satisfy: its fields agree with its own timeline.

The same rules as cases/services.py and cases/lifecycle.py, checked from the
outside, so a planner or generator bug shows up as a list of problems.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from cases.lifecycle import allowed_next, is_reopen
from cases.models import Case, CaseEvent, CaseStep, Status

STATUS_EVENTS = {"status_changed", "reopened"}


def timeline_problems(cases: Iterable[Case], *, now: dt.datetime) -> list[str]:
    """Everything wrong with these cases, as readable lines (empty when all is well)."""
    cases = list(cases)
    ids = [c.pk for c in cases]
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for event in CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "created_at", "id"):
        events[event.case_id].append(event)
    steps: dict[int, list[CaseStep]] = defaultdict(list)
    for step in CaseStep.objects.filter(case_id__in=ids).order_by("case_id", "order"):
        steps[step.case_id].append(step)
    staff = {
        c.pk: {d.pk for d in c.owner.departments.all()} if c.owner else set()
        for c in Case.objects.filter(pk__in=ids).select_related("owner")
    }
    problems: list[str] = []
    for case in cases:
        problems += [f"{case} ({case.status}): {p}" for p in _problems(case, events[case.pk])]
        if case.owner_id and case.department_id not in staff[case.pk]:
            problems.append(f"{case}: owner {case.owner_id} is not in the case's department")
        for step in steps[case.pk]:
            if step.completed_at and not any(
                e.kind == "step_completed" and e.data.get("step") == step.order
                for e in events[case.pk]
            ):
                problems.append(f"{case}: step {step.order} completed without an event")
        if any(e.created_at > now for e in events[case.pk]):
            problems.append(f"{case}: an event in the future")
    return problems


def _problems(case: Case, events: list[CaseEvent]) -> list[str]:  # noqa: C901 - one flat check per timeline rule, listed together
    if not events or events[0].kind != "created":
        return ["the timeline does not start with 'created'"]
    problems = []
    if events[0].created_at != case.created_at:
        problems.append("'created' is not at the case's creation time")
    status = Status.NEW
    for event in events:
        before, after = event.data.get("before"), event.data.get("after")
        if event.kind in STATUS_EVENTS:
            if before != status:
                problems.append(f"{event.kind} from {before}, but the case was {status}")
            if after not in allowed_next(status):
                problems.append(f"{status} -> {after} is not allowed")
            if (event.kind == "reopened") != is_reopen(status, after):
                problems.append(f"{status} -> {after} recorded as {event.kind}")
            status = after
        elif event.kind == "merged" and "merged_into" in event.data:
            status = Status.CLOSED
    if status != case.status:
        problems.append(f"the timeline ends {status}")
    finished = case.status in (Status.CLOSED, Status.DECLINED)
    if (case.closed_at is not None) != finished:
        problems.append(f"closed_at is {case.closed_at}")
    if case.status == Status.RESOLVED and case.resolved_at is None:
        problems.append("resolved without resolved_at")
    if case.status != Status.NEW and case.first_responded_at is None:
        problems.append("no first response recorded")
    if case.merged_into_id and case.status != Status.CLOSED:
        problems.append("merged but not closed")
    if case.reopen_count != sum(e.kind == "reopened" for e in events):
        problems.append("reopen_count does not match the timeline")
    if case.escalated != any(e.kind == "escalated" for e in events):
        problems.append("escalated does not match the timeline")
    if case.updated_at < events[-1].created_at and not any(e.kind == "merged" for e in events):
        problems.append("updated_at is before the last event")
    return problems
