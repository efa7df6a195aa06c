"""Reads: which slots a resource has, which are free, and whether one slot may be booked.

Slot computation is plain Python over a handful of rows fetched once per call
(rules, blackouts in range, active bookings in range and, for resources that
follow the office calendar, the jurisdiction's calendar), so a calendar page
costs the same number of queries however many bookings it shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bookings.models import Blackout, BookableResource, Booking, BookingStatus, OpeningRule
from calendars.services import working_calendar_for

SLOT_KEY_FORMAT = "%Y-%m-%dT%H:%M"


class SlotState(StrEnum):
    FREE = "free"
    BOOKED = "booked"
    UNAVAILABLE = "unavailable"  # past, or inside the lead time


@dataclass(frozen=True)
class Slot:
    start: dt.datetime  # aware, UTC
    end: dt.datetime
    zone: ZoneInfo
    state: SlotState = SlotState.FREE

    @property
    def local_start(self) -> dt.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> dt.datetime:
        return self.end.astimezone(self.zone)

    @property
    def key(self) -> str:
        """How the slot travels in URLs and forms: local wall-clock start, minute precision."""
        return self.local_start.strftime(SLOT_KEY_FORMAT)

    @property
    def is_free(self) -> bool:
        return self.state == SlotState.FREE


@dataclass(frozen=True)
class Day:
    date: dt.date
    slots: list[Slot] = field(default_factory=list)
    closed_reason: str = ""  # why there are no slots; empty on an open day


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bookable_resources() -> QuerySet[BookableResource]:
    return (
        BookableResource.objects.filter(is_active=True, service__is_active=True)
        .select_related("service", "jurisdiction")
        .prefetch_related("translations")
        .order_by("service__name", "name", "id")
    )


def resource_by_slug(slug: str) -> BookableResource | None:
    return bookable_resources().filter(slug=slug).first()


def booking_by_token(token: str) -> Booking | None:
    if not token or len(token) > 100:
        return None
    return (
        Booking.objects.select_related(
            "resource__jurisdiction", "resource__service", "case", "resident"
        )
        .prefetch_related("resource__translations")
        .filter(cancel_token_hash=hash_token(token))
        .first()
    )


def parse_slot_key(resource: BookableResource, text: str) -> dt.datetime | None:
    """A slot key from a URL or form as an aware UTC instant, or None if malformed."""
    try:
        naive = dt.datetime.strptime((text or "").strip(), SLOT_KEY_FORMAT)  # noqa: DTZ007
    except ValueError:
        return None
    return naive.replace(tzinfo=resource.jurisdiction.zone).astimezone(dt.UTC)


class _Schedule:
    """A resource's rules, blackouts and (optionally) office calendar, loaded once."""

    def __init__(
        self, resource: BookableResource, rules: Iterable[OpeningRule], blackouts: list[Blackout]
    ) -> None:
        self.resource = resource
        self.zone = resource.jurisdiction.zone
        self.rules: dict[int, list[OpeningRule]] = defaultdict(list)
        for rule in rules:
            self.rules[rule.weekday].append(rule)
        self.blackouts = blackouts
        self.is_office_day: Callable[[dt.date], bool] | None = None
        if resource.follows_office_calendar:
            self.is_office_day = working_calendar_for(resource.jurisdiction).is_working_day

    def closed_reason(self, day: dt.date) -> str:
        for blackout in self.blackouts:
            if blackout.starts_on <= day <= blackout.ends_on:
                return blackout.reason or _("Not available on this day")
        if self.is_office_day is not None and not self.is_office_day(day):
            return _("Offices closed")
        if not self.rules.get(day.isoweekday()):
            return _("Closed")
        return ""

    def slot_times(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Every slot of an open day, as UTC instants, from wall-clock local rules."""
        times = []
        for rule in self.rules.get(day.isoweekday(), []):
            step = dt.timedelta(minutes=rule.slot_minutes)
            start = dt.datetime.combine(day, rule.opens_at)  # local wall clock
            closes = dt.datetime.combine(day, rule.closes_at)
            while start + step <= closes:
                times.append(
                    (
                        start.replace(tzinfo=self.zone).astimezone(dt.UTC),
                        (start + step).replace(tzinfo=self.zone).astimezone(dt.UTC),
                    )
                )
                start += step
        return sorted(set(times))


def _load_schedule(resource: BookableResource, first: dt.date, last: dt.date) -> _Schedule:
    rules = list(OpeningRule.objects.filter(resource=resource).order_by("weekday", "opens_at"))
    blackouts = list(
        Blackout.objects.filter(resource=resource, starts_on__lte=last, ends_on__gte=first)
    )
    return _Schedule(resource, rules, blackouts)


def _active_bookings(
    resource: BookableResource, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    return list(
        Booking.objects.filter(
            resource=resource, status=BookingStatus.ACTIVE, start__lt=end, end__gt=start
        )
        .order_by("start")
        .values_list("start", "end")
    )


def _overlaps(
    start: dt.datetime, end: dt.datetime, taken: list[tuple[dt.datetime, dt.datetime]]
) -> bool:
    return any(s < end and start < e for s, e in taken)


def earliest_start(resource: BookableResource, now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(hours=resource.lead_time_hours)


def last_bookable_day(resource: BookableResource, now: dt.datetime) -> dt.date:
    return now.astimezone(resource.jurisdiction.zone).date() + dt.timedelta(
        days=resource.horizon_days
    )


def calendar_days(
    resource: BookableResource,
    from_date: dt.date,
    days: int,
    *,
    now: dt.datetime | None = None,
) -> list[Day]:
    """Each day from from_date with its slots marked free, booked or unavailable.

    Days beyond the booking horizon are left out; days before today are shown
    with their slots unavailable. Three queries (four or five with the office
    calendar) regardless of how many bookings exist.
    """
    now = now or timezone.now()
    days = max(0, min(days, 62))
    last = min(from_date + dt.timedelta(days=days - 1), last_bookable_day(resource, now))
    if last < from_date:
        return []
    schedule = _load_schedule(resource, from_date, last)
    zone = schedule.zone
    range_start = dt.datetime.combine(from_date, dt.time(0), tzinfo=zone)
    range_end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    taken = _active_bookings(resource, range_start, range_end)
    earliest = earliest_start(resource, now)

    result = []
    day = from_date
    while day <= last:
        reason = schedule.closed_reason(day)
        slots = []
        if not reason:
            for start, end in schedule.slot_times(day):
                if _overlaps(start, end, taken):
                    state = SlotState.BOOKED
                elif start < earliest:
                    state = SlotState.UNAVAILABLE
                else:
                    state = SlotState.FREE
                slots.append(Slot(start=start, end=end, zone=zone, state=state))
        result.append(Day(date=day, slots=slots, closed_reason=reason))
        day += dt.timedelta(days=1)
    return result


def free_slots(
    resource: BookableResource,
    from_date: dt.date,
    days: int,
    *,
    now: dt.datetime | None = None,
) -> list[Slot]:
    """The slots a resident could book right now, in order."""
    return [
        slot
        for day in calendar_days(resource, from_date, days, now=now)
        for slot in day.slots
        if slot.is_free
    ]


class BookingError(ValueError):
    """A booking or cancellation the rules refuse: message for the resident, code for code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def check_slot(
    resource: BookableResource, start: dt.datetime, *, now: dt.datetime | None = None
) -> Slot:
    """The slot that starts at `start`, if the rules allow booking it now.

    Raises BookingError with a specific message otherwise. Does not look at
    existing bookings: booking_create does that under the resource lock.
    """
    now = now or timezone.now()
    if not resource.is_active or not resource.service.is_active:
        raise BookingError(_("This resource is not taking bookings at the moment."), "inactive")
    if start.tzinfo is None:
        raise BookingError(_("That is not a slot we offer; choose one from the calendar."), "bad")
    zone = resource.jurisdiction.zone
    local = start.astimezone(zone)
    if start <= now:
        raise BookingError(_("That time has already passed; choose a later slot."), "past")
    if local.date() > last_bookable_day(resource, now):
        raise BookingError(
            _("Bookings open %(days)d days ahead; choose an earlier date.")
            % {"days": resource.horizon_days},
            "too_far",
        )
    schedule = _load_schedule(resource, local.date(), local.date())
    reason = schedule.closed_reason(local.date())
    if reason:
        raise BookingError(
            _("%(resource)s cannot be booked on %(date)s (%(reason)s); choose another day.")
            % {"resource": resource.name, "date": _format_date(local.date()), "reason": reason},
            "closed",
        )
    match = next(((s, e) for s, e in schedule.slot_times(local.date()) if s == start), None)
    if match is None:
        raise BookingError(
            _("There is no slot starting at %(time)s; choose one from the calendar.")
            % {"time": local.strftime("%H:%M")},
            "not_a_slot",
        )
    if start < earliest_start(resource, now):
        raise BookingError(
            _("Bookings need at least %(hours)d hours' notice; choose a later slot.")
            % {"hours": resource.lead_time_hours},
            "lead_time",
        )
    return Slot(start=match[0], end=match[1], zone=zone)


def _format_date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def active_bookings_overlapping(
    resource: BookableResource, start: dt.datetime, end: dt.datetime
) -> bool:
    return Booking.objects.filter(
        Q(resource=resource, status=BookingStatus.ACTIVE) & Q(start__lt=end, end__gt=start)
    ).exists()
