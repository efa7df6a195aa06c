"""Summary tables for the supervisors' dashboard, so its figures never scan the cases.

They are derived data: insights/services.py rebuilds them from the cases (all of
them, or the days touched since the last refresh). Nothing else writes them.
"""

from __future__ import annotations

from django.db import models

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
