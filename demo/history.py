"""Plan a year of demo cases: who asked for what, on which channel, and what staff did.

Planning is pure Python over the demo city loaded from the database (the
"world"): it draws every case and every step of its life from one seeded
random generator, so the same seed gives the same history. demo/replay.py
then writes the plans through cases/services.py in global time order, exactly
as staff and residents would have, so the timeline, promised dates and badges
are the real ones.

Shape of the year (see demo/data/timeline.py): more requests on Mondays and in
office hours, seasons (snow in winter, shelters in summer, tax questions in
December), two storms, web and phone as the big channels, messages
(email/SMS/social/chat) opening general enquiries that the 311 team answers or
routes. Most cases are answered and finished on time; some are late, stalled
(they show as overdue), waiting on the resident, declined with an alternative,
transferred with a handover note, merged as duplicates, or reopened.

A few "showcase" cases come first, anchored to the current time, so that even
a small history has every channel and every status (the staff queue, the
tracking page and the tests rely on it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.dateformat import format as date_format

from accounts.models import User
from accounts.roles import Role
from bookings.models import BookableResource
from calendars.arithmetic import WorkingCalendar
from calendars.services import working_calendar_for
from cases.lifecycle import allowed_next, is_reopen
from cases.models import Status
from cases.promises import Promise, promise_for
from catalogue.models import Service, ServiceStandard, StandardStep
from demo.data import catalogue as catalogue_data
from demo.data import organisation as org_data
from demo.data import people
from demo.data import timeline as texts
from organisations.models import Department, Jurisdiction
from residents.models import Resident

# How a case ends (for cases that are not duplicates), as shares of all cases.
OUTCOME_WEIGHTS = {"resolve": 88, "decline": 7, "stall": 4.3, "untouched": 0.7}
DUPLICATE_SHARE = 0.04
TRANSFER_SHARE = 0.08
GENERAL_ENQUIRY_TRANSFER_SHARE = 0.6
WAITING_SHARE = 0.10
REOPEN_SHARE = 0.04
ESCALATE_LATE_SHARE = 0.4
ANONYMOUS_SHARE = 0.25
BOOKING_SERVICES = frozenset({"shelter-booking", "inspection-booking"})
GENERAL_ENQUIRY = "general-enquiry"
_MINUTE = dt.timedelta(minutes=1)
_SPANISH_WORDS = frozenset({"la", "el", "los", "las", "de", "hay", "una", "nos", "mi", "por"})


# --- The world: the demo city as loaded ----------------------------------------------------


@dataclass(frozen=True)
class ServiceInfo:
    service: Service
    spec: catalogue_data.ServiceSpec
    standard: ServiceStandard | None
    steps: tuple[StandardStep, ...]
    calendar: WorkingCalendar
    place: org_data.JurisdictionSpec
    descriptions: dict[str, tuple[str, ...]]  # by language

    def promise(self, at: dt.datetime) -> Promise:
        return promise_for(
            standard=self.standard, steps=self.steps, calendar=self.calendar, received_at=at
        )


@dataclass
class World:
    services: list[ServiceInfo]
    general_enquiry: dict[int, ServiceInfo]  # by jurisdiction pk
    departments: dict[tuple[int, str], Department]  # (jurisdiction pk, slug)
    agents: dict[int, list[User]]  # by department pk
    supervisors: dict[int, list[User]]
    front_desk: dict[int, list[User]]  # by jurisdiction pk: staff who take calls and walk-ins
    residents: list[Resident]  # oldest first
    resident_since: list[dt.datetime]
    resident_weights: list[float]  # cumulative: a few residents report a lot
    resources: dict[int, list[BookableResource]]  # by service pk

    def staff(self, department: Department) -> list[User]:
        return self.agents.get(department.pk) or self.supervisors.get(department.pk) or []


def load_world(*, rng: random.Random) -> World:  # noqa: C901 - reads each demo table in turn; splitting only moves the list
    """Read the demo city (catalogue, standards, staff, residents, bookable resources)."""
    specs = {(s.jurisdiction_id, s.code): s for s in catalogue_data.SERVICES}
    places = {j.jurisdiction_id: j for j in org_data.JURISDICTIONS}
    calendars: dict[int, WorkingCalendar] = {}
    infos = []
    for service in (
        Service.objects.filter(is_active=True)
        .select_related("jurisdiction", "department")
        .order_by("id")
    ):
        spec = specs.get((service.jurisdiction.jurisdiction_id, service.service_code))
        if spec is None:  # added by hand after the demo was loaded
            continue
        jurisdiction = service.jurisdiction
        if jurisdiction.pk not in calendars:
            calendars[jurisdiction.pk] = working_calendar_for(jurisdiction)
        standard = ServiceStandard.objects.filter(service=service).first()
        steps = tuple(standard.steps.all()) if standard else ()
        by_language: dict[str, list[str]] = {"en": [], "es": []}
        for text in spec.descriptions:
            by_language["es" if looks_spanish(text) else "en"].append(text)
        infos.append(
            ServiceInfo(
                service=service,
                spec=spec,
                standard=standard,
                steps=steps,
                calendar=calendars[jurisdiction.pk],
                place=places[jurisdiction.jurisdiction_id],
                descriptions={k: tuple(v) for k, v in by_language.items()},
            )
        )

    departments = {(d.jurisdiction_id, d.slug): d for d in Department.objects.all()}
    agents: dict[int, list[User]] = defaultdict(list)
    supervisors: dict[int, list[User]] = defaultdict(list)
    for user in (
        User.objects.filter(is_active=True).prefetch_related("departments", "groups").order_by("id")
    ):
        roles = {g.name for g in user.groups.all()}
        for department in user.departments.all():
            if Role.AGENT in roles:
                agents[department.pk].append(user)
            if roles & {Role.SUPERVISOR, Role.DEPARTMENT_ADMIN}:
                supervisors[department.pk].append(user)
    front_desk: dict[int, list[User]] = {}
    for jurisdiction in Jurisdiction.objects.order_by("id"):
        desk = departments.get((jurisdiction.pk, "contact-centre"))
        pool = agents.get(desk.pk, []) if desk else []
        if not pool:
            pool = sorted(
                {u for d in jurisdiction.departments.all() for u in agents.get(d.pk, [])},
                key=lambda u: u.pk,
            )
        front_desk[jurisdiction.pk] = pool

    residents = list(Resident.objects.order_by("created_at", "id"))
    cumulative, total = [], 0.0
    for _resident in residents:
        total += rng.paretovariate(1.5)
        cumulative.append(total)
    resources: dict[int, list[BookableResource]] = defaultdict(list)
    for resource in BookableResource.objects.filter(is_active=True).order_by("id"):
        resources[resource.service_id].append(resource)
    return World(
        services=infos,
        general_enquiry={
            i.service.jurisdiction_id: i for i in infos if i.spec.code == GENERAL_ENQUIRY
        },
        departments=departments,
        agents=dict(agents),
        supervisors=dict(supervisors),
        front_desk=front_desk,
        residents=residents,
        resident_since=[r.created_at for r in residents],
        resident_weights=cumulative,
        resources=dict(resources),
    )


def looks_spanish(text: str) -> bool:
    if any(ch in text for ch in "¿¡áéíóúñ"):
        return True
    return bool(_SPANISH_WORDS & {w.strip(".,!?").lower() for w in text.split()})


# --- Plans ----------------------------------------------------------------------------------


class PlanError(RuntimeError):
    """The planner drew a step the case rules would refuse."""


@dataclass
class Action:
    at: dt.datetime
    kind: str
    args: dict[str, Any]


@dataclass
class CasePlan:
    info: ServiceInfo
    created_at: dt.datetime
    channel: str
    resident: Resident | None
    language: str
    description: str
    answers: dict[str, Any]
    address: str = ""
    zipcode: str = ""
    lat: float | None = None
    long: float | None = None
    creator: User | None = None  # staff who took a call or a walk-in
    resource: BookableResource | None = None  # a booking opens this case
    slot_pick: float = 0.0
    index: int = 0
    actions: list[Action] = field(default_factory=list)
    done_at: dt.datetime | None = None  # finished (resolved, declined, merged); None: never
    is_duplicate: bool = False
    case: Any = None  # the Case, once replayed

    @property
    def first_name(self) -> str:
        if self.resident is None or not self.resident.full_name:
            return "vecino" if self.language == "es" else "neighbour"
        return self.resident.full_name.split()[0]


class Script:
    """Append a case's actions while tracking its status, department and owner, so that
    every planned step is one the rules allow at that moment."""

    def __init__(self, plan: CasePlan, world: World, rng: random.Random) -> None:
        self.plan, self.world, self.rng = plan, world, rng
        self.info = plan.info
        self.status: str = Status.NEW
        self.department = plan.info.service.department
        self.owner: User | None = None
        self.escalated = False
        self.last = plan.created_at
        self.steps_done = 0
        self.promise = plan.info.promise(plan.created_at)
        self.resolution_due = self.promise.resolution_due
        plan.actions.append(Action(plan.created_at, "create", {}))

    # -- time
    def after(self, when: dt.datetime) -> dt.datetime:
        """`when`, or a minute after the previous action if that is later."""
        self.last = max(when, self.last + _MINUTE)
        return self.last

    def business(self, start: dt.datetime, minutes: float) -> dt.datetime:
        return self.info.calendar.add_business_minutes(start, max(1, int(minutes)))

    def window(self, due: dt.datetime, start: dt.datetime | None = None) -> int:
        return max(
            30, self.info.calendar.business_minutes_between(start or self.plan.created_at, due)
        )

    # -- who
    def pick(self, pool: list[User]) -> User | None:
        return self.rng.choice(pool) if pool else None

    def worker(self) -> User | None:
        return self.owner or self.pick(self.world.staff(self.department))

    def supervisor(self) -> User | None:
        return self.pick(self.world.supervisors.get(self.department.pk, [])) or self.worker()

    # -- what
    def _check(self, allowed: bool, target: str) -> None:
        if not allowed:  # a bug in this planner, not in the data
            raise PlanError(f"planned {self.status} -> {target} for {self.info.spec.code}")

    def _add(self, when: dt.datetime, kind: str, **args: Any) -> dt.datetime:
        at = self.after(when)
        self.plan.actions.append(Action(at, kind, args))
        return at

    def change_status(
        self, when: dt.datetime, status: str, note: str = "", *, system: bool = False
    ) -> dt.datetime:
        """A status change by the case's worker, or by CivicDesk itself (`system`)."""
        self._check(
            status in allowed_next(self.status) and not is_reopen(self.status, status), status
        )
        by = None if system else self.worker()
        at = self._add(when, "status", status=status, by=by, note=note)
        self.status = status
        return at

    def acknowledge(self, when: dt.datetime, by: User | None = None) -> dt.datetime:
        self._check(Status.ACKNOWLEDGED in allowed_next(self.status), Status.ACKNOWLEDGED)
        self.status = Status.ACKNOWLEDGED
        return self._add(when, "acknowledge", by=by or self.worker())

    def assign(self, when: dt.datetime) -> dt.datetime:
        owner = self.pick(self.world.agents.get(self.department.pk, []))
        if owner is None or owner == self.owner:
            return self.last
        by = owner if self.rng.random() < 0.5 else self.supervisor()
        self.owner = owner
        return self._add(when, "assign", owner=owner, by=by)

    def transfer(self, when: dt.datetime, to: Department) -> dt.datetime:
        by = self.worker()
        note = self.rng.choice(texts.TRANSFER_NOTES).format(department=to.name)
        self.department, self.owner = to, None
        return self._add(when, "transfer", to=to, by=by, note=note)

    def reply(self, when: dt.datetime, body: str) -> dt.datetime:
        return self._add(when, "reply", by=self.worker(), body=body)

    def note(self, when: dt.datetime) -> dt.datetime:
        body = self.rng.choice(texts.INTERNAL_NOTES[self.kind])
        return self._add(when, "note", by=self.worker(), body=body)

    def escalate(self, when: dt.datetime) -> dt.datetime:
        by = self.pick(self.world.supervisors.get(self.department.pk, []))
        if by is None:
            return self.last  # only supervisors escalate (cases/permissions.py)
        self.escalated = True
        reason = self.rng.choice(texts.ESCALATION_REASONS)
        return self._add(when, "escalate", by=by, reason=reason)

    def complete_steps(self, until: dt.datetime, upto: int) -> None:
        """Complete steps up to number `upto`, each about when it is due (one in seven
        late), none after `until`."""
        while self.steps_done < min(upto, len(self.promise.steps)):
            step = self.promise.steps[self.steps_done]
            begins = (
                self.promise.steps[self.steps_done - 1].due_at
                if self.steps_done
                else self.plan.created_at
            )
            share = (
                self.rng.uniform(1.0, 1.5)
                if self.rng.random() < 0.15
                else self.rng.uniform(0.4, 1.0)
            )
            when = self.business(begins, self.window(step.due_at, begins) * share)
            self.steps_done += 1
            self._add(
                min(max(when, self.business(self.last, 5)), until - _MINUTE),
                "step",
                order=step.order,
                by=self.worker(),
            )

    def resident_message(self, when: dt.datetime, body: str) -> dt.datetime:
        night = 7 - when.astimezone(self.info.calendar.zone).hour
        if night > 0:  # residents write any day, but not often before seven
            when += dt.timedelta(hours=night, minutes=self.rng.randrange(120))
        at = self._add(when, "resident_message", body=body)
        if self.status == Status.WAITING_ON_RESIDENT:
            self.status = Status.IN_PROGRESS
        return at

    def reopen(self, when: dt.datetime) -> dt.datetime:
        """The resident says it is not fixed: back to work with a fresh promised date."""
        self._check(is_reopen(self.status, Status.IN_PROGRESS), "reopened")
        at = self.after(when)
        due = promise_for(
            standard=self.info.standard, steps=[], calendar=self.info.calendar, received_at=at
        ).resolution_due
        reason = self.text(texts.REOPEN_REASONS, date=self.day(due))
        self.plan.actions.append(Action(at, "reopen", {"by": self.worker(), "reason": reason}))
        self.status, self.resolution_due = Status.IN_PROGRESS, due
        return at

    def merge(self, when: dt.datetime, into: CasePlan) -> dt.datetime:
        self.status = Status.CLOSED
        return self._add(when, "merge", into=into, by=self.supervisor())  # cases/permissions.py

    # -- words
    @property
    def kind(self) -> str:
        """ "place" when someone goes out to a location, "desk" otherwise (timeline.py)."""
        return "place" if self.info.service.needs_location else "desk"

    def text(self, choices: dict[str, Any], **values: Any) -> str:
        options = choices.get(self.plan.language) or choices["en"]
        if isinstance(options, dict):
            options = options[self.kind]
        return str(self.rng.choice(options)).format(name=self.plan.first_name, **values)

    def day(self, when: dt.datetime) -> str:
        return promised_day(when, self.info.calendar, self.plan.language)

    def first_reply(self, at: dt.datetime) -> str:
        upcoming = [s for s in self.promise.steps if s.due_at > at]
        step = upcoming[0] if upcoming else None
        due = step.due_at if step else self.resolution_due
        name = step.name if step else "We finish the work"
        return self.text(
            texts.FIRST_REPLIES,
            department=self.department.name,
            step=name[:1].lower() + name[1:],
            date=self.day(due),
        )


def day_hours(day: dt.date, zone: dt.tzinfo) -> list[dt.datetime]:
    """The start (UTC) of every real hour of the local `day`: 24, or 23 and 25 on the
    days the clocks change."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    count = round((end.astimezone(dt.UTC) - start).total_seconds() / 3600)
    return [start + dt.timedelta(hours=n) for n in range(count)]


def promised_day(when: dt.datetime, calendar: WorkingCalendar, language: str) -> str:
    """ "Tuesday 4 March" / "martes 4 de marzo", in the jurisdiction's time zone."""
    local = when.astimezone(calendar.zone)
    with translation.override(language):
        return date_format(local, r"l j \d\e F" if language == "es" else "l j F")


# --- Drawing the cases ------------------------------------------------------------------------


class Planner:
    def __init__(self, world: World, *, rng: random.Random, now: dt.datetime, days: int) -> None:
        self.world, self.rng, self.now, self.days = world, rng, now, days
        self.zone = world.services[0].calendar.zone if world.services else dt.UTC
        today = now.astimezone(self.zone).date()
        self.first_day = today - dt.timedelta(days=days - 1)
        self.storms = {
            today - dt.timedelta(days=ago - extra): boosts
            for ago, boosts in texts.STORMS
            for extra in range(3)
            if ago < days
        }
        self.choosable = [
            i
            for i in world.services
            if i.spec.weight > 0
            and (i.spec.code not in BOOKING_SERVICES or world.resources.get(i.service.pk))
            and (world.residents or i.service.allows_anonymous)
        ]
        self._weights_cache: dict[tuple[int, dt.date | None], list[float]] = {}
        self.recent: dict[int, list[CasePlan]] = defaultdict(list)  # by service pk, for merges
        self.backlog_since = now - dt.timedelta(days=60)

    # -- arrivals
    def service_weights(self, day: dt.date) -> list[float]:
        storm = day if day in self.storms else None
        key = (day.month, storm)
        if key not in self._weights_cache:
            boosts = dict(self.storms.get(day, ()))
            self._weights_cache[key] = [
                i.spec.weight
                * texts.SEASONS.get(i.spec.code, (1,) * 12)[day.month - 1]
                * boosts.get(i.spec.code, 1)
                for i in self.choosable
            ]
        return self._weights_cache[key]

    def arrival_days(self, count: int) -> list[dt.date]:
        days = [self.first_day + dt.timedelta(days=n) for n in range(self.days)]
        weights = [
            texts.WEEKDAY_WEIGHTS[d.isoweekday()] * sum(self.service_weights(d)) for d in days
        ]
        return self.rng.choices(days, weights=weights, k=count)

    def arrival_time(self, day: dt.date, info: ServiceInfo, channel: str) -> dt.datetime | None:
        """A moment of `day` (local) for a request on `channel`, before now; None when the
        day has none: calls and walk-ins only in office hours, and today only until now."""
        calendar, rng, now = info.calendar, self.rng, self.now
        if channel in texts.OFFICE_HOURS_CHANNELS:
            if not calendar.is_working_day(day):
                return None
            opens, closes = calendar.working_hours(day)
            latest = min(closes - dt.timedelta(minutes=10), now)
            if latest <= opens:  # today, before opening time
                return None
            at = opens + dt.timedelta(seconds=rng.uniform(0, (latest - opens).total_seconds()))
        else:
            # The day's real hours (23 or 25 on the days the clocks change), weighted by
            # what the local clock shows; today only those that have begun by now.
            starts = [h for h in day_hours(day, calendar.zone) if h < now]
            if not starts:
                return None
            weights = [texts.HOUR_WEIGHTS[h.astimezone(calendar.zone).hour] for h in starts]
            start = rng.choices(starts, weights=weights)[0]
            length = min(3600.0, (now - start).total_seconds())
            at = start + dt.timedelta(seconds=rng.uniform(0, length))
        return min(at.replace(microsecond=0), now - dt.timedelta(seconds=1))

    def draw_plan(self, day: dt.date) -> CasePlan:
        """One case arriving on `day`, or on the nearest day that can take it: a day with no
        possible moment (a holiday for a call, today before opening) gives way to the next
        day, and today, which has no next day, to the day before."""
        rng = self.rng
        today = self.now.astimezone(self.zone).date()
        for _attempt in range(50):
            info = rng.choices(self.choosable, weights=self.service_weights(day))[0]
            channel = rng.choices(
                list(people.CHANNEL_WEIGHTS), weights=list(people.CHANNEL_WEIGHTS.values())
            )[0]
            if info.spec.code in BOOKING_SERVICES:
                channel = rng.choice(texts.BOOKING_CHANNELS)
            elif channel in texts.MESSAGE_CHANNELS and rng.random() < 0.55:
                info = self.world.general_enquiry.get(info.service.jurisdiction_id, info)
            at = self.arrival_time(day, info, channel)
            if at is not None:
                plan = self.new_plan(info, channel, at)
                if plan is not None:
                    return plan
            day = day + dt.timedelta(days=1) if day < today else day - dt.timedelta(days=1)
        raise RuntimeError("Could not place a demo case; is the catalogue empty?")

    def new_plan(
        self,
        info: ServiceInfo,
        channel: str,
        at: dt.datetime,
        *,
        anonymous: bool | None = None,
    ) -> CasePlan | None:
        rng = self.rng
        if anonymous is None:
            anonymous = (
                info.service.allows_anonymous
                and channel not in texts.MESSAGE_CHANNELS
                and rng.random() < ANONYMOUS_SHARE
            )
        resident = (
            None if anonymous else self.pick_resident(at, needs_email=channel in ("email", "chat"))
        )
        if resident is None and not info.service.allows_anonymous:
            return None
        language = resident.preferred_language if resident else rng.choice(("en", "en", "es"))
        texts_in_language = info.descriptions.get(language) or info.descriptions["en"]
        if language == "es" and rng.random() < 0.3:  # bilingual households write either
            texts_in_language = info.descriptions["en"] or texts_in_language
        plan = CasePlan(
            info=info,
            created_at=at,
            channel=channel,
            resident=resident,
            language=language,
            description=rng.choice(texts_in_language) if texts_in_language else "",
            answers=self.answers(info, at),
            slot_pick=rng.random(),
        )
        if info.service.needs_location or rng.random() < 0.2:
            self.place(plan)
        if channel in texts.OFFICE_HOURS_CHANNELS:
            plan.creator = self.pick_from(self.world.front_desk.get(info.service.jurisdiction_id))
        if info.spec.code in BOOKING_SERVICES:
            plan.resource = rng.choice(self.world.resources[info.service.pk])
            plan.description = ""
        return plan

    def pick_from(self, pool: list[User] | None) -> User | None:
        return self.rng.choice(pool) if pool else None

    def pick_resident(self, at: dt.datetime, *, needs_email: bool) -> Resident | None:
        world = self.world
        known = bisect.bisect_right(world.resident_since, at) or len(world.residents)
        if not known:
            return None
        for _attempt in range(6):
            resident = self.rng.choices(
                world.residents[:known], cum_weights=world.resident_weights[:known]
            )[0]
            if resident.email or not needs_email:
                return resident
        return resident

    def place(self, plan: CasePlan) -> None:
        rng, spot = self.rng, plan.info.place
        plan.address = f"{rng.randrange(1, 400)} {rng.choice(people.STREETS)}"
        plan.zipcode = f"{spot.zip_prefix}{rng.randrange(1, 40):02d}"
        plan.lat = round(spot.centre[0] + rng.uniform(-0.03, 0.03), 6)
        plan.long = round(spot.centre[1] + rng.uniform(-0.04, 0.04), 6)

    def answers(self, info: ServiceInfo, at: dt.datetime) -> dict[str, Any]:
        return draw_answers(info.spec, self.rng, at.astimezone(info.calendar.zone))

    # -- lives
    def live(self, plan: CasePlan) -> None:
        """Plan what happens to the case after it arrives."""
        rng = self.rng
        master = self.find_master(plan) if rng.random() < DUPLICATE_SHARE else None
        # Only a supervisor merges (cases/permissions.py): no duplicates where none works.
        if master is not None and self.world.supervisors.get(plan.info.service.department.pk):
            self.duplicate(plan, master)
            return
        outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
        if outcome in ("stall", "untouched") and plan.created_at < self.backlog_since:
            # Old forgotten cases get found in a backlog review; recent ones are still there.
            outcome = "resolve" if rng.random() < 0.75 else outcome
        s = Script(plan, self.world, rng)
        if outcome == "untouched":
            return
        fr_window = s.window(s.promise.first_response_due)
        res_window = s.window(s.promise.resolution_due)
        if plan.creator is not None:  # the agent on the phone or at the counter
            first = s.acknowledge(
                plan.created_at + dt.timedelta(minutes=rng.uniform(2, 12)), by=plan.creator
            )
        else:
            first = s.acknowledge(
                s.business(plan.created_at, fr_window * min(3.0, rng.lognormvariate(-1.0, 0.8)))
            )
        target = self.transfer_target(plan, s)
        if target is not None:
            s.transfer(s.business(first, rng.uniform(10, 240)), target)
        s.assign(s.business(s.last, rng.uniform(5, 120)))
        if outcome == "decline":
            at = s.business(s.last, rng.uniform(30, max(60, res_window * 0.3)))
            s.change_status(at, Status.DECLINED, note=s.text(texts.DECLINE_NOTES))
            plan.done_at = s.last
            self.remember(plan)
            return
        if outcome == "stall" and rng.random() < 0.4:
            self.remember(plan)
            return  # acknowledged and then forgotten: overdue in the queue
        started = s.change_status(
            s.business(s.last, rng.uniform(10, 480)),
            Status.IN_PROGRESS,
            note=s.text(texts.IN_PROGRESS_NOTES),
        )
        if rng.random() < 0.6:
            s.reply(s.business(started, rng.uniform(1, 30)), s.first_reply(s.last))
        self.remember(plan)
        if outcome == "stall":
            if rng.random() < 0.5:
                s.note(s.business(s.last, rng.uniform(60, 2000)))
            return
        finish_share = rng.lognormvariate(-0.45, 0.45)  # about one in seven is late
        finish = max(s.business(plan.created_at, res_window * finish_share), s.last + _MINUTE * 30)
        self.work(s, finish)
        plan.done_at = s.last
        self.aftercare(s)

    def work(self, s: Script, finish: dt.datetime) -> None:
        """From in progress to resolved at about `finish`: notes, questions, steps, escalation."""
        rng = self.rng
        span = s.window(finish, s.last)
        for share in sorted(
            rng.uniform(0.05, 0.8)
            for _n in range(rng.choices((0, 1, 2, 3), weights=(45, 35, 15, 5))[0])
        ):
            s.note(s.business(s.last, span * share / 3))
        if rng.random() < WAITING_SHARE:
            asked = s.business(s.last, s.window(finish, s.last) * rng.uniform(0.1, 0.4))
            keep_until = s.business(asked, 10 * 8 * 60)
            s.change_status(
                asked,
                Status.WAITING_ON_RESIDENT,
                note=s.text(texts.WAITING_MESSAGES, date=s.day(keep_until)),
            )
            if rng.random() < 0.2:  # no answer: finish with what we have
                s.change_status(keep_until, Status.RESOLVED, note=s.text(texts.NO_REPLY_NOTES))
                return
            s.resident_message(
                s.last + dt.timedelta(hours=rng.uniform(2, 96)), s.text(texts.RESIDENT_REPLIES)
            )
            finish = max(finish, s.business(s.last, rng.uniform(60, 1500)))
        if finish > s.resolution_due and rng.random() < ESCALATE_LATE_SHARE:
            s.escalate(s.business(max(s.last, s.resolution_due), rng.uniform(30, 600)))
            finish = max(finish, s.business(s.last, rng.uniform(60, 1500)))
        s.complete_steps(finish, len(s.promise.steps) - 1)
        s.complete_steps(s.after(finish) + _MINUTE * 2, len(s.promise.steps))
        s.change_status(
            s.last + _MINUTE * rng.uniform(1, 15),
            Status.RESOLVED,
            note=s.text(texts.RESOLVE_REPLIES),
        )

    def aftercare(self, s: Script) -> None:
        """Closed a week later by CivicDesk; now and then reopened and finished again."""
        rng = self.rng
        if rng.random() < 0.92:
            s.change_status(
                s.last + dt.timedelta(days=rng.uniform(5, 9)),
                Status.CLOSED,
                note=s.text(texts.CLOSE_NOTES),
                system=True,
            )
        if rng.random() < REOPEN_SHARE:
            s.reopen(s.business(s.last, rng.uniform(60, 20 * 8 * 60)))
            s.assign(s.business(s.last, rng.uniform(10, 240)))
            window = s.window(s.resolution_due, s.last)
            s.change_status(
                s.business(s.last, window * rng.uniform(0.3, 1.1)),
                Status.RESOLVED,
                note=s.text(texts.RESOLVE_REPLIES),
            )
            if rng.random() < 0.9:
                s.change_status(
                    s.last + dt.timedelta(days=rng.uniform(5, 9)),
                    Status.CLOSED,
                    note=s.text(texts.CLOSE_NOTES),
                    system=True,
                )

    def transfer_target(self, plan: CasePlan, s: Script) -> Department | None:
        rng, info = self.rng, plan.info
        jurisdiction = info.service.jurisdiction_id
        if info.spec.code == GENERAL_ENQUIRY:
            slug = texts.TOPIC_DEPARTMENTS.get(plan.answers.get("topic", ""))
            if slug is None or rng.random() > GENERAL_ENQUIRY_TRANSFER_SHARE:
                return None
        else:
            targets = texts.TRANSFER_TARGETS.get(info.service.department.slug, ())
            if not targets or rng.random() > TRANSFER_SHARE:
                return None
            slug = rng.choice(targets)
        department = self.world.departments.get((jurisdiction, slug))
        if (
            department is None
            or department == s.department
            or not self.world.agents.get(department.pk)
        ):
            return None
        return department

    def remember(self, plan: CasePlan) -> None:
        if plan.info.service.needs_location and plan.resource is None:
            self.recent[plan.info.service.pk].append(plan)

    def find_master(self, plan: CasePlan) -> CasePlan | None:
        candidates = [
            p
            for p in self.recent.get(plan.info.service.pk, [])[-40:]
            if plan.created_at - dt.timedelta(days=10) < p.created_at < plan.created_at
            and (p.done_at is None or p.done_at > plan.created_at + dt.timedelta(days=4))
            # A transferred report is in another department by the time of the merge,
            # where the duplicate's supervisor may not merge (cases/permissions.py).
            and not any(action.kind == "transfer" for action in p.actions)
        ]
        return self.rng.choice(candidates) if candidates else None

    def duplicate(
        self, plan: CasePlan, master: CasePlan, *, after: dt.datetime | None = None
    ) -> None:
        """The same problem reported again: staff merge it into the first report."""
        plan.is_duplicate = True
        plan.address, plan.zipcode = master.address, master.zipcode
        plan.lat, plan.long = master.lat, master.long
        s = Script(plan, self.world, self.rng)
        s.merge(after or s.business(plan.created_at, self.rng.uniform(20, 300)), master)
        plan.done_at = s.last


def draw_answers(
    spec: catalogue_data.ServiceSpec, rng: random.Random, local: dt.datetime
) -> dict[str, Any]:
    """Answers to the service's questions as a resident would give them at `local` time:
    every required one, most optional ones, dates before or after as the question implies."""
    result: dict[str, Any] = {}
    for q in spec.questions:
        if not q.required and rng.random() < 0.4:
            continue
        if q.datatype == "singlevaluelist":
            result[q.code] = rng.choice(q.options)[0]
        elif q.datatype == "multivaluelist":
            keys = [o[0] for o in q.options]
            result[q.code] = rng.sample(keys, rng.randint(1, min(2, len(keys))))
        elif q.datatype == "number":
            result[q.code] = str(rng.randint(*q.number_range))
        elif q.datatype == "datetime":
            if any(w in q.code for w in ("preferred", "event")):  # a day ahead
                result[q.code] = (local.date() + dt.timedelta(days=rng.randint(3, 60))).isoformat()
            elif q.code.endswith("_on"):  # a day before
                result[q.code] = (local.date() - dt.timedelta(days=rng.randint(1, 10))).isoformat()
            else:  # a moment before
                when = local - dt.timedelta(minutes=rng.randrange(30, 3 * 24 * 60))
                result[q.code] = when.replace(tzinfo=None).isoformat(timespec="minutes")
        elif q.samples:
            result[q.code] = rng.choice(q.samples)
    return result


# --- Showcase: every channel and status, whatever the count -------------------------------

# (channel, service code, hours ago created, fate)
SHOWCASE = (
    ("web", "pothole", 0.7, "new"),
    ("phone", "missed-trash", 5, "acknowledged"),
    ("email", GENERAL_ENQUIRY, 50, "transferred"),
    ("sms", "graffiti", 75, "waiting"),
    ("whatsapp", GENERAL_ENQUIRY, 28, "acknowledged"),
    ("walk_in", "recycle-bin", 9 * 24, "resolved"),
    ("social", "streetlight-out", 60 * 24, "reopened"),
    ("chat", GENERAL_ENQUIRY, 6 * 24, "declined"),
    ("api", "pothole", 30 * 24, "overdue"),
    ("kiosk", "pothole", 3 * 24, "duplicate"),
)


def showcase_plans(planner: Planner, count: int) -> list[CasePlan]:
    world, now, rng = planner.world, planner.now, planner.rng
    riverton = next(
        (
            i.service.jurisdiction_id
            for i in world.services
            if i.place.jurisdiction_id == org_data.RIVERTON
        ),
        None,
    )
    by_code = {i.spec.code: i for i in world.services if i.service.jurisdiction_id == riverton}
    plans: list[CasePlan] = []
    overdue: CasePlan | None = None
    for channel, code, hours, fate in SHOWCASE[:count]:
        info = by_code.get(code)
        if info is None:
            continue
        created = (now - dt.timedelta(hours=hours)).replace(microsecond=0)
        if channel in texts.OFFICE_HOURS_CHANNELS:  # a call or a visit: when the office was open
            created = last_open_moment(info.calendar, created)
        plan = planner.new_plan(info, channel, created, anonymous=False)
        if plan is None:
            continue
        if channel in texts.OFFICE_HOURS_CHANNELS and plan.creator is None:
            plan.creator = planner.pick_from(world.front_desk.get(info.service.jurisdiction_id))
        if code == GENERAL_ENQUIRY:
            plan.answers["topic"] = "streets"
        if fate == "duplicate":
            if overdue is None:
                continue
            planner.duplicate(plan, overdue, after=created + dt.timedelta(hours=2))
        else:
            _showcase_life(Script(plan, world, rng), fate, now)
        if fate == "overdue":
            overdue = plan
        plans.append(plan)
    return plans


def last_open_moment(calendar: WorkingCalendar, before: dt.datetime) -> dt.datetime:
    """`before`, or the last moment the office was open before it (ten minutes before a
    closing time, as arrival_time draws calls)."""
    day = calendar.local_date(before)
    for _back in range(60):
        if calendar.is_working_day(day):
            opens, closes = calendar.working_hours(day)
            if opens < before:
                return min(before, closes - dt.timedelta(minutes=10))
        day -= dt.timedelta(days=1)
    return before


def _showcase_life(s: Script, fate: str, now: dt.datetime) -> None:
    created = s.plan.created_at
    hour = dt.timedelta(hours=1)
    if fate == "new":
        return
    s.acknowledge(created + 0.1 * hour, by=s.plan.creator)
    if fate == "transferred":
        to = s.world.departments.get((s.info.service.jurisdiction_id, "streets"))
        if to is not None:
            s.transfer(created + 2 * hour, to)
    s.assign(created + 2.5 * hour)
    if fate == "acknowledged":
        return
    if fate == "declined":
        s.change_status(created + 20 * hour, Status.DECLINED, note=s.text(texts.DECLINE_NOTES))
        return
    s.change_status(created + 3 * hour, Status.IN_PROGRESS)
    s.reply(created + 3.2 * hour, s.first_reply(created + 3.2 * hour))
    if fate == "transferred":
        return
    if fate == "waiting":
        s.note(now - 30 * hour)
        asked = now - 24 * hour
        s.change_status(
            asked,
            Status.WAITING_ON_RESIDENT,
            note=s.text(texts.WAITING_MESSAGES, date=s.day(s.business(asked, 10 * 8 * 60))),
        )
        return
    if fate == "overdue":
        s.note(created + 50 * hour)
        s.escalate(now - 48 * hour)
        return
    finished = now - (24 * hour if fate == "resolved" else 45 * 24 * hour)
    s.complete_steps(finished, len(s.promise.steps))
    s.change_status(finished, Status.RESOLVED, note=s.text(texts.RESOLVE_REPLIES))
    if fate == "reopened":
        s.change_status(now - 38 * 24 * hour, Status.CLOSED, note=s.text(texts.CLOSE_NOTES))
        s.reopen(now - 20 * 24 * hour)
        s.change_status(now - 12 * 24 * hour, Status.RESOLVED, note=s.text(texts.RESOLVE_REPLIES))
        s.change_status(now - 4 * 24 * hour, Status.CLOSED, note=s.text(texts.CLOSE_NOTES))
    s.plan.done_at = s.last


# --- Entry point ------------------------------------------------------------------------------


def plan_history(
    world: World, *, rng: random.Random, now: dt.datetime, count: int, days: int = 365
) -> list[CasePlan]:
    """`count` case plans over the last `days` days, oldest first, actions not yet run."""
    if count <= 0 or not world.services:
        return []
    planner = Planner(world, rng=rng, now=now, days=days)
    drawn = [
        planner.draw_plan(day)
        for day in sorted(planner.arrival_days(max(0, count - len(SHOWCASE))))
    ]
    drawn.sort(key=lambda p: p.created_at)
    for plan in drawn:
        planner.live(plan)
    plans = drawn + showcase_plans(planner, count)
    plans.sort(key=lambda p: p.created_at)
    for index, plan in enumerate(plans):
        plan.index = index
    return plans
