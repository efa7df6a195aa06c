"""Forms of the staff workspace: they parse and validate; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Channel, Status
from catalogue.models import Priority, Service
from core.languages import Language
from organisations.models import Department
from residents.models import ContactChannel
from workspace.queue import DUE_CHOICES, OUTCOME_CHOICES, SORT_LABELS, STATUS_ANY, QueueFilters
from workspace.widgets import QuickDateInput, QuickSelect, QuickTextInput


def _departments_for(user: Any) -> Any:
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return Department.objects.filter(is_active=True)
    return Department.objects.filter(staff=user)


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Tracking number, description or address"),
        widget=QuickTextInput,
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False, widget=QuickSelect)
    service = forms.TypedChoiceField(
        label=_("Service"), required=False, coerce=int, widget=QuickSelect
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    priority = forms.ChoiceField(label=_("Priority"), required=False, widget=QuickSelect)
    owner = forms.ChoiceField(label=_("Owner"), required=False, widget=QuickSelect)
    department = forms.TypedChoiceField(
        label=_("Department"), required=False, coerce=int, widget=QuickSelect
    )
    due = forms.ChoiceField(label=_("Promised date"), required=False, widget=QuickSelect)
    created_from = forms.DateField(
        label=_("Received from"), required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    created_to = forms.DateField(
        label=_("Received to"), required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    resolved_from = forms.DateField(
        label=_("Resolved from"), required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    resolved_to = forms.DateField(
        label=_("Resolved to"), required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    responded_from = forms.DateField(
        label=_("First answered from"),
        required=False,
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    responded_to = forms.DateField(
        label=_("First answered to"),
        required=False,
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    replied_from = forms.DateField(
        label=_("Replied to from"), required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    replied_to = forms.DateField(
        label=_("Replied to until"), required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, widget=QuickSelect)
    sort = forms.ChoiceField(label=_("Sort"), required=False, widget=QuickSelect)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = list(_departments_for(user).order_by("name"))
        department_ids = [d.pk for d in departments]
        any_ = [("", _("Any"))]
        self._choices("channel").choices = any_ + list(Channel.choices)
        self._choices("service").choices = any_ + [
            (s.pk, s.name)
            for s in Service.objects.filter(department_id__in=department_ids).order_by("name")
        ]
        self._choices("status").choices = [
            ("", _("Open")),
            (STATUS_ANY, _("Any status")),
            *Status.choices,
        ]
        self._choices("priority").choices = any_ + list(Priority.choices)
        owners = (
            User.objects.filter(departments__in=department_ids, is_active=True)
            .distinct()
            .order_by("username")
        )
        self._choices("owner").choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody (unassigned)")),
            *[(str(u.pk), str(u)) for u in owners],
        ]
        self._choices("department").choices = any_ + [(d.pk, str(d)) for d in departments]
        self._choices("due").choices = [("", _("Any")), *DUE_CHOICES.items()]
        self._choices("outcome").choices = [("", _("Any")), *OUTCOME_CHOICES.items()]
        self._choices("sort").choices = list(SORT_LABELS.items())

    def _choices(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def filters(self) -> QueueFilters:
        """The filters as typed values; call after is_valid() (invalid fields are ignored)."""
        data = getattr(self, "cleaned_data", {}) or {}
        return QueueFilters(
            channel=data.get("channel") or "",
            service=data.get("service") or None,
            status=data.get("status") or "",
            priority=data.get("priority") or "",
            owner=data.get("owner") or "",
            department=data.get("department") or None,
            due=data.get("due") or "",
            created_from=data.get("created_from"),
            created_to=data.get("created_to"),
            resolved_from=data.get("resolved_from"),
            resolved_to=data.get("resolved_to"),
            responded_from=data.get("responded_from"),
            responded_to=data.get("responded_to"),
            replied_from=data.get("replied_from"),
            replied_to=data.get("replied_to"),
            outcome=data.get("outcome") or "",
            q=data.get("q") or "",
            sort=data.get("sort") or "newest",
        )


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name this view"), max_length=80)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    """Services of every department, each named with the department that works it."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.department}"


class IntakeForm(forms.Form):
    """A phone call or counter visit logged by staff, as a new case or on an existing one."""

    MODE_NEW = "new"
    MODE_EXISTING = "existing"

    mode = forms.ChoiceField(
        label=_("This contact is"),
        choices=[
            (MODE_NEW, _("A new request")),
            (MODE_EXISTING, _("About an existing case")),
        ],
        widget=forms.RadioSelect,
        initial=MODE_NEW,
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.WALK_IN, Channel.WALK_IN.label)],
        initial=Channel.PHONE,
    )
    # Existing case
    tracking_number = forms.CharField(label=_("Tracking number"), required=False, max_length=20)
    contact_kind = forms.ChoiceField(
        label=_("Record it as"),
        required=False,
        choices=[
            ("resident", _("A message from the resident (they see it)")),
            ("internal", _("An internal note")),
        ],
        initial="resident",
    )
    # New request
    service = ServiceChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Choose…"),
    )
    description = forms.CharField(
        label=_("What the resident told you"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    full_name = forms.CharField(label=_("Resident's name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("Email"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language for updates"), choices=Language.choices, initial=Language.ENGLISH
    )
    preferred_channel = forms.ChoiceField(
        label=_("Send updates by"), choices=ContactChannel.choices, initial=ContactChannel.EMAIL
    )
    answered = forms.BooleanField(label=_("Answered on first contact"), required=False)
    resolution_note = forms.CharField(
        label=_("How it was answered"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Service], self.fields["service"]).queryset = services

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == self.MODE_EXISTING:
            if not data.get("tracking_number"):
                self.add_error("tracking_number", _("Enter the tracking number of the case."))
            if not (data.get("description") or "").strip():
                self.add_error("description", _("Write down what the resident told you."))
        elif data.get("mode") == self.MODE_NEW:
            if not data.get("service"):
                self.add_error("service", _("Choose the service the request is for."))
            if data.get("answered") and not (data.get("resolution_note") or "").strip():
                self.add_error(
                    "resolution_note", _("Say how it was answered; the resident may ask again.")
                )
        return data
