"""How our services, cases and events read in Open311: the spec's field names and order."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.models import Case, CaseEvent, Status
from catalogue.models import Service
from open311.selectors import RequestRow, open311_status, public_text


def w3c(value: dt.datetime | None, zone: ZoneInfo) -> str | None:
    """W3C / ISO 8601 with the jurisdiction's offset, e.g. 2026-03-04T14:30:00-05:00."""
    if value is None:
        return None
    return value.astimezone(zone).isoformat(timespec="seconds")


def service_row(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.service_code,
        "service_name": service.name,
        "description": service.description,
        "metadata": bool(getattr(service, "has_questions", True)),
        "type": service.open311_type,
        "keywords": ",".join(service.keyword_list),
        "group": service.group.name if service.group else "",
    }


def service_definition_row(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.service_code,
        "attributes": [
            {
                "variable": question.variable,
                "code": question.code,
                "datatype": question.datatype,
                "required": question.required,
                "datatype_description": question.datatype_description,
                "order": question.order,
                "description": question.description,
                "values": [
                    {"key": option.key, "name": option.name} for option in question.options.all()
                ],
            }
            for question in service.questions.all()
        ],
    }


def _long_date(day: dt.date) -> str:
    """ "Friday 6 March 2026" in the active language; a page repeats few days, so cache them."""
    return _long_date_in(day, get_language())


@functools.lru_cache(maxsize=4096)
def _long_date_in(day: dt.date, language: str | None) -> str:
    return date_format(day, "l j F Y")


def service_notice(case: Case | RequestRow, zone: ZoneInfo) -> str:
    """The standard's minimum expectation, then the next promised step with its date."""
    parts: list[str] = []
    standard = getattr(case.service, "standard", None)
    if standard is not None and standard.minimum_expectation:
        parts.append(standard.minimum_expectation)
    next_name = getattr(case, "next_step_name", None)
    next_due = getattr(case, "next_step_due", None)
    if case.is_open and next_name and next_due:
        parts.append(
            _("Next: %(step)s, by %(date)s.")
            % {"step": next_name, "date": _long_date(next_due.astimezone(zone).date())}
        )
    return " ".join(parts)


def request_row(
    case: RequestRow, request: HttpRequest, zone: ZoneInfo, *, extensions: bool = False
) -> dict[str, Any]:
    media_url: str | None
    if case.photo_token:
        # Served by open311.views.media while the photo stays public.
        media_url = request.build_absolute_uri(reverse("open311:media", args=[case.photo_token]))
    else:
        media_url = case.media_url or None
    row: dict[str, Any] = {
        "service_request_id": case.tracking_number,
        "status": open311_status(case.status),
        "status_notes": case.status_note or None,
        "service_name": case.service.name,
        "service_code": case.service.service_code,
        # What the resident wrote is theirs: never published (docs/security.md).
        "description": None,
        "agency_responsible": case.department.name,
        "service_notice": service_notice(case, zone) or None,
        "requested_datetime": w3c(case.created_at, zone),
        "updated_datetime": w3c(case.updated_at, zone),
        "expected_datetime": w3c(case.resolution_due, zone),
        **_location(case),
        "media_url": media_url,
    }
    if extensions:
        row["extended_attributes"] = {
            "tracking_number": case.tracking_number,
            "detailed_status": case.status,
            "channel": case.channel,
            "first_response_due_datetime": w3c(case.first_response_due, zone),
            "steps": [
                {
                    "order": step.order,
                    "name": step.name,
                    "due_datetime": w3c(step.due_at, zone),
                    "completed_datetime": w3c(step.completed_at, zone),
                }
                for step in case.extension_steps
            ],
            "timeline": [
                {
                    "kind": event.kind,
                    "datetime": w3c(event.created_at, zone),
                    "description": event.body,
                }
                for event in case.public_events
            ],
        }
    return row


def update_row(event: CaseEvent, zone: ZoneInfo) -> dict[str, Any]:
    status = getattr(event, "status_then", None) or Status.NEW
    return {
        "update_id": str(event.pk),
        "service_request_id": event.case.tracking_number,
        "status": open311_status(status),
        "external_status_code": status,
        "updated_datetime": w3c(event.created_at, zone),
        "description": public_text(event.kind, event.body, event.data),
        "media_url": "",
    }


# About 110 m of latitude: enough to see the street, not the house.
ROUNDED_PLACES = 3


def _location(case: RequestRow) -> dict[str, Any]:
    """Where the request is, as much as the service publishes (catalogue.Service)."""
    shown = case.service.open311_location
    if shown == Service.Open311Location.NONE:
        return {"address": None, "address_id": None, "zipcode": None, "lat": None, "long": None}
    lat = float(case.lat) if case.lat is not None else None
    long = float(case.long) if case.long is not None else None
    if shown == Service.Open311Location.ROUNDED:
        return {
            "address": None,
            "address_id": None,
            "zipcode": case.zipcode or None,
            "lat": round(lat, ROUNDED_PLACES) if lat is not None else None,
            "long": round(long, ROUNDED_PLACES) if long is not None else None,
        }
    return {
        "address": case.address or None,
        "address_id": case.address_id or None,
        "zipcode": case.zipcode or None,
        "lat": lat,
        "long": long,
    }
