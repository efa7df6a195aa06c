"""Open311 GeoReport v2 endpoints: parse the parameters, call a selector or service, respond.

The format is the path suffix (.json or .xml); every failure is answered in the
spec's error format with a 4xx status, never a 500.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from cases.services import CaseError
from cases.tracking import normalise_tracking_number
from catalogue.models import Service
from core.ratelimit import client_ip, hit
from open311 import representations, selectors
from open311.formats import FORMATS, Open311Error, render, render_error
from open311.intake import queued_request_accept, token_state
from open311.models import ApiKey
from open311.services import (
    Contact,
    RequestInput,
    api_key_authenticate,
    open311_request_create,
    open311_update_create,
)
from organisations.models import Jurisdiction

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00Z"
MAX_WINDOW = dt.timedelta(days=90)
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")

View = Callable[..., HttpResponse]


def open311_endpoint(*methods: str) -> Callable[[View], View]:
    """Check the format and method, authenticate the key, rate-limit, and answer errors."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            fmt = fmt.lower()
            try:
                if fmt not in FORMATS:
                    raise Open311Error(404, "Use the .json or .xml suffix to choose a format.")
                if request.method not in methods:
                    response = render_error(
                        Open311Error(405, f"Use {' or '.join(methods)} here."), fmt
                    )
                    response["Allow"] = ", ".join(methods)
                    return response
                params = request.POST if request.method == "POST" else request.GET
                texts = [*kwargs.values(), *(k + "".join(vs) for k, vs in params.lists())]
                if any("\x00" in str(text) for text in texts):
                    # PostgreSQL cannot store NUL; no client means to send one.
                    raise Open311Error(400, "Parameters may not contain NUL characters.")
                api_key = _rate_limited_key(request, params)
                response = view(request, *args, fmt=fmt, params=params, api_key=api_key, **kwargs)
            except Open311Error as error:
                response = render_error(error, fmt)
            except SuspiciousOperation:
                response = render_error(Open311Error(400, "The request could not be read."), fmt)
            if request.method == "GET":
                # Public data without cookies: browser-based Open311 apps may read it.
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorate


def _rate_limited_key(request: HttpRequest, params: QueryDict) -> ApiKey | None:
    raw = params.get("api_key", "")
    api_key = api_key_authenticate(raw) if raw else None
    if raw and api_key is None:
        raise Open311Error(403, "api_key is not valid.")
    if api_key is not None:
        allowed = hit(
            "open311-key", str(api_key.pk), limit=api_key.requests_per_hour, window_seconds=3600
        )
    else:
        allowed = hit(
            "open311-ip",
            client_ip(request),
            limit=settings.OPEN311_ANONYMOUS_REQUESTS_PER_HOUR,
            window_seconds=3600,
        )
    if not allowed:
        raise Open311Error(429, "Too many requests; try again within the hour.")
    return api_key


def _jurisdiction(params: QueryDict, api_key: ApiKey | None = None) -> Jurisdiction:
    """The jurisdiction asked for: required when this install serves several."""
    jurisdiction_id = params.get("jurisdiction_id", "").strip()
    own = api_key.jurisdiction if api_key is not None else None
    if own is not None and jurisdiction_id in ("", own.jurisdiction_id):
        # A key made for one jurisdiction names it (read with the key): no query.
        return own
    if jurisdiction_id:
        jurisdiction = Jurisdiction.objects.filter(jurisdiction_id=jurisdiction_id).first()
        if jurisdiction is None:
            raise Open311Error(404, f"jurisdiction_id {jurisdiction_id[:100]} was not found.")
    else:
        candidates = list(Jurisdiction.objects.order_by("id")[:2])
        if len(candidates) != 1:
            if not candidates:
                raise Open311Error(404, "No jurisdiction is set up on this server.")
            raise Open311Error(400, "jurisdiction_id was not provided.")
        jurisdiction = candidates[0]
    if api_key is not None and api_key.jurisdiction_id not in (None, jurisdiction.pk):
        raise Open311Error(403, "This api_key is not valid for this jurisdiction_id.")
    return jurisdiction


def _parse_when(value: str, name: str, jurisdiction: Jurisdiction) -> dt.datetime:
    text = value.strip()
    if "T" in text and " " in text:
        # An unencoded "+" in a query string arrives as a space: "…T00:00:00 01:00".
        text = text.replace(" ", "+")
    try:
        parsed = parse_datetime(text)
        if parsed is None:
            day = parse_date(text)
            if day is not None:
                parsed = dt.datetime.combine(day, dt.time())
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(400, f"{name} must be a W3C date and time, like 2026-01-01T00:00:00Z.")
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=jurisdiction.zone)
    try:
        # In UTC for the database: PostgreSQL refuses offsets beyond ±15:59.
        return parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise Open311Error(400, f"{name} is out of range.") from None


def _window(params: QueryDict, jurisdiction: Jurisdiction) -> tuple[dt.datetime, dt.datetime]:
    """start_date..end_date, at most 90 days; the most recent 90 days when neither is given."""
    start_text, end_text = params.get("start_date", ""), params.get("end_date", "")
    start = _parse_when(start_text, "start_date", jurisdiction) if start_text else None
    end = _parse_when(end_text, "end_date", jurisdiction) if end_text else None
    try:
        if start is None:
            end = end or timezone.now()
            start = end - MAX_WINDOW
        elif end is None:
            end = start + MAX_WINDOW
    except OverflowError:
        raise Open311Error(400, "start_date or end_date is out of range.") from None
    if start > end:
        raise Open311Error(400, "start_date must be before end_date.")
    if end - start > MAX_WINDOW:
        raise Open311Error(400, "start_date and end_date may not span more than 90 days.")
    return start, end


def _comma_list(params: QueryDict, name: str) -> list[str]:
    values: list[str] = []
    for raw in params.getlist(name):
        values.extend(v.strip() for v in raw.split(",") if v.strip())
    return values


def _flag(params: QueryDict, name: str) -> bool:
    return params.get(name, "").strip().lower() in ("true", "1", "yes")


@open311_endpoint("GET")
def discovery(request: HttpRequest, *, fmt: str, params: QueryDict, **_: Any) -> HttpResponse:
    jurisdiction = Jurisdiction.objects.order_by("id").first()
    contact = settings.OPEN311_CONTACT or (jurisdiction.email if jurisdiction else "")
    data = {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": settings.OPEN311_KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": request.build_absolute_uri("/open311/v2"),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return render(data, fmt, root="discovery")


@open311_endpoint("GET")
def services(
    request: HttpRequest, *, fmt: str, params: QueryDict, api_key: ApiKey | None
) -> HttpResponse:
    jurisdiction = _jurisdiction(params, api_key)
    rows = [representations.service_row(s) for s in selectors.services_for(jurisdiction)]
    return render(rows, fmt, root="services")


@open311_endpoint("GET")
def service_definition(
    request: HttpRequest, *, service_code: str, fmt: str, params: QueryDict, api_key: ApiKey | None
) -> HttpResponse:
    jurisdiction = _jurisdiction(params, api_key)
    service = selectors.service_definition(jurisdiction, service_code)
    if service is None:
        raise Open311Error(404, f"service_code {service_code[:64]} was not found.")
    return render(representations.service_definition_row(service), fmt, root="service_definition")


def _attributes(params: QueryDict) -> dict[str, Any]:
    """attribute[code]=v, and attribute[code][]=v repeated for a multivaluelist."""
    answers: dict[str, Any] = {}
    for name in params:
        match = _ATTRIBUTE.match(name)
        if match is None:
            continue
        code, is_list = match.group(1), bool(match.group(2))
        values = params.getlist(name)
        if is_list or len(values) > 1:
            existing = answers.get(code)
            answers[code] = [*(existing if isinstance(existing, list) else []), *values]
        else:
            answers[code] = values[0]
    return answers


# case_create's error keys, as the Open311 parameter a client sent.
_PARAMETER_FOR = {
    "address": "address_string",
    "resident": "email",
    "__all__": "request",
}
_PARAMETERS = {
    "lat",
    "long",
    "description",
    "service",
    "channel",
    "email",
    "phone",
    "first_name",
    "last_name",
    "device_id",
    "account_id",
    "address_id",
    "media_url",
}


def _validation_error(exc: ValidationError) -> Open311Error:
    """One error per message, named by parameter; answers are named attribute[code]."""
    descriptions: list[str] = []
    for field, messages in exc.message_dict.items():
        if field in _PARAMETER_FOR:
            label = _PARAMETER_FOR[field]
        elif field in _PARAMETERS:
            label = field
        else:
            label = f"attribute[{field}]"
        descriptions.extend(f"{label}: {message}" for message in messages)
    return Open311Error(400, *descriptions)


def _create_request(
    request: HttpRequest, fmt: str, params: QueryDict, api_key: ApiKey | None
) -> HttpResponse:
    if api_key is None:
        raise Open311Error(403, "api_key was not provided.")
    jurisdiction = _jurisdiction(params, api_key)
    service_code = params.get("service_code", "").strip()
    if not service_code:
        raise Open311Error(400, "service_code was not provided.")
    service = (
        Service.objects.select_related("jurisdiction")  # the promise needs its calendar
        .filter(jurisdiction=jurisdiction, service_code=service_code, is_active=True)
        .first()
    )
    if service is None:
        raise Open311Error(404, f"service_code {service_code[:64]} was not found.")
    given = RequestInput(
        contact=Contact(
            email=params.get("email", ""),
            phone=params.get("phone", ""),
            first_name=params.get("first_name", ""),
            last_name=params.get("last_name", ""),
        ),
        description=params.get("description", ""),
        answers=_attributes(params),
        lat=params.get("lat") or None,
        long=params.get("long") or None,
        address_string=params.get("address_string", ""),
        address_id=params.get("address_id", ""),
        zipcode=params.get("zipcode", ""),
        device_id=params.get("device_id", ""),
        account_id=params.get("account_id", ""),
        media_url=params.get("media_url", ""),
    )
    if not service.allows_anonymous and not (
        given.contact.email.strip() or given.contact.phone.strip()
    ):
        raise Open311Error(400, "email or phone is required for this service.")
    row: dict[str, Any]
    try:
        if api_key.queue_requests:
            queued = queued_request_accept(service=service, api_key=api_key, given=given)
            return render([{"token": queued.token}], fmt, root="service_requests", status=201)
        metadata = open311_request_create(service=service, api_key=api_key, given=given)
    except ValidationError as exc:
        raise _validation_error(exc) from None
    if metadata.token:
        row = {"token": metadata.token}
    else:
        # case_create left the next step and the standard on the case: no read-back.
        row = {
            "service_request_id": metadata.case.tracking_number,
            "service_notice": representations.service_notice(metadata.case, jurisdiction.zone)
            or None,
            "account_id": metadata.account_id or None,
        }
    return render([row], fmt, root="service_requests", status=201)


@open311_endpoint("GET", "POST")
def requests(
    request: HttpRequest, *, fmt: str, params: QueryDict, api_key: ApiKey | None
) -> HttpResponse:
    if request.method == "POST":
        return _create_request(request, fmt, params, api_key)
    jurisdiction = _jurisdiction(params, api_key)
    ids = _comma_list(params, "service_request_id")
    if len(ids) > selectors.MAX_REQUESTS:
        raise Open311Error(400, f"Ask for at most {selectors.MAX_REQUESTS} service_request_id.")
    statuses = [s.lower() for s in _comma_list(params, "status")]
    unknown = [s for s in statuses if s not in ("open", "closed")]
    if unknown:
        raise Open311Error(400, "status must be open, closed or both (comma separated).")
    extensions = _flag(params, "extensions")
    if ids:
        numbers = [n for n in (normalise_tracking_number(i) for i in ids) if n]
        cases = selectors.requests_for(
            jurisdiction, tracking_numbers=numbers, limit=selectors.MAX_REQUESTS
        )
    else:
        start, end = _window(params, jurisdiction)
        cases = selectors.requests_for(
            jurisdiction,
            service_codes=_comma_list(params, "service_code"),
            start=start,
            end=end,
            statuses=selectors.statuses_for(statuses) if statuses else None,
            limit=selectors.MAX_REQUESTS,
        )
    if extensions:
        selectors.prefetch_extensions(cases)
    zone = jurisdiction.zone
    rows = [representations.request_row(c, request, zone, extensions=extensions) for c in cases]
    return render(rows, fmt, root="service_requests")


@open311_endpoint("GET")
def request_detail(
    request: HttpRequest,
    *,
    service_request_id: str,
    fmt: str,
    params: QueryDict,
    api_key: ApiKey | None,
) -> HttpResponse:
    jurisdiction = _jurisdiction(params, api_key)
    number = normalise_tracking_number(service_request_id)
    case = selectors.request_by_id(jurisdiction, number) if number else None
    if case is None:
        raise Open311Error(404, f"service_request_id {service_request_id[:40]} was not found.")
    extensions = _flag(params, "extensions")
    if extensions:
        selectors.prefetch_extensions([case])
    row = representations.request_row(case, request, jurisdiction.zone, extensions=extensions)
    return render([row], fmt, root="service_requests")


@open311_endpoint("GET")
def token(
    request: HttpRequest, *, token: str, fmt: str, params: QueryDict, api_key: ApiKey | None
) -> HttpResponse:
    jurisdiction = _jurisdiction(params, api_key)
    state = token_state(jurisdiction, token)
    if state is None:
        raise Open311Error(404, f"token {token[:40]} was not found.")
    if state.error:
        raise Open311Error(400, f"The request with this token was not filed: {state.error}")
    row = {"service_request_id": state.service_request_id, "token": token}
    return render([row], fmt, root="service_requests")


@open311_endpoint("GET", "POST")
def service_request_updates(
    request: HttpRequest, *, fmt: str, params: QueryDict, api_key: ApiKey | None
) -> HttpResponse:
    """FixMyStreet's extension: public updates in a window, and updates posted by a client."""
    jurisdiction = _jurisdiction(params, api_key)
    zone = jurisdiction.zone
    if request.method == "POST":
        if api_key is None:
            raise Open311Error(403, "api_key was not provided.")
        raw_id = params.get("service_request_id", "")
        if not raw_id.strip():
            raise Open311Error(400, "service_request_id was not provided.")
        if not params.get("description", "").strip():
            raise Open311Error(400, "description was not provided.")
        number = normalise_tracking_number(raw_id)
        case = selectors.case_for_update(jurisdiction, number) if number else None
        if case is None:
            raise Open311Error(404, f"service_request_id {raw_id[:40]} was not found.")
        try:
            event = open311_update_create(
                case=case,
                description=params.get("description", ""),
                contact=Contact(
                    email=params.get("email", ""),
                    first_name=params.get("first_name", ""),
                    last_name=params.get("last_name", ""),
                ),
                media_url=params.get("media_url", ""),
            )
        except ValidationError as exc:
            raise _validation_error(exc) from None
        except CaseError as exc:
            raise Open311Error(400, str(exc)) from None
        return render(
            [{"update_id": str(event.pk)}], fmt, root="service_requests_updates", status=201
        )
    start, end = _window(params, jurisdiction)
    events = selectors.request_updates(
        jurisdiction, start=start, end=end, limit=selectors.MAX_REQUESTS
    )
    rows = [representations.update_row(e, zone) for e in events]
    return render(rows, fmt, root="service_requests_updates")
