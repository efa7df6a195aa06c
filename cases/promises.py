"""Promised dates: what we tell the resident, computed from the standard and the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from calendars.arithmetic import BusinessDuration, WorkingCalendar
from catalogue.models import ServiceStandard, StandardStep

# Used only for a service whose standard has not been written yet, so that every
# case still gets a concrete date; the admin shows which services lack one.
DEFAULT_FIRST_RESPONSE = BusinessDuration(2, "business_days")
DEFAULT_RESOLUTION = BusinessDuration(10, "business_days")


@dataclass(frozen=True)
class StepPromise:
    order: int
    name: str
    due_at: dt.datetime


@dataclass(frozen=True)
class Promise:
    first_response_due: dt.datetime
    resolution_due: dt.datetime
    steps: tuple[StepPromise, ...]


def promise_for(
    *,
    standard: ServiceStandard | None,
    steps: Sequence[StandardStep],
    calendar: WorkingCalendar,
    received_at: dt.datetime,
) -> Promise:
    """Dates for a request received at `received_at`.

    Steps run one after another, each starting when the one before is due. If the
    documented steps add up to more than the resolution target, the promise is
    the later date: we never promise a resolution before the work we describe
    could be done (that would be the "truth perceived as a lie").
    """
    first_response = standard.first_response if standard else DEFAULT_FIRST_RESPONSE
    resolution = standard.resolution if standard else DEFAULT_RESOLUTION
    first_response_due = calendar.add(received_at, first_response)
    resolution_due = calendar.add(received_at, resolution)

    step_promises: list[StepPromise] = []
    cursor = received_at
    for index, step in enumerate(steps, start=1):
        cursor = calendar.add(cursor, step.duration)
        step_promises.append(StepPromise(order=index, name=step.name, due_at=cursor))
    if step_promises and step_promises[-1].due_at > resolution_due:
        resolution_due = step_promises[-1].due_at
    return Promise(
        first_response_due=min(first_response_due, resolution_due),
        resolution_due=resolution_due,
        steps=tuple(step_promises),
    )
