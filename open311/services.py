"""Writes for Open311: API keys, residents found from contact details, requests and updates.

Every case is created through cases.services.case_create (channel "api"), so an
Open311 request gets the same promised dates and timeline as a web request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.filing import NewCase, case_create_many
from cases.models import Case, CaseEvent, Channel
from cases.photos import CleanPhoto, attach_photos
from cases.services import CaseInput, case_add_resident_message, case_create, case_validate
from catalogue.models import Service
from open311.models import KEY_PREFIX_LENGTH, ApiKey, RequestMetadata, hash_key
from organisations.models import Jurisdiction
from residents.services import (
    ContactDetails,
    resident_find_or_create,
    residents_find_or_create_many,
)

MAX_FIELD = 200
MAX_MEDIA_URL = 1000


def new_raw_key() -> str:
    return secrets.token_urlsafe(24)


def api_key_set_secret(api_key: ApiKey, raw: str) -> None:
    """Store only the hash of `raw` (and a short prefix to recognise it in lists)."""
    api_key.key_prefix = raw[:KEY_PREFIX_LENGTH]
    api_key.key_hash = hash_key(raw)


def api_key_create(
    *,
    name: str,
    key: str | None = None,
    jurisdiction: Jurisdiction | None = None,
    requests_per_hour: int | None = None,
    contact_email: str = "",
    queue_requests: bool = False,
    may_read_updates: bool = False,
) -> tuple[ApiKey, str]:
    """Make a key for a client application; return it with the raw key, shown only now."""
    raw = key or new_raw_key()
    if len(raw) < 8:
        raise ValidationError({"key": _("Use a key of at least 8 characters.")})
    if ApiKey.objects.filter(key_hash=hash_key(raw)).exists():
        raise ValidationError({"key": _("This key is already in use.")})
    api_key = ApiKey(
        name=name.strip() or _("Unnamed client"),
        jurisdiction=jurisdiction,
        contact_email=contact_email,
        queue_requests=queue_requests,
        may_read_updates=may_read_updates,
    )
    api_key_set_secret(api_key, raw)
    if requests_per_hour is not None:
        api_key.requests_per_hour = requests_per_hour
    api_key.save()
    return api_key, raw


LAST_USED_PRECISION = dt.timedelta(minutes=1)


def api_key_authenticate(raw: str) -> ApiKey | None:
    """The active key matching `raw`, with its last use recorded; None otherwise."""
    if not raw or len(raw) > 200:
        return None
    # Read every time, not kept in the process: a revoked key must stop at once, however
    # it was revoked (the admin, a bulk update from a shell).
    api_key = (
        ApiKey.objects.select_related("jurisdiction")
        .filter(key_hash=hash_key(raw), is_active=True)
        .first()
    )
    if api_key is not None:
        now = timezone.now()
        # A minute's precision is enough to see which keys are in use, and a busy client
        # then writes its key's row once a minute instead of on every request.
        if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_PRECISION:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
            api_key.last_used_at = now
    return api_key


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name.strip(), self.last_name.strip()) if p)


def clean_contact(contact: Contact) -> Contact:
    """Check the contact fields an API client sent; raise ValidationError keyed by field."""
    errors: dict[str, str] = {}
    email = contact.email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    phone = contact.phone.strip()
    if len(phone) > 40:
        errors["phone"] = _("Keep the phone number under 40 characters.")
    for field in ("first_name", "last_name"):
        if len(getattr(contact, field)) > 100:
            errors[field] = _("Keep this under 100 characters.")
    if errors:
        raise ValidationError(errors)
    return Contact(
        email=email,
        phone=phone,
        first_name=contact.first_name.strip(),
        last_name=contact.last_name.strip(),
    )


def _clean_metadata(
    *, device_id: str, account_id: str, address_id: str, media_url: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    values = {
        "device_id": device_id.strip(),
        "account_id": account_id.strip(),
        "address_id": address_id.strip(),
        "media_url": media_url.strip(),
    }
    for field in ("device_id", "account_id", "address_id"):
        if len(values[field]) > MAX_FIELD:
            errors[field] = _("Keep this under %(n)d characters.") % {"n": MAX_FIELD}
    if values["media_url"]:
        try:
            if len(values["media_url"]) > MAX_MEDIA_URL:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(values["media_url"])
        except ValidationError:
            errors["media_url"] = _("Give an http or https address of the photo.")
    if errors:
        raise ValidationError(errors)
    return values


@dataclass(frozen=True)
class RequestInput:
    """An Open311 POST's parameters, as the view read them (strings as sent)."""

    contact: Contact
    description: str = ""
    answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    lat: Any = None
    long: Any = None
    address_string: str = ""
    address_id: str = ""
    zipcode: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""

    def as_json(self) -> dict[str, Any]:
        """For a queued request's row: plain JSON, read back by from_json."""
        data = asdict(self)
        data["contact"] = asdict(self.contact)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RequestInput:
        return cls(**{**data, "contact": Contact(**data["contact"])})


def _address(given: RequestInput, address_id: str) -> str:
    # An address_id alone still says where; it is kept as given for the city's GIS.
    return given.address_string.strip() or (
        _("Address id %(id)s") % {"id": address_id} if address_id else ""
    )


def _client_fields(given: RequestInput) -> tuple[dict[str, str], Contact, dict[str, Any]]:
    """The client's metadata and contact, cleaned, with the errors found in them."""
    errors: dict[str, Any] = {}
    metadata: dict[str, str] = {}
    try:
        metadata = _clean_metadata(
            device_id=given.device_id,
            account_id=given.account_id,
            address_id=given.address_id,
            media_url=given.media_url,
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    contact = given.contact
    try:
        contact = clean_contact(contact)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    return metadata, contact, errors


def open311_request_validate(*, service: Service, given: RequestInput) -> CaseInput:
    """Check an Open311 POST as open311_request_create would, writing nothing.

    Returns what case_validate accepted; raises ValidationError keyed by field (or
    attribute code) with every problem found.
    """
    metadata, contact, errors = _client_fields(given)
    checked = None
    try:
        checked = case_validate(
            service=service,
            channel=Channel.API,
            description=given.description,
            answers=given.answers,
            # resident_find_or_create finds or makes a resident from any of these.
            resident_given=bool(contact.email or contact.phone or contact.full_name),
            address=_address(given, metadata.get("address_id", "")),
            zipcode=given.zipcode,
            lat=given.lat,
            long=given.long,
        )
    except ValidationError as exc:
        errors.update({k: v for k, v in exc.message_dict.items() if k not in errors})
    if errors or checked is None:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def open311_request_create(
    *,
    service: Service,
    api_key: ApiKey | None,
    given: RequestInput,
    received_at: dt.datetime | None = None,
    token: str | None = None,
    photos: Sequence[CleanPhoto] = (),
) -> RequestMetadata:
    """Create the case for an Open311 POST and keep what the client told us beside it.

    `received_at` and `token` are a queued request's (open311.intake): its promise
    counts from when it arrived, and its client already holds the token. `photos`
    (a `media` part, checked and stripped by cases.photos.clean_photo) are stored on
    the case as public: the client sent them to be published, as media_url is.
    Raises ValidationError keyed by field (or attribute code); nothing is saved then.
    """
    metadata, contact, errors = _client_fields(given)
    if errors:
        open311_request_validate(service=service, given=given)  # raises with every problem
        raise ValidationError(errors)
    resident = resident_find_or_create(
        full_name=contact.full_name[:200],
        email=contact.email,
        phone=contact.phone,
        fill_blanks=False,
    )
    case = case_create(
        service=service,
        channel=Channel.API,
        description=given.description,
        answers=given.answers,
        resident=resident,
        address=_address(given, metadata["address_id"]),
        zipcode=given.zipcode,
        lat=given.lat,
        long=given.long,
        at=received_at,
    )
    if token is None and service.open311_type == Service.Open311Type.BATCH:
        token = new_token()
    if photos:
        attach_photos(case=case, photos=list(photos), is_public=True)
    return RequestMetadata.objects.create(case=case, api_key=api_key, token=token, **metadata)


@dataclass(frozen=True)
class RequestToFile:
    """One request for `open311_requests_create_many`: open311_request_create's arguments."""

    service: Service
    api_key: ApiKey | None
    given: RequestInput
    received_at: dt.datetime | None = None
    token: str | None = None


def open311_requests_create_many(
    *, requests: Sequence[RequestToFile]
) -> list[RequestMetadata | ValidationError]:
    """`open311_request_create` for many requests (no photos) in one transaction.

    The queued filer (open311.intake) files its backlog with this: the same checks,
    residents, cases, promised dates, steps, timeline events and outbox rows as
    one request at a time, written with one INSERT per table
    (residents.services.residents_find_or_create_many, cases.filing.case_create_many).
    Returns, in order, each request's RequestMetadata (its `case` set) or the
    ValidationError open311_request_create would have raised; a bad request writes
    nothing (not even its resident) and the others are filed.
    """
    results: list[RequestMetadata | ValidationError | None] = [None] * len(requests)
    # One instance per service, its questions and options read once for the batch.
    services = {r.service.pk: r.service for r in requests}
    prefetch_related_objects(list(services.values()), "questions__options")
    requests = [dataclasses.replace(r, service=services[r.service.pk]) for r in requests]
    checked: list[tuple[int, RequestToFile, dict[str, str], Contact, CaseInput]] = []
    for index, request in enumerate(requests):
        # Every check first, so that a request refused here creates no resident.
        try:
            case_input = open311_request_validate(service=request.service, given=request.given)
        except ValidationError as exc:
            results[index] = exc
            continue
        metadata, contact, _errors = _client_fields(request.given)
        checked.append((index, request, metadata, contact, case_input))
    residents = residents_find_or_create_many(
        contacts=[
            ContactDetails(full_name=c.full_name[:200], email=c.email, phone=c.phone)
            for _i, _r, _m, c, _c in checked
        ]
    )
    to_open: list[tuple[int, RequestToFile, dict[str, str]]] = []
    new_cases: list[NewCase] = []
    for (index, request, metadata, _contact, case_input), resident in zip(
        checked, residents, strict=True
    ):
        if isinstance(resident, ValidationError):
            results[index] = resident
            continue
        given = request.given
        to_open.append((index, request, metadata))
        new_cases.append(
            NewCase(
                service=request.service,
                channel=Channel.API,
                description=given.description,
                answers=given.answers,
                resident=resident,
                address=_address(given, metadata["address_id"]),
                zipcode=given.zipcode,
                lat=given.lat,
                long=given.long,
                at=request.received_at,
                checked=case_input,
            )
        )
    rows: list[RequestMetadata] = []
    for (index, request, metadata), case in zip(
        to_open, case_create_many(requests=new_cases), strict=True
    ):
        if isinstance(case, ValidationError):
            results[index] = case
            continue
        token = request.token
        if token is None and request.service.open311_type == Service.Open311Type.BATCH:
            token = new_token()
        row = RequestMetadata(case=case, api_key=request.api_key, token=token, **metadata)
        rows.append(row)
        results[index] = row
    RequestMetadata.objects.bulk_create(rows)
    return [r for r in results if r is not None]  # every request has its row or error


def new_token() -> str:
    return secrets.token_hex(16)


def open311_update_create(
    *,
    case: Case,
    description: str,
    contact: Contact,
    media_url: str = "",
) -> CaseEvent:
    """A resident's update sent by an Open311 client (FixMyStreet's POST servicerequestupdates)."""
    contact = clean_contact(contact)
    body = description.strip()
    media_url = media_url.strip()
    if media_url:
        _clean_metadata(device_id="", account_id="", address_id="", media_url=media_url)
        body = f"{body}\n\n{_('Photo')}: {media_url}".strip()
    label = contact.full_name or contact.email or ""
    return case_add_resident_message(case=case, body=body, label=label)
