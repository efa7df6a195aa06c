"""Finding the resident behind a set of contact details: the one way for every door and channel.

Portal, kiosk, staff intake, REST API, Open311, email, SMS, WhatsApp, social and
chat all call `resident_find_or_create`; none looks residents up by contact
details itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from core.languages import Language
from residents.models import ContactChannel, Resident

_PHONE_KEEP = re.compile(r"[^\d+]")
MAX_NAME = 200
MAX_PHONE = 40


def normalise_phone(text: str) -> str:
    """Digits with an optional leading +, as we store and compare phone numbers."""
    cleaned = _PHONE_KEEP.sub("", text or "")
    return ("+" if cleaned.startswith("+") else "") + cleaned.replace("+", "")


def _clean(*, full_name: str, email: str, phone: str) -> tuple[str, str, str]:
    """Stripped, checked contact details; ValidationError keyed by field when one is bad."""
    full_name, email, phone = full_name.strip(), email.strip(), normalise_phone(phone)
    errors: dict[str, str] = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    if len(phone) > MAX_PHONE:
        errors["phone"] = _("Keep the phone number under 40 characters.")
    if len(full_name) > MAX_NAME:
        errors["full_name"] = _("Keep the name under 200 characters.")
    if errors:
        raise ValidationError(errors)
    return full_name, email, phone


def _channel_for(*, email: str, phone: str) -> str:
    if email:
        return ContactChannel.EMAIL
    return ContactChannel.SMS if phone else ContactChannel.NONE


def resident_find_or_create(
    *,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    channel: str | None = None,
    language: str = Language.ENGLISH,
    match_first: Literal["email", "phone"] = "email",
    fill_blanks: bool,
) -> Resident | None:
    """The resident with these contact details, or a new one; None with no details at all.

    Email compares case-insensitively, phone numbers in their normalised form
    (`normalise_phone`). `match_first` says which detail the channel trusts more
    (a caller's phone at the counter, the typed email on the web). `channel` is a
    new resident's preferred channel (None: email if given, else SMS if a phone,
    else none).

    An existing record is never changed by default: whoever is typing (a signed-out
    form, an API client, an inbound message) cannot prove they are that resident,
    and writing their phone onto someone else's record would route that person's
    updates and tracking to them. Only a path that knows who it is talking to
    (staff at the counter or on the phone) passes `fill_blanks=True`, which fills
    empty fields and still overwrites nothing. Every caller says which
    (`fill_blanks` has no default), so the choice is made deliberately.

    Raises ValidationError keyed by field (`email`, `phone`, `full_name`).
    """
    full_name, email, phone = _clean(full_name=full_name, email=email, phone=phone)
    if not (full_name or email or phone):
        return None
    lookups = {
        "email": Q(email__lower=email.lower()) if email else None,
        "phone": Q(phone=phone) if phone else None,
    }
    order = ("email", "phone") if match_first == "email" else ("phone", "email")
    resident = None
    # A record that belongs to an account is written only by that account, signed in:
    # whoever types its email or phone here cannot prove they are its owner, and an
    # account made with someone else's (unverified) address must not collect their
    # requests. Its owner sees requests made signed out through their verified email.
    unowned = Resident.objects.filter(user__isnull=True)
    for key in order:
        lookup = lookups[key]
        if lookup is not None:
            resident = unowned.filter(lookup).order_by("id").first()
        if resident is not None:
            break
    if resident is None:
        return Resident.objects.create(
            full_name=full_name,
            email=email,
            phone=phone,
            preferred_channel=channel or _channel_for(email=email, phone=phone),
            preferred_language=language if language in Language.values else Language.ENGLISH,
        )
    if fill_blanks:
        changed = []
        for name, value in (("full_name", full_name), ("email", email), ("phone", phone)):
            if value and not getattr(resident, name):
                setattr(resident, name, value)
                changed.append(name)
        if changed:
            resident.save(update_fields=changed)
    return resident


def _unowned_by_contact(
    *, emails: set[str], phones: set[str]
) -> tuple[dict[str, Resident], dict[str, Resident]]:
    """The oldest unowned record for each lower-cased email and each phone: two reads."""
    unowned = Resident.objects.filter(user__isnull=True).order_by("-id")
    by_email: dict[str, Resident] = {}
    by_phone: dict[str, Resident] = {}
    # Newest first, so the oldest record of each address is the one left in the dict.
    if emails:
        for resident in unowned.filter(email__lower__in=emails):
            by_email[resident.email.lower()] = resident
    if phones:
        for resident in unowned.filter(phone__in=phones):
            by_phone[resident.phone] = resident
    return by_email, by_phone


@dataclass(frozen=True)
class ContactDetails:
    """One set of contact details for `residents_find_or_create_many`."""

    full_name: str = ""
    email: str = ""
    phone: str = ""


def residents_find_or_create_many(
    *, contacts: Sequence[ContactDetails]
) -> list[Resident | ValidationError | None]:
    """`resident_find_or_create` (email first, `fill_blanks=False`) for many at once.

    For each set of details, in order: the resident it finds, a new one, None with
    no details at all, or the ValidationError the single call would raise. Same
    rules as the single call: unowned records only, email compared in lower case,
    then the normalised phone, the oldest matching record wins, nothing written onto
    an existing record. Details repeated within the batch find the resident made for
    the first of them. Two reads and one INSERT whatever the number (the queued
    Open311 filer, open311.intake, files a hundred requests this way).
    """
    results: list[Resident | ValidationError | None] = []
    cleaned: list[tuple[int, str, str, str]] = []
    for index, details in enumerate(contacts):
        try:
            full_name, email, phone = _clean(
                full_name=details.full_name, email=details.email, phone=details.phone
            )
        except ValidationError as exc:
            results.append(exc)
            continue
        results.append(None)
        if full_name or email or phone:
            cleaned.append((index, full_name, email, phone))
    by_email, by_phone = _unowned_by_contact(
        emails={email.lower() for _i, _n, email, _p in cleaned if email},
        phones={phone for _i, _n, _e, phone in cleaned if phone},
    )
    new: list[Resident] = []
    for index, full_name, email, phone in cleaned:
        found = (by_email.get(email.lower()) if email else None) or (
            by_phone.get(phone) if phone else None
        )
        if found is None:
            found = Resident(
                full_name=full_name,
                email=email,
                phone=phone,
                preferred_channel=_channel_for(email=email, phone=phone),
                preferred_language=Language.ENGLISH,
            )
            new.append(found)
            # Later details in the batch find it as they would find a saved record.
            if email:
                by_email.setdefault(email.lower(), found)
            if phone:
                by_phone.setdefault(phone, found)
        results[index] = found
    if new:
        Resident.objects.bulk_create(new)
    return results
