"""`{{ resource.fee_cents|fee }}`: "$75.00", or "Free" (es: "Gratis")."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def fee(cents: int | None) -> str:
    if not cents:
        return _("Free")
    return f"${cents / 100:,.2f}"
