"""Root-cause summaries: places of cases, spikes, hot spots, repeat contacts and drift.

All of it is derived data, rebuilt by rootcauses/services.py (the scheduled task
and `manage.py refresh_root_causes`); pages only read it. The one exception is a
drift proposal's decision (accepted or rejected, by whom, when), which is the
record of a department admin's choice and is never recomputed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from calendars.models import DurationUnit


class CasePlace(models.Model):
    """Where and when a case was reported: its grid cell (rootcauses/grid.py) and local day.

    One row per case, written once by the refresh; indexed so that the cases behind
    a spike or a hot spot are one range scan.
    """

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="rootcause_place"
    )
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    cell = models.CharField(max_length=40, help_text=_("Grid cell, ZIP area, or empty."))
    day = models.DateField(help_text=_("Local day the case was received."))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "case"]
        indexes = [
            models.Index(fields=["service", "cell", "day"], name="rc_place_service_cell_idx"),
            models.Index(fields=["jurisdiction", "day"], name="rc_place_jur_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.cell} {self.day}"


class Period(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")


class Spike(models.Model):
    """A day or week whose volume for a service and place is far above its baseline."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    cell = models.CharField(max_length=40, blank=True, help_text=_("Empty: the whole city."))
    period = models.CharField(max_length=4, choices=Period.choices)
    start = models.DateField()
    end = models.DateField(help_text=_("Last day of the period (inclusive)."))
    observed = models.PositiveIntegerField()
    expected = models.FloatField(help_text=_("Mean of the baseline periods."))
    spread = models.FloatField(help_text=_("Standard deviation used (with its floor)."))
    threshold = models.FloatField()
    baseline_periods = models.PositiveSmallIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-start", "-observed", "id"]
        indexes = [
            models.Index(fields=["department", "-start"], name="rc_spike_dept_start_idx"),
            models.Index(fields=["-start", "-observed", "id"], name="rc_spike_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.cell or '*'} {self.period} {self.start}"

    @property
    def ratio(self) -> float | None:
        return self.observed / self.expected if self.expected else None


class HotSpot(models.Model):
    """Many cases of one service in one cell over the window, and repeats after "resolved"."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    cell = models.CharField(max_length=40)
    window_start = models.DateField()
    window_end = models.DateField()
    cases = models.PositiveIntegerField()
    repeats_after_resolved = models.PositiveIntegerField(
        default=0,
        help_text=_("Cases reported here after an earlier case here was resolved."),
    )
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-cases", "-repeats_after_resolved", "id"]
        indexes = [
            models.Index(fields=["department", "-cases"], name="rc_hotspot_dept_idx"),
            models.Index(fields=["-cases", "-repeats_after_resolved", "id"], name="rc_hotspot_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.cell} {self.cases}"


class RepeatKind(models.TextChoices):
    SAME_SERVICE = "same_service", _("Asked again for the same service")
    SAME_CASE = "same_case", _("Contacted again about the same case")
    REOPENED = "reopened", _("Reopened")
    TRANSFERRED = "transferred", _("Transferred more than once")


class RepeatContact(models.Model):
    """A case that came back: the resident wrote or asked again, it reopened, or it bounced."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    earlier_case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Same service: the resident's earlier case."),
    )
    kind = models.CharField(max_length=16, choices=RepeatKind.choices)
    times = models.PositiveIntegerField(help_text=_("Messages, reopenings or transfers."))
    last_at = models.DateTimeField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_at", "id"]
        indexes = [
            models.Index(fields=["department", "kind", "-last_at"], name="rc_repeat_dept_idx"),
            models.Index(fields=["kind", "-last_at", "id"], name="rc_repeat_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.times}"


class StepMonth(models.Model):
    """How long one documented step really took, over the steps completed in one month.

    Durations are business minutes of the jurisdiction's calendar, from the step's
    start (the case's creation, or the previous step's completion) to its completion.
    """

    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    step = models.ForeignKey("catalogue.StandardStep", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text=_("First day of the month the steps were completed."))
    completed = models.PositiveIntegerField()
    median_minutes = models.PositiveIntegerField()
    p90_minutes = models.PositiveIntegerField()
    documented_minutes = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["service", "step", "month"]
        constraints = [
            models.UniqueConstraint(fields=["step", "month"], name="rc_step_month_unique"),
        ]
        indexes = [models.Index(fields=["department", "month"], name="rc_stepmonth_dept_idx")]

    def __str__(self) -> str:
        return f"{self.step_id} {self.month:%Y-%m}"

    @property
    def ratio(self) -> float | None:
        return self.median_minutes / self.documented_minutes if self.documented_minutes else None


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn: the gap closed")


class DriftProposal(models.Model):
    """A proposal to change a documented step's duration to what it really takes."""

    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    step = models.ForeignKey(
        "catalogue.StandardStep", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    step_label = models.CharField(max_length=200, help_text=_("The step as documented then."))
    documented_amount = models.PositiveIntegerField()
    documented_unit = models.CharField(max_length=20, choices=DurationUnit.choices)
    proposed_amount = models.PositiveIntegerField()
    proposed_unit = models.CharField(max_length=20, choices=DurationUnit.choices)
    median_minutes = models.PositiveIntegerField(help_text=_("Median over the evidence months."))
    p90_minutes = models.PositiveIntegerField()
    first_month = models.DateField()
    last_month = models.DateField()
    months = models.PositiveSmallIntegerField(help_text=_("Consecutive months beyond the gap."))
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_label = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["step"],
                condition=models.Q(status="pending"),
                name="rc_one_pending_proposal_per_step",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status", "-created_at"], name="rc_proposal_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.step_label}: {self.documented_amount} → {self.proposed_amount}"


class RefreshRun(models.Model):
    """When the summaries were last rebuilt (one row per run; the page shows the newest)."""

    finished_at = models.DateTimeField()
    places = models.PositiveIntegerField(default=0)
    spikes = models.PositiveIntegerField(default=0)
    hot_spots = models.PositiveIntegerField(default=0)
    repeats = models.PositiveIntegerField(default=0)
    step_months = models.PositiveIntegerField(default=0)
    proposals = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-finished_at", "-id"]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
