"""The public booking form: the resident's contact details and the chosen slot."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_PHONE = re.compile(r"^\+?[0-9 ()\-.]{7,25}$")


class BookingForm(forms.Form):
    start = forms.CharField(widget=forms.HiddenInput, max_length=20)
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send the confirmation and any changes here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def __init__(
        self,
        *args: Any,
        asks_for_address: bool = False,
        non_resident_rate: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if non_resident_rate:
            self.fields["non_resident"] = forms.BooleanField(
                label=_("I do not live here (the non-resident fee applies)"),
                required=False,
            )
        if asks_for_address:
            self.fields["address"] = forms.CharField(
                label=_("Address to visit"),
                help_text=_("Street address, with apartment or unit number."),
                max_length=300,
                error_messages={"required": _("Enter the address we should visit.")},
                widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
            )

    def clean_address(self) -> str:
        address: str = self.cleaned_data["address"].strip()
        if not address:
            raise forms.ValidationError(_("Enter the address we should visit."))
        return address

    def clean_full_name(self) -> str:
        name: str = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number using digits, spaces and an optional leading +.")
            )
        return phone


class CancelForm(forms.Form):
    """Only a confirmation button; the token in the URL is the authority."""
