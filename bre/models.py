"""Business retention & expansion: the economic-development team's register.

Businesses, the people to talk to there (personal data, kept on their own model so
export and erasure can reach them), visits with a versioned standard interview,
flags and growth opportunities, follow-up actions that are cases, macro-issues,
and the programme's goals and planned time against what really happened.

Writes go through bre/services.py only; this module holds the shape.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# NAICS 2022 sectors, by their two-digit code (31-33, 44-45 and 48-49 share a sector).
NAICS_SECTORS: dict[str, str] = {
    "11": "Agriculture, forestry, fishing and hunting",
    "21": "Mining, quarrying, and oil and gas extraction",
    "22": "Utilities",
    "23": "Construction",
    "31": "Manufacturing",
    "32": "Manufacturing",
    "33": "Manufacturing",
    "42": "Wholesale trade",
    "44": "Retail trade",
    "45": "Retail trade",
    "48": "Transportation and warehousing",
    "49": "Transportation and warehousing",
    "51": "Information",
    "52": "Finance and insurance",
    "53": "Real estate and rental and leasing",
    "54": "Professional, scientific, and technical services",
    "55": "Management of companies and enterprises",
    "56": "Administrative and support and waste management",
    "61": "Educational services",
    "62": "Health care and social assistance",
    "71": "Arts, entertainment, and recreation",
    "72": "Accommodation and food services",
    "81": "Other services (except public administration)",
    "92": "Public administration",
}


class Sector(models.TextChoices):
    """The filter a register page offers: one value per NAICS sector (its first code)."""

    AGRICULTURE = "11", _("Agriculture, forestry, fishing and hunting")
    MINING = "21", _("Mining, quarrying, and oil and gas extraction")
    UTILITIES = "22", _("Utilities")
    CONSTRUCTION = "23", _("Construction")
    MANUFACTURING = "31", _("Manufacturing")
    WHOLESALE = "42", _("Wholesale trade")
    RETAIL = "44", _("Retail trade")
    TRANSPORT = "48", _("Transportation and warehousing")
    INFORMATION = "51", _("Information")
    FINANCE = "52", _("Finance and insurance")
    REAL_ESTATE = "53", _("Real estate and rental and leasing")
    PROFESSIONAL = "54", _("Professional, scientific, and technical services")
    MANAGEMENT = "55", _("Management of companies and enterprises")
    ADMIN_SUPPORT = "56", _("Administrative and support and waste management")
    EDUCATION = "61", _("Educational services")
    HEALTH = "62", _("Health care and social assistance")
    ARTS = "71", _("Arts, entertainment, and recreation")
    FOOD = "72", _("Accommodation and food services")
    OTHER_SERVICES = "81", _("Other services (except public administration)")
    PUBLIC_ADMIN = "92", _("Public administration")


# The two-digit codes each sector covers (manufacturing is 31, 32 and 33).
SECTOR_CODES: dict[str, tuple[str, ...]] = {
    "31": ("31", "32", "33"),
    "44": ("44", "45"),
    "48": ("48", "49"),
}


def sector_of(naics_code: str) -> str:
    """The Sector value of a NAICS code ("" when unknown)."""
    two = naics_code[:2]
    for sector, codes in SECTOR_CODES.items():
        if two in codes:
            return sector
    return two if two in Sector.values else ""


class EmployeesBand(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250-999", _("250–999 employees")
    VERY_LARGE = "1000+", _("1,000 or more employees")


class Ownership(models.TextChoices):
    LOCAL = "local", _("Locally owned")
    FAMILY = "family", _("Family owned")
    REGIONAL = "regional", _("Regional chain")
    NATIONAL = "national", _("National company")
    FOREIGN = "foreign", _("Foreign owned")
    NONPROFIT = "nonprofit", _("Non-profit")
    COOPERATIVE = "cooperative", _("Co-operative")


class BusinessStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    AT_RISK = "at_risk", _("At risk")
    EXPANDING = "expanding", _("Expanding")
    RELOCATED = "relocated", _("Relocated away")
    CLOSED = "closed", _("Closed")


naics_validator = RegexValidator(r"^[0-9]{2,6}$", _("A NAICS code is 2 to 6 digits, e.g. 311812."))


class Business(models.Model):
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="businesses"
    )
    legal_name = models.CharField(max_length=200)
    trading_name = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300)
    zipcode = models.CharField(max_length=12, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    naics_code = models.CharField(max_length=6, validators=[naics_validator])
    employees_band = models.CharField(max_length=10, choices=EmployeesBand.choices)
    ownership = models.CharField(max_length=12, choices=Ownership.choices)
    is_key_company = models.BooleanField(default=False)
    status = models.CharField(
        max_length=12, choices=BusinessStatus.choices, default=BusinessStatus.ACTIVE
    )
    # The city's contact for this business: the officer who looks after it.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bre_businesses",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["legal_name", "id"]
        permissions = [
            ("manage_programme", "Can set BRE goals, rules, instruments and see plan vs actual"),
            ("export_contacts", "Can export business contacts' personal data"),
        ]
        indexes = [
            models.Index(fields=["legal_name", "id"], name="bre_business_name_idx"),
            models.Index(fields=["naics_code"], name="bre_business_naics_idx"),
            models.Index(fields=["status", "legal_name"], name="bre_business_status_idx"),
            models.Index(
                fields=["legal_name", "id"],
                condition=models.Q(is_key_company=True),
                name="bre_business_key_idx",
            ),
            models.Index(fields=["officer", "legal_name"], name="bre_business_officer_idx"),
            models.Index(fields=["-created_at", "-id"], name="bre_business_created_idx"),
        ]

    def __str__(self) -> str:
        return self.trading_name or self.legal_name

    @property
    def sector(self) -> str:
        return sector_of(self.naics_code)

    def get_sector_display(self) -> str:
        sector = self.sector
        return str(Sector(sector).label) if sector else ""


class BusinessContact(models.Model):
    """A person at the business. Personal data: shown only to roles that may see it,
    exported only with `bre.export_contacts`, erased by `contact_erase`."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(max_length=200)
    role_title = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["business", "-is_primary", "full_name", "id"]

    def __str__(self) -> str:
        return self.full_name


class StakeholderKind(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    WORKFORCE = "workforce", _("Workforce board")
    UTILITY = "utility", _("Utility")
    STATE = "state", _("State agency")
    COLLEGE = "college", _("College or university")
    LENDER = "lender", _("Lender or fund")
    OTHER = "other", _("Other partner")


class Stakeholder(models.Model):
    """A partner organisation of the programme ("don't be an island")."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=StakeholderKind.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class Referral(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="referrals")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.PROTECT, related_name="referrals")
    reason = models.CharField(max_length=500)
    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    outcome = models.CharField(max_length=500, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["business", "-created_at"], name="bre_referral_biz_idx")]

    def __str__(self) -> str:
        return f"{self.business} → {self.stakeholder}"


# --- The interview instrument ---------------------------------------------------------------


class QuestionType(models.TextChoices):
    """Open311 attribute datatypes (a date instead of a datetime: visits are dated)."""

    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    SINGLE = "singlevaluelist", _("Choose one")
    MULTI = "multivaluelist", _("Choose any")
    DATE = "date", _("Date")


class Instrument(models.Model):
    """A version of the programme's standard interview. Published versions are not
    edited: a change is a new version, and answers keep pointing at the question
    they answered. Questions keep their `code` across versions, so answers compare."""

    name = models.CharField(max_length=120)
    version = models.PositiveSmallIntegerField()
    is_current = models.BooleanField(default=False)
    published_on = models.DateField()

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="bre_instrument_version"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(is_current=True),
                name="bre_instrument_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Question(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    text_es = models.CharField(max_length=300, blank=True)
    datatype = models.CharField(max_length=16, choices=QuestionType.choices)
    required = models.BooleanField(default=False)
    # For list questions: [{"key": "relocate", "name": "…", "name_es": "…"}, …]
    options = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["instrument", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="bre_question_code"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_list(self) -> bool:
        return self.datatype in (QuestionType.SINGLE, QuestionType.MULTI)

    def text_in(self, language: str) -> str:
        return self.text_es if language == "es" and self.text_es else self.text

    def option_pairs(self, language: str) -> list[tuple[str, str]]:
        return [
            (
                str(o["key"]),
                str(o.get("name_es") or o["name"]) if language == "es" else str(o["name"]),
            )
            for o in self.options
        ]


# --- Visits ---------------------------------------------------------------------------------


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Visit(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="visits")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bre_visits"
    )
    status = models.CharField(
        max_length=10, choices=VisitStatus.choices, default=VisitStatus.SCHEDULED
    )
    scheduled_for = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        indexes = [
            models.Index(fields=["business", "-scheduled_for"], name="bre_visit_business_idx"),
            models.Index(
                fields=["officer", "status", "scheduled_for"], name="bre_visit_officer_idx"
            ),
            models.Index(fields=["status", "done_at"], name="bre_visit_done_idx"),
            models.Index(fields=["-created_at", "-id"], name="bre_visit_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.business} {self.scheduled_for:%Y-%m-%d}"


class VisitAttachment(models.Model):
    """A photo or document from a visit. Photos are kept re-encoded with EXIF/GPS removed
    (cases/photos.py); PDFs as sent. Kept in the database, not under MEDIA_ROOT, so no
    web server hands them out: only the BRE team, through bre.views.attachment."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, unique=True)
    original_name = models.CharField(max_length=200)  # shown to the team, never a path
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_photo(self) -> bool:
        return self.content_type.startswith("image/")


class Answer(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # The question's code, copied: answers to v1 and v2 of a question compare by it.
    code = models.SlugField(max_length=60)
    value = models.JSONField()

    class Meta:
        ordering = ["visit", "question__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "question"], name="bre_answer_once"),
        ]
        indexes = [models.Index(fields=["code", "visit"], name="bre_answer_code_idx")]

    def __str__(self) -> str:
        return f"{self.code}={self.value}"


# --- Flags and opportunities ----------------------------------------------------------------


class FlagColour(models.TextChoices):
    RED = "red", _("Red")
    YELLOW = "yellow", _("Yellow")


class RuleOperator(models.TextChoices):
    IS = "is", _("answer is")
    INCLUDES = "includes", _("answer includes")
    BELOW = "below", _("answer is below")
    ABOVE = "above", _("answer is above")


class FlagRule(models.Model):
    """Data, not code: "when the answer to <question> <operator> <value>, raise a
    <colour> flag due in <due_days> days"."""

    question_code = models.SlugField(max_length=60)
    operator = models.CharField(max_length=10, choices=RuleOperator.choices)
    value = models.CharField(max_length=100)
    colour = models.CharField(max_length=6, choices=FlagColour.choices)
    title = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200, blank=True)
    due_days = models.PositiveSmallIntegerField(default=14)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["question_code", "id"]
        indexes = [models.Index(fields=["question_code", "is_active"], name="bre_rule_code_idx")]

    def __str__(self) -> str:
        return f"{self.question_code} {self.operator} {self.value} → {self.colour}"


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Flag(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="flags")
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    rule = models.ForeignKey(
        FlagRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    colour = models.CharField(max_length=6, choices=FlagColour.choices)
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bre_flags"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    response = models.TextField(blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["business", "status"], name="bre_flag_business_idx"),
            models.Index(fields=["status", "due_on"], name="bre_flag_status_due_idx"),
            models.Index(fields=["owner", "status", "due_on"], name="bre_flag_owner_idx"),
            models.Index(fields=["-raised_at", "-id"], name="bre_flag_raised_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.colour}: {self.title}"

    def title_in(self, language: str) -> str:
        """A rule's flag in the page's language (a flag raised by hand is as written)."""
        if language == "es" and self.rule is not None and self.rule.title_es:
            return self.rule.title_es
        return self.title


class OpportunityKind(models.TextChoices):
    EXPANSION = "expansion", _("Expansion")
    HIRING = "hiring", _("Hiring")
    NEW_SITE = "new_site", _("New site")
    EXPORT = "export", _("Exporting")
    RETENTION = "retention", _("Retention (stay and keep jobs)")


class OpportunityStatus(models.TextChoices):
    OPEN = "open", _("Being worked")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class Opportunity(models.Model):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="opportunities")
    kind = models.CharField(max_length=10, choices=OpportunityKind.choices)
    description = models.CharField(max_length=500)
    status = models.CharField(
        max_length=6, choices=OpportunityStatus.choices, default=OpportunityStatus.OPEN
    )
    jobs_expected = models.PositiveIntegerField(default=0)
    investment_expected = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    jobs_created = models.PositiveIntegerField(default=0)
    jobs_retained = models.PositiveIntegerField(default=0)
    investment_actual = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    outcome_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["business", "-created_at"], name="bre_opp_business_idx"),
            models.Index(fields=["status", "outcome_on"], name="bre_opp_outcome_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.business}: {self.get_kind_display()}"


# --- Follow-up actions (cases) --------------------------------------------------------------


class Action(models.Model):
    """A follow-up that needs a city department: filed as a case on channel "bre"."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="actions")
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="bre_action")
    summary = models.CharField(max_length=200)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["business", "-created_at"], name="bre_action_business_idx"),
            models.Index(fields=["-created_at", "-id"], name="bre_action_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.business}: {self.summary}"


# --- Macro-issues ---------------------------------------------------------------------------


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WORKING = "working", _("Plan under way")
    RESOLVED = "resolved", _("Resolved")


class MacroIssue(models.Model):
    """An issue that affects many businesses at once, with one coordinated plan."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    plan = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bre_issues"
    )
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    businesses = models.ManyToManyField(Business, related_name="macro_issues", blank=True)
    cases = models.ManyToManyField("cases.Case", related_name="bre_macro_issues", blank=True)
    # The interview answer that spotted it, if any ("barriers=parking"), so the
    # suggestion is not offered again.
    source_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="bre_issue_created_idx")]

    def __str__(self) -> str:
        return self.title


# --- Goals and time -------------------------------------------------------------------------


class Goal(models.Model):
    """What the programme set out to do in a year ("go back to where you started")."""

    year = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    visits_target = models.PositiveIntegerField(default=0)
    key_companies_target_pct = models.PositiveSmallIntegerField(
        default=100, validators=[MaxValueValidator(100)]
    )
    red_flag_days = models.PositiveSmallIntegerField(default=30)
    red_flags_within_target_pct = models.PositiveSmallIntegerField(
        default=80, validators=[MaxValueValidator(100)]
    )
    jobs_retained_target = models.PositiveIntegerField(default=0)
    jobs_created_target = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class Activity(models.TextChoices):
    VISITS = "visits", _("Visits")
    FOLLOW_UP = "follow_up", _("Follow-up")
    EVENTS = "events", _("Events")
    REPORTING = "reporting", _("Reporting")
    OTHER = "other", _("Other")


class TimeAllocation(models.Model):
    """Planned officer hours for an activity in a year."""

    year = models.PositiveSmallIntegerField()
    activity = models.CharField(max_length=10, choices=Activity.choices)
    planned_hours = models.DecimalField(max_digits=7, decimal_places=1)

    class Meta:
        ordering = ["-year", "activity"]
        constraints = [
            models.UniqueConstraint(fields=["year", "activity"], name="bre_allocation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.activity}: {self.planned_hours} h"


class TimeEntry(models.Model):
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bre_time"
    )
    on = models.DateField()
    activity = models.CharField(max_length=10, choices=Activity.choices)
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name_plural = "time entries"
        indexes = [
            models.Index(fields=["on", "activity"], name="bre_time_on_idx"),
            models.Index(fields=["officer", "-on"], name="bre_time_officer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.on} {self.activity} {self.hours}"
