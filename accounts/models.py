"""Staff users. Residents are contact records in the residents app, not users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import Language


class User(AbstractUser):
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
