"""Staff users. Residents are contact records in the residents app, not users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from core.languages import Language


class User(AbstractUser):  # type: ignore[django-manager-missing]  # passkeys (django-otp, untyped)
    """A staff member.

    Roles are auth groups (accounts/roles.py); departments scope what they see.
    """

    departments = models.ManyToManyField(
        "organisations.Department",
        blank=True,
        related_name="staff",
        help_text=_("Departments whose cases this person works."),
    )
    preferred_language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PasskeyDevice(Device):  # type: ignore[misc]  # django-otp is untyped
    """A staff member's passkey (WebAuthn credential), a second factor beside TOTP.

    A django-otp device, so ``user_has_device``, ``otp_login`` and ``is_verified``
    treat it like the authenticator app; it never accepts a typed code. The
    ceremonies are in accounts/passkeys.py (decision 0010).
    """

    credential_id = models.CharField(max_length=1400, unique=True)  # base64url
    public_key = models.BinaryField()  # COSE key, as the authenticator gave it
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("passkey")

    def verify_token(self, token: object) -> bool:
        return False  # a passkey signs a challenge; it has no code to type
