"""The service catalogue: what residents can ask for, what we ask them, and the standard we keep."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from calendars.arithmetic import BusinessDuration
from calendars.models import DurationUnit


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


# Fees: at most $100,000 (as payments.services.MAX_AMOUNT_CENTS); anything above is a typo.
MAX_FEE_CENTS = 10_000_000
FEE_NOT_NEGATIVE = _("A fee cannot be negative: enter 0 for a free service.")
FEE_TOO_HIGH = _("A fee can be at most 10000000 cents ($100,000).")
WINDOW_RANGE = _("Give between 10 and 1440 minutes (24 hours) to pay.")


class ServiceGroup(models.Model):
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="service_groups"
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "slug"], name="service_group_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    class Open311Type(models.TextChoices):
        REALTIME = "realtime", _("Realtime (request id returned at once)")
        BATCH = "batch", _("Batch (token returned, id later)")
        BLACKBOX = "blackbox", _("Blackbox (no status updates)")

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="services"
    )
    service_code = models.SlugField(
        max_length=64, help_text=_("Open311 service_code; stable, never reused.")
    )
    name = models.CharField(max_length=200)
    description = models.TextField(help_text=_("What this service is, in plain language."))
    group = models.ForeignKey(
        ServiceGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    keywords = models.CharField(
        max_length=500, blank=True, help_text=_("Comma-separated words residents might search for.")
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.PROTECT, related_name="services"
    )
    open311_type = models.CharField(
        max_length=10, choices=Open311Type.choices, default=Open311Type.REALTIME
    )
    what_to_provide = models.TextField(
        blank=True, help_text=_("What the resident must have ready before asking.")
    )
    needs_location = models.BooleanField(default=False)

    class LocationPrompt(models.TextChoices):
        PROBLEM = "problem", _("Where the problem is (address or map pin)")
        ADDRESS = "address", _("An address only, e.g. for a delivery (no map)")
        NONE = "none", _("Not asked")

    location_prompt = models.CharField(
        max_length=10,
        choices=LocationPrompt.choices,
        default=LocationPrompt.PROBLEM,
        help_text=_("How the request form asks where; a service that needs a location is asked."),
    )
    asks_photos = models.BooleanField(
        default=True, help_text=_("The request form offers photo upload.")
    )
    allows_anonymous = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    on_performance_page = models.BooleanField(
        default=False,
        help_text=_(
            "Shown on the public performance page (on-time rate, time to resolve, volume, "
            "satisfaction)."
        ),
    )

    # A fee for the service itself (a bulk-item pickup, a permit): the request is held
    # until paid (payments/services.py, docs/decisions/0016-service-fees.md).
    fee_cents = models.PositiveIntegerField(
        default=0,
        validators=[
            MinValueValidator(0, message=FEE_NOT_NEGATIVE),
            MaxValueValidator(MAX_FEE_CENTS, message=FEE_TOO_HIGH),
        ],
        help_text=_(
            "The fee for one request, in cents (2500 is $25.00; 0: free). Shown before "
            "asking; a request with a fee waits until it is paid."
        ),
    )
    non_resident_fee_cents = models.PositiveIntegerField(
        default=0,
        validators=[
            MinValueValidator(0, message=FEE_NOT_NEGATIVE),
            MaxValueValidator(MAX_FEE_CENTS, message=FEE_TOO_HIGH),
        ],
        help_text=_("The fee for people who do not live here, in cents (0: the same fee)."),
    )
    payment_window_minutes = models.PositiveIntegerField(
        default=1440,
        validators=[
            MinValueValidator(10, message=WINDOW_RANGE),
            MaxValueValidator(1440, message=WINDOW_RANGE),
        ],
        help_text=_(
            "How long a request with a fee waits for payment before it is cancelled "
            "(10 minutes to 24 hours)."
        ),
    )

    class Open311Location(models.TextChoices):
        EXACT = "exact", _("Exact: address and coordinates")
        ROUNDED = "rounded", _("Rounded: coordinates to about 100 m, no address")
        NONE = "none", _("None: no address and no coordinates")

    open311_public = models.BooleanField(
        default=True,
        help_text=_(
            "Requests for this service appear in public Open311 reads (status, service, "
            "location as set below, and notes staff published). Turn off for sensitive "
            "services."
        ),
    )
    open311_location = models.CharField(
        max_length=10,
        choices=Open311Location.choices,
        default=Open311Location.EXACT,
        help_text=_("How much of a request's location public Open311 reads show."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "service_code"], name="service_code_unique_per_jurisdiction"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def has_fee(self) -> bool:
        return self.fee_cents > 0 or self.non_resident_fee_cents > 0

    def fee_for(self, *, non_resident: bool) -> int:
        """The fee in cents: the non-resident rate when there is one and it applies."""
        if non_resident and self.non_resident_fee_cents:
            return self.non_resident_fee_cents
        return self.fee_cents


class QuestionType(models.TextChoices):
    """Open311 GeoReport v2 attribute datatypes."""

    STRING = "string", _("Short text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Long text")
    SINGLE_VALUE_LIST = "singlevaluelist", _("Choose one")
    MULTI_VALUE_LIST = "multivaluelist", _("Choose any")


class ServiceQuestion(models.Model):
    """A service-specific question (an Open311 attribute)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=64)
    variable = models.BooleanField(
        default=True, help_text=_("False for an informational note that takes no answer.")
    )
    datatype = models.CharField(max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(
        max_length=500, help_text=_("The question as residents read it.")
    )
    datatype_description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code"], name="question_code_unique_per_service"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.description}"

    @property
    def is_list(self) -> bool:
        return self.datatype in (QuestionType.SINGLE_VALUE_LIST, QuestionType.MULTI_VALUE_LIST)


class QuestionOption(models.Model):
    question = models.ForeignKey(ServiceQuestion, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "key"], name="option_key_unique_per_question"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceStandard(models.Model):
    """The promise a service makes: how fast we answer, how fast we finish, what at minimum."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="standard")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    first_response_amount = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    first_response_unit = models.CharField(max_length=20, choices=DurationUnit.choices)
    resolution_amount = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    resolution_unit = models.CharField(max_length=20, choices=DurationUnit.choices)
    minimum_expectation = models.TextField(
        blank=True, help_text=_("The least a resident can count on, in plain words.")
    )

    class Meta:
        ordering = ["service__name"]

    def __str__(self) -> str:
        return f"Standard for {self.service}"

    @property
    def first_response(self) -> BusinessDuration:
        return BusinessDuration(self.first_response_amount, self.first_response_unit)

    @property
    def resolution(self) -> BusinessDuration:
        return BusinessDuration(self.resolution_amount, self.resolution_unit)


class StandardStep(models.Model):
    """A documented step of "what happens next", with how long it really takes."""

    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(
        max_length=200, help_text=_("As the resident reads it, e.g. 'We inspect the site'.")
    )
    description = models.TextField(blank=True)
    duration_amount = models.PositiveIntegerField()
    duration_unit = models.CharField(max_length=20, choices=DurationUnit.choices)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def duration(self) -> BusinessDuration:
        return BusinessDuration(self.duration_amount, self.duration_unit)
