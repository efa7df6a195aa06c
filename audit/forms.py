"""The auditor's filter: a bounded window (default: the last seven days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from audit.models import AuditKind
from audit.selectors import AuditQuery, AuditQueryError


class AuditFilterForm(forms.Form):
    since = forms.DateField(
        label=gettext_lazy("From (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Enter a date like 2026-03-04.")},
    )
    until = forms.DateField(
        label=gettext_lazy("To (date, included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Enter a date like 2026-03-04.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("Every action")), *AuditKind.choices],
        error_messages={"invalid_choice": gettext_lazy("Choose a kind of action from the list.")},
    )
    actor = forms.CharField(label=gettext_lazy("Username"), required=False, max_length=150)

    def query(self) -> AuditQuery | None:
        """The query, or None with the form's errors set."""
        if not self.is_valid():
            return None
        today = timezone.localdate()
        until_day: dt.date = self.cleaned_data["until"] or today
        since_day: dt.date = self.cleaned_data["since"] or until_day - dt.timedelta(days=6)
        zone = timezone.get_current_timezone()
        try:
            return AuditQuery(
                since=dt.datetime.combine(since_day, dt.time.min, tzinfo=zone),
                until=dt.datetime.combine(
                    until_day + dt.timedelta(days=1), dt.time.min, tzinfo=zone
                ),
                kind=self.cleaned_data["kind"],
                actor=self.cleaned_data["actor"].strip(),
            )
        except (AuditQueryError, OverflowError) as error:
            message: Any = (
                str(error)
                if isinstance(error, AuditQueryError)
                else gettext_lazy("Choose dates between the years 2000 and 9998.")
            )
            self.add_error(None, message)
            return None
