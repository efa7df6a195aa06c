"""Reads of contact records: who is behind a contact detail, without creating anyone."""

from __future__ import annotations

from residents.models import Resident
from residents.services import normalise_phone


def residents_with_phone(phone: str) -> list[Resident]:
    """Every record with this number (normalised, as `resident_find_or_create` stores it),
    oldest first: a channel looks for an open case among them before opening one."""
    normalised = normalise_phone(phone)
    if not normalised:
        return []
    return list(Resident.objects.filter(phone=normalised).order_by("id"))
