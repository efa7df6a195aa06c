"""Finding the resident behind a set of contact details, for every channel."""

from __future__ import annotations

import re
from typing import Literal

from django.db.models import Q

from residents.models import Resident

_PHONE_KEEP = re.compile(r"[^\d+]")


def normalise_phone(text: str) -> str:
    """Digits with an optional leading +, as we store and compare phone numbers."""
    cleaned = _PHONE_KEEP.sub("", text or "")
    return ("+" if cleaned.startswith("+") else "") + cleaned.replace("+", "")


def resident_find_or_create(
    *,
    full_name: str,
    email: str,
    phone: str,
    channel: str,
    language: str,
    match_first: Literal["email", "phone"] = "email",
) -> Resident | None:
    """The resident with these contact details, or a new one; None with no details at all.

    `match_first` says which detail the channel trusts more (a caller's phone at the
    counter, the typed email on the web). Whoever is typing cannot prove who they
    are, so an existing record's details are never overwritten; only blanks fill in.
    """
    full_name, email, phone = full_name.strip(), email.strip(), normalise_phone(phone)
    if not (full_name or email or phone):
        return None
    lookups = {
        "email": Q(email__lower=email.lower()) if email else None,
        "phone": Q(phone=phone) if phone else None,
    }
    order = ("email", "phone") if match_first == "email" else ("phone", "email")
    resident = None
    for key in order:
        lookup = lookups[key]
        if lookup is not None:
            resident = Resident.objects.filter(lookup).order_by("id").first()
        if resident is not None:
            break
    if resident is None:
        return Resident.objects.create(
            full_name=full_name,
            email=email,
            phone=phone,
            preferred_channel=channel,
            preferred_language=language,
        )
    changed = []
    for name, value in (("full_name", full_name), ("email", email), ("phone", phone)):
        if value and not getattr(resident, name):
            setattr(resident, name, value)
            changed.append(name)
    if changed:
        resident.save(update_fields=changed)
    return resident
