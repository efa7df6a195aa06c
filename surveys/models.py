"""Satisfaction surveys on closure, and their daily summary.

One `Survey` per case, made when the case is first resolved or closed
(surveys/services.py). It freezes the figures' dimensions as they stood then
(day, department, service, agent, channel), so `SurveyDaily`, kept up to date
incrementally by the same services, always equals a sum over the surveys.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Channel


class AnswerChannel(models.TextChoices):
    EMAIL = "email", _("Email link")
    SMS = "sms", _("SMS reply")
    WHATSAPP = "whatsapp", _("WhatsApp reply")
    WEB = "web", _("Tracking page")
    KIOSK = "kiosk", _("Kiosk")


class Survey(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="survey")
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    # The summary's dimensions, frozen when the survey was sent.
    day = models.DateField(help_text=_("The local day the case was finished and the survey sent."))
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(
        max_length=10, choices=Channel.choices, help_text=_("The case's channel.")
    )
    language = models.CharField(max_length=8, default="en")
    sent_by = models.CharField(
        max_length=10, blank=True, help_text=_("Channel the invitation went by; empty: none.")
    )
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=10, blank=True, choices=AnswerChannel.choices)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    resolved = models.BooleanField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text=_("The resident's words: personal data."))

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="survey_score_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["jurisdiction", "day"], name="survey_jurisdiction_day_idx"),
            # The SMS/WhatsApp digit reply: a text survey still open.
            models.Index(
                fields=["expires_at"],
                condition=models.Q(answered_at__isnull=True),
                name="survey_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"survey {self.case_id}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class SurveyDaily(models.Model):
    """Surveys sent on one local day and, of those, answered so far, per dimension."""

    # day/department/service/agent/channel in one unique string: a nullable agent in a
    # unique constraint would let two rows of "no agent" in (NULLs are distinct).
    key = models.CharField(max_length=80, unique=True)
    day = models.DateField()
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sent = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    score_sum = models.PositiveIntegerField(default=0)
    count_4_5 = models.PositiveIntegerField(default=0)
    not_resolved = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day", "department", "service", "channel"]
        indexes = [
            models.Index(fields=["jurisdiction", "day"], name="survey_daily_jur_day_idx"),
            models.Index(fields=["service", "day"], name="survey_daily_service_day_idx"),
        ]

    def __str__(self) -> str:
        return self.key
