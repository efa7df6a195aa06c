"""The REST API's typed input and output shapes (they are also the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

StatusName = Literal[
    "new",
    "acknowledged",
    "in_progress",
    "waiting_on_resident",
    "resolved",
    "closed",
    "declined",
]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


# Every operation may answer these; declared so clients (and schemathesis) know them.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
}


class StepOut(Schema):
    order: int
    name: str
    due_at: dt.datetime
    completed_at: dt.datetime | None


class ResidentOut(Schema):
    id: int
    full_name: str
    email: str
    phone: str
    preferred_language: str
    preferred_channel: str
    created_at: dt.datetime


class CaseOut(Schema):
    tracking_number: str
    status: str
    priority: str
    channel: str
    jurisdiction_id: str
    service_code: str
    service_name: str
    department: str
    owner: str | None
    resident_id: int | None
    address: str
    lat: float | None
    long: float | None
    escalated: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    first_response_due: dt.datetime
    resolution_due: dt.datetime


class CaseDetailOut(CaseOut):
    description: str
    answers: dict[str, str | list[str]]
    zipcode: str
    first_responded_at: dt.datetime | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    merged_into: str | None
    resident: ResidentOut | None
    steps: list[StepOut]


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None = Field(
        None, description="Pass as ?cursor= for the next page; null on the last page."
    )


class EventOut(Schema):
    id: int
    kind: str
    created_at: dt.datetime
    actor: str
    is_public: bool
    body: str
    data: dict[str, Any]


class ContactIn(Schema):
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name.strip(), self.last_name.strip()) if p)


class CaseCreateIn(Schema):
    service_code: str = Field(..., min_length=1, max_length=64)
    jurisdiction_id: str | None = Field(
        None, max_length=100, description="Required when the install serves several."
    )
    description: str = Field("", max_length=10_000)
    answers: dict[str, str | list[str]] = Field(
        default_factory=dict, description="Answers to the service's questions, by code."
    )
    address: str = Field("", max_length=300)
    zipcode: str = Field("", max_length=12)
    lat: float | None = Field(None, ge=-90, le=90)
    long: float | None = Field(None, ge=-180, le=180)
    resident_id: int | None = Field(None, description="An existing resident...")
    resident: ContactIn | None = Field(None, description="...or contact details to find or add.")


class StatusIn(Schema):
    status: StatusName
    note: str = Field("", max_length=10_000)


class TextIn(Schema):
    body: str = Field(..., min_length=1, max_length=10_000)


class OptionOut(Schema):
    key: str
    name: str


class QuestionOut(Schema):
    code: str
    datatype: str
    required: bool
    variable: bool
    order: int
    description: str
    datatype_description: str
    options: list[OptionOut]


class StandardStepOut(Schema):
    order: int
    name: str
    description: str
    duration: str


class StandardOut(Schema):
    priority: str
    first_response: str
    resolution: str
    minimum_expectation: str
    steps: list[StandardStepOut]


class ServiceOut(Schema):
    service_code: str
    jurisdiction_id: str
    name: str
    description: str
    department: str
    group: str | None
    open311_type: str
    keywords: list[str]
    what_to_provide: str
    needs_location: bool
    allows_anonymous: bool


class ServiceDetailOut(ServiceOut):
    questions: list[QuestionOut]
    standard: StandardOut | None


class ArticleOut(Schema):
    slug: str
    jurisdiction_id: str
    category: str | None
    language: str
    title: str
    summary: str
    body: str
    is_standard_answer: bool
    related_services: list[str]
    updated_at: dt.datetime


class ResidentPage(Schema):
    items: list[ResidentOut]
    next_cursor: str | None = None
