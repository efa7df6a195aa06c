"""Write planned demo cases through the domain services, in global time order.

Every action of every plan (demo/history.py) is sorted by its time and run
through cases/services.py (bookings through bookings/services.py) with `at=`
set to that time, as if the year were happening again. Actions later than
`now` are not run, so recent cases are left open in whatever state they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from django.utils import timezone

from bookings.selectors import BookingError, free_slots
from bookings.services import booking_create
from cases import services
from cases.models import Status
from demo.history import Action, CasePlan
from payments.selectors import payment_for
from payments.services import payment_mark_paid


def replay(plans: list[CasePlan], *, now: dt.datetime) -> Counter[str]:
    """Run the actions due by `now`; returns how many of each kind ran."""
    queue = [
        (action.at, plan.index, order, plan, action)
        for plan in plans
        for order, action in enumerate(plan.actions)
        if action.at <= now
    ]
    queue.sort(key=lambda item: item[:3])
    done: Counter[str] = Counter()
    for _at, _index, _order, plan, action in queue:
        if action.kind != "create" and plan.case is None:
            continue  # its booking found no free slot
        if _HANDLERS[action.kind](plan, action):
            done[action.kind] += 1
    return done


def _create(plan: CasePlan, action: Action) -> bool:
    if plan.resource is not None:
        return _book(plan, action.at)
    plan.case = services.case_create(
        service=plan.info.service,
        channel=plan.channel,
        description=plan.description,
        answers=plan.answers,
        resident=plan.resident,
        address=plan.address,
        zipcode=plan.zipcode,
        lat=plan.lat,
        long=plan.long,
        actor=plan.creator,
        at=action.at,
        calendar=plan.info.calendar,
    )
    return True


def _book(plan: CasePlan, at: dt.datetime) -> bool:
    """Book a free slot one to three weeks ahead of `at`, as the resident would have."""
    resource, resident = plan.resource, plan.resident
    if resource is None or resident is None:
        return False
    first_day = (at + dt.timedelta(days=2)).astimezone(resource.jurisdiction.zone).date()
    slots = free_slots(resource, first_day, 21, now=at)
    if not slots:
        return False
    slot = slots[int(plan.slot_pick * len(slots))]
    try:
        made = booking_create(
            resource=resource,
            start=slot.start,
            resident=resident,
            channel=plan.channel,
            actor=plan.creator,
            now=at,
        )
    except BookingError:
        return False
    if made.booking.fee_cents:  # paid on the demo provider's page a few minutes later
        payment = payment_for("booking", made.booking.pk)
        if payment is not None:
            payment_mark_paid(
                payment=payment,
                payment_id=f"demo_pi_{payment.token}",
                at=min(at + dt.timedelta(minutes=4), timezone.now()),
            )
    plan.case = made.booking.case
    return True


def _acknowledge(plan: CasePlan, action: Action) -> bool:
    plan.case.refresh_from_db(fields=["status"])
    if plan.case.status != Status.NEW:
        return True  # a reply already acknowledged it (cases.services.case_reply_publicly)
    services.case_acknowledge(case=plan.case, by=action.args["by"], at=action.at)
    return True


def _assign(plan: CasePlan, action: Action) -> bool:
    services.case_assign(
        case=plan.case, owner=action.args["owner"], by=action.args["by"], at=action.at
    )
    return True


def _transfer(plan: CasePlan, action: Action) -> bool:
    services.case_transfer(
        case=plan.case,
        to_department=action.args["to"],
        by=action.args["by"],
        note=action.args["note"],
        at=action.at,
    )
    return True


def _reply(plan: CasePlan, action: Action) -> bool:
    services.case_reply_publicly(
        case=plan.case, by=action.args["by"], body=action.args["body"], at=action.at
    )
    return True


def _note(plan: CasePlan, action: Action) -> bool:
    services.case_add_internal_note(
        case=plan.case, by=action.args["by"], body=action.args["body"], at=action.at
    )
    return True


def _status(plan: CasePlan, action: Action) -> bool:
    services.case_change_status(
        case=plan.case,
        status=action.args["status"],
        by=action.args["by"],
        note=action.args["note"],
        at=action.at,
    )
    return True


def _resident_message(plan: CasePlan, action: Action) -> bool:
    services.case_add_resident_message(case=plan.case, body=action.args["body"], at=action.at)
    return True


def _merge(plan: CasePlan, action: Action) -> bool:
    into: CasePlan = action.args["into"]
    if into.case is None:
        return False
    services.case_merge(duplicate=plan.case, into=into.case, by=action.args["by"], at=action.at)
    return True


def _reopen(plan: CasePlan, action: Action) -> bool:
    services.case_reopen(
        case=plan.case, by=action.args["by"], reason=action.args["reason"], at=action.at
    )
    return True


def _escalate(plan: CasePlan, action: Action) -> bool:
    services.case_escalate(
        case=plan.case, by=action.args["by"], reason=action.args["reason"], at=action.at
    )
    return True


def _step(plan: CasePlan, action: Action) -> bool:
    services.case_complete_step(
        case=plan.case, order=action.args["order"], by=action.args["by"], at=action.at
    )
    return True


_HANDLERS: dict[str, Callable[[CasePlan, Action], bool]] = {
    "create": _create,
    "acknowledge": _acknowledge,
    "assign": _assign,
    "transfer": _transfer,
    "reply": _reply,
    "note": _note,
    "status": _status,
    "resident_message": _resident_message,
    "merge": _merge,
    "reopen": _reopen,
    "escalate": _escalate,
    "step": _step,
}
