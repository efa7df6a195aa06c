"""Bookable resources (park shelters, inspection slots), their opening rules and bookings.

Decisions (see also bookings/services.py):

- **Fixed slots.** A resource is bookable in slots generated from its opening
  rules (e.g. 08:00–12:00, 12:00–16:00 for a shelter; one-hour inspection
  slots). A booking always starts on a slot boundary, so "no double booking"
  becomes "at most one *active* booking per (resource, start)", which a partial
  unique index (``booking_one_active_per_slot``) enforces on SQLite and
  PostgreSQL alike — the portable guarantee.
- **Plus an exclusion constraint on PostgreSQL** (migration 0002,
  ``booking_no_overlap_active``): no two active bookings of a resource may
  *overlap*, which also covers slots whose length changed with the rules. It
  compares the resource as a one-point ``int8range`` so it needs no
  ``btree_gist`` extension (a superuser ``CREATE EXTENSION``). Written as SQL
  guarded by the database vendor because ``django.contrib.postgres`` is not
  installed and SQLite has no such constraint.
- **Serialised check-then-insert.** booking_create locks the resource row
  (``select_for_update``) and checks for *overlapping* active bookings before
  inserting, which also covers bookings made under older rules with another
  slot length. The unique index is the backstop if anything bypasses the lock.
- **One unit per resource.** A resource is one shelter or one inspector's
  diary; three inspectors are three resources. No capacity field, so the unique
  index says exactly what the business rule says.
- **Wall-clock rules.** Opening hours are local times in the jurisdiction's
  zone, converted per day, so a 09:00 slot is at 09:00 on both sides of a DST
  change. Bookings are stored in UTC.
- **Cancel tokens are stored hashed.** The resident's link carries a random
  token; only its SHA-256 is kept, so a database leak gives no cancel links.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.languages import Language


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class FeeUnit(models.TextChoices):
    BOOKING = "booking", _("Per booking")
    HOUR = "hour", _("Per hour")


class BookableResource(models.Model):
    """One thing residents can book: a shelter, a pavilion, an inspector's diary."""

    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="bookable_resources",
        help_text=_("Bookings of this resource open a case of this service."),
    )
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="bookable_resources"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, help_text=_("Used in the web address."))
    description = models.TextField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    follows_office_calendar = models.BooleanField(
        default=False,
        help_text=_(
            "Only bookable on the jurisdiction's working days (no weekends, public holidays "
            "or office closures). Leave off for shelters that open at weekends."
        ),
    )
    asks_for_address = models.BooleanField(
        default=False,
        help_text=_("Ask residents for the address to visit, e.g. for inspections."),
    )
    lead_time_hours = models.PositiveIntegerField(
        default=24, help_text=_("How much notice a booking needs, in hours.")
    )
    horizon_days = models.PositiveIntegerField(
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("How many days ahead residents may book."),
    )
    fee_cents = models.PositiveIntegerField(
        default=0,
        help_text=_("The fee for one booking, in cents (0: free). Shown before booking."),
    )
    fee_unit = models.CharField(
        max_length=10,
        choices=FeeUnit.choices,
        default=FeeUnit.BOOKING,
        help_text=_("Whether the fee is for the whole booking or for each hour of it."),
    )
    non_resident_fee_cents = models.PositiveIntegerField(
        default=0,
        help_text=_("The fee for people who do not live here, in cents (0: the same fee)."),
    )
    payment_window_minutes = models.PositiveIntegerField(
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)],
        help_text=_("How long a booking with a fee is held for payment before it is released."),
    )
    refund_until_hours = models.PositiveIntegerField(
        default=48,
        help_text=_(
            "Residents who cancel at least this many hours before the start get the fee back "
            "in full; later, nothing. Cancellations by staff are always refunded."
        ),
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.service_id
            and self.jurisdiction_id
            and self.service.jurisdiction_id != self.jurisdiction_id
        ):
            raise ValidationError({"service": _("The service belongs to another jurisdiction.")})
        if self.service_id and self.service.questions.filter(required=True, variable=True).exists():
            # The booking form asks for contact details only; case_create would refuse.
            raise ValidationError(
                {
                    "service": _(
                        "This service has required questions, which the booking form does not "
                        "ask. Choose a service without required questions."
                    )
                }
            )


class BookableResourceTranslation(models.Model):
    """A resource's name and description in another language (the resource's own fields
    are English); shown through core.languages.localised, like the catalogue's."""

    resource = models.ForeignKey(
        BookableResource, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["resource", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="resource_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class OpeningRule(models.Model):
    """On this weekday the resource is bookable from opens_at to closes_at in slots."""

    resource = models.ForeignKey(
        BookableResource, on_delete=models.CASCADE, related_name="opening_rules"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    slot_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)],
        help_text=_("Length of each slot, e.g. 240 for 4-hour shelter blocks, 60 for inspections."),
    )

    class Meta:
        ordering = ["resource", "weekday", "opens_at"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if self.opens_at is None or self.closes_at is None or self.slot_minutes is None:
            return
        if self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Closing time must be after opening time.")})
        span = (
            dt.datetime.combine(dt.date.min, self.closes_at)
            - dt.datetime.combine(dt.date.min, self.opens_at)
        ).total_seconds() // 60
        if self.slot_minutes > span:
            raise ValidationError(
                {"slot_minutes": _("A slot cannot be longer than the opening hours.")}
            )


class Blackout(models.Model):
    """Days the resource cannot be booked (maintenance, a city event), both ends included."""

    resource = models.ForeignKey(
        BookableResource, on_delete=models.CASCADE, related_name="blackouts"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["resource", "starts_on"]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} {self.reason}".strip()

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})


class BookingStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    """A resident's hold on one slot of a resource; its case carries the conversation."""

    resource = models.ForeignKey(
        BookableResource, on_delete=models.PROTECT, related_name="bookings"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="bookings"
    )
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="booking")
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.ACTIVE
    )
    cancel_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # When the day-before reminder was owed to the resident (bookings.services).
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The fee charged (cents), as computed when booked; held until paid (payments/).
    fee_cents = models.PositiveIntegerField(default=0)
    non_resident = models.BooleanField(default=False)
    payment_due_by = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        permissions = [("cancel_any_booking", "Can cancel any resident's booking")]
        constraints = [
            # The database-level guarantee: one active booking per slot.
            models.UniqueConstraint(
                fields=["resource", "start"],
                condition=Q(status="active"),
                name="booking_one_active_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="booking_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["resource", "status", "start"], name="booking_resource_start_idx"),
            models.Index(
                fields=["start"],
                name="booking_to_remind_idx",
                condition=Q(status="active", reminded_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}Z"

    @property
    def is_active(self) -> bool:
        return self.status == BookingStatus.ACTIVE

    @property
    def awaits_payment(self) -> bool:
        return self.is_active and self.fee_cents > 0 and self.paid_at is None

    @property
    def permit_reference(self) -> str:
        """The reference on the permit: the year of the booking and its number."""
        return f"P-{self.start:%Y}-{self.pk:06d}"
