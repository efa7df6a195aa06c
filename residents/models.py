"""Residents: the people cases are for. A contact record; an account is optional."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.languages import Language


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Phone call")
    NONE = "none", _("No updates")


class Resident(models.Model):
    full_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, help_text=_("E.164, e.g. +15555550123"))
    preferred_language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    preferred_channel = models.CharField(
        max_length=10, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident_profile",
        help_text=_("Set when the resident has signed up for an account."),
    )
    email_bouncing = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name", "id"]
        indexes = [
            models.Index(Lower("email"), name="resident_email_lower_idx"),
            models.Index(fields=["phone"], name="resident_phone_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"Resident #{self.pk}"
