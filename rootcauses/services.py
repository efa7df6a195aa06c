"""Rebuild the root-cause summaries from the cases, and decide on drift proposals.

`root_causes_refresh` is what the scheduled task and `manage.py refresh_root_causes`
call: it files the place of every new case, then recomputes spikes, hot spots,
repeat contacts and step durations over their windows, and raises (or withdraws)
drift proposals. Each part is replaced in one transaction, so a page never shows
half a refresh. Pages read only what this writes.

`drift_proposal_accept` / `drift_proposal_reject` are a department admin's decision;
accepting changes the documented step, so every case created afterwards is promised
dates with it (cases.promises reads the steps at creation), while existing cases
keep the dates they were given (their CaseStep rows are not touched).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.arithmetic import WorkingCalendar
from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, CaseStep, EventKind
from catalogue.models import StandardStep
from organisations.models import Jurisdiction
from rootcauses import statistics
from rootcauses.grid import cell_for
from rootcauses.models import (
    CasePlace,
    DriftProposal,
    HotSpot,
    Period,
    ProposalStatus,
    RefreshRun,
    RepeatContact,
    RepeatKind,
    Spike,
    StepMonth,
)
from rootcauses.permissions import may_decide

# Spikes: the recent days and weeks tested (each against its own baseline).
SPIKE_DAYS = 28
SPIKE_WEEKS = 4
# Hot spots: cases of one service in one cell over this many days.
HOT_SPOT_DAYS = 90
HOT_SPOT_MIN_CASES = 5
HOT_SPOT_MIN_REPEATS = 2
# Repeat contacts: "again within N days".
REPEAT_DAYS = 30
REPEAT_WINDOW_DAYS = 90
# A message from the resident counts as contacting again when it comes at least this
# long after the case was opened (a chat conversation is one contact, not twenty).
REPEAT_MIN_GAP = dt.timedelta(hours=24)
# Practical drift.
DRIFT_MONTHS = 12
DRIFT_MIN_STEPS = 5  # completed steps a month needs to count
DRIFT_GAP = 1.5  # median at least 1.5 x the documented duration (or at most 1/1.5 of it)
DRIFT_RUN = 3  # consecutive complete months beyond the gap
PLACE_BATCH = 2000


class RootCauseError(Exception):
    """A decision that cannot be made; the message is for the person who tried."""


@dataclass(frozen=True)
class RefreshReport:
    places: int
    spikes: int
    hot_spots: int
    repeats: int
    step_months: int
    proposals: int


# --- places ------------------------------------------------------------------------


def _file_places(jurisdiction: Jurisdiction, since: dt.datetime) -> int:
    """A CasePlace for every case since `since` that has none yet (written once)."""
    zone = jurisdiction.zone
    made = 0
    pending = (
        Case.objects.filter(
            jurisdiction=jurisdiction, created_at__gte=since, rootcause_place__isnull=True
        )
        .order_by("created_at", "id")
        .values_list("id", "service_id", "department_id", "lat", "long", "zipcode", "created_at")
    )
    batch: list[CasePlace] = []
    for case_id, service_id, department_id, lat, long, zipcode, created_at in pending.iterator(
        chunk_size=PLACE_BATCH
    ):
        batch.append(
            CasePlace(
                case_id=case_id,
                jurisdiction_id=jurisdiction.pk,
                service_id=service_id,
                department_id=department_id,
                cell=cell_for(lat, long, zipcode),
                day=created_at.astimezone(zone).date(),
                created_at=created_at,
            )
        )
        if len(batch) >= PLACE_BATCH:
            CasePlace.objects.bulk_create(batch, ignore_conflicts=True)
            made += len(batch)
            batch = []
    CasePlace.objects.bulk_create(batch, ignore_conflicts=True)
    return made + len(batch)


# --- spikes --------------------------------------------------------------------------


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _spikes(jurisdiction: Jurisdiction, today: dt.date, now: dt.datetime) -> list[Spike]:
    base = statistics.BASELINE_PERIODS
    first_day = today - dt.timedelta(days=SPIKE_DAYS - 1 + 7 * base)
    first_week = _monday(today) - dt.timedelta(weeks=SPIKE_WEEKS - 1 + base)
    start = min(first_day, first_week)
    daily: dict[tuple[int, int, str], dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        CasePlace.objects.filter(jurisdiction=jurisdiction, day__gte=start, day__lte=today)
        .order_by()
        .values_list("service_id", "department_id", "cell", "day")
        .annotate(n=Count("case_id"))
    )
    for service_id, department_id, cell, day, n in rows:
        if cell:
            daily[(service_id, department_id, cell)][day] += n
        daily[(service_id, department_id, "")][day] += n  # the whole city

    found: list[Spike] = []
    days = [today - dt.timedelta(days=k) for k in range(SPIKE_DAYS)]
    weeks = [_monday(today) - dt.timedelta(weeks=k) for k in range(SPIKE_WEEKS)]
    for (service_id, department_id, cell), counts in daily.items():

        def spike(period: str, first: dt.date, last: dt.date, test: statistics.SpikeTest) -> Spike:
            return Spike(
                jurisdiction=jurisdiction,
                department_id=department_id,  # noqa: B023 - used at once, in this iteration
                service_id=service_id,  # noqa: B023
                cell=cell,  # noqa: B023
                period=period,
                start=first,
                end=last,
                observed=test.observed,
                expected=round(test.expected, 2),
                spread=round(test.spread, 2),
                threshold=round(test.threshold, 2),
                baseline_periods=base,
                computed_at=now,
            )

        for day in days:
            observed = counts.get(day, 0)
            if observed < statistics.MIN_SPIKE_CASES:
                continue
            baseline = [counts.get(day - dt.timedelta(weeks=k), 0) for k in range(1, base + 1)]
            test = statistics.spike_test(observed, baseline)
            if test.is_spike:
                found.append(spike(Period.DAY, day, day, test))

        def week_total(monday: dt.date) -> int:
            return sum(counts.get(monday + dt.timedelta(days=d), 0) for d in range(7))  # noqa: B023

        for monday in weeks:
            observed = week_total(monday)
            if observed < statistics.MIN_SPIKE_CASES:
                continue
            baseline = [week_total(monday - dt.timedelta(weeks=k)) for k in range(1, base + 1)]
            test = statistics.spike_test(observed, baseline)
            if test.is_spike:
                found.append(spike(Period.WEEK, monday, monday + dt.timedelta(days=6), test))
    return found


# --- hot spots -----------------------------------------------------------------------


def _hot_spots(jurisdiction: Jurisdiction, today: dt.date, now: dt.datetime) -> list[HotSpot]:
    start = today - dt.timedelta(days=HOT_SPOT_DAYS - 1)
    groups: dict[tuple[int, int, str], list[tuple[dt.datetime, dt.datetime | None]]] = defaultdict(
        list
    )
    rows = (
        CasePlace.objects.filter(jurisdiction=jurisdiction, day__gte=start, day__lte=today)
        .exclude(cell="")
        .order_by()
        .values_list("service_id", "department_id", "cell", "created_at", "case__resolved_at")
    )
    for service_id, department_id, cell, created_at, resolved_at in rows.iterator(
        chunk_size=PLACE_BATCH
    ):
        groups[(service_id, department_id, cell)].append((created_at, resolved_at))
    found = []
    for (service_id, department_id, cell), cases in groups.items():
        if len(cases) < min(HOT_SPOT_MIN_CASES, HOT_SPOT_MIN_REPEATS + 1):
            continue
        cases.sort(key=lambda c: c[0])
        repeats = 0
        earliest_resolution: dt.datetime | None = None
        for created_at, resolved_at in cases:
            if earliest_resolution is not None and earliest_resolution < created_at:
                repeats += 1
            if resolved_at is not None and (
                earliest_resolution is None or resolved_at < earliest_resolution
            ):
                earliest_resolution = resolved_at
        if len(cases) >= HOT_SPOT_MIN_CASES or repeats >= HOT_SPOT_MIN_REPEATS:
            found.append(
                HotSpot(
                    jurisdiction=jurisdiction,
                    department_id=department_id,
                    service_id=service_id,
                    cell=cell,
                    window_start=start,
                    window_end=today,
                    cases=len(cases),
                    repeats_after_resolved=repeats,
                    computed_at=now,
                )
            )
    return found


# --- repeat contacts -----------------------------------------------------------------


def _repeats(jurisdiction: Jurisdiction, now: dt.datetime) -> list[RepeatContact]:
    since = now - dt.timedelta(days=REPEAT_WINDOW_DAYS)
    within = dt.timedelta(days=REPEAT_DAYS)
    cases = Case.objects.filter(jurisdiction=jurisdiction, created_at__gte=since).order_by()
    found: list[RepeatContact] = []

    def row(
        kind: str, ids: tuple[int, int, int], times: int, last_at: dt.datetime, **extra: Any
    ) -> None:
        case_id, service_id, department_id = ids
        found.append(
            RepeatContact(
                jurisdiction=jurisdiction,
                department_id=department_id,
                service_id=service_id,
                case_id=case_id,
                kind=kind,
                times=times,
                last_at=last_at,
                computed_at=now,
                **extra,
            )
        )

    # The same resident asking again for the same service within N days. The resident
    # is only a grouping key here: nothing about them is stored.
    latest: dict[tuple[int, int], tuple[int, dt.datetime]] = {}
    for case_id, resident_id, service_id, department_id, created_at in (
        cases.filter(resident__isnull=False, merged_into__isnull=True)
        .order_by("created_at", "id")
        .values_list("id", "resident_id", "service_id", "department_id", "created_at")
    ):
        key = (resident_id, service_id)
        earlier = latest.get(key)
        if earlier is not None and created_at - earlier[1] <= within:
            ids = (case_id, service_id, department_id)
            row(RepeatKind.SAME_SERVICE, ids, 1, created_at, earlier_case_id=earlier[0])
        latest[key] = (case_id, created_at)

    # Messages from the resident on the same case, a day or more after it was opened.
    messages = (
        CaseEvent.objects.filter(
            kind=EventKind.RESIDENT_MESSAGE,
            case__jurisdiction=jurisdiction,
            case__created_at__gte=since,
            created_at__gte=F("case__created_at") + REPEAT_MIN_GAP,
            created_at__lte=F("case__created_at") + within,
        )
        .order_by()
        .values("case_id", "case__service_id", "case__department_id")
        .annotate(n=Count("id"), last=Max("created_at"))
    )
    for m in messages:
        ids = (m["case_id"], m["case__service_id"], m["case__department_id"])
        row(RepeatKind.SAME_CASE, ids, m["n"], m["last"])

    # Reopened (in the window), and transferred more than once.
    for kind, event_kind, at_least in (
        (RepeatKind.REOPENED, EventKind.REOPENED, 1),
        (RepeatKind.TRANSFERRED, EventKind.TRANSFERRED, 2),
    ):
        events = (
            CaseEvent.objects.filter(
                kind=event_kind, case__jurisdiction=jurisdiction, case__created_at__gte=since
            )
            .order_by()
            .values("case_id", "case__service_id", "case__department_id")
            .annotate(n=Count("id"), last=Max("created_at"))
            .filter(n__gte=at_least)
        )
        for e in events:
            ids = (e["case_id"], e["case__service_id"], e["case__department_id"])
            row(kind, ids, e["n"], e["last"])
    return found


# --- practical drift -----------------------------------------------------------------


def minutes_per_day(calendar: WorkingCalendar) -> int:
    if calendar.around_the_clock:
        return 24 * 60
    opens = dt.datetime.combine(dt.date(2000, 1, 3), calendar.opens_at)
    closes = dt.datetime.combine(dt.date(2000, 1, 3), calendar.closes_at)
    return int((closes - opens).total_seconds() // 60)


def documented_minutes(step: StandardStep, calendar: WorkingCalendar) -> int:
    if step.duration_unit == "business_hours":
        return step.duration_amount * 60
    return step.duration_amount * minutes_per_day(calendar)


def _in_unit(minutes: int, unit: str, calendar: WorkingCalendar) -> int:
    size = 60 if unit == "business_hours" else minutes_per_day(calendar)
    return max(1, math.ceil(minutes / size))


def _first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _previous_month(month: dt.date) -> dt.date:
    return _first_of_month(month - dt.timedelta(days=1))


def _step_durations(
    jurisdiction: Jurisdiction, calendar: WorkingCalendar, since: dt.datetime
) -> tuple[dict[int, dict[dt.date, list[int]]], dict[int, StandardStep]]:
    """Business minutes each documented step took, by StandardStep id and month completed.

    A case's steps are numbered 1.. in the order of its standard's steps when it was
    created (cases.promises); a step counts toward the documented step at the same
    position with the same name, so a renamed or reordered standard does not mix.
    """
    documented: dict[tuple[int, int], StandardStep] = {}
    steps_by_id: dict[int, StandardStep] = {}
    positions: dict[int, int] = defaultdict(int)
    for step in (
        StandardStep.objects.filter(standard__service__jurisdiction=jurisdiction)
        .select_related("standard__service")
        .order_by("standard_id", "order", "id")
    ):
        service_id = step.standard.service_id
        positions[service_id] += 1
        documented[(service_id, positions[service_id])] = step
        steps_by_id[step.pk] = step

    rows = (
        CaseStep.objects.filter(case__jurisdiction=jurisdiction, case__created_at__gte=since)
        .order_by("case_id", "order")
        .values_list(
            "case_id", "order", "name", "completed_at", "case__created_at", "case__service_id"
        )
    )
    durations: dict[int, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(list))
    previous: tuple[int, dt.datetime | None] | None = None
    zone = jurisdiction.zone
    for case_id, order, name, completed_at, created_at, service_id in rows.iterator(
        chunk_size=PLACE_BATCH
    ):
        if order == 1:
            began: dt.datetime | None = created_at
        else:
            began = previous[1] if previous and previous[0] == case_id else None
        previous = (case_id, completed_at)
        documented_step = documented.get((service_id, order))
        if completed_at is None or began is None or documented_step is None:
            continue
        if documented_step.name != name:
            continue
        month = _first_of_month(completed_at.astimezone(zone).date())
        durations[documented_step.pk][month].append(
            calendar.business_minutes_between(began, completed_at)
        )
    return durations, steps_by_id


def _drift(
    jurisdiction: Jurisdiction, today: dt.date, now: dt.datetime
) -> tuple[list[StepMonth], int]:
    calendar = working_calendar_for(jurisdiction)
    oldest_month = _first_of_month(today)
    for _n in range(DRIFT_MONTHS - 1):
        oldest_month = _previous_month(oldest_month)
    since = dt.datetime.combine(oldest_month, dt.time(), tzinfo=jurisdiction.zone)
    # Steps completed in the window belong to cases created up to a few months before it.
    durations, steps = _step_durations(jurisdiction, calendar, since - dt.timedelta(days=92))
    months_rows: list[StepMonth] = []
    proposals = 0
    this_month = _first_of_month(today)
    for step_id, by_month in durations.items():
        step = steps[step_id]
        doc = documented_minutes(step, calendar)
        for month, values in sorted(by_month.items()):
            if month < oldest_month:
                continue
            months_rows.append(
                StepMonth(
                    service_id=step.standard.service_id,
                    department_id=_department_of(step),
                    step=step,
                    month=month,
                    completed=len(values),
                    median_minutes=statistics.median(values),
                    p90_minutes=statistics.percentile(values, 0.9),
                    documented_minutes=doc,
                    computed_at=now,
                )
            )
        # The lasting gap: consecutive complete months, newest first, all beyond it the
        # same way. The current month is not complete and does not count.
        run: list[dt.date] = []
        direction = 0
        month = _previous_month(this_month)
        while month >= oldest_month:
            values = by_month.get(month, [])
            if len(values) < DRIFT_MIN_STEPS or doc == 0:
                break
            ratio = statistics.median(values) / doc
            way = 1 if ratio >= DRIFT_GAP else -1 if ratio <= 1 / DRIFT_GAP else 0
            if way == 0 or (direction and way != direction):
                break
            direction = way
            run.append(month)
            month = _previous_month(month)
        if _propose(step, run, by_month, calendar, doc, now):
            proposals += 1
    return months_rows, proposals


def _department_of(step: StandardStep) -> int:
    return int(step.standard.service.department_id)


def _propose(
    step: StandardStep,
    run: list[dt.date],
    by_month: dict[dt.date, list[int]],
    calendar: WorkingCalendar,
    doc: int,
    now: dt.datetime,
) -> bool:
    """Raise, refresh or withdraw the step's proposal; True when one is pending after."""
    pending = DriftProposal.objects.filter(step=step, status=ProposalStatus.PENDING).first()
    if len(run) < DRIFT_RUN:
        if pending is not None:
            pending.status = ProposalStatus.WITHDRAWN
            pending.updated_at = now
            pending.save(update_fields=["status", "updated_at"])
        return False
    last, first = run[0], run[-1]
    decided = DriftProposal.objects.filter(
        step=step,
        status__in=[ProposalStatus.ACCEPTED, ProposalStatus.REJECTED],
        last_month__gte=last,
    ).exists()
    if decided:  # a decision holds until a newer month of evidence
        return False
    pooled = [v for month in run for v in by_month[month]]
    middle = statistics.median(pooled)
    proposed = _in_unit(middle, step.duration_unit, calendar)
    if proposed == step.duration_amount:
        return False
    values = {
        "service_id": step.standard.service_id,
        "department_id": _department_of(step),
        "step_label": step.name,
        "documented_amount": step.duration_amount,
        "documented_unit": step.duration_unit,
        "proposed_amount": proposed,
        "proposed_unit": step.duration_unit,
        "median_minutes": middle,
        "p90_minutes": statistics.percentile(pooled, 0.9),
        "first_month": first,
        "last_month": last,
        "months": len(run),
        "updated_at": now,
    }
    if pending is None:
        DriftProposal.objects.create(step=step, created_at=now, **values)
    else:
        DriftProposal.objects.filter(pk=pending.pk).update(**values)
    return True


# --- the refresh ---------------------------------------------------------------------


SPIKE_KEY = ("service_id", "cell", "period", "start")
HOT_SPOT_KEY = ("service_id", "cell")


def _sync(model: Any, rows: list[Any], key: tuple[str, ...], **scope: Any) -> int:
    """Like _replace, but a row that is still found keeps its id (and its page's address):
    its figures are updated in place; rows no longer found go, new ones are added."""
    existing = {tuple(getattr(r, k) for k in key): r for r in model.objects.filter(**scope)}
    fields = [
        f.attname for f in model._meta.concrete_fields if not f.primary_key and f.attname not in key
    ]
    keep, add = [], []
    for row in rows:
        old = existing.pop(tuple(getattr(row, k) for k in key), None)
        if old is None:
            add.append(row)
            continue
        for name in fields:
            setattr(old, name, getattr(row, name))
        keep.append(old)
    model.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()
    model.objects.bulk_update(keep, fields, batch_size=PLACE_BATCH)
    model.objects.bulk_create(add, batch_size=PLACE_BATCH)
    return len(keep) + len(add)


def _replace(model: Any, rows: Iterable[Any], **scope: Any) -> int:
    model.objects.filter(**scope).delete()
    made = model.objects.bulk_create(list(rows), batch_size=PLACE_BATCH)
    return len(made)


def root_causes_refresh(*, now: dt.datetime | None = None) -> RefreshReport:
    """Recompute every root-cause summary over its window, jurisdiction by jurisdiction."""
    now = now or timezone.now()
    totals = dict.fromkeys(("places", "spikes", "hot", "repeats", "months", "proposals"), 0)
    oldest = now - dt.timedelta(
        days=max(SPIKE_DAYS + 7 * statistics.BASELINE_PERIODS + 7 * SPIKE_WEEKS, HOT_SPOT_DAYS) + 7
    )
    for jurisdiction in Jurisdiction.objects.order_by("pk"):
        today = now.astimezone(jurisdiction.zone).date()
        with transaction.atomic():
            totals["places"] += _file_places(jurisdiction, oldest)
            spikes = _spikes(jurisdiction, today, now)
            totals["spikes"] += _sync(Spike, spikes, SPIKE_KEY, jurisdiction=jurisdiction)
            hot = _hot_spots(jurisdiction, today, now)
            totals["hot"] += _sync(HotSpot, hot, HOT_SPOT_KEY, jurisdiction=jurisdiction)
            repeats = _repeats(jurisdiction, now)
            totals["repeats"] += _replace(RepeatContact, repeats, jurisdiction=jurisdiction)
            months, proposals = _drift(jurisdiction, today, now)
            totals["months"] += _replace(StepMonth, months, service__jurisdiction=jurisdiction)
            totals["proposals"] += proposals
    report = RefreshReport(
        places=totals["places"],
        spikes=totals["spikes"],
        hot_spots=totals["hot"],
        repeats=totals["repeats"],
        step_months=totals["months"],
        proposals=totals["proposals"],
    )
    RefreshRun.objects.create(
        finished_at=now,
        places=report.places,
        spikes=report.spikes,
        hot_spots=report.hot_spots,
        repeats=report.repeats,
        step_months=report.step_months,
        proposals=report.proposals,
    )
    RefreshRun.objects.filter(
        pk__in=RefreshRun.objects.order_by("-finished_at", "-id").values("pk")[10:100]
    ).delete()
    return report


# --- decisions -----------------------------------------------------------------------

MAX_REASON = 1000


def _decide(proposal: DriftProposal, by: Any, at: dt.datetime | None) -> DriftProposal:
    locked = DriftProposal.objects.select_for_update().get(pk=proposal.pk)
    if not may_decide(by, locked):
        raise RootCauseError(
            _("Only a department admin of %(department)s can decide on this proposal.")
            % {"department": locked.department}
        )
    if locked.status != ProposalStatus.PENDING:
        raise RootCauseError(
            _("This proposal was already decided: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _stamp(proposal: DriftProposal, *, status: str, by: Any, reason: str, at: dt.datetime) -> None:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_by_label = str(by)[:200]
    proposal.decided_at = at
    proposal.updated_at = at
    proposal.reason = reason
    proposal.save()


@transaction.atomic
def drift_proposal_accept(
    *, proposal: DriftProposal, by: Any, reason: str = "", at: dt.datetime | None = None
) -> DriftProposal:
    """Accept: the documented step takes the proposed duration from now on."""
    at = at or timezone.now()
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise RootCauseError(_("Keep the reason under %(n)d characters.") % {"n": MAX_REASON})
    proposal = _decide(proposal, by, at)
    step = (
        StandardStep.objects.select_for_update().filter(pk=proposal.step_id).first()
        if proposal.step_id
        else None
    )
    if step is None:
        raise RootCauseError(_("The documented step no longer exists; nothing to update."))
    if (step.duration_amount, step.duration_unit) != (
        proposal.documented_amount,
        proposal.documented_unit,
    ):
        raise RootCauseError(
            _("The step was changed since this proposal was made; wait for the next refresh.")
        )
    step.duration_amount = proposal.proposed_amount
    step.duration_unit = proposal.proposed_unit
    step.save(update_fields=["duration_amount", "duration_unit"])
    _stamp(proposal, status=ProposalStatus.ACCEPTED, by=by, reason=reason, at=at)
    return proposal


@transaction.atomic
def drift_proposal_reject(
    *, proposal: DriftProposal, by: Any, reason: str, at: dt.datetime | None = None
) -> DriftProposal:
    """Reject, with why: the step stays; no new proposal until a newer month of evidence."""
    at = at or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise RootCauseError(_("Say why the proposal is rejected."))
    if len(reason) > MAX_REASON:
        raise RootCauseError(_("Keep the reason under %(n)d characters.") % {"n": MAX_REASON})
    proposal = _decide(proposal, by, at)
    _stamp(proposal, status=ProposalStatus.REJECTED, by=by, reason=reason, at=at)
    return proposal
