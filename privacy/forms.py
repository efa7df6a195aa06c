"""Forms for the staff privacy pages: bounded, with specific messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.models import RequestKind, RequestVia


class NewRequestForm(forms.Form):
    contact = forms.CharField(
        label=_("The resident's email, phone or a tracking number"),
        max_length=320,
        error_messages={"required": _("Enter the email, phone or tracking number to find them.")},
    )
    kind = forms.ChoiceField(label=_("They ask for"), choices=RequestKind.choices)
    via = forms.ChoiceField(
        label=_("The request came by"),
        choices=[c for c in RequestVia.choices if c[0] != RequestVia.ACCOUNT],
    )


class CompleteRequestForm(forms.Form):
    identity_check = forms.CharField(
        label=_("How you checked who asked"),
        max_length=300,
        help_text=_("For example: called back on the number on file; saw photo ID at the desk."),
        error_messages={"required": _("Say how you checked who made the request.")},
    )


class PlaceHoldForm(forms.Form):
    subject = forms.CharField(
        label=_("A tracking number (one case) or a resident's email (all their cases)"),
        max_length=320,
        error_messages={"required": _("Enter a tracking number or an email.")},
    )
    reason = forms.CharField(
        label=_("Why (the matter or reference)"),
        max_length=300,
        error_messages={"required": _("Say why the hold is placed.")},
    )


class LiftHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is lifted"),
        max_length=300,
        error_messages={"required": _("Say why the hold is lifted.")},
    )
