"""Opening many cases at once: `case_create` for a batch, with one INSERT per table.

The queued Open311 filer (open311.intake) turns a hundred queued requests into
cases at a time. Filing them one by one through `case_create` costs about
seventeen statements a case; this does the same work for the whole batch with a
few reads (the services' questions and standards once each, each jurisdiction's
calendar once, the tracking numbers checked together) and one INSERT each for
the cases, their steps and their `created` events. Everything a single
`case_create` does is done here too, through the same functions: the checks
(`case_validate`), the promised dates (`promise_for`), the tracking numbers, the
timeline event and what the resident is told about it (`cases.outbox.outbox_add`,
called for every event, as `_record` does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.arithmetic import WorkingCalendar
from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, CaseStep, EventKind
from cases.outbox import outbox_add
from cases.promises import Promise, promise_for
from cases.services import CaseInput, case_validate
from cases.tracking import new_tracking_number
from catalogue.models import Service, ServiceStandard
from residents.models import Resident

_TRACKING_ATTEMPTS = 5


@dataclass(frozen=True)
class NewCase:
    """One case to open: the keyword arguments of `case_create` (no staff actor)."""

    service: Service
    channel: str
    description: str = ""
    answers: Mapping[str, Any] | None = None
    resident: Resident | None = None
    address: str = ""
    zipcode: str = ""
    lat: Any = None
    long: Any = None
    at: dt.datetime | None = None
    # What case_validate returned for exactly these values, when the caller has checked
    # them already (before finding the resident, say): not checked twice.
    checked: CaseInput | None = None


@dataclass
class _Planned:
    index: int
    request: NewCase
    given: CaseInput
    at: dt.datetime
    standard: ServiceStandard | None
    promise: Promise


def _standards(services: Sequence[Service]) -> dict[int, ServiceStandard | None]:
    """Each service's standard with its steps, read once for the batch."""
    found = {
        s.service_id: s
        for s in ServiceStandard.objects.filter(
            service_id__in={service.pk for service in services}
        ).prefetch_related("steps")
    }
    return {service.pk: found.get(service.pk) for service in services}


def _unused_tracking_numbers(count: int) -> list[str]:
    """`count` new tracking numbers, none already on a case (one read for all)."""
    numbers: list[str] = []
    while len(numbers) < count:
        drawn = {new_tracking_number() for _ in range(count - len(numbers))} - set(numbers)
        taken = set(
            Case.objects.filter(tracking_number__in=drawn).values_list("tracking_number", flat=True)
        )
        numbers.extend(sorted(drawn - taken))
    return numbers


def case_create_many(
    *, requests: Sequence[NewCase], calendars: Mapping[int, WorkingCalendar] | None = None
) -> list[Case | ValidationError]:
    """Open a case for each request, as `case_create` would, in one transaction.

    Returns, in the order of `requests`, each new Case (carrying `next_step_name` /
    `next_step_due`, its service knowing its standard, as `case_create` leaves them)
    or the ValidationError `case_create` would have raised for that request: a bad
    request writes nothing and does not stop the others. `calendars` (by
    jurisdiction id) saves reading a calendar the caller already holds.
    """
    results: list[Case | ValidationError | None] = [None] * len(requests)
    if not requests:
        return []
    now = timezone.now()
    services = list({r.service.pk: r.service for r in requests}.values())
    # One instance per service, so its questions and options are read once for the batch.
    unread = [s for s in services if "questions" not in getattr(s, "_prefetched_objects_cache", {})]
    prefetch_related_objects(unread, "questions__options")
    by_pk = {s.pk: s for s in services}
    standards = _standards(services)
    known_calendars = dict(calendars or {})
    planned: list[_Planned] = []
    for index, request in enumerate(requests):
        service = by_pk[request.service.pk]
        try:
            given = request.checked or case_validate(
                service=service,
                channel=request.channel,
                description=request.description,
                answers=request.answers,
                resident_given=request.resident is not None,
                address=request.address,
                zipcode=request.zipcode,
                lat=request.lat,
                long=request.long,
            )
        except ValidationError as exc:
            results[index] = exc
            continue
        calendar = known_calendars.get(service.jurisdiction_id)
        if calendar is None:
            calendar = known_calendars[service.jurisdiction_id] = working_calendar_for(
                service.jurisdiction
            )
        standard = standards[service.pk]
        at = request.at or now
        promise = promise_for(
            standard=standard,
            steps=list(standard.steps.all()) if standard else [],
            calendar=calendar,
            received_at=at,
        )
        planned.append(_Planned(index, request, given, at, standard, promise))

    for attempt in range(_TRACKING_ATTEMPTS):
        try:
            with transaction.atomic():
                cases = _write(planned, by_pk)
            break
        except IntegrityError:
            # A tracking number taken between the check and the INSERT: draw again.
            if attempt == _TRACKING_ATTEMPTS - 1:
                raise
    for plan, case in zip(planned, cases, strict=True):
        results[plan.index] = case
    return [r for r in results if r is not None]  # every request has its case or error


def _write(planned: Sequence[_Planned], services: Mapping[int, Service]) -> list[Case]:
    numbers = _unused_tracking_numbers(len(planned))
    cases = []
    for plan, number in zip(planned, numbers, strict=True):
        service = services[plan.request.service.pk]
        given, promise = plan.given, plan.promise
        cases.append(
            Case(
                tracking_number=number,
                jurisdiction_id=service.jurisdiction_id,
                service=service,
                description=given.description,
                answers=given.answers,
                address=given.address,
                zipcode=given.zipcode,
                lat=given.lat,
                long=given.long,
                channel=plan.request.channel,
                resident=plan.request.resident,
                priority=plan.standard.priority if plan.standard else "normal",
                department_id=service.department_id,
                created_at=plan.at,
                updated_at=plan.at,
                first_response_due=promise.first_response_due,
                resolution_due=promise.resolution_due,
            )
        )
    if connection.features.can_return_rows_from_bulk_insert:
        Case.objects.bulk_create(cases)
    else:  # the steps and events need the cases' ids
        for case in cases:
            case.save(force_insert=True)
    CaseStep.objects.bulk_create(
        CaseStep(case=case, order=s.order, name=s.name, due_at=s.due_at)
        for case, plan in zip(cases, planned, strict=True)
        for s in plan.promise.steps
    )
    events = CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind=EventKind.CREATED,
            actor=None,
            actor_label=str(case.resident) if case.resident else _("Resident"),
            body="",
            data={
                "channel": case.channel,
                "service": services[plan.request.service.pk].service_code,
                "resolution_due": plan.promise.resolution_due.isoformat(),
            },
            is_public=True,
            created_at=plan.at,
        )
        for case, plan in zip(cases, planned, strict=True)
    )
    for case, event, plan in zip(cases, events, planned, strict=True):
        outbox_add(case=case, event=event)
        first_step = plan.promise.steps[0] if plan.promise.steps else None
        # The attributes open311.selectors annotates (hence not declared on Case).
        vars(case).update(
            next_step_name=first_step.name if first_step else None,
            next_step_due=first_step.due_at if first_step else None,
        )
        Service.standard.related.set_cached_value(case.service, plan.standard)
    return cases
