"""Reads for the workspace pages, scoped to the staff member (a constant number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Model
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.lifecycle import allowed_next
from cases.models import OPEN_STATUSES, Case, CaseAttachment, CaseEvent, CaseStep, Status
from cases.selectors import cases_visible_to
from cases.tracking import normalise_tracking_number
from catalogue.models import ServiceQuestion
from organisations.models import Department
from workspace.models import SavedView

# The names are translated where they are shown ({% translate name %}); marked here for
# makemessages.
PRESETS = [
    ("my-cases", gettext_noop("My cases"), "owner=me"),
    ("unassigned", gettext_noop("Unassigned"), "owner=none"),
    ("breaching-today", gettext_noop("Breaching today"), "due=breaching&sort=due"),
]


def choice_labels(model: type[Model], field_name: str) -> dict[str, str]:
    """Each value of a field's choices -> its label in the active language, as
    ``get_FOO_display()`` says it (the value itself when it is not a choice).

    For pages that show a label per row: ``get_FOO_display()`` rebuilds a dict of the
    field's choices on every call, and hashing the lazy labels translates every one of
    them (ten to thirty ``gettext`` calls per label shown). Here each label is
    translated once per page.
    """
    field = model._meta.get_field(field_name)
    return {str(value): str(label) for value, label in getattr(field, "flatchoices", [])}


def case_for_staff(user: Any, tracking_number: str) -> Case | None:
    """The case if `user` may see it; None otherwise (the view answers 404 either way)."""
    number = normalise_tracking_number(tracking_number)
    if number is None:
        return None
    return (
        cases_visible_to(user)
        .select_related("service", "department", "owner", "resident", "jurisdiction", "merged_into")
        .filter(tracking_number=number)
        .first()
    )


@dataclass(frozen=True)
class Answer:
    label: str
    value: str


def labelled_answers(case: Case) -> list[Answer]:
    """The answers to the service's questions, with the question text and option names."""
    questions = ServiceQuestion.objects.filter(service_id=case.service_id).prefetch_related(
        "options"
    )
    out = []
    for question in questions:
        if question.code not in case.answers:
            continue
        raw = case.answers[question.code]
        names = {o.key: o.name for o in question.options.all()}
        values = raw if isinstance(raw, list) else [raw]
        shown = ", ".join(names.get(str(v), str(v)) for v in values)
        out.append(Answer(label=question.description, value=shown))
    return out


@dataclass(frozen=True)
class TimelineEntry:
    event: CaseEvent
    kind_label: str  # event.get_kind_display(), from labels read once (choice_labels)


@dataclass(frozen=True)
class OtherCase:
    case: Case
    channel_label: str
    status_label: str


@dataclass
class CaseContext:
    case: Case
    events: list[CaseEvent]
    steps: list[CaseStep]
    attachments: list[CaseAttachment]
    answers: list[Answer]
    other_cases: list[Case]
    departments: list[Department]
    next_statuses: list[tuple[str, str]]
    # Display values computed once for the page (see choice_labels).
    timeline: list[TimelineEntry] = field(default_factory=list)
    others: list[OtherCase] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def department_groups(self) -> list[tuple[str, list[Department]]]:
        """The transfer targets grouped under their top department, both by name."""
        groups: dict[str, list[Department]] = {}
        for department in self.departments:
            top = department.parent.name if department.parent_id and department.parent else ""
            groups.setdefault(top or department.name, []).append(department)
        return sorted(groups.items(), key=lambda item: item[0].casefold())


def case_context(user: Any, case: Case) -> CaseContext:
    events = list(
        CaseEvent.objects.filter(case=case).select_related("actor").order_by("created_at", "id")
    )
    other_cases: list[Case] = []
    if case.resident_id:
        other_cases = list(
            cases_visible_to(user)
            .filter(resident_id=case.resident_id)
            .exclude(pk=case.pk)
            .select_related("service")
            .order_by("-created_at", "-id")[:10]
        )
    departments = list(
        Department.objects.filter(jurisdiction_id=case.jurisdiction_id, is_active=True)
        .exclude(pk=case.department_id)
        .select_related("parent")
        .order_by(
            Lower(Coalesce("parent__name", "name")),
            F("parent_id").asc(nulls_first=True),  # the department before its teams
            Lower("name"),
        )
    )
    # A finished case goes back to work by "Reopen" (with its reason), not a status change.
    next_statuses = [
        (s, str(Status(s).label))
        for s in Status.values
        if s in allowed_next(case.status) and (case.is_open or s not in OPEN_STATUSES)
    ]
    kinds = choice_labels(CaseEvent, "kind")
    channels, statuses = choice_labels(Case, "channel"), choice_labels(Case, "status")
    labels = {
        "status": statuses.get(case.status, case.status),
        "channel": channels.get(case.channel, case.channel),
        "priority": case.get_priority_display(),
    }
    if case.resident_id and case.resident:
        labels["resident_channel"] = case.resident.get_preferred_channel_display()
        labels["resident_language"] = case.resident.get_preferred_language_display()
    return CaseContext(
        timeline=[TimelineEntry(e, kinds.get(e.kind, e.kind)) for e in events],
        others=[
            OtherCase(o, channels.get(o.channel, o.channel), statuses.get(o.status, o.status))
            for o in other_cases
        ],
        labels=labels,
        case=case,
        events=events,
        steps=list(CaseStep.objects.filter(case=case).order_by("order")),
        attachments=list(CaseAttachment.objects.filter(case=case).order_by("uploaded_at", "id")),
        answers=labelled_answers(case),
        other_cases=other_cases,
        departments=departments,
        next_statuses=next_statuses,
    )


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    differs: bool


def merge_comparison(duplicate: Case, into: Case) -> list[tuple[Case, list[Fact]]]:
    """Both cases' facts in the same order, each marked where the two differ."""

    def facts(case: Case) -> dict[str, str]:
        where = case.address or ""
        if case.lat is not None:
            where = f"{where} ({case.lat}, {case.long})".strip()
        shown = {
            str(_("Service")): case.service.name,
            str(_("Status")): case.get_status_display(),
            str(_("Department")): str(case.department),
            str(_("Channel")): case.get_channel_display(),
            str(_("Where")): where or "—",
            str(_("Resident")): str(case.resident) if case.resident_id else str(_("Anonymous.")),
            str(_("The request")): case.description or str(_("No description.")),
        }
        shown.update({a.label: a.value for a in labelled_answers(case)})
        return shown

    left, right = facts(duplicate), facts(into)
    labels = list(dict.fromkeys([*left, *right]))

    def side(values: dict[str, str], other: dict[str, str]) -> list[Fact]:
        return [
            Fact(label, values.get(label, "—"), values.get(label) != other.get(label))
            for label in labels
        ]

    return [(duplicate, side(left, right)), (into, side(right, left))]


def saved_views_for(user: Any) -> list[SavedView]:
    return list(SavedView.objects.filter(user=user).order_by("name", "id"))
