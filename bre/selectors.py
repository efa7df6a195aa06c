"""Reads of the BRE programme, scoped to who is asking."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from bre.models import (
    SECTOR_CODES,
    Action,
    Activity,
    Answer,
    Business,
    BusinessContact,
    Flag,
    FlagColour,
    FlagStatus,
    Goal,
    MacroIssue,
    Opportunity,
    OpportunityStatus,
    Question,
    TimeAllocation,
    TimeEntry,
    Visit,
    VisitAttachment,
    VisitStatus,
)
from cases.models import Case

PAGE_SIZE = 25
# "At and around its address": a box of about 250 m each way (0.00225° of latitude).
NEARBY_DEGREES = Decimal("0.00225")
NEARBY_PAGE_SIZE = 10


def is_bre_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("bre.view_business")


def may_see_contacts(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        "bre.view_businesscontact"
    )


def may_export_contacts(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("bre.export_contacts")


def landing_for(user: Any) -> str | None:
    """Where a BRE-only staff member lands after signing in (None: not BRE's to decide)."""
    from django.urls import reverse

    if is_bre_staff(user) and not user.has_perm("cases.view_case"):
        return reverse("bre:home")
    return None


def businesses_visible_to(user: Any) -> QuerySet[Business]:
    if not is_bre_staff(user):
        return Business.objects.none()
    return Business.objects.all()


def sector_filter(sector: str) -> Q:
    codes = SECTOR_CODES.get(sector, (sector,))
    q = Q()
    for code in codes:
        q |= Q(naics_code__startswith=code)
    return q


def register(
    user: Any,
    *,
    q: str = "",
    sector: str = "",
    status: str = "",
    key_only: bool = False,
    mine: bool = False,
) -> QuerySet[Business]:
    """The register with what a list row shows, in a fixed number of queries."""
    businesses = businesses_visible_to(user).select_related("officer")
    if q:
        businesses = businesses.filter(Q(legal_name__icontains=q) | Q(trading_name__icontains=q))
    if sector:
        businesses = businesses.filter(sector_filter(sector))
    if status:
        businesses = businesses.filter(status=status)
    if key_only:
        businesses = businesses.filter(is_key_company=True)
    if mine:
        businesses = businesses.filter(officer=user)
    return businesses.annotate(
        open_red=Count("flags", filter=Q(flags__status=FlagStatus.OPEN, flags__colour="red")),
        open_yellow=Count("flags", filter=Q(flags__status=FlagStatus.OPEN, flags__colour="yellow")),
        last_visit=Max("visits__done_at", filter=Q(visits__status=VisitStatus.DONE)),
    ).order_by("legal_name", "id")


def register_page(queryset: QuerySet[Business], number: Any) -> Page[Business]:
    return Paginator(queryset, PAGE_SIZE).get_page(number)


def business_for(user: Any, pk: int) -> Business | None:
    return (
        businesses_visible_to(user).select_related("officer", "jurisdiction").filter(pk=pk).first()
    )


def contacts_for(user: Any, business: Business) -> list[BusinessContact]:
    if not may_see_contacts(user):
        return []
    return list(business.contacts.all())


@dataclass
class BusinessPicture:
    visits: list[Visit]
    flags: list[Flag]
    opportunities: list[Opportunity]
    actions: list[Action]
    issues: list[MacroIssue]
    referrals: list[Any]


def business_picture(business: Business) -> BusinessPicture:
    return BusinessPicture(
        visits=list(
            business.visits.select_related("officer", "instrument").prefetch_related(
                "answers__question",
                Prefetch("attachments", queryset=VisitAttachment.objects.defer("data")),
            )[:20]
        ),
        flags=list(business.flags.select_related("owner")[:50]),
        opportunities=list(business.opportunities.all()[:50]),
        actions=list(
            business.actions.select_related("case", "case__service", "case__department")[:50]
        ),
        issues=list(business.macro_issues.all()[:20]),
        referrals=list(business.referrals.select_related("stakeholder")[:50]),
    )


def cases_near(business: Business, *, page: Any = 1) -> Page[Case] | None:
    """311 cases within about 250 m of the business (its own address included), newest
    first, paged. A lat/long box read through case_lat_long_idx; None when the business
    has no location (an address match would scan every case)."""
    if business.lat is None or business.long is None:
        return None
    cases = (
        Case.objects.filter(
            jurisdiction_id=business.jurisdiction_id,
            lat__range=(business.lat - NEARBY_DEGREES, business.lat + NEARBY_DEGREES),
            long__range=(business.long - NEARBY_DEGREES, business.long + NEARBY_DEGREES),
        )
        .select_related("service", "department")
        .order_by("-created_at", "-id")
    )
    return Paginator(cases, NEARBY_PAGE_SIZE).get_page(page)


def officer_home(user: Any, *, today: dt.date) -> dict[str, Any]:
    return {
        "upcoming": list(
            Visit.objects.filter(officer=user, status=VisitStatus.SCHEDULED)
            .select_related("business")
            .order_by("scheduled_for", "id")[:10]
        ),
        "flags": list(
            Flag.objects.filter(owner=user, status=FlagStatus.OPEN)
            .select_related("business")
            .order_by("due_on", "id")[:20]
        ),
        "overdue": Flag.objects.filter(
            owner=user, status=FlagStatus.OPEN, due_on__lt=today
        ).count(),
        "actions": list(
            Action.objects.filter(filed_by=user)
            .select_related("business", "case", "case__department")
            .order_by("-created_at", "-id")[:10]
        ),
        "my_businesses": Business.objects.filter(officer=user).count(),
    }


def flags_page(*, status: str = "open", colour: str = "", page: Any = 1) -> Page[Flag]:
    flags = Flag.objects.select_related("business", "owner")
    if status:
        flags = flags.filter(status=status)
    if colour:
        flags = flags.filter(colour=colour)
    return Paginator(flags.order_by("due_on", "id"), PAGE_SIZE).get_page(page)


def issues_page(*, page: Any = 1) -> Page[Any]:
    issues = MacroIssue.objects.select_related("owner").annotate(
        n_businesses=Count("businesses", distinct=True), n_cases=Count("cases", distinct=True)
    )
    return Paginator(issues.order_by("-created_at", "-id"), PAGE_SIZE).get_page(page)


# --- Suggestions for macro-issues -----------------------------------------------------------


@dataclass
class Suggestion:
    kind: str  # "answers" or "cases"
    key: str
    label: str
    businesses: list[Business] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def suggestions(
    *, today: dt.date, min_businesses: int = 3, language: str = "en"
) -> list[Suggestion]:
    """Macro-issues worth opening: the same list answer (a barrier, a site need) given
    by several businesses in the last year, and services with open cases near several
    businesses. Suggestions already turned into a macro-issue are left out."""
    taken = set(MacroIssue.objects.exclude(source_key="").values_list("source_key", flat=True))
    since = today - dt.timedelta(days=365)
    answers = (
        Answer.objects.filter(
            visit__done_at__date__gte=since,
            question__datatype__in=["singlevaluelist", "multivaluelist"],
        )
        .order_by("-visit__done_at", "-id")
        .values_list("code", "value", "visit__business_id")[:20_000]
    )
    by_key: dict[str, set[int]] = defaultdict(set)
    for code, value, business_id in answers:
        for item in value if isinstance(value, list) else [value]:
            by_key[f"{code}={item}"].add(business_id)
    labels = _option_labels(language)
    found: list[Suggestion] = []
    wanted = {k: v for k, v in by_key.items() if len(v) >= min_businesses and k not in taken}
    businesses = Business.objects.in_bulk({b for ids in wanted.values() for b in ids})
    for key, ids in sorted(wanted.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        found.append(
            Suggestion(
                kind="answers",
                key=key,
                label=labels.get(key, key),
                businesses=sorted((businesses[i] for i in ids), key=lambda b: b.legal_name),
            )
        )
    found.extend(_case_clusters(today=today, min_businesses=min_businesses, taken=taken))
    return found[:20]


def _option_labels(language: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for question in Question.objects.filter(instrument__is_current=True).exclude(options=[]):
        for key, name in question.option_pairs(language):
            labels[f"{question.code}={key}"] = f"{question.text_in(language)}: {name}"
    return labels


def _case_clusters(*, today: dt.date, min_businesses: int, taken: set[str]) -> list[Suggestion]:
    located = list(Business.objects.filter(lat__isnull=False, long__isnull=False))
    if not located:
        return []
    lats = [b.lat for b in located if b.lat is not None]
    longs = [b.long for b in located if b.long is not None]
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=90), dt.time()))
    cases = list(
        Case.objects.filter(
            created_at__gte=since,
            lat__range=(min(lats) - NEARBY_DEGREES, max(lats) + NEARBY_DEGREES),
            long__range=(min(longs) - NEARBY_DEGREES, max(longs) + NEARBY_DEGREES),
        )
        .select_related("service")
        .order_by("-created_at", "-id")[:5000]
    )
    near: dict[int, set[int]] = defaultdict(set)  # service -> businesses
    service_cases: dict[int, list[Case]] = defaultdict(list)
    names: dict[int, str] = {}
    for case in cases:
        if case.lat is None or case.long is None:
            continue
        hit = False
        for b in located:
            if b.lat is None or b.long is None:
                continue
            if (
                abs(case.lat - b.lat) <= NEARBY_DEGREES
                and abs(case.long - b.long) <= NEARBY_DEGREES
            ):
                near[case.service_id].add(b.pk)
                hit = True
        if hit:
            service_cases[case.service_id].append(case)
            names[case.service_id] = case.service.name
    by_pk = {b.pk: b for b in located}
    out = []
    for service_id, ids in sorted(near.items(), key=lambda kv: -len(kv[1])):
        key = f"cases:{service_id}"
        if len(ids) < min_businesses or key in taken:
            continue
        out.append(
            Suggestion(
                kind="cases",
                key=key,
                label=names[service_id],
                businesses=sorted((by_pk[i] for i in ids), key=lambda b: b.legal_name),
                cases=service_cases[service_id][:50],
            )
        )
    return out


# --- Plan against actual --------------------------------------------------------------------


@dataclass
class Measure:
    name: str
    planned: float
    actual: float
    unit: str = ""

    @property
    def pct_of_plan(self) -> int:
        return round(100 * self.actual / self.planned) if self.planned else 0


@dataclass
class YearFigures:
    year: int
    goal: Goal | None
    visits: int
    key_companies: int
    key_companies_visited: int
    red_flags: int
    red_flags_within: int
    jobs_retained: int
    jobs_created: int
    investment: Decimal
    hours_planned: dict[str, Decimal]
    hours_actual: dict[str, Decimal]

    @property
    def key_companies_pct(self) -> int:
        return (
            round(100 * self.key_companies_visited / self.key_companies)
            if self.key_companies
            else 0
        )

    @property
    def red_flags_within_pct(self) -> int:
        return round(100 * self.red_flags_within / self.red_flags) if self.red_flags else 0

    @property
    def activities(self) -> list[tuple[str, str, Decimal, Decimal]]:
        return [
            (
                value,
                str(label),
                self.hours_planned.get(value, Decimal(0)),
                self.hours_actual.get(value, Decimal(0)),
            )
            for value, label in Activity.choices
        ]

    @property
    def hours_scale(self) -> Decimal:
        values = [*self.hours_planned.values(), *self.hours_actual.values()]
        return max(values, default=Decimal(0)) or Decimal(1)


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=zone),
        dt.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def plan_vs_actual(year: int) -> YearFigures:
    start, end = _year_bounds(year)
    goal = Goal.objects.filter(year=year).first()
    days = goal.red_flag_days if goal else 30
    done = Visit.objects.filter(status=VisitStatus.DONE, done_at__gte=start, done_at__lt=end)
    key_total = Business.objects.filter(is_key_company=True).count()
    key_visited = (
        done.filter(business__is_key_company=True).values("business_id").distinct().count()
    )
    reds = list(
        Flag.objects.filter(
            colour=FlagColour.RED, raised_at__gte=start, raised_at__lt=end
        ).values_list("raised_at", "resolved_at")
    )
    within = sum(
        1
        for raised, resolved in reds
        if resolved is not None and resolved - raised <= dt.timedelta(days=days)
    )
    won = Opportunity.objects.filter(
        status=OpportunityStatus.WON, outcome_on__gte=start.date(), outcome_on__lt=end.date()
    ).aggregate(
        retained=Sum("jobs_retained"),
        created=Sum("jobs_created"),
        investment=Sum("investment_actual"),
    )
    planned = {a.activity: a.planned_hours for a in TimeAllocation.objects.filter(year=year)}
    actual = {
        row["activity"]: row["hours"]
        for row in TimeEntry.objects.filter(on__gte=start.date(), on__lt=end.date())
        .values("activity")
        .annotate(hours=Sum("hours"))
        .order_by("activity")
    }
    return YearFigures(
        year=year,
        goal=goal,
        visits=done.count(),
        key_companies=key_total,
        key_companies_visited=key_visited,
        red_flags=len(reds),
        red_flags_within=within,
        jobs_retained=won["retained"] or 0,
        jobs_created=won["created"] or 0,
        investment=won["investment"] or Decimal(0),
        hours_planned=planned,
        hours_actual=actual,
    )


def programme_years(today: dt.date) -> list[int]:
    years = set(Goal.objects.values_list("year", flat=True))
    years |= set(TimeAllocation.objects.values_list("year", flat=True))
    years |= {d.year for d in Visit.objects.filter(done_at__isnull=False).dates("done_at", "year")}
    years.add(today.year)
    return sorted(years, reverse=True)[:10]


def answers_for_export(*, limit: int = 100_000) -> QuerySet[Answer]:
    return Answer.objects.select_related(
        "visit", "visit__business", "visit__instrument", "question"
    ).order_by(
        "visit__business__legal_name", "visit__done_at", "visit_id", "question__order", "id"
    )[:limit]


def attachment_for(user: Any, token: str) -> VisitAttachment | None:
    """A visit's file, only for those who may see the people at businesses."""
    if not may_see_contacts(user):
        return None
    return VisitAttachment.objects.filter(
        token=token, visit__business__in=businesses_visible_to(user)
    ).first()
