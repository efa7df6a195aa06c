"""Residents over the REST API: look up, page through, and find-or-add by contact details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from api import schemas
from api.auth import AuthedRequest, require_perm
from api.errors import ApiError
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from cases.selectors import can_see_resident, residents_visible_to
from residents.services import resident_find_or_create

router = Router(tags=["residents"])


class ResidentFilters(Schema):
    q: str | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/residents", response={200: schemas.ResidentPage, **schemas.ERRORS})
def list_residents(request: AuthedRequest, filters: Query[ResidentFilters]) -> Any:
    """Residents newest first; q matches the start of a name, an email or a phone number.

    Only residents with a case in your jurisdictions, and only for roles that work cases.
    """
    require_perm(request.auth, "residents.view_resident")
    require_perm(request.auth, "cases.view_case")
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}.")
    residents = residents_visible_to(request.auth)
    if filters.q and filters.q.strip():
        q = filters.q.strip()
        residents = residents.filter(
            Q(full_name__istartswith=q) | Q(email__lower=q.lower()) | Q(phone=q)
        )
    return keyset_page(residents, cursor=filters.cursor, limit=filters.limit)


@router.get("/residents/{resident_id}", response={200: schemas.ResidentOut, **schemas.ERRORS})
def get_resident(request: AuthedRequest, resident_id: int) -> Any:
    require_perm(request.auth, "residents.view_resident")
    require_perm(request.auth, "cases.view_case")
    # Another jurisdiction's resident is answered as no resident at all.
    resident = residents_visible_to(request.auth).filter(pk=resident_id).first()
    if resident is None:
        raise HttpError(404, "No such resident.")
    return resident


@router.post("/residents", response={200: schemas.ResidentOut, **schemas.ERRORS})
def find_or_add_resident(request: AuthedRequest, payload: schemas.ContactIn) -> Any:
    """The resident with this email or phone; a new one if none matches.

    A match with no case in your jurisdictions is answered with its id and the details
    you sent, not the ones on record: typing an address must not reveal a stranger's
    name and phone.
    """
    require_perm(request.auth, "residents.add_resident")
    try:
        resident = resident_find_or_create(
            full_name=payload.full_name,
            email=payload.email,
            phone=payload.phone,
            fill_blanks=False,
        )
    except ValidationError as exc:
        raise ApiError.from_validation(exc) from None
    if resident is None:
        raise ApiError(400, "Give an email, a phone number or a name.")
    if not can_see_resident(request.auth, resident):
        return {
            "id": resident.pk,
            "full_name": payload.full_name,
            "email": payload.email,
            "phone": payload.phone,
            "preferred_language": resident.preferred_language,
            "preferred_channel": resident.preferred_channel,
            "created_at": resident.created_at,
        }
    return resident
