"""Area alerts: a resident's standing wish to hear about reports near a place.

A subscription names an area (a ZIP code, or a point and a radius) and, optionally,
some services; once its email is confirmed it gets one daily digest of the public
reports opened and resolved there. The token is the subscriber's only key: it is
in every link (confirm, feed, unsubscribe), so nobody needs an account.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class AreaAlert(models.Model):
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="area_alerts"
    )
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=8, default="en")
    token = models.CharField(max_length=40, unique=True, default=new_token)
    zipcode = models.CharField(max_length=12, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    radius_m = models.PositiveIntegerField(null=True, blank=True)
    services = models.ManyToManyField("catalogue.Service", blank=True, related_name="+")
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The digest covers reports since this instant; set only after a digest is sent,
    # so a failed send is covered again by the next run.
    covered_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["jurisdiction", "email"], name="areaalert_email_idx"),
            models.Index(
                fields=["covered_until"],
                name="areaalert_due_idx",
                condition=models.Q(confirmed_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(zipcode="")
                | (
                    models.Q(lat__isnull=False)
                    & models.Q(long__isnull=False)
                    & models.Q(radius_m__isnull=False)
                ),
                name="areaalert_has_area",
            )
        ]
        verbose_name = _("area alert")

    def __str__(self) -> str:
        return f"area alert {self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
