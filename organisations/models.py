"""Who provides the services: jurisdictions and their departments/teams."""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("%(value)s is not a known IANA time zone."), params={"value": value}
        )


class Jurisdiction(models.Model):
    """A city, county or agency. One install may serve several (Open311 jurisdiction_id)."""

    jurisdiction_id = models.CharField(
        max_length=100,
        unique=True,
        help_text=_(
            "Open311 jurisdiction_id, usually the city's domain, e.g. riverton.example.gov"
        ),
    )
    name = models.CharField(max_length=200)
    timezone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_timezone]
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Department(models.Model):
    """A department, or a team within one (parent set), that owns and works cases."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="departments"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
        help_text=_("Set for a team inside a department."),
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "slug"], name="department_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name
