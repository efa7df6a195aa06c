"""Forms that parse the BRE pages' input; the writes are in bre/services.py."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bre.models import (
    Activity,
    BusinessStatus,
    EmployeesBand,
    FlagColour,
    Instrument,
    IssueStatus,
    OpportunityKind,
    Ownership,
    QuestionType,
    ReferralStatus,
    Sector,
    Stakeholder,
    StakeholderKind,
)
from catalogue.models import Service
from organisations.models import Jurisdiction


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Any sector")), *Sector.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *BusinessStatus.choices],
    )
    key = forms.BooleanField(label=_("Key companies only"), required=False)
    mine = forms.BooleanField(label=_("Mine only"), required=False)


class BusinessForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(label=_("City"), queryset=Jurisdiction.objects.all())
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    trading_name = forms.CharField(label=_("Trading name"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300)
    zipcode = forms.CharField(label=_("ZIP code"), max_length=12, required=False)
    lat = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    long = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    naics_code = forms.RegexField(
        label=_("NAICS code"),
        regex=r"^[0-9]{2,6}$",
        error_messages={"invalid": _("A NAICS code is 2 to 6 digits, e.g. 311812.")},
    )
    employees_band = forms.ChoiceField(label=_("Employees"), choices=EmployeesBand.choices)
    ownership = forms.ChoiceField(label=_("Ownership"), choices=Ownership.choices)
    is_key_company = forms.BooleanField(label=_("Key company"), required=False)


class BusinessEditForm(BusinessForm):
    """The register entry corrected: the same fields (not the city), and its status."""

    status = forms.ChoiceField(label=_("Status"), choices=BusinessStatus.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["jurisdiction"]


class ContactForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200)
    role_title = forms.CharField(label=_("Role"), max_length=120, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class ContactEditForm(ContactForm):
    is_primary = forms.BooleanField(label=_("Main contact"), required=False)


class StakeholderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of partner"), choices=StakeholderKind.choices)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class ReferralForm(forms.Form):
    stakeholder = forms.ModelChoiceField(
        label=_("Partner"), queryset=Stakeholder.objects.order_by("name")
    )
    reason = forms.CharField(
        label=_("What the partner is asked to help with"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralCloseForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    outcome = forms.CharField(label=_("Outcome"), max_length=500, required=False)


class GoalForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    visits_target = forms.IntegerField(label=_("Visits"), min_value=0, max_value=100_000)
    key_companies_target_pct = forms.IntegerField(
        label=_("Key companies visited (%)"), min_value=0, max_value=100
    )
    red_flag_days = forms.IntegerField(
        label=_("Red flags resolved within (days)"), min_value=1, max_value=365
    )
    red_flags_within_target_pct = forms.IntegerField(
        label=_("Red flags resolved in time (%)"), min_value=0, max_value=100
    )
    jobs_retained_target = forms.IntegerField(
        label=_("Jobs retained"), min_value=0, max_value=1_000_000
    )
    jobs_created_target = forms.IntegerField(
        label=_("Jobs created"), min_value=0, max_value=1_000_000
    )


class AllocationForm(forms.Form):
    """Planned officer hours per activity for a year (one field per activity)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Activity.choices:
            self.fields[f"hours_{value}"] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_value=100_000,
                max_digits=7,
                decimal_places=1,
            )

    def hours(self) -> dict[str, Any]:
        return {
            value: self.cleaned_data[f"hours_{value}"]
            for value, _label in Activity.choices
            if self.cleaned_data.get(f"hours_{value}") is not None
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); each is then checked by
    bre.services.attachment_clean."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return super().clean(data, initial)


class AttachmentForm(forms.Form):
    """Files added to a visit afterwards; each is checked by bre.services.attachment_clean."""

    attachments = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,application/pdf"}
        ),
    )


class VisitForm(forms.Form):
    """A done visit: when, notes, and one field per interview question."""

    done_on = forms.DateField(
        label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    attachments = MultipleFileField(
        label=_("Photos or documents (optional)"),
        required=False,
        help_text=_("Photos (location data is removed) or PDFs, up to 8 MB each."),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,application/pdf"}
        ),
    )

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.question_fields: list[str] = []
        for question in instrument.questions.all():
            name = f"q_{question.code}"
            label = question.text_in(language)
            field: forms.Field
            if question.datatype == QuestionType.SINGLE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[("", "—"), *question.option_pairs(language)],
                    required=False,
                )
            elif question.datatype == QuestionType.MULTI:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=question.option_pairs(language),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            elif question.datatype == QuestionType.DATE:
                field = forms.CharField(
                    label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
                )
            elif question.datatype == QuestionType.NUMBER:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=20,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            field.required = False  # the service reports missing required answers by code
            self.fields[name] = field
            self.question_fields.append(name)

    def answers(self) -> dict[str, Any]:
        return {
            name.removeprefix("q_"): self.cleaned_data.get(name) for name in self.question_fields
        }


class ScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(label=_("Outcome"), choices=[("won", _("Won")), ("lost", _("Lost"))])
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    jobs_created = forms.IntegerField(
        label=_("Jobs created"), min_value=0, max_value=100_000, initial=0
    )
    jobs_retained = forms.IntegerField(
        label=_("Jobs retained"), min_value=0, max_value=100_000, initial=0
    )
    investment_actual = forms.DecimalField(
        label=_("Investment ($)"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )


class FlagForm(forms.Form):
    colour = forms.ChoiceField(label=_("Colour"), choices=FlagColour.choices)
    title = forms.CharField(label=_("What is the concern?"), max_length=200)
    due_on = forms.DateField(label=_("Respond by"), widget=forms.DateInput(attrs={"type": "date"}))


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("Response"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolve = forms.BooleanField(label=_("This resolves the flag"), required=False)


class ActionForm(forms.Form):
    service = forms.ModelChoiceField(label=_("City service"), queryset=Service.objects.none())
    summary = forms.CharField(label=_("What is needed"), max_length=200)
    description = forms.CharField(
        label=_("Details for the department"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, jurisdiction_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["service"])  # type: ignore[type-arg]
        field.queryset = Service.objects.filter(
            jurisdiction_id=jurisdiction_id, is_active=True
        ).order_by("name")


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OpportunityKind.choices)
    description = forms.CharField(label=_("Description"), max_length=500)
    jobs_expected = forms.IntegerField(
        label=_("Jobs expected"), min_value=0, max_value=100_000, initial=0
    )
    investment_expected = forms.DecimalField(
        label=_("Investment expected ($)"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan = forms.CharField(
        label=_("Coordinated plan"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source_key = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)


class IssuePlanForm(forms.Form):
    plan = forms.CharField(
        label=_("Coordinated plan"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=IssueStatus.choices)


class TimeForm(forms.Form):
    on = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    activity = forms.ChoiceField(label=_("Activity"), choices=Activity.choices)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.1, max_value=24, max_digits=4, decimal_places=1
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
