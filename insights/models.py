"""Summary tables for the supervisors' dashboard, so its figures never scan the cases.

They are derived data: insights/services.py rebuilds them from the cases (all of
them, or the days touched since the last refresh). Nothing else writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Channel, Status


class CaseDaily(models.Model):
    """Cases received and resolved on one local day, per department, service and channel."""

    day = models.DateField()
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    # Resolved at or before the promised resolution date.
    resolved_on_time = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day", "department", "service", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "service", "channel"], name="insights_daily_unique"
            )
        ]
        indexes = [models.Index(fields=["department", "day"], name="insights_daily_dept_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.service_id}/{self.channel}"


class BacklogSnapshot(models.Model):
    """Open cases as they stood at `taken_at`, per department, service and status."""

    taken_at = models.DateTimeField()
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=24, choices=Status.choices)
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["department", "service", "status"]
        indexes = [models.Index(fields=["department"], name="insights_backlog_dept_idx")]

    def __str__(self) -> str:
        return (
            f"{self.taken_at:%Y-%m-%d %H:%M} {self.department_id}/{self.service_id}/{self.status}"
        )


class RefreshState(models.Model):
    """One row: when the summaries were last brought up to date (the next refresh's start)."""

    refreshed_at = models.DateTimeField()
    full = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M:%S}"


# Histogram edges of the business-time measures, in business minutes. Bucket i holds the
# values in (EDGES[i-1], EDGES[i]] (bucket 0 from 0); the last bucket everything above
# the last edge. Percentiles over any range are read from the summed buckets
# (insights/histograms.py), never from the cases.
TIME_EDGES = (
    15, 30, 60, 120, 180, 240, 360, 480, 720, 960,
    1440, 1920, 2400, 3600, 4800, 7200, 9600, 14400, 19200, 28800,
)  # fmt: skip
TIME_BUCKETS = len(TIME_EDGES) + 1
# Backlog age, in calendar days since the case was received.
AGE_EDGES = (1, 2, 3, 5, 7, 14, 30, 60, 90, 180, 365)
AGE_BUCKETS = len(AGE_EDGES) + 1


def frt_fields() -> list[str]:
    return [f"frt_{i}" for i in range(TIME_BUCKETS)]


def res_fields() -> list[str]:
    return [f"res_{i}" for i in range(TIME_BUCKETS)]


def age_fields() -> list[str]:
    return [f"age_{i}" for i in range(AGE_BUCKETS)]


class DailyMeasures(models.Model):
    """The measures of one local day that MetricDaily and TeamDaily share (abstract).

    Each measure is counted on the day its event happened: `received` on the day the
    case came in, the first-response ones on the day of the first response, the
    resolution ones on the day it was resolved, the coach's on the day the reply
    was sent. The histogram columns (``frt_0`` … ``res_20``) are added to each
    concrete model below the classes.
    """

    day = models.DateField()
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received = models.PositiveIntegerField(default=0)
    responded = models.PositiveIntegerField(default=0)
    responded_on_time = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_on_time = models.PositiveIntegerField(default=0)
    # Resolved cases that had been reopened at least once.
    reopened = models.PositiveIntegerField(default=0)
    # Resolved with no transfer, no second contact from the resident, no duplicate
    # merged into it and never reopened.
    first_contact = models.PositiveIntegerField(default=0)
    reviews = models.PositiveIntegerField(default=0)
    review_score = models.PositiveIntegerField(default=0)  # sum of the coach's scores

    class Meta:
        abstract = True


class MetricDaily(DailyMeasures):
    """The team and agent metrics of one local day, per department, service, channel and
    agent. `agent` is the case's owner (the reply's author for coach scores); null when
    nobody owns it."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["day", "department", "service", "channel", "agent"]
        indexes = [
            models.Index(fields=["day"], name="insights_metric_day_idx"),
            models.Index(fields=["department", "day"], name="insights_metric_dept_idx"),
            models.Index(fields=["agent", "day"], name="insights_metric_agent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.service_id}/{self.channel}/{self.agent_id}"


class TeamDaily(DailyMeasures):
    """MetricDaily summed over the agents: what the reports read unless they are per
    agent or filtered by one (a fraction of the rows, so a year's range stays cheap)."""

    class Meta:
        ordering = ["day", "department", "service", "channel"]
        indexes = [
            models.Index(fields=["day"], name="insights_team_day_idx"),
            models.Index(fields=["department", "day"], name="insights_team_dept_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.service_id}/{self.channel}"


for _model in (MetricDaily, TeamDaily):
    for _name in (*frt_fields(), *res_fields()):
        models.PositiveIntegerField(default=0).contribute_to_class(_model, _name)


class BacklogAge(models.Model):
    """Open cases as they stood at `taken_at`, per department, service, channel and owner,
    with their age in buckets (``age_0`` …, added below the class)."""

    taken_at = models.DateTimeField()
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    oldest = models.DateTimeField()

    class Meta:
        ordering = ["department", "service", "channel", "agent"]
        indexes = [models.Index(fields=["department"], name="insights_backlogage_dept_idx")]

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} {self.department_id}/{self.service_id}"


for _name in age_fields():
    models.PositiveIntegerField(default=0).contribute_to_class(BacklogAge, _name)


class LocationDetail(models.TextChoices):
    EXACT = "exact", _("Exact coordinates")
    ROUNDED = "rounded", _("Rounded coordinates")
    WARD = "ward", _("Ward only")
    NONE = "none", _("No location")


class OpenDataSettings(models.Model):
    """How a jurisdiction publishes its requests as open data (manage.py export_open_data)."""

    jurisdiction = models.OneToOneField(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="open_data"
    )
    location = models.CharField(
        max_length=10, choices=LocationDetail.choices, default=LocationDetail.ROUNDED
    )
    decimals = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Decimal places kept when rounding: 3 is about 100 m, 2 about 1 km."),
    )

    class Meta:
        ordering = ["jurisdiction"]
        verbose_name_plural = "open data settings"

    def __str__(self) -> str:
        return f"Open data of {self.jurisdiction}"


class Ward(models.Model):
    """A ward (or district) as a bounding box, for publishing a request's ward only."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=100)
    min_lat = models.DecimalField(max_digits=9, decimal_places=6)
    max_lat = models.DecimalField(max_digits=9, decimal_places=6)
    min_long = models.DecimalField(max_digits=9, decimal_places=6)
    max_long = models.DecimalField(max_digits=9, decimal_places=6)

    class Meta:
        ordering = ["jurisdiction", "name"]

    def __str__(self) -> str:
        return self.name


class PublicResolutionText(models.Model):
    """What the open data says about how a service's request ended, written for publication.

    Staff write it per service and final status ("The crew filled the pothole."); a
    case's own notes and replies are never published (they can name the resident).
    """

    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=24, choices=Status.choices)
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["service", "status"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "status"], name="insights_public_text_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id}/{self.status}"
