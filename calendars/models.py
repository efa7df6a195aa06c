"""When a jurisdiction works: days, hours, public holidays and local closures."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DurationUnit(models.TextChoices):
    BUSINESS_HOURS = "business_hours", _("business hours")
    BUSINESS_DAYS = "business_days", _("business days")


class BusinessCalendar(models.Model):
    jurisdiction = models.OneToOneField(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="calendar"
    )
    working_weekdays = models.CharField(
        max_length=7,
        default="12345",
        validators=[
            RegexValidator(r"^[1-7]{1,7}$", _("Use ISO weekday digits, 1=Monday … 7=Sunday."))
        ],
        help_text=_("ISO weekday digits the offices work, e.g. 12345 for Monday to Friday."),
    )
    opens_at = models.TimeField(default=dt.time(8, 0))
    closes_at = models.TimeField(
        default=dt.time(17, 0),
        help_text=_(
            "Set opening and closing both to 00:00 for a service that works around the clock."
        ),
    )
    holiday_country = models.CharField(
        max_length=2,
        default="US",
        blank=True,
        help_text=_("ISO country code for public holidays (python-holidays); blank for none."),
    )
    holiday_subdivision = models.CharField(
        max_length=10, blank=True, help_text=_("State or province code, e.g. NY.")
    )

    class Meta:
        ordering = ["jurisdiction__name"]

    def __str__(self) -> str:
        return f"Business calendar of {self.jurisdiction}"

    def clean(self) -> None:
        around_the_clock = self.opens_at == self.closes_at == dt.time(0)
        if not around_the_clock and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("Closing time must be after opening time.")})
        if self.holiday_country:
            import holidays

            try:
                holidays.country_holidays(
                    self.holiday_country, subdiv=self.holiday_subdivision or None
                )
            except NotImplementedError:
                raise ValidationError(
                    {"holiday_country": _("No holiday data for this country/subdivision.")}
                ) from None


class Closure(models.Model):
    """A local closing day that is not a public holiday (snow day, local observance)."""

    calendar = models.ForeignKey(
        BusinessCalendar, on_delete=models.CASCADE, related_name="closures"
    )
    date = models.DateField()
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="closure_date_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"
