"""The metrics page's filters (a GET form) and the open data download's range."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Channel
from catalogue.models import Service
from insights.metrics import GROUPS, MetricsError, MetricsQuery
from organisations.models import Department

DEFAULT_DAYS = 28


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class MetricsForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=_date_input())
    end = forms.DateField(label=_("To"), required=False, widget=_date_input())
    group = forms.ChoiceField(label=_("Group by"), required=False, choices=GROUPS.items())
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int)
    service = forms.TypedChoiceField(label=_("Service"), required=False, coerce=int)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    agent = forms.ChoiceField(label=_("Agent"), required=False)

    def __init__(self, *args: Any, departments: list[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = Department.objects.filter(is_active=True)
        if departments is not None:
            visible = visible.filter(pk__in=departments)
        visible_list = list(visible.order_by("name"))
        ids = [d.pk for d in visible_list]
        any_ = [("", _("Any"))]
        self._field("department").choices = any_ + [(d.pk, d.name) for d in visible_list]
        self._field("service").choices = any_ + [
            (s.pk, s.name)
            for s in Service.objects.filter(department_id__in=ids).order_by("name", "pk")
        ]
        self._field("channel").choices = any_ + list(Channel.choices)
        agents = User.objects.filter(departments__in=ids).distinct().order_by("username", "pk")
        self._field("agent").choices = [
            ("", _("Anyone")),
            ("none", _("Nobody (unassigned)")),
            *[(str(u.pk), str(u)) for u in agents],
        ]

    def _field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def query(self, *, today: dt.date | None = None) -> MetricsQuery:
        """The query the form describes; raises MetricsError with what to fix."""
        today = today or timezone.localdate()
        data = self.cleaned_data
        end = data.get("end") or today
        start = data.get("start") or end - dt.timedelta(days=DEFAULT_DAYS - 1)
        return MetricsQuery(
            start=start,
            end=end,
            group=data.get("group") or "department",
            department=data.get("department") or None,
            service=data.get("service") or None,
            channel=data.get("channel") or "",
            agent=data.get("agent") or "",
        )


class OpenDataForm(forms.Form):
    start = forms.DateField(label=_("Received from"), widget=_date_input())
    end = forms.DateField(label=_("Received to"), widget=_date_input())
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("zip", _("Data package (ZIP: CSV, Parquet, datapackage.json)")), ("csv", "CSV")],
        initial="zip",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the range is before its start."))
        if start and end and (end - start).days > 366:
            raise forms.ValidationError(_("Download at most one year at a time."))
        return data


__all__ = ["MetricsError", "MetricsForm", "OpenDataForm"]
