"""Synthetic cases at scale (generate_city): millions of valid cases, fast.

Unlike the demo history (demo/history.py, written through cases/services.py
one case at a time), this writes rows directly in batches, one transaction per
batch (demo/bulk.py: COPY on PostgreSQL, executemany on SQLite). What it
writes is what the services would have written:

- tracking numbers in the cases/tracking.py format, unique by construction (a
  fixed bijective scramble of the case id, see tracking_number());
- promised dates from each service's standard and its jurisdiction's business
  calendar, computed on a CalendarTable (demo/promise_table.py) with the same
  results as cases.promises.promise_for;
- a life per case (acknowledged, assigned, sometimes transferred, in progress,
  waiting on the resident, steps completed, resolved, closed a week later,
  declined, merged into an earlier report of the same service, reopened), cut
  off at the current time, so the status, owner, department and timestamps of
  each case agree with the timeline events and steps written with it.

Cases are generated oldest first (ids grow with created_at, as in real life),
for the services of the demo catalogue (demo/data/catalogue.py), in the demo
city built by load_demo.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import random
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from calendars.arithmetic import WorkingCalendar
from calendars.services import working_calendar_for
from cases import tracking
from cases.models import Case, CaseEvent, CaseStep, Status
from cases.promises import DEFAULT_FIRST_RESPONSE, DEFAULT_RESOLUTION
from catalogue.models import Service, ServiceStandard
from demo.bulk import Loader, Table
from demo.data import catalogue as catalogue_data
from demo.data import organisation as org_data
from demo.data import people
from demo.data import timeline as texts
from demo.history import (
    BOOKING_SERVICES,
    GENERAL_ENQUIRY,
    draw_answers,
    looks_spanish,
    promised_day,
)
from demo.promise_table import CalendarTable, FastPromise, Standard, fast_promise
from organisations.models import Department, Jurisdiction
from residents.models import Resident

CASE_COLUMNS = (
    "tracking_number", "jurisdiction_id", "service_id", "description", "answers", "address",
    "zipcode", "lat", "long", "channel", "resident_id", "status", "priority", "department_id",
    "owner_id", "escalated", "merged_into_id", "created_at", "updated_at", "first_response_due",
    "resolution_due", "first_responded_at", "resolved_at", "closed_at", "reopen_count",
)  # fmt: skip
STEP_COLUMNS = ("case_id", "order", "name", "due_at", "completed_at")
EVENT_COLUMNS = (
    "case_id", "kind", "actor_id", "actor_label", "is_public", "body", "data", "created_at",
)  # fmt: skip
RESIDENT_COLUMNS = (
    "full_name", "email", "phone", "preferred_language", "preferred_channel", "created_at",
)  # fmt: skip

RESIDENTS_PER_CASE = 0.25
DUPLICATE_SHARE = 0.03
TRANSFER_SHARE = 0.06
WAITING_SHARE = 0.08
REOPEN_SHARE = 0.03
_MASK = (1 << 50) - 1
_PAIRS = tuple(a + b for a in tracking.ALPHABET for b in tracking.ALPHABET)
_DAY = 86400
_NO_DATA = "{}"
# Status values as plain strings (they go straight into rows and JSON).
_NEW, _ACKNOWLEDGED, _IN_PROGRESS, _WAITING, _RESOLVED, _CLOSED, _DECLINED = (
    str(s.value)
    for s in (
        Status.NEW,
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.WAITING_ON_RESIDENT,
        Status.RESOLVED,
        Status.CLOSED,
        Status.DECLINED,
    )
)


def tracking_number(n: int) -> str:
    """A tracking number for case id `n`: ten Crockford symbols, as cases/tracking.py.

    A fixed bijection of the 50-bit number space (odd multipliers and xor-shifts are
    invertible), so different ids never share a number, across runs too. The numbers
    look random but, unlike case_create's, are not secret: this is synthetic data.
    """
    x = (n * 0x9E3779B97F4A7C15 + 0x2545F4914F6CD) & _MASK
    x ^= x >> 23
    x = (x * 0xBF58476D1CE4E5B9) & _MASK
    x ^= x >> 29
    x = (x * 0x94D049BB133111EB) & _MASK
    x ^= x >> 31
    p = _PAIRS
    s = p[x >> 40] + p[(x >> 30) & 1023] + p[(x >> 20) & 1023] + p[(x >> 10) & 1023] + p[x & 1023]
    return f"{s[:5]}-{s[5:]}"


# --- What the generator draws from ----------------------------------------------------------


@dataclass
class Person:
    id: int | None  # None for a resident: not a staff user
    label: str
    data: str = ""  # JSON for an "assigned" event's "after"


@dataclass
class Team:
    id: int
    label: str  # str(department), as case_transfer records it
    name: str
    agents: list[Person]
    supervisors: list[Person]

    def anyone(self, rng: random.Random) -> Person:
        pool = self.agents or self.supervisors
        return pool[int(rng.random() * len(pool))]

    def lead(self, rng: random.Random) -> Person:
        pool = self.supervisors or self.agents
        return pool[int(rng.random() * len(pool))]


@dataclass
class Line:
    """One service, with everything a case of it needs precomputed."""

    id: int
    code: str
    jurisdiction_id: int
    team: Team
    priority: str
    needs_location: bool
    allows_anonymous: bool
    table: CalendarTable
    calendar: WorkingCalendar
    standard: Standard
    step_names: tuple[str, ...]
    spec: catalogue_data.ServiceSpec
    place: org_data.JurisdictionSpec
    weight: float
    descriptions: dict[str, tuple[str, ...]]
    answers: list[str]  # a pool of JSON answers; empty when drawn per case (dates)
    transfers: list[Team] = field(default_factory=list)
    kind: str = "desk"


@dataclass
class City:
    lines: list[Line]
    general: dict[int, Line]  # by jurisdiction pk
    desks: dict[int, list[Person]]  # staff who take calls and walk-ins, by jurisdiction pk
    zone: Any


class GenerateError(RuntimeError):
    pass


def _person(user: User) -> Person:
    label = str(user)
    return Person(user.pk, label, json.dumps(label, ensure_ascii=False))


def load_city(*, jurisdictions: Iterable[str] = (), first: dt.date, last: dt.date) -> City:
    """The demo city's services, teams and calendars, ready for generation."""
    wanted = set(jurisdictions)
    places = {j.jurisdiction_id: j for j in org_data.JURISDICTIONS}
    specs = {(s.jurisdiction_id, s.code): s for s in catalogue_data.SERVICES}
    people_by_department: dict[int, tuple[list[Person], list[Person]]] = defaultdict(
        lambda: ([], [])
    )
    for user in (
        User.objects.filter(is_active=True).prefetch_related("departments", "groups").order_by("id")
    ):
        roles = {g.name for g in user.groups.all()}
        for department in user.departments.all():
            agents, leads = people_by_department[department.pk]
            if Role.AGENT in roles:
                agents.append(_person(user))
            if roles & {Role.SUPERVISOR, Role.DEPARTMENT_ADMIN}:
                leads.append(_person(user))
    teams = {
        d.pk: Team(d.pk, str(d), d.name, *people_by_department[d.pk])
        for d in Department.objects.select_related("parent").order_by("id")
    }
    slugs = {(d.jurisdiction_id, d.slug): d.pk for d in Department.objects.all()}

    known = set(Jurisdiction.objects.values_list("jurisdiction_id", flat=True))
    if wanted - known:
        raise GenerateError(f"Unknown jurisdiction: {', '.join(sorted(wanted - known))}")
    tables: dict[int, tuple[CalendarTable, WorkingCalendar]] = {}
    lines: list[Line] = []
    desks: dict[int, list[Person]] = {}
    for jurisdiction in Jurisdiction.objects.order_by("id"):
        if wanted and jurisdiction.jurisdiction_id not in wanted:
            continue
        calendar = working_calendar_for(jurisdiction)
        tables[jurisdiction.pk] = (CalendarTable(calendar, first, last), calendar)
        desk = slugs.get((jurisdiction.pk, "contact-centre"))
        desks[jurisdiction.pk] = teams[desk].agents if desk and teams[desk].agents else []
    for service in (
        Service.objects.filter(is_active=True, jurisdiction_id__in=tables)
        .select_related("jurisdiction", "department")
        .order_by("id")
    ):
        spec = specs.get((service.jurisdiction.jurisdiction_id, service.service_code))
        team = teams[service.department_id]
        if spec is None or service.service_code in BOOKING_SERVICES or not team.agents:
            continue  # not ours, only opened by a booking, or nobody to work it
        standard = ServiceStandard.objects.filter(service=service).first()
        steps = list(standard.steps.all()) if standard else []
        table, calendar = tables[service.jurisdiction_id]
        descriptions: dict[str, list[str]] = {"en": [], "es": []}
        for text in spec.descriptions:
            descriptions["es" if looks_spanish(text) else "en"].append(text)
        rng = random.Random(service.pk)
        dated = any(q.datatype == "datetime" for q in spec.questions)
        line = Line(
            id=service.pk,
            code=service.service_code,
            jurisdiction_id=service.jurisdiction_id,
            team=team,
            priority=standard.priority if standard else "normal",
            needs_location=service.needs_location,
            allows_anonymous=service.allows_anonymous,
            table=table,
            calendar=calendar,
            standard=Standard(
                standard.first_response if standard else DEFAULT_FIRST_RESPONSE,
                standard.resolution if standard else DEFAULT_RESOLUTION,
                tuple(s.duration for s in steps),
            ),
            step_names=tuple(s.name for s in steps),
            spec=spec,
            place=places[service.jurisdiction.jurisdiction_id],
            weight=float(spec.weight),
            descriptions={k: tuple(v) or tuple(spec.descriptions) for k, v in descriptions.items()},
            answers=[]
            if dated
            else [
                json.dumps(draw_answers(spec, rng, dt.datetime.now(dt.UTC)), ensure_ascii=False)
                for _ in range(64)
            ],
            kind="place" if service.needs_location else "desk",
        )
        line.transfers = [
            teams[slugs[(service.jurisdiction_id, slug)]]
            for slug in texts.TRANSFER_TARGETS.get(service.department.slug, ())
            if (service.jurisdiction_id, slug) in slugs
            and teams[slugs[(service.jurisdiction_id, slug)]].agents
        ]
        lines.append(line)
    if not lines:
        raise GenerateError("No services to generate cases for: load the demo city first.")
    general = {line.jurisdiction_id: line for line in lines if line.code == GENERAL_ENQUIRY}
    first_zone = lines[0].calendar.zone
    return City(lines=lines, general=general, desks=desks, zone=first_zone)


# --- The generator --------------------------------------------------------------------------


@dataclass
class Rows:
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    steps: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Counts:
    cases: int = 0
    events: int = 0
    steps: int = 0
    residents: int = 0


class Generator:
    def __init__(
        self,
        city: City,
        loader: Loader,
        *,
        rng: random.Random,
        now: int,
        days: int,
    ) -> None:
        self.city, self.loader, self.rng, self.now = city, loader, rng, now
        self.start = now - days * _DAY
        self.ts: Callable[[int], str] = loader.timestamp
        self.cases = Table(Case, CASE_COLUMNS)
        self.steps = Table(CaseStep, STEP_COLUMNS)
        self.events = Table(CaseEvent, EVENT_COLUMNS)
        self.resident_table = Table(Resident, RESIDENT_COLUMNS)
        self.residents: list[tuple[int, str, str]] = []  # id, label, language
        self.recent: dict[int, deque[tuple[int, int, str]]] = defaultdict(lambda: deque(maxlen=32))
        self._iso: dict[int, str] = {}
        self._days: dict[tuple[int, str, int], str] = {}
        self._build_arrivals(days)
        self.channels = list(people.CHANNEL_WEIGHTS)
        self.channel_cum = _cumulative(people.CHANNEL_WEIGHTS.values())
        self.hour_cum = _cumulative(texts.HOUR_WEIGHTS)

    # -- arrivals: weekdays, seasons, hours
    def _build_arrivals(self, days: int) -> None:
        zone = self.city.zone
        today = dt.datetime.fromtimestamp(self.now, zone).date()
        self.day_starts: list[int] = []
        weights = []
        for n in range(days + 1):
            day = today - dt.timedelta(days=days - n)
            midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
            self.day_starts.append(int(midnight.timestamp()))
            weights.append(texts.WEEKDAY_WEIGHTS[day.isoweekday()] * self._month_total(day.month))
        self.day_cum = _cumulative(weights)
        self.month_cum = {
            month: _cumulative(
                line.weight * texts.SEASONS.get(line.code, (1,) * 12)[month - 1]
                for line in self.city.lines
            )
            for month in range(1, 13)
        }
        self.day_months = [
            (today - dt.timedelta(days=days - n)).month for n in range(len(self.day_starts))
        ]

    def _month_total(self, month: int) -> float:
        return sum(
            line.weight * texts.SEASONS.get(line.code, (1,) * 12)[month - 1]
            for line in self.city.lines
        )

    def arrivals(self, low: float, high: float, count: int) -> list[tuple[int, int, Line, str]]:
        """`count` requests (time, id-order tiebreak, service, channel) from the quantiles
        low..high of the time span, oldest first: a batch covers a slice of time, so ids
        grow with time. Calls and walk-ins come in office hours."""
        rng, total, now = self.rng, self.day_cum[-1], self.now
        r = rng.random
        result = []
        for n in range(count):
            u = (low + (high - low) * r()) * total
            day = min(bisect.bisect_right(self.day_cum, u), len(self.day_starts) - 1)
            start = self.day_starts[day]
            line, channel = self.pick_line(self.day_months[day])
            at = None
            if channel in texts.OFFICE_HOURS_CHANNELS:
                opens = line.table.clock_start(start)
                closes = line.table.closes[bisect.bisect_right(line.table.closes, opens)]
                if opens < start + _DAY and opens < now:
                    at = opens + int(r() * (min(closes, now) - opens - 60))
                else:  # the office is closed that day: they went online instead
                    channel = "web"
            if at is None:
                hour = bisect.bisect_right(self.hour_cum, r() * self.hour_cum[-1])
                at = start + hour * 3600 + int(r() * 3600)
                if at >= now:  # later today: some time before now instead
                    at = start + int(r() * (now - start))
            result.append((at, n, line, channel))
        result.sort(key=lambda item: item[:2])
        return result

    # -- residents
    def add_residents(self, count: int) -> None:
        """Load the existing residents and add `count` new ones (at least one in all)."""
        existing = list(
            Resident.objects.order_by("id").values_list(
                "id", "full_name", "email", "phone", "preferred_language"
            )
        )
        self.residents = [
            (pk, name or email or phone or f"Resident #{pk}", language)
            for pk, name, email, phone, language in existing
        ]
        rng, made = self.rng, 0
        count = max(count, 0 if self.residents else 1)
        offset = 1_000_000 + len(existing)  # phone numbers clear of load_demo's
        while made < count:
            batch = min(50_000, count - made)
            with transaction.atomic():
                ids = self.loader.reserve_ids(self.resident_table, batch)
                rows = []
                for pk in ids:
                    spanish = rng.random() < 0.35
                    first = rng.choice(people.FIRST_NAMES_ES if spanish else people.FIRST_NAMES_EN)
                    last = rng.choice(people.LAST_NAMES_ES if spanish else people.LAST_NAMES_EN)
                    name = f"{first} {last}"
                    channel = rng.choices(("email", "sms", "phone", "none"), (60, 25, 10, 5))[0]
                    email = f"resident{offset + pk}@{rng.choice(people.EMAIL_DOMAINS)}"
                    rows.append(
                        (
                            pk,
                            name,
                            email if channel == "email" or rng.random() < 0.5 else "",
                            f"+1555{(offset + pk) % 10_000_000:07d}",
                            "es" if spanish else "en",
                            channel,
                            self.ts(self.start - int(rng.random() * 400 * _DAY)),
                        )
                    )
                    self.residents.append((pk, name, "es" if spanish else "en"))
                self.loader.write(self.resident_table, rows, with_id=True)
            made += batch

    # -- formatting
    def iso(self, t: int) -> str:
        text = self._iso.get(t)
        if text is None:
            text = dt.datetime.fromtimestamp(t, dt.UTC).isoformat()
            if len(self._iso) < 200_000:
                self._iso[t] = text
        return text

    def day(self, line: Line, t: int, language: str) -> str:
        key = (line.jurisdiction_id, language, t // 3600)
        text = self._days.get(key)
        if text is None:
            text = promised_day(dt.datetime.fromtimestamp(t, dt.UTC), line.calendar, language)
            self._days[key] = text
        return text

    # -- one batch
    def generate(self, low: float, high: float, ids: list[int]) -> Rows:
        """Rows for one case per id, from the quantiles low..high of the time span.

        Needs no database: run it in a worker thread while the last batch is written.
        """
        rows = Rows()
        arrivals = self.arrivals(low, high, len(ids))
        for case_id, (created, _n, line, channel) in zip(ids, arrivals, strict=True):
            self.case(case_id, created, line, channel, rows.cases, rows.steps, rows.events)
        return rows

    def write(self, rows: Rows) -> Counts:
        """Write one batch in one transaction."""
        with transaction.atomic():
            self.loader.write(self.cases, rows.cases, with_id=True)
            self.loader.write(self.steps, rows.steps, with_id=False)
            self.loader.write(self.events, rows.events, with_id=False)
        return Counts(len(rows.cases), len(rows.events), len(rows.steps))

    def run(self, count: int, batch_size: int, progress: Callable[[int], object]) -> Counts:
        """Generate and write `count` cases, oldest first, generating each batch while the
        one before is written (the database driver lets go of the GIL while it waits)."""
        total = Counts()
        batches = max(1, -(-count // batch_size))
        sizes = [min(batch_size, count - n * batch_size) for n in range(batches)]

        def submit(pool: ThreadPoolExecutor, n: int) -> Future[Rows]:
            ids = self.loader.reserve_ids(self.cases, sizes[n])
            return pool.submit(self.generate, n / batches, (n + 1) / batches, ids)

        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = submit(pool, 0)
            for n in range(batches):
                rows = pending.result()
                if n + 1 < batches:
                    pending = submit(pool, n + 1)
                counts = self.write(rows)
                total.cases += counts.cases
                total.events += counts.events
                total.steps += counts.steps
                progress(counts.cases)
        return total

    def pick_line(self, month: int) -> tuple[Line, str]:
        rng, city = self.rng, self.city
        cum = self.month_cum[month]
        line = city.lines[bisect.bisect_right(cum, rng.random() * cum[-1])]
        channel = self.channels[
            bisect.bisect_right(self.channel_cum, rng.random() * self.channel_cum[-1])
        ]
        if channel in texts.MESSAGE_CHANNELS and rng.random() < 0.55:
            line = city.general.get(line.jurisdiction_id, line)
        return line, channel

    def case(  # noqa: C901 - one simulated case's whole life in order, easier to check against the product story as one
        self,
        case_id: int,
        created: int,
        line: Line,
        channel: str,
        cases: list[tuple[Any, ...]],
        steps: list[tuple[Any, ...]],
        events: list[tuple[Any, ...]],
    ) -> None:
        rng, ts, now = self.rng, self.ts, self.now
        r = rng.random
        table = line.table
        promise = fast_promise(table, line.standard, created)
        number = tracking_number(case_id)

        # Who asked, and about what.
        resident_id, label, language = None, "Resident", "en"
        if not (line.allows_anonymous and channel not in texts.MESSAGE_CHANNELS and r() < 0.25):
            resident_id, label, language = self.residents[int(len(self.residents) * r() ** 1.4)]
        creator = None
        if channel in texts.OFFICE_HOURS_CHANNELS:  # staff took the call or the visit
            desk = self.city.desks.get(line.jurisdiction_id) or line.team.agents
            creator = desk[int(r() * len(desk))]
        pool = line.descriptions.get(language) or line.descriptions["en"]
        description = pool[int(r() * len(pool))] if pool else ""
        if line.answers:
            answers = line.answers[int(r() * len(line.answers))]
        else:
            local = dt.datetime.fromtimestamp(created, line.calendar.zone)
            answers = json.dumps(draw_answers(line.spec, rng, local), ensure_ascii=False)
        address = zipcode = ""
        lat = lon = None
        if line.needs_location or r() < 0.2:
            place = line.place
            address = f"{int(r() * 399) + 1} {people.STREETS[int(r() * len(people.STREETS))]}"
            zipcode = f"{place.zip_prefix}{int(r() * 39) + 1:02d}"
            lat = round(place.centre[0] + (r() - 0.5) * 0.06, 6)
            lon = round(place.centre[1] + (r() - 0.5) * 0.08, 6)

        # The plan of its life, then played up to now.
        resident = Person(None, label)
        life = _Life(
            line=line,
            promise=promise,
            created=created,
            creator=creator,
            resident=resident,
            language=language,
            outcome=r(),
            rng=rng,
        )
        masters = self.recent[line.id]
        master = None
        if life.outcome < DUPLICATE_SHARE and line.needs_location and masters:
            master = masters[int(r() * len(masters))]
            if master[1] < created - 10 * _DAY:
                master = None
        if master is not None:
            at = table.add_seconds(created, int(1200 + r() * 16800))
            body = (
                f"This request is the same as {master[2]}. We have joined them: follow "
                f"{master[2]} for updates."
            )
            data = json.dumps({"before": "new", "after": "closed", "merged_into": master[2]})
            life.add(at, "merged", line.team.anyone(rng), True, body, data, "merge", master)
        else:
            if line.needs_location:
                masters.append((case_id, created, number))
            self.plan_life(life)
        plan = life.plan
        created_data = (
            f'{{"channel": "{channel}", "service": "{line.code}", '
            f'"resolution_due": "{self.iso(promise.resolution_due)}"}}'
        )
        events.append(
            (
                case_id,
                "created",
                creator.id if creator else None,
                creator.label if creator else label,
                True,
                "",
                created_data,
                ts(created),
            )
        )
        status, owner, department, escalated = _NEW, None, line.team, False
        first_responded = resolved = closed = merged_into = None
        reopens, updated, resolution_due = 0, created, promise.resolution_due
        completed: dict[int, int] = {}
        for at, kind, actor, public, body, data, effect, value in plan:
            if at > now:
                break
            if effect == "status":
                status = value
                if status != _NEW and first_responded is None and status != _CLOSED:
                    first_responded = at
                if status == _RESOLVED:
                    resolved = at
                elif status in (_CLOSED, _DECLINED):
                    closed = at
                    if status == _DECLINED:
                        resolved = resolved or at
            elif effect == "reopen":
                status, reopens, resolved, closed = _IN_PROGRESS, reopens + 1, None, None
                resolution_due = value
            elif effect == "owner":
                owner = value
            elif effect == "transfer":
                department, owner = value, None
            elif effect == "escalate":
                escalated = True
            elif effect == "reply":
                first_responded = first_responded or at
            elif effect == "step":
                completed[value] = at
            elif effect == "merge":
                status, closed, first_responded = _CLOSED, at, first_responded or at
                merged_into = value[0]
                events.append(
                    (
                        value[0],
                        "merged",
                        actor.id if actor else None,
                        actor.label if actor else "CivicDesk",
                        False,
                        f"{number} was merged into this case.",
                        json.dumps({"merged_from": number}),
                        ts(at),
                    )
                )
            events.append(
                (
                    case_id,
                    kind,
                    actor.id if actor else None,
                    actor.label if actor else "CivicDesk",  # CivicDesk itself closes cases
                    public,
                    body,
                    data,
                    ts(at),
                )
            )
            updated = at
        for order, (name, due) in enumerate(
            zip(line.step_names, promise.steps, strict=True), start=1
        ):
            done = completed.get(order)
            steps.append((case_id, order, name, ts(due), ts(done) if done else None))
        cases.append(
            (
                case_id,
                number,
                line.jurisdiction_id,
                line.id,
                description,
                answers,
                address,
                zipcode,
                lat,
                lon,
                channel,
                resident_id,
                status,
                line.priority,
                department.id,
                owner.id if owner else None,
                escalated,
                merged_into,
                ts(created),
                ts(updated),
                ts(promise.first_response_due),
                ts(resolution_due),
                ts(first_responded) if first_responded else None,
                ts(resolved) if resolved else None,
                ts(closed) if closed else None,
                reopens,
            )
        )

    def plan_life(self, life: _Life) -> None:  # noqa: C901 - the staff's and the resident's moves in time order, one branch per move
        """What staff (and the resident) will do, in time order, whatever the current time."""
        rng, line, promise, created = self.rng, life.line, life.promise, life.created
        r, add, table = rng.random, line.table.add_seconds, line.table
        outcome = life.outcome
        if outcome > 0.97 and created < self.now - 60 * _DAY and r() < 0.75:
            outcome = 0.5  # old forgotten cases get found in a backlog review
        if outcome > 0.993:  # never touched: new, and overdue once old
            return
        res_window = table.between(created, promise.resolution_due)
        fr_window = table.between(created, promise.first_response_due)
        team = line.team
        if life.creator is not None:  # on the phone or at the counter
            at, worker = created + 120 + int(r() * 600), life.creator
        else:
            at = add(created, max(60, int(fr_window * min(3.0, rng.lognormvariate(-1.0, 0.8)))))
            worker = team.anyone(rng)
        at = life.status(at, _NEW, _ACKNOWLEDGED, worker)
        if line.transfers and r() < TRANSFER_SHARE:
            target = line.transfers[int(r() * len(line.transfers))]
            at = add(at, 600 + int(r() * 14000))
            notes = texts.TRANSFER_NOTES
            note = notes[int(r() * len(notes))].format(department=target.name)
            data = json.dumps(
                {"before": team.label, "after": target.label, "to_department_id": target.id},
                ensure_ascii=False,
            )
            life.add(at, "transferred", worker, False, note, data, "transfer", target)
            team = target
        owner = team.agents[int(r() * len(team.agents))]
        at = add(at, 300 + int(r() * 7000))
        data = f'{{"before": null, "after": {owner.data}}}'
        life.add(
            at, "assigned", owner if r() < 0.5 else team.lead(rng), False, "", data, "owner", owner
        )
        if 0.90 < outcome <= 0.97:  # declined, with an alternative
            at = add(at, 1800 + int(r() * max(1800, res_window * 0.3)))
            life.status(at, _ACKNOWLEDGED, _DECLINED, owner, life.text(texts.DECLINE_NOTES))
            return
        stalled = outcome > 0.97
        if stalled and r() < 0.4:
            return  # acknowledged, assigned, forgotten
        at = life.status(add(at, 600 + int(r() * 28000)), _ACKNOWLEDGED, _IN_PROGRESS, owner)
        if r() < 0.5:
            at = add(at, 60 + int(r() * 1800))
            life.add(
                at,
                "public_reply",
                owner,
                True,
                self.first_reply(life, team, at),
                _NO_DATA,
                "reply",
                None,
            )
        if stalled:
            return
        finish = max(add(created, int(res_window * rng.lognormvariate(-0.45, 0.45))), at + 1800)
        if r() < 0.4:
            at = add(at, max(60, int(table.between(at, finish) * r() * 0.3)))
            staff_notes = texts.INTERNAL_NOTES[line.kind]
            life.add(
                at,
                "internal_note",
                owner,
                False,
                staff_notes[int(r() * len(staff_notes))],
                _NO_DATA,
                "",
                None,
            )
        if r() < WAITING_SHARE:
            at = add(at, max(60, int(table.between(at, finish) * (0.1 + 0.3 * r()))))
            keep = add(at, 10 * 8 * 3600)
            note = life.text(texts.WAITING_MESSAGES, date=self.day(line, keep, life.language))
            life.status(at, _IN_PROGRESS, _WAITING, owner, note)
            if r() < 0.2:  # no answer: finished with what we had
                note = life.text(texts.NO_REPLY_NOTES)
                at = life.status(keep, _WAITING, _RESOLVED, owner, note)
                self.aftercare(life, at, owner)
                return
            at += 7200 + int(r() * 4 * _DAY)
            body = life.text(texts.RESIDENT_REPLIES)
            life.add(at, "resident_message", life.resident, True, body, _NO_DATA, "", None)
            life.status(at, _WAITING, _IN_PROGRESS, None, "The resident replied.")
            finish = max(finish, add(at, 3600 + int(r() * 90000)))
        if finish > promise.resolution_due and r() < 0.4:
            at = add(max(at, promise.resolution_due), 1800 + int(r() * 34000))
            reasons = texts.ESCALATION_REASONS
            life.add(
                at,
                "escalated",
                team.lead(rng),
                False,
                reasons[int(r() * len(reasons))],
                _ESCALATED,
                "escalate",
                None,
            )
            finish = max(finish, add(at, 3600 + int(r() * 90000)))
        begins, last = created, len(promise.steps)
        for order, due in enumerate(promise.steps, start=1):
            if order == last:
                done = finish
            else:
                share = 1.0 + 0.5 * r() if r() < 0.15 else 0.4 + 0.6 * r()
                done = min(add(begins, int(table.between(begins, due) * share)), finish - 60)
            at = max(done, at + 60)
            late = "true" if at > due else "false"
            data = f'{{"step": {order}, "due_at": "{self.iso(due)}", "late": {late}}}'
            life.add(
                at, "step_completed", owner, True, line.step_names[order - 1], data, "step", order
            )
            begins = due
        note = life.text(texts.RESOLVE_REPLIES)
        at = life.status(at + 60 + int(r() * 840), _IN_PROGRESS, _RESOLVED, owner, note)
        self.aftercare(life, at, owner)

    def aftercare(self, life: _Life, at: int, owner: Person) -> None:
        """Closed a week later by CivicDesk; now and then reopened and finished again."""
        r, line = self.rng.random, life.line
        before = _RESOLVED
        if r() < 0.92:
            note = life.text(texts.CLOSE_NOTES)
            at = life.status(at + 5 * _DAY + int(r() * 4 * _DAY), before, _CLOSED, None, note)
            before = _CLOSED
        if r() < REOPEN_SHARE:
            at = line.table.add_seconds(at, 3600 + int(r() * 20 * 8 * 3600))
            due = line.table.add(at, line.standard.resolution)
            reason = life.text(texts.REOPEN_REASONS, date=self.day(line, due, life.language))
            data = f'{{"before": "{before}", "after": "in_progress"}}'
            life.add(at, "reopened", owner, True, reason, data, "reopen", due)
            window = line.table.between(at, due)
            at = line.table.add_seconds(at, max(600, int(window * (0.3 + 0.8 * r()))))
            note = life.text(texts.RESOLVE_REPLIES)
            at = life.status(at, _IN_PROGRESS, _RESOLVED, owner, note)
            if r() < 0.9:
                note = life.text(texts.CLOSE_NOTES)
                life.status(at + 5 * _DAY + int(r() * 4 * _DAY), _RESOLVED, _CLOSED, None, note)

    def first_reply(self, life: _Life, team: Team, at: int) -> str:
        steps = life.promise.steps
        index = next((i for i, due in enumerate(steps) if due > at), None)
        name = life.line.step_names[index] if index is not None else "We finish the work"
        due = steps[index] if index is not None else life.promise.resolution_due
        return life.text(
            texts.FIRST_REPLIES,
            department=team.name,
            step=name[:1].lower() + name[1:],
            date=self.day(life.line, due, life.language),
        )


_ESCALATED = '{"before": false, "after": true}'
# (time, event kind, actor, public, body, data JSON, effect on the case, effect's value)
Planned = tuple[int, str, "Person | None", bool, str, str, str, Any]


class _Life:
    """One case's planned events, and the words in its resident's language."""

    __slots__ = (
        "created",
        "creator",
        "language",
        "line",
        "name",
        "outcome",
        "plan",
        "promise",
        "resident",
        "rng",
    )

    def __init__(
        self,
        *,
        line: Line,
        promise: FastPromise,
        created: int,
        creator: Person | None,
        resident: Person,
        language: str,
        outcome: float,
        rng: random.Random,
    ) -> None:
        self.line, self.promise, self.created, self.creator = line, promise, created, creator
        self.resident, self.language, self.outcome, self.rng = resident, language, outcome, rng
        label = resident.label
        self.name = (
            label.split()[0]
            if label and label != "Resident"
            else ("vecino" if language == "es" else "neighbour")
        )
        self.plan: list[Planned] = []

    def add(
        self,
        at: int,
        kind: str,
        actor: Person | None,
        public: bool,
        body: str,
        data: str,
        effect: str,
        value: Any,
    ) -> None:
        self.plan.append((at, kind, actor, public, body, data, effect, value))

    def status(self, at: int, before: str, after: str, by: Person | None, note: str = "") -> int:
        data = f'{{"before": "{before}", "after": "{after}"}}'
        self.plan.append((at, "status_changed", by, True, note, data, "status", after))
        return at

    def text(self, choices: dict[str, Any], **values: Any) -> str:
        options = choices.get(self.language) or choices["en"]
        if isinstance(options, dict):
            options = options[self.line.kind]
        choice = options[int(self.rng.random() * len(options))]
        return str(choice).format(name=self.name, **values)


def _cumulative(weights: Iterable[float]) -> list[float]:
    total, result = 0.0, []
    for w in weights:
        total += w
        result.append(total)
    return result
