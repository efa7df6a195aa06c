"""Writes the portal makes: residents, requests from the web form, replies, sign-up.

Case writes themselves go through cases/services.py; this module gathers what a
form submission needs around them (the resident record, photos) in one
transaction, so a refused request leaves nothing behind.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from cases.models import Case, CaseEvent, Status
from cases.outbox import outbox_add_message
from cases.services import (
    case_add_resident_message,
    case_attach_resident,
    case_create,
    case_reopen,
)
from catalogue.models import Service
from core.languages import Language
from payments.services import request_hold_until, request_payment_start
from portal.dates import format_day
from portal.models import VerifiedEmail
from portal.photos import CleanPhoto, attach_photos
from residents.models import ContactChannel, Resident
from residents.services import normalise_phone, resident_find_or_create

log = logging.getLogger(__name__)

PORTAL_CHANNELS = {ContactChannel.EMAIL, ContactChannel.SMS, ContactChannel.NONE}


def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def clean_contact(
    *,
    full_name: str,
    email: str,
    phone: str,
    channel: str,
    language: str,
) -> dict[str, str]:
    """Validate contact details; ValidationError keyed by field with specific messages."""
    errors: dict[str, str] = {}
    email = (email or "").strip()
    phone = normalise_phone(phone)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter an email address like name@example.com.")
    if phone and not 7 <= len(phone_digits(phone)) <= 15:
        errors["phone"] = _("Enter a phone number with 7 to 15 digits, like +1 555 555 0123.")
    if channel not in {c.value for c in PORTAL_CHANNELS}:
        errors["channel"] = _("Choose how we should send updates.")
    elif channel == ContactChannel.EMAIL and not email and "email" not in errors:
        errors["email"] = _("Enter your email address, or choose another way to get updates.")
    elif channel == ContactChannel.SMS and not phone and "phone" not in errors:
        errors["phone"] = _("Enter your mobile number, or choose another way to get updates.")
    if language not in Language.values:
        errors["language"] = _("Choose English or Spanish.")
    if len((full_name or "").strip()) > 200:
        errors["full_name"] = _("Keep your name under 200 characters.")
    if errors:
        raise ValidationError(errors)
    return {
        "full_name": (full_name or "").strip(),
        "email": email,
        "phone": phone,
        "channel": channel,
        "language": language,
    }


def request_submit(
    *,
    service: Service,
    channel: str,
    description: str,
    answers: Mapping[str, Any],
    address: str,
    lat: Any,
    long: Any,
    contact: Mapping[str, str] | None,
    photos: list[CleanPhoto],
    user: Any = None,
    non_resident: bool = False,
) -> Case:
    """Create the case from a portal form (web or kiosk) with its resident and photos.

    `contact` is the output of clean_contact, or None when the resident stays
    anonymous. A signed-in resident's own record is used whatever they typed.
    Raises ValidationError (from case_create) and saves nothing in that case.
    A service with a fee files the case held until paid, and the resident is sent the
    link to pay (payments.services.request_payment_start).
    """
    now = timezone.now()
    with transaction.atomic():
        resident = None
        signed_in = getattr(user, "is_authenticated", False)
        if signed_in:
            resident = Resident.objects.filter(user=user).first()
        if resident is None and contact is not None:
            resident = resident_find_or_create(
                full_name=contact["full_name"],
                email=contact["email"],
                phone=contact["phone"],
                channel=contact["channel"],
                language=contact["language"],
                fill_blanks=False,
            )
        case = case_create(
            service=service,
            channel=channel,
            description=description,
            answers=answers,
            resident=resident,
            address=address,
            lat=lat,
            long=long,
            at=now,
            held_for_payment_until=request_hold_until(service, non_resident=non_resident, now=now),
        )
        request_payment_start(case=case, non_resident=non_resident, now=now)
        attach_photos(case=case, photos=photos)
        return case


def contact_matches(case: Case, contact: str) -> bool:
    """Does what the resident typed match the email or phone on the case?"""
    resident = case.resident
    contact = (contact or "").strip()
    if resident is None or not contact:
        return False
    if "@" in contact:
        return bool(resident.email) and resident.email.lower() == contact.lower()
    digits = phone_digits(contact)
    stored = phone_digits(resident.phone)
    # Residents often leave out the country code: compare the last 10 digits.
    return len(digits) >= 7 and bool(stored) and stored[-10:] == digits[-10:]


def resident_reply(*, case: Case, body: str, photos: list[CleanPhoto] | None = None) -> CaseEvent:
    """The resident adds information, and photos, to their own case.

    A resolved or declined case the resident writes to goes back to work (its
    timeline told them to "reply here"); cases.services does each write.
    """
    body = (body or "").strip()
    photos = photos or []
    if len(body) > 5000:
        raise ValidationError({"body": _("Keep your message under 5000 characters.")})
    if not body and not photos:
        raise ValidationError({"body": _("Write a message or choose a photo first.")})
    if not body:
        body = ngettext("I added %(n)d photo.", "I added %(n)d photos.", len(photos)) % {
            "n": len(photos)
        }
    with transaction.atomic():
        event = case_add_resident_message(case=case, body=body)
        attach_photos(case=case, photos=photos)
        case.refresh_from_db()
        if case.status in (Status.RESOLVED, Status.DECLINED) and not case.merged_into_id:
            case_reopen(
                case=case,
                by=None,
                reason=_(
                    "You wrote to us after we had finished, so the same team is looking "
                    "at your request again."
                ),
            )
    return event


def merged_duplicate_for_contact(case: Case, contact: str) -> Case | None:
    """A case merged into `case` whose resident is the one typing `contact`.

    The resident of a duplicate is told to track the case it was joined with;
    with their own email or phone they reach their own page, which shows its
    progress without the other resident's details.
    """
    for duplicate in case.duplicates.select_related("resident").order_by("pk")[:50]:
        if contact_matches(duplicate, contact):
            return duplicate
    return None


@transaction.atomic
def resident_sign_up(
    *, full_name: str, email: str, password: str, language: str
) -> tuple[User, Resident]:
    """An account for a resident, with a fresh contact record of its own.

    Cases made earlier with the same email are not attached: that would need the
    email address to be verified first (see the portal docs).
    """
    email = email.strip()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError({"email": _("An account with this email already exists. Sign in.")})
    user = User.objects.create_user(
        username=email, email=email, password=password, first_name=full_name[:150]
    )
    resident = Resident.objects.create(
        full_name=full_name,
        email=email,
        preferred_language=language,
        preferred_channel=ContactChannel.EMAIL,
        user=user,
    )
    return user, resident


_VERIFY_SALT = "portal.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def email_verification_send(*, user: User) -> str:
    """Email the account a link that proves the address is theirs; returns the link."""
    token = signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=_VERIFY_SALT)
    link = settings.SITE_URL + reverse("portal:verify_email", args=[token])
    send_mail(
        subject=_("Confirm your email address"),
        message=_(
            "Open this link to confirm your email address. After that, your account also "
            "shows the requests you made with this address before you signed up:\n\n"
            "%(link)s\n\nThe link works for three days. If you did not sign up, ignore "
            "this message."
        )
        % {"link": link},
        from_email=None,
        recipient_list=[user.email],
    )
    return link


def email_verification_confirm(*, user: User, token: str) -> VerifiedEmail:
    """Mark the account's email as verified; ValidationError for a bad or old link."""
    try:
        data = signing.loads(token, salt=_VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This link is more than three days old. Ask for a new one.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            _("This link is not valid. Copy the whole link from the email.")
        ) from None
    if data.get("u") != user.pk or data.get("e") != user.email.lower():
        raise ValidationError(_("This link was sent to another account."))
    verified, _created = VerifiedEmail.objects.update_or_create(
        user=user, defaults={"email": user.email, "verified_at": timezone.now()}
    )
    return verified


def kiosk_text_receipt(*, case: Case, phone: str, language: str, tracking_url: str) -> bool:
    """Text the tracking number of a request sent at the kiosk without contact details.

    The phone becomes the request's contact, so the number and this phone open it
    on any device later (the kiosk forgets everything when the session ends).
    ValidationError for a bad number or a request that already has contact
    details; False when the text could not be sent (the page offers printing).
    """
    phone = normalise_phone(phone)
    if not 7 <= len(phone_digits(phone)) <= 15:
        raise ValidationError(
            {"phone": _("Enter a phone number with 7 to 15 digits, like +1 555 555 0123.")}
        )
    if case.resident_id is not None:
        raise ValidationError({"phone": _("This request already has contact details.")})
    with transaction.atomic():
        resident = resident_find_or_create(
            full_name="",
            email="",
            phone=phone,
            channel=ContactChannel.SMS,
            language=language,
            match_first="phone",
            fill_blanks=False,
        )
        case = case_attach_resident(case=case, resident=resident)
        body = _(
            "%(org)s: your request number is %(number)s. We will finish by %(date)s. "
            "Track it at %(url)s with this number and this phone."
        ) % {
            "org": case.jurisdiction.name,
            "number": case.tracking_number,
            "date": format_day(case.resolution_due, case.jurisdiction),
            "url": tracking_url,
        }
        # Sent by the outbox worker like every message to a resident (retried if the
        # provider is down), never from the kiosk's request itself.
        owed = outbox_add_message(case=case, kind="kiosk_receipt", subject=body, body=body)
    return owed is not None
