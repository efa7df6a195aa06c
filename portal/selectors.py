"""Reads for resident pages: the catalogue in the resident's language, and what we promised.

Every list here is built with a fixed number of queries (prefetches), whatever
the number of services, steps or events; tests/portal pin the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, CaseStep, EventKind, Status
from cases.promises import promise_for
from cases.selectors import case_timeline
from catalogue.models import (
    QuestionOption,
    Service,
    ServiceGroup,
    ServiceQuestion,
    ServiceStandard,
    StandardStep,
)
from core.languages import Localised, localised, untranslated
from core.languages import translated as _translated
from knowledge.search import fold_accents
from organisations.models import Jurisdiction
from payments.models import PaymentStatus
from payments.selectors import payment_for
from payments.services import money
from portal.dates import format_day, format_moment
from portal.models import VerifiedEmail
from residents.models import Resident
from surveys.texts import answer_summary


def portal_jurisdiction() -> Jurisdiction | None:
    """The jurisdiction this portal serves (settings.PORTAL_JURISDICTION, else the first)."""
    wanted = getattr(settings, "PORTAL_JURISDICTION", "")
    jurisdictions = Jurisdiction.objects.order_by("pk")
    if wanted:
        return jurisdictions.filter(jurisdiction_id=wanted).first()
    return jurisdictions.first()


def format_promise_date(when: dt.datetime, jurisdiction: Jurisdiction) -> str:
    """'Tuesday 4 March' in the jurisdiction's time zone and the active language."""
    return format_day(when, jurisdiction)


def format_duration(amount: int, unit: str) -> str:
    if unit == "business_hours":
        return ngettext("%(n)d working hour", "%(n)d working hours", amount) % {"n": amount}
    return ngettext("%(n)d working day", "%(n)d working days", amount) % {"n": amount}


# --- Catalogue --------------------------------------------------------------------------


@dataclass
class ServiceCard:
    service_code: str
    name: str
    description: str


@dataclass
class GroupView:
    slug: str
    name: str
    description: str
    services: list[ServiceCard] = field(default_factory=list)


def _active_services(jurisdiction: Jurisdiction) -> QuerySet[Service]:
    return Service.objects.filter(jurisdiction=jurisdiction, is_active=True).prefetch_related(
        "translations"
    )


def service_card(service: Service, language: str) -> ServiceCard:
    return ServiceCard(
        service_code=service.service_code,
        name=localised(service, language, "name"),
        description=localised(service, language, "description"),
    )


def catalogue_groups(jurisdiction: Jurisdiction, language: str) -> list[GroupView]:
    """Service groups with their active services; ungrouped services last. Four queries."""
    groups = ServiceGroup.objects.filter(jurisdiction=jurisdiction).prefetch_related("translations")
    services = list(_active_services(jurisdiction).order_by("name", "pk"))
    by_group: dict[int | None, list[Service]] = {}
    for service in services:
        by_group.setdefault(service.group_id, []).append(service)
    views = []
    for group in groups:
        members = by_group.get(group.pk, [])
        if not members:
            continue
        views.append(
            GroupView(
                slug=group.slug,
                name=localised(group, language, "name"),
                description=localised(group, language, "description"),
                services=sorted((service_card(s, language) for s in members), key=lambda c: c.name),
            )
        )
    if by_group.get(None):
        views.append(
            GroupView(
                slug="other",
                name=_("Other services"),
                description="",
                services=sorted(
                    (service_card(s, language) for s in by_group[None]), key=lambda c: c.name
                ),
            )
        )
    return views


def search_services(jurisdiction: Jurisdiction, query: str, language: str) -> list[ServiceCard]:
    """Services whose name, keywords or description (in any language) mention every word,
    with or without accents ("inspeccion" finds "inspección"). Two queries.

    Matched in Python over the jurisdiction's active services: a catalogue is small,
    and substring search (like icontains) reads every row anyway."""
    words = [fold_accents(w.lower()) for w in query.split() if w][:8]
    if not words:
        return []
    found = []
    for service in _active_services(jurisdiction).order_by("name", "pk"):
        texts = [service.name, service.keywords, service.description]
        texts += [f"{t.name} {t.description}" for t in service.translations.all()]
        haystack = fold_accents(" ".join(texts).lower())
        if all(word in haystack for word in words):
            found.append(service)
            if len(found) == 50:
                break
    return sorted((service_card(s, language) for s in found), key=lambda c: c.name)


# --- One service ------------------------------------------------------------------------


@dataclass
class OptionView:
    key: str
    name: str


@dataclass
class QuestionView:
    code: str
    datatype: str
    required: bool
    variable: bool
    description: str
    hint: str
    options: list[OptionView]

    @property
    def field_name(self) -> str:
        return f"q_{self.code}"


@dataclass
class StepView:
    order: int
    name: str
    description: str
    duration: str


@dataclass
class ServicePage:
    service: Service
    name: str
    description: str
    what_to_provide: str
    minimum_expectation: str
    first_response: str
    resolution: str
    steps: list[StepView]
    questions: list[QuestionView]
    promised_by: str
    department: str
    # How the form asks where ("problem": address or map pin, "address": no map, "none").
    location: str = "problem"
    asks_photos: bool = True
    # A service with a fee: "$25.00" (and the non-resident rate), "" when free.
    fee: str = ""
    non_resident_fee: str = ""


@dataclass(frozen=True)
class Owed:
    """A request's fee waiting to be paid: how much, until when, where."""

    amount: str
    due: str
    token: str


def request_owed(case: Case) -> Owed | None:
    """The fee a held request still waits for (None when paid, free or cancelled)."""
    if not case.awaits_payment:
        return None
    payment = payment_for("request", case.pk)
    if payment is None or payment.status != PaymentStatus.PENDING:
        return None
    return Owed(
        amount=money(payment.amount_cents),
        due=format_moment(payment.expires_at, case.jurisdiction),
        token=payment.token,
    )


def service_for_code(jurisdiction: Jurisdiction, code: str) -> Service | None:
    return (
        Service.objects.filter(jurisdiction=jurisdiction, service_code=code, is_active=True)
        .select_related("department", "jurisdiction")
        .prefetch_related(
            "translations",
            Prefetch(
                "questions",
                queryset=ServiceQuestion.objects.prefetch_related(
                    "translations",
                    Prefetch(
                        "options", queryset=QuestionOption.objects.prefetch_related("translations")
                    ),
                ),
            ),
        )
        .first()
    )


def service_page(service: Service, language: str, *, now: dt.datetime | None = None) -> ServicePage:
    """Everything the service page says before the form, in the resident's language."""
    standard = (
        ServiceStandard.objects.filter(service=service)
        .prefetch_related(
            Prefetch("steps", queryset=StandardStep.objects.prefetch_related("translations"))
        )
        .first()
    )
    steps = list(standard.steps.all()) if standard else []
    promise = promise_for(
        standard=standard,
        steps=steps,
        calendar=working_calendar_for(service.jurisdiction),
        received_at=now or timezone.now(),
    )
    translation = _translated(service, language)
    if translation is not None and translation.minimum_expectation:
        minimum = Localised(translation.minimum_expectation, language)
    else:
        minimum = untranslated(standard.minimum_expectation if standard else "")
    return ServicePage(
        service=service,
        name=localised(service, language, "name"),
        description=localised(service, language, "description"),
        what_to_provide=localised(service, language, "what_to_provide"),
        minimum_expectation=minimum,
        first_response=format_duration(standard.first_response_amount, standard.first_response_unit)
        if standard
        else "",
        resolution=format_duration(standard.resolution_amount, standard.resolution_unit)
        if standard
        else "",
        steps=[
            StepView(
                order=step.order,
                name=localised(step, language, "name"),
                description=localised(step, language, "description"),
                duration=format_duration(step.duration_amount, step.duration_unit),
            )
            for step in steps
        ],
        questions=question_views(service, language),
        promised_by=format_promise_date(promise.resolution_due, service.jurisdiction),
        department=untranslated(service.department.name),
        location=location_prompt(service),
        asks_photos=service.asks_photos,
        fee=money(service.fee_cents) if service.has_fee else "",
        non_resident_fee=money(service.non_resident_fee_cents)
        if service.non_resident_fee_cents
        else "",
    )


def location_prompt(service: Service) -> str:
    """How the request form asks where: never "none" for a service that needs a place."""
    prompt = service.location_prompt
    if service.needs_location and prompt == Service.LocationPrompt.NONE:
        return str(Service.LocationPrompt.ADDRESS)
    return str(prompt)


@dataclass
class AnswerView:
    question: str
    answer: str


def answer_views(case: Case, language: str) -> list[AnswerView]:
    """The resident's answers to the service's questions, in the page's language."""
    questions = (
        ServiceQuestion.objects.filter(service_id=case.service_id)
        .prefetch_related(
            "translations",
            Prefetch("options", queryset=QuestionOption.objects.prefetch_related("translations")),
        )
        .order_by("order", "pk")
    )
    views = []
    answers = case.answers or {}
    for question in questions:
        raw = answers.get(question.code)
        if raw in (None, "", []):
            continue
        names = {o.key: localised(o, language, "name") for o in question.options.all()}
        values = raw if isinstance(raw, list) else [raw]
        text = ", ".join(names.get(str(v), str(v)) for v in values)
        views.append(AnswerView(question=localised(question, language, "description"), answer=text))
    return views


def question_views(service: Service, language: str) -> list[QuestionView]:
    return [question_view(q, language) for q in service.questions.all()]


def question_view(question: ServiceQuestion, language: str) -> QuestionView:
    return QuestionView(
        code=question.code,
        datatype=question.datatype,
        required=question.required,
        variable=question.variable,
        description=localised(question, language, "description"),
        hint=localised(question, language, "datatype_description"),
        options=[OptionView(o.key, localised(o, language, "name")) for o in question.options.all()],
    )


# --- Tracking ---------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    at: dt.datetime
    title: str
    body: str
    from_resident: bool


@dataclass
class NextStep:
    name: str
    due: str
    is_late: bool


@dataclass
class MergedInto:
    """The case a duplicate was joined with: its progress, nothing of its resident's."""

    number: str
    status_label: str
    is_open: bool
    next_step: NextStep | None
    resolution_due: str


@dataclass
class TrackingView:
    case: Case
    service_name: str
    status_label: str
    is_open: bool
    next_step: NextStep | None
    resolution_due: str
    steps: list[dict[str, Any]]
    timeline: list[TimelineEntry]
    photo_count: int
    # Tokens of the photos the resident may open (as cases/media.public_attachments); the
    # others (staff decide what is published) are only counted.
    photos: list[str] = field(default_factory=list)
    # The resident may still write: open cases, and resolved or declined ones (it reopens them).
    can_reply: bool = False
    merged_into: MergedInto | None = None
    answers: list[AnswerView] = field(default_factory=list)
    # A request for a service with a fee, not paid yet: what to pay, by when, where.
    owed: Owed | None = None


def merge_notice(number: str) -> str:
    """What a merged duplicate's resident reads, in the language of the page."""
    return _(
        "This request is the same as %(number)s. We have joined them: this page now "
        "shows the progress of %(number)s, and you can also track %(number)s with "
        "your own email or phone."
    ) % {"number": number}


def _event_title(event: CaseEvent, org: str) -> str:
    kind = event.kind
    if kind == EventKind.CREATED:
        return _("We received your request")
    if kind == EventKind.STATUS_CHANGED:
        after = event.data.get("after", "")
        label = Status(after).label if after in Status.values else after
        return _("Status changed to “%(status)s”") % {"status": label}
    if kind == EventKind.PUBLIC_REPLY:
        return _("Reply from %(org)s") % {"org": org}
    if kind == EventKind.RESIDENT_MESSAGE:
        return _("You added information")
    if kind == EventKind.STEP_COMPLETED:
        return _("Step done")
    if kind == EventKind.REOPENED:
        return _("Your request was reopened")
    if kind == EventKind.MERGED:
        return _("Joined with another report of the same problem")
    if kind == EventKind.SURVEY_ANSWERED:
        return _("You answered our satisfaction survey")
    return str(EventKind(kind).label) if kind in EventKind.values else kind


def _event_body(event: CaseEvent, step_names: dict[int, str]) -> str:
    if event.kind == EventKind.STEP_COMPLETED:
        return step_names.get(event.data.get("step", -1), event.body)
    if event.kind == EventKind.MERGED and event.data.get("merged_into"):
        # Written in whatever language staff used; say it again in the page's language.
        return merge_notice(str(event.data["merged_into"]))
    if event.kind == EventKind.SURVEY_ANSWERED:
        return answer_summary(event.data)  # in the page's language
    return event.body


def service_names(service_ids: list[int], language: str) -> dict[int, Localised]:
    """Services' names in `language` (their own name when they have no translation)."""
    services = Service.objects.filter(pk__in=service_ids).prefetch_related("translations")
    return {service.pk: localised(service, language, "name") for service in services}


def _step_names(case: Case, language: str) -> dict[int, str]:
    # Case steps keep the English name they were created with; show the translated one.
    # cases.promises numbers a case's steps 1..n in the standard's step order.
    standard_steps = StandardStep.objects.filter(standard__service_id=case.service_id)
    return {
        position: localised(standard_step, language, "name")
        for position, standard_step in enumerate(
            standard_steps.order_by("order", "id").prefetch_related("translations"), start=1
        )
    }


def _next_step(
    case: Case, case_steps: list[CaseStep], step_names: dict[int, str], now: dt.datetime
) -> NextStep | None:
    if not case.is_open:
        return None
    pending = [s for s in case_steps if s.completed_at is None]
    if not pending:
        return None
    upcoming = pending[0]
    return NextStep(
        name=step_names.get(upcoming.order, untranslated(upcoming.name)),
        due=format_promise_date(upcoming.due_at, case.jurisdiction),
        is_late=upcoming.due_at < now,
    )


def _merged_into(case: Case, language: str, now: dt.datetime) -> MergedInto | None:
    if not case.merged_into_id:
        return None
    into = Case.objects.select_related("jurisdiction").filter(pk=case.merged_into_id).first()
    if into is None:
        return None
    steps = list(CaseStep.objects.filter(case=into).order_by("order"))
    return MergedInto(
        number=into.tracking_number,
        status_label=str(Status(into.status).label),
        is_open=into.is_open,
        next_step=_next_step(into, steps, _step_names(into, language), now),
        resolution_due=format_promise_date(into.resolution_due, into.jurisdiction),
    )


def tracking_view(case: Case, language: str, *, now: dt.datetime | None = None) -> TrackingView:
    """Status, timeline and the next promised date of one case. A fixed number of queries."""
    now = now or timezone.now()
    jurisdiction = case.jurisdiction
    org = jurisdiction.name
    case_steps = list(CaseStep.objects.filter(case=case).order_by("order"))
    step_names = _step_names(case, language)
    service = Service.objects.filter(pk=case.service_id).prefetch_related("translations").first()
    service_name = localised(service, language, "name") if service else ""
    # One query for both: every photo is counted, the published ones are shown.
    attached = list(
        case.attachments.order_by("uploaded_at", "id").values_list("token", "is_public")
    )
    photos = [token for token, is_public in attached if is_public]
    owed = request_owed(case)
    timeline = [
        TimelineEntry(
            at=event.created_at,
            title=_event_title(event, org),
            body=_event_body(event, step_names),
            from_resident=event.kind == EventKind.RESIDENT_MESSAGE,
        )
        for event in case_timeline(case, public_only=True)
    ]
    # A finished case lists only what was done: a step never done has no date to keep.
    steps = [
        {
            "name": step_names.get(s.order, untranslated(s.name)),
            "due": format_promise_date(s.due_at, jurisdiction),
            "done": s.completed_at is not None,
        }
        for s in case_steps
        if case.is_open or s.completed_at is not None
    ]
    return TrackingView(
        case=case,
        service_name=service_name,
        status_label=_("Waiting for payment") if owed else str(Status(case.status).label),
        is_open=case.is_open,
        next_step=_next_step(case, case_steps, step_names, now),
        resolution_due=format_promise_date(case.resolution_due, jurisdiction),
        steps=steps,
        timeline=timeline,
        photo_count=len(attached),
        photos=photos,
        can_reply=not case.merged_into_id
        and (case.is_open or case.status in (Status.RESOLVED, Status.DECLINED)),
        merged_into=_merged_into(case, language, now),
        answers=answer_views(case, language),
        owed=owed,
    )


def resident_ids_for_user(user: Any) -> list[int]:
    """Contact records that are this account's: its own, and with a verified email, the
    records made with that address before sign-up."""
    if not getattr(user, "is_authenticated", False):
        return []
    matches = Q(user=user)
    verified = VerifiedEmail.objects.filter(user=user).first()
    if verified is not None:
        matches |= Q(email__lower=verified.email.lower())
    return list(Resident.objects.filter(matches).values_list("pk", flat=True))


def cases_for_residents(resident_ids: list[int]) -> QuerySet[Case]:
    return (
        Case.objects.filter(resident_id__in=resident_ids)
        .select_related("service")
        .prefetch_related("service__translations")
        .order_by("-created_at", "-id")
    )
