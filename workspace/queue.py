"""The unified queue: every channel's cases in one list, filtered, sorted and paged by keyset.

Paging never counts the table: a page is the rows after (or before) a cursor on
the sort key plus the id, read with one indexed range query, and "next" exists
when one more row came back than the page shows. The counts beside the views
are capped (``BADGE_CAP``): each reads at most that many index entries, so it
costs the same at ten million cases as at ten (docs/performance.md).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, EventKind
from cases.search import cases_matching
from cases.selectors import OPEN_ONLY, cases_visible_to
from cases.tracking import normalise_tracking_number
from core.params import parse_id
from organisations.models import Jurisdiction
from workspace.selectors import PRESETS, choice_labels

# sort name -> (field, descending); the id breaks ties in the same direction.
SORTS: dict[str, tuple[str, bool]] = {
    "newest": ("created_at", True),
    "oldest": ("created_at", False),
    "due": ("resolution_due", False),
    "updated": ("updated_at", True),
}
SORT_LABELS = {
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "due": _("Due soonest"),
    "updated": _("Recently updated"),
}
DUE_CHOICES = {
    "overdue": _("Overdue"),
    "today": _("Due today"),
    "breaching": _("Overdue or due today"),
    "soon": _("Due soon"),
}
OUTCOME_CHOICES = {
    "on_time": _("Resolved by the promised date"),
    "late": _("Resolved after the promised date"),
    "responded_on_time": _("First answered by the promised date"),
    "responded_late": _("First answered after the promised date"),
    "reopened": _("Reopened at least once"),
    "first_contact": _("Resolved on first contact"),
}
STATUS_ANY = "any"
MAX_TEXT = 200
# Counts beside the views stop here and show "1000+": an exact count of a big queue
# would read every matching row, and nobody acts on the difference.
BADGE_CAP = 1000


@dataclass
class QueueFilters:
    channel: str = ""
    service: int | None = None
    status: str = ""  # "": every open status; "any": everything; else one status
    priority: str = ""
    owner: str = ""  # "", "me", "none" or a user id
    department: int | None = None
    due: str = ""
    created_from: dt.date | None = None
    created_to: dt.date | None = None
    # The links from the metrics pages (insights): cases resolved, first answered or
    # replied to in a range of local days, and the outcome a figure counts.
    resolved_from: dt.date | None = None
    resolved_to: dt.date | None = None
    responded_from: dt.date | None = None
    responded_to: dt.date | None = None
    replied_from: dt.date | None = None
    replied_to: dt.date | None = None
    outcome: str = ""
    q: str = ""
    sort: str = "newest"


@dataclass
class SlaBadge:
    code: str  # overdue | today | on_track | done
    label: str


@dataclass
class Row:
    case: Case
    badge: SlaBadge
    reply_overdue: bool
    # What case.get_channel_display() etc. say, looked up in labels read once a page
    # (choice_labels): get_FOO_display() translates every choice of the field each call.
    channel_label: str = ""
    status_label: str = ""
    priority_label: str = ""


@dataclass(frozen=True)
class CappedCount:
    value: int
    capped: bool

    def __str__(self) -> str:
        return f"{self.value}+" if self.capped else str(self.value)


@dataclass
class QueuePage:
    rows: list[Row]
    next_cursor: str | None
    prev_cursor: str | None
    filters: QueueFilters
    zone: ZoneInfo
    warnings: list[str] = field(default_factory=list)
    user: Any = None
    now: dt.datetime | None = None

    @cached_property
    def counts(self) -> dict[str, CappedCount]:
        """View slug ("all" or a preset's) -> its capped count; queried when first shown."""
        return view_counts(self.user, PRESETS, now=self.now or timezone.now(), zone=self.zone)


# The dates a "received from/to" filter is held to: beyond them nothing was received,
# and 0001-01-01 or 9999-12-31 cannot be moved by a day or a time zone.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(9000, 12, 31)


def staff_zone(user: Any) -> ZoneInfo:
    """The time zone "today" means for this staff member: their jurisdiction's."""
    jurisdiction = (
        Jurisdiction.objects.filter(departments__staff=user).order_by("pk").first()
        if getattr(user, "pk", None)
        else None
    ) or Jurisdiction.objects.order_by("pk").first()
    return jurisdiction.zone if jurisdiction else ZoneInfo(settings.TIME_ZONE)


def end_of_today(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    local = now.astimezone(zone)
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=zone)


def sla_badge(case: Case, now: dt.datetime, today_ends: dt.datetime) -> SlaBadge:
    """Where the case stands against its resolution promise."""
    if not case.is_open:
        return SlaBadge("done", str(_("Finished")))
    if case.resolution_due < now:
        return SlaBadge("overdue", str(_("Overdue")))
    if case.resolution_due < today_ends:
        return SlaBadge("today", str(_("Due today")))
    return SlaBadge("on_track", str(_("On track")))


def encode_cursor(value: dt.datetime, pk: int) -> str:
    raw = f"{value.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[dt.datetime, int] | None:
    """The (sort value, id) a cursor stands for, or None for anything malformed."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        text, _sep, pk = raw.rpartition("|")
        value = parse_datetime(text)
        number = parse_id(pk)
        if value is None or timezone.is_naive(value) or number is None:
            return None
        return value, number
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _soon_horizon(user: Any, now: dt.datetime) -> dt.datetime:
    jurisdiction = (
        Jurisdiction.objects.filter(departments__staff=user).order_by("pk").first()
        or Jurisdiction.objects.order_by("pk").first()
    )
    if jurisdiction is None:
        return now
    hours = settings.NOTIFICATIONS_DUE_SOON_BUSINESS_HOURS
    return working_calendar_for(jurisdiction).add_business_hours(now, hours)


def _by_owner(cases: QuerySet[Case], user: Any, owner: str) -> QuerySet[Case]:
    if owner == "me":
        return cases.filter(owner=user)
    if owner == "none":
        return cases.filter(owner__isnull=True)
    if (owner_id := parse_id(owner)) is not None:
        return cases.filter(owner_id=owner_id)
    return cases


def _by_due(
    cases: QuerySet[Case], user: Any, due: str, *, now: dt.datetime, zone: ZoneInfo
) -> QuerySet[Case]:
    today_ends = end_of_today(now, zone)
    if due == "overdue":
        return cases.filter(resolution_due__lt=now)
    if due == "today":
        return cases.filter(resolution_due__gte=now, resolution_due__lt=today_ends)
    if due == "breaching":
        return cases.filter(resolution_due__lt=today_ends)
    if due == "soon":
        return cases.filter(resolution_due__gte=now, resolution_due__lte=_soon_horizon(user, now))
    return cases


def filtered_cases(
    user: Any, filters: QueueFilters, *, now: dt.datetime, zone: ZoneInfo
) -> QuerySet[Case]:
    """The cases `user` may see that match `filters`, unordered."""
    cases = cases_visible_to(user)
    if filters.status == STATUS_ANY:
        pass
    elif filters.status:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.filter(OPEN_ONLY)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.service:
        cases = cases.filter(service_id=filters.service)
    if filters.priority:
        cases = cases.filter(priority=filters.priority)
    if filters.department:
        cases = cases.filter(department_id=filters.department)
    cases = _by_owner(cases, user, filters.owner)
    cases = _by_due(cases, user, filters.due, now=now, zone=zone)
    if filters.due and filters.status:
        cases = cases.filter(OPEN_ONLY)
    if filters.created_from:
        day = min(max(filters.created_from, EARLIEST_DAY), LATEST_DAY)
        start = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        cases = cases.filter(created_at__gte=start)
    if filters.created_to:
        # 9999-12-31 has no next day: dates are held to years any case can have.
        day = min(max(filters.created_to, EARLIEST_DAY), LATEST_DAY)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        cases = cases.filter(created_at__lt=end)
    cases = _outcome_filtered(cases, filters, zone)
    text = " ".join(filters.q.split())[:MAX_TEXT]
    if text:
        number = normalise_tracking_number(text)
        cases = cases.filter(tracking_number=number) if number else cases_matching(cases, text)
    return cases


def _day_range(
    first: dt.date | None, last: dt.date | None, zone: ZoneInfo
) -> tuple[dt.datetime | None, dt.datetime | None]:
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone) if first else None
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone) if last else None
    return start, end


def _outcome_filtered(  # noqa: C901  (one branch per outcome)
    cases: QuerySet[Case], filters: QueueFilters, zone: ZoneInfo
) -> QuerySet[Case]:
    """The filters the metrics pages link with (insights.links)."""
    for name, (first, last) in {
        "resolved_at": (filters.resolved_from, filters.resolved_to),
        "first_responded_at": (filters.responded_from, filters.responded_to),
    }.items():
        start, end = _day_range(first, last, zone)
        if start:
            cases = cases.filter(**{f"{name}__gte": start})
        if end:
            cases = cases.filter(**{f"{name}__lt": end})
    start, end = _day_range(filters.replied_from, filters.replied_to, zone)
    if start or end:
        replies = CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.PUBLIC_REPLY)
        if start:
            replies = replies.filter(created_at__gte=start)
        if end:
            replies = replies.filter(created_at__lt=end)
        cases = cases.filter(Exists(replies))
    events = CaseEvent.objects.filter(case_id=OuterRef("pk"))
    if filters.outcome == "on_time":
        cases = cases.filter(resolved_at__isnull=False, resolved_at__lte=F("resolution_due"))
    elif filters.outcome == "late":
        cases = cases.filter(resolved_at__isnull=False, resolved_at__gt=F("resolution_due"))
    elif filters.outcome == "responded_on_time":
        cases = cases.filter(
            first_responded_at__isnull=False, first_responded_at__lte=F("first_response_due")
        )
    elif filters.outcome == "responded_late":
        cases = cases.filter(
            first_responded_at__isnull=False, first_responded_at__gt=F("first_response_due")
        )
    elif filters.outcome == "reopened":
        cases = cases.filter(reopen_count__gt=0)
    elif filters.outcome == "first_contact":
        cases = (
            cases.filter(resolved_at__isnull=False, reopen_count=0)
            .exclude(
                Exists(events.filter(kind__in=[EventKind.TRANSFERRED, EventKind.RESIDENT_MESSAGE]))
            )
            .exclude(Exists(Case.objects.filter(merged_into_id=OuterRef("pk"))))
        )
    return cases


def capped_count(cases: QuerySet[Case], cap: int | None = None) -> CappedCount:
    """How many rows `cases` holds, reading at most cap + 1 of them."""
    cap = BADGE_CAP if cap is None else cap
    n = cases.order_by().values("pk")[: cap + 1].count()
    return CappedCount(min(n, cap), n > cap)


def filters_from_query(query: str) -> QueueFilters:
    """The filters of a preset's query string (only the keys presets use)."""
    data = QueryDict(query)
    return QueueFilters(
        status=data.get("status", ""),
        owner=data.get("owner", ""),
        due=data.get("due", ""),
        channel=data.get("channel", ""),
        sort=data.get("sort", "newest"),
    )


def view_counts(
    user: Any, presets: list[tuple[str, str, str]], *, now: dt.datetime, zone: ZoneInfo
) -> dict[str, CappedCount]:
    """Capped counts for "all open cases" and each preset: one LIMITed query each."""
    views = [("all", QueueFilters()), *((slug, filters_from_query(q)) for slug, _n, q in presets)]
    return {
        slug: capped_count(filtered_cases(user, filters, now=now, zone=zone))
        for slug, filters in views
    }


def queue_page(
    user: Any,
    filters: QueueFilters,
    *,
    after: str = "",
    before: str = "",
    page_size: int | None = None,
    now: dt.datetime | None = None,
) -> QueuePage:
    """One page of the queue: a constant number of queries whatever the table holds."""
    now = now or timezone.now()
    size = page_size or settings.WORKSPACE_QUEUE_PAGE_SIZE
    zone = staff_zone(user)
    key, descending = SORTS.get(filters.sort, SORTS["newest"])
    # department__parent: a team's name shows as "Parent › Team" (one join, not one query a row).
    cases = filtered_cases(user, filters, now=now, zone=zone).select_related(
        "service", "department__parent", "owner"
    )
    warnings: list[str] = []
    cursor = decode_cursor(after or before) if (after or before) else None
    if (after or before) and cursor is None:
        warnings.append(str(_("That page link was not valid; showing the first page.")))
    backwards = bool(before) and cursor is not None
    # Going backwards reads the rows just before the cursor in reverse, then flips them.
    step_desc = descending != backwards
    if cursor is not None:
        value, pk = cursor
        op = "lt" if step_desc else "gt"
        cases = cases.filter(Q(**{f"{key}__{op}": value}) | Q(**{key: value, f"id__{op}": pk}))
    prefix = "-" if step_desc else ""
    found = list(cases.order_by(f"{prefix}{key}", f"{prefix}id")[: size + 1])
    more = len(found) > size
    found = found[:size]
    if backwards:
        found.reverse()
    today_ends = end_of_today(now, zone)
    channels, statuses, priorities = (
        choice_labels(Case, name) for name in ("channel", "status", "priority")
    )
    rows = [
        Row(
            case=c,
            badge=sla_badge(c, now, today_ends),
            reply_overdue=c.is_open and c.first_responded_at is None and c.first_response_due < now,
            channel_label=channels.get(c.channel, c.channel),
            status_label=statuses.get(c.status, c.status),
            priority_label=priorities.get(c.priority, c.priority),
        )
        for c in found
    ]
    has_next = (more if not backwards else True) and bool(found)
    has_prev = (cursor is not None and not backwards) or (backwards and more)
    next_cursor = encode_cursor(getattr(found[-1], key), found[-1].pk) if has_next else None
    prev_cursor = encode_cursor(getattr(found[0], key), found[0].pk) if has_prev and found else None
    return QueuePage(
        rows=rows,
        next_cursor=next_cursor,
        prev_cursor=prev_cursor,
        filters=filters,
        zone=zone,
        warnings=warnings,
        user=user,
        now=now,
    )
