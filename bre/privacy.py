"""People at businesses, for export and erasure (privacy/registry.py).

A business contact is not a resident record, so they are found by the contact
details a resident's request gives (email, phone): someone who asks to be
erased is erased from the BRE register too, visit notes about their
business lose their name, and the photos and documents of those visits go.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bre.models import BusinessContact, Visit, VisitAttachment
from cases.redaction import scrub_text
from privacy.registry import Erasure, PersonalData, register
from residents.models import Resident


def _contacts_for(resident: Resident) -> QuerySet[Any]:
    match = Q(pk__in=[])
    if resident.email:
        match |= Q(email__iexact=resident.email)
    if resident.phone:
        match |= Q(phone=resident.phone)
    return BusinessContact.objects.filter(match)


def _erase_contacts(rows: QuerySet[Any], erasure: Erasure) -> int:
    deleted, _by_model = rows.delete()
    return deleted


def _visits_for(resident: Resident) -> QuerySet[Any]:
    return Visit.objects.filter(business__contacts__in=_contacts_for(resident)).distinct()


def _scrub_notes(rows: QuerySet[Any], erasure: Erasure) -> int:
    changed = 0
    for visit in rows.only("pk", "notes"):
        clean = scrub_text(visit.notes, erasure.identifiers)
        if clean != visit.notes:
            changed += Visit.objects.filter(pk=visit.pk).update(notes=clean)
    return changed


register(
    PersonalData(
        model=BusinessContact,
        fields=("full_name", "email", "phone"),
        context=("business__trading_name", "role_title"),
        for_resident=_contacts_for,
        erase=_erase_contacts,
        last=True,  # after the visit notes, which find their business through the contact
    )
)


def _attachments_for(resident: Resident) -> QuerySet[Any]:
    return VisitAttachment.objects.filter(visit__in=_visits_for(resident)).defer("data")


def _delete_attachments(rows: QuerySet[Any], erasure: Erasure) -> int:
    # A photo or document from a visit can show the person, and nothing in it can be
    # blanked field by field: the file goes.
    deleted, _by_model = VisitAttachment.objects.filter(pk__in=rows.values("pk")).delete()
    return deleted


register(
    PersonalData(
        model=VisitAttachment,
        fields=("original_name", "content_type", "size"),
        context=("visit__business__trading_name", "uploaded_at"),
        for_resident=_attachments_for,
        erase=_delete_attachments,
    )
)
register(
    PersonalData(
        model=Visit,
        fields=("notes",),
        context=("business__trading_name", "done_at"),
        for_resident=_visits_for,
        erase=_scrub_notes,
    )
)
