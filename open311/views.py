"""Open311 GeoReport v2 endpoints: parse the parameters, call a selector or service, respond.

The format is the path suffix (`.json` or `.xml`; `/json` too); every failure is
answered in the spec's error format with a 4xx status, never a 500, and so is any
path under /open311/v2/ that names no endpoint. Parameters are read from the query
string and the body alike (the body wins), in any declared charset (open311.params).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pydantic
from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from cases.models import CaseAttachment
from cases.photos import MAX_PHOTOS, CleanPhoto, PhotoError, clean_photo
from cases.services import CaseError
from cases.tracking import normalise_tracking_number
from core.idempotency import HEADER as IDEMPOTENCY_HEADER
from core.idempotency import (
    IdempotencyError,
    IdempotencyMismatch,
    clean_key,
    fingerprint,
    idempotent_run,
)
from core.ratelimit import client_ip, hit
from engagement.selectors import nearby_open_cases, nearby_row, suggested_duplicates
from open311 import representations, selectors
from open311.formats import FORMATS, Open311Error, render, render_error
from open311.intake import queued_request_accept, token_state
from open311.lookups import service_for_post
from open311.models import ApiKey
from open311.params import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    PageParams,
    ParamsError,
    RequestCreateParams,
    UpdateCreateParams,
    attributes,
    read_params,
    schema_errors,
)
from open311.services import (
    Contact,
    RequestInput,
    api_key_authenticate,
    new_token,
    open311_request_create,
    open311_update_create,
)
from organisations.models import Jurisdiction

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00Z"
MAX_WINDOW = dt.timedelta(days=90)

# What Django raises while reading a body it cannot parse: a 400, not a 500.
_UNREADABLE = (SuspiciousOperation, BadRequest, MultiPartParserError, UnicodeError)


@dataclass(frozen=True)
class Call:
    """One Open311 call as the endpoint sees it."""

    fmt: str
    params: QueryDict
    api_key: ApiKey | None
    photos: list[UploadedFile[bytes]] = field(default_factory=list)


View = Callable[..., HttpResponse]


def _allow(methods: tuple[str, ...]) -> str:
    allowed = [*methods, *(["HEAD"] if "GET" in methods else []), "OPTIONS"]
    return ", ".join(allowed)


def _options(methods: tuple[str, ...]) -> HttpResponse:
    response = HttpResponse(status=200, content_type="text/plain; charset=utf-8")
    response["Allow"] = _allow(methods)
    if "GET" in methods:
        # A browser's preflight: reads are public; POSTs stay same-origin.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Max-Age"] = "86400"
    return response


def _without_body(response: HttpResponse) -> HttpResponse:
    """HEAD: the GET's status and headers, no body."""
    length = len(response.content)
    response.content = b""
    response["Content-Length"] = str(length)
    return response


def open311_endpoint(*methods: str) -> Callable[[View], View]:  # noqa: C901  (one check per rule of the spec)
    """Check the format and method, read the parameters, authenticate the key, rate-limit,
    and answer every error in the spec's format."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            fmt = fmt.lower()
            method = request.method or "GET"
            try:
                if fmt not in FORMATS:
                    raise Open311Error(404, "Use the .json or .xml suffix to choose a format.")
                if method == "OPTIONS":
                    return _options(methods)
                if method not in methods and not (method == "HEAD" and "GET" in methods):
                    response = render_error(
                        Open311Error(405, f"Use {' or '.join(methods)} here."), fmt
                    )
                    response["Allow"] = _allow(methods)
                    return response
                try:
                    params, photos = read_params(request)
                except ParamsError as exc:
                    raise Open311Error(400, str(exc)) from None
                texts = [*kwargs.values(), *(k + "".join(vs) for k, vs in params.lists())]
                if any("\x00" in str(text) for text in texts):
                    # PostgreSQL cannot store NUL; no client means to send one.
                    raise Open311Error(400, "Parameters may not contain NUL characters.")
                api_key = _rate_limited_key(request, params)
                call = Call(fmt=fmt, params=params, api_key=api_key, photos=photos)
                response = view(request, *args, call=call, **kwargs)
            except Open311Error as error:
                response = render_error(error, fmt)
            except RequestDataTooBig:
                limit = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / 2**20
                response = render_error(
                    Open311Error(413, f"The request is over {limit:.1f} MB; send less."), fmt
                )
            except _UNREADABLE:
                response = render_error(Open311Error(400, "The request could not be read."), fmt)
            if method in ("GET", "HEAD"):
                # Public data without cookies: browser-based Open311 apps may read it.
                response["Access-Control-Allow-Origin"] = "*"
            if method == "HEAD":
                response = _without_body(response)
            return response

        return wrapper

    return decorate


def _asked_format(request: HttpRequest, path: str) -> str:
    """The format a path without an endpoint asked for: its suffix, else Accept, else JSON."""
    tail = path.rstrip("/").rsplit("/", 1)[-1].lower()
    for fmt in FORMATS:
        if tail == fmt or tail.endswith("." + fmt):
            return fmt
    accept = request.headers.get("Accept", "").lower()
    if "xml" in accept and "json" not in accept:
        return "xml"
    return "json"


_ENDPOINT_NAMES = {
    "discovery",
    "services",
    "requests",
    "tokens",
    "servicerequestupdates",
    "service",
}


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other path under /open311/v2/: a spec error in the format asked, never HTML."""
    fmt = _asked_format(request, path)
    first = path.strip("/").split("/", 1)[0].split(".", 1)[0]
    shown = path.strip("/")[:100]
    if first in _ENDPOINT_NAMES and "." not in path.rsplit("/", 1)[-1]:
        message = f"Add a format to {shown}: {shown}.json or {shown}.xml."
    else:
        message = f"There is no Open311 endpoint at /open311/v2/{shown}."
    response = render_error(Open311Error(404, message), fmt)
    if request.method == "HEAD":
        response = _without_body(response)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _rate_limited_key(request: HttpRequest, params: QueryDict) -> ApiKey | None:
    raw = params.get("api_key", "").strip()
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
    """The jurisdiction asked for (any letter case): required when this install serves several."""
    jurisdiction_id = params.get("jurisdiction_id", "").strip()
    own = api_key.jurisdiction if api_key is not None else None
    if own is not None and jurisdiction_id.lower() in ("", own.jurisdiction_id.lower()):
        # A key made for one jurisdiction names it (read with the key): no query.
        return own
    if jurisdiction_id:
        jurisdiction = (
            Jurisdiction.objects.filter(jurisdiction_id__iexact=jurisdiction_id)
            .order_by("id")
            .first()
        )
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


def _schema(model: type[Any], params: QueryDict) -> Any:
    try:
        return model.from_query(params)
    except pydantic.ValidationError as exc:
        raise Open311Error(400, *schema_errors(exc)) from None


# Extensions to GeoReport v2 this endpoint serves, listed on the discovery document.
EXTENSIONS = [
    {
        "name": "page",
        "endpoint": "GET requests",
        "description": (
            "Page number from 1, with page_size. Without page or page_size a list holds at "
            f"most {MAX_PAGE_SIZE} requests, as the specification says. Pages up to {MAX_PAGE}."
        ),
    },
    {
        "name": "page_size",
        "endpoint": "GET requests",
        "description": (
            f"Requests per page, 1 to {MAX_PAGE_SIZE} (larger is read as {MAX_PAGE_SIZE})."
        ),
    },
    {
        "name": "extensions",
        "endpoint": "GET requests",
        "description": "true adds extended_attributes: promised steps and the public timeline.",
    },
    {
        "name": "media",
        "endpoint": "POST requests",
        "description": (
            "A photo as a multipart file part (JPEG, PNG, WebP or GIF); stored without its "
            "EXIF/GPS data and served at the request's media_url."
        ),
    },
    {
        "name": "nearby",
        "endpoint": "GET requests/nearby",
        "description": (
            "Open requests of a service (or a related one) near lat/long, nearest first, so an "
            "app can offer to follow one instead of filing a duplicate (no personal data; "
            "locations rounded)."
        ),
    },
    {
        "name": "extensions",
        "endpoint": "POST requests",
        "description": (
            "true adds extended_attributes.possible_duplicates to the answer: open requests "
            "nearby, as requests/nearby lists them."
        ),
    },
    {
        "name": "servicerequestupdates",
        "endpoint": "GET, POST servicerequestupdates",
        "description": (
            "Published updates in a window (with an api_key whose scope allows it), and "
            "updates posted by a client (FixMyStreet)."
        ),
    },
]


@open311_endpoint("GET")
def discovery(request: HttpRequest, *, call: Call) -> HttpResponse:
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
        "extensions": EXTENSIONS,
    }
    return render(data, call.fmt, root="discovery")


@open311_endpoint("GET")
def services(request: HttpRequest, *, call: Call) -> HttpResponse:
    jurisdiction = _jurisdiction(call.params, call.api_key)
    rows = [representations.service_row(s) for s in selectors.services_for(jurisdiction)]
    return render(rows, call.fmt, root="services")


@open311_endpoint("GET")
def service_definition(request: HttpRequest, *, service_code: str, call: Call) -> HttpResponse:
    jurisdiction = _jurisdiction(call.params, call.api_key)
    service = selectors.service_definition(jurisdiction, service_code)
    if service is None:
        raise Open311Error(404, f"service_code {service_code[:64]} was not found.")
    return render(
        representations.service_definition_row(service), call.fmt, root="service_definition"
    )


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
    for name, messages in exc.message_dict.items():
        if name in _PARAMETER_FOR:
            label = _PARAMETER_FOR[name]
        elif name in _PARAMETERS:
            label = name
        else:
            label = f"attribute[{name}]"
        descriptions.extend(f"{label}: {message}" for message in messages)
    return Open311Error(400, *descriptions)


def _clean_photos(uploads: list[UploadedFile[bytes]]) -> list[CleanPhoto]:
    """The `media` parts, checked and stripped of EXIF/GPS exactly as the portal's photos."""
    if len(uploads) > MAX_PHOTOS:
        raise Open311Error(400, f"media: Attach at most {MAX_PHOTOS} photos.")
    try:
        return [clean_photo(upload) for upload in uploads]
    except PhotoError as exc:
        raise Open311Error(400, f"media: {exc}") from None


def _body_fingerprint(request: HttpRequest, call: Call) -> str:
    """What a POST asked for, whatever the order of its parameters (not the api_key)."""
    parts: list[str | bytes] = [request.path]
    for name, values in sorted(call.params.lists()):
        if name != "api_key":
            parts.extend([name, *values])
    for upload in call.photos:
        parts.append(b"".join(upload.chunks()))
        upload.seek(0)
    return fingerprint(parts)


def _create_request(request: HttpRequest, call: Call) -> HttpResponse:
    """POST requests, once per Idempotency-Key (or identical body, for a short while)."""
    api_key = call.api_key
    if api_key is None:
        raise Open311Error(403, "api_key was not provided.")
    first: dict[str, Any] = {}

    def produce() -> dict[str, Any]:
        result, first["row"] = _file_request(call, api_key)
        return result

    try:
        key = clean_key(request.headers.get(IDEMPOTENCY_HEADER))
        result, repeat = idempotent_run(
            scope=f"open311:{api_key.pk}",
            key=key,
            body_fingerprint=_body_fingerprint(request, call),
            produce=produce,
        )
    except IdempotencyMismatch as exc:
        raise Open311Error(422, str(exc)) from None
    except IdempotencyError as exc:
        raise Open311Error(400, str(exc)) from None
    row: dict[str, Any]
    if not repeat:
        row = first["row"]
    elif result.get("token"):
        row = {"token": result["token"]}
    else:
        jurisdiction = _jurisdiction(call.params, api_key)
        found = selectors.request_row_by_id(jurisdiction, result["number"])
        if found is None:  # gone since (merged away, erased): the number is still the answer
            row = {"service_request_id": result["number"], "service_notice": None}
        else:
            row = {
                "service_request_id": found.tracking_number,
                "service_notice": representations.service_notice(found, jurisdiction.zone) or None,
                "account_id": found.account_id or None,
            }
    # 200, as GeoReport v2.1 lists for POST requests (GeoReporter for Android accepts no other).
    return render([row], call.fmt, root="service_requests")


def _file_request(call: Call, api_key: ApiKey) -> tuple[dict[str, Any], dict[str, Any]]:
    """File (or queue) one request: what a repeat needs to answer the same way (no
    personal data), and the row to answer now."""
    jurisdiction = _jurisdiction(call.params, api_key)
    parsed: RequestCreateParams = _schema(RequestCreateParams, call.params)
    service = service_for_post(jurisdiction, parsed.service_code)  # kept in each process
    if service is None:
        raise Open311Error(404, f"service_code {parsed.service_code[:64]} was not found.")
    photos = _clean_photos(call.photos)
    given = RequestInput(
        contact=Contact(
            email=parsed.email,
            phone=parsed.phone,
            first_name=parsed.first_name,
            last_name=parsed.last_name,
        ),
        description=parsed.description,
        answers=attributes(call.params),
        lat=parsed.lat or None,
        long=parsed.long or None,
        address_string=parsed.address_string or parsed.address,
        address_id=parsed.address_id,
        zipcode=parsed.zipcode,
        device_id=parsed.device_id,
        account_id=parsed.account_id,
        media_url=parsed.media_url,
    )
    # Who must give contact details is the domain's rule (cases.services.case_validate,
    # through open311_request_validate / open311_request_create), not this door's.
    try:
        if api_key.queue_requests and not photos:
            queued = queued_request_accept(service=service, api_key=api_key, given=given)
            return {"token": queued.token}, {"token": queued.token}
        # A queued key's request with photos is filed at once (a queued row holds no
        # files); its client still gets the token it expects.
        token = new_token() if api_key.queue_requests else None
        metadata = open311_request_create(
            service=service, api_key=api_key, given=given, photos=photos, token=token
        )
    except ValidationError as exc:
        raise _validation_error(exc) from None
    if metadata.token:
        return {"token": metadata.token}, {"token": metadata.token}
    # case_create left the next step and the standard on the case: no read-back.
    row: dict[str, Any] = {
        "service_request_id": metadata.case.tracking_number,
        "service_notice": representations.service_notice(metadata.case, jurisdiction.zone) or None,
        "account_id": metadata.account_id or None,
    }
    if _flag(call.params, "extensions"):
        # "Already reported nearby": the client may offer to follow one instead.
        duplicates = suggested_duplicates(metadata.case)
        row["extended_attributes"] = {
            "possible_duplicates": [nearby_row(d, jurisdiction.zone) for d in duplicates]
        }
    return {"number": metadata.case.tracking_number}, row


@open311_endpoint("GET", "POST")
def requests(request: HttpRequest, *, call: Call) -> HttpResponse:
    if request.method == "POST":
        return _create_request(request, call)
    params = call.params
    jurisdiction = _jurisdiction(params, call.api_key)
    page: PageParams = _schema(PageParams, params)
    ids = _comma_list(params, "service_request_id")
    if len(ids) > selectors.MAX_REQUESTS:
        raise Open311Error(400, f"Ask for at most {selectors.MAX_REQUESTS} service_request_id.")
    statuses = [s.lower() for s in _comma_list(params, "status")]
    unknown = [s for s in statuses if s not in ("open", "closed")]
    if unknown:
        raise Open311Error(400, "status must be open, closed or both (comma separated).")
    extensions = _flag(params, "extensions")
    limit = min(page.limit, selectors.MAX_REQUESTS)
    if ids:
        numbers = [n for n in (normalise_tracking_number(i) for i in ids) if n]
        cases = selectors.requests_for(
            jurisdiction, tracking_numbers=numbers, limit=limit, offset=page.offset
        )
    else:
        start, end = _window(params, jurisdiction)
        cases = selectors.requests_for(
            jurisdiction,
            service_codes=_comma_list(params, "service_code"),
            start=start,
            end=end,
            statuses=selectors.statuses_for(statuses) if statuses else None,
            limit=limit,
            offset=page.offset,
        )
    if extensions:
        selectors.prefetch_extensions(cases)
    zone = jurisdiction.zone
    rows = [representations.request_row(c, request, zone, extensions=extensions) for c in cases]
    return render(rows, call.fmt, root="service_requests")


def _coordinate(params: QueryDict, name: str, limit: int) -> float:
    raw = params.get(name, "").strip()
    if not raw:
        raise Open311Error(400, f"{name} was not provided.")
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number of degrees, like 40.7128.") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise Open311Error(400, f"{name} must be between -{limit} and {limit}.")
    return value


@open311_endpoint("GET")
def nearby(request: HttpRequest, *, call: Call) -> HttpResponse:
    """Open requests near a point, of a service or a related one (docs/engagement.md)."""
    params = call.params
    jurisdiction = _jurisdiction(params, call.api_key)
    code = (params.get("service_code") or params.get("service") or "").strip()
    if not code:
        raise Open311Error(400, "service_code was not provided.")
    lat = _coordinate(params, "lat", 90)
    long = _coordinate(params, "long", 180)
    service = selectors.service_for_request(jurisdiction, code[:64])
    if service is None:
        raise Open311Error(404, f"service_code {code[:64]} was not found.")
    found = nearby_open_cases(service=service, lat=lat, long=long)
    rows = [nearby_row(item, jurisdiction.zone) for item in found]
    return render(rows, call.fmt, root="service_requests")


@open311_endpoint("GET")
def request_detail(request: HttpRequest, *, service_request_id: str, call: Call) -> HttpResponse:
    jurisdiction = _jurisdiction(call.params, call.api_key)
    number = normalise_tracking_number(service_request_id)
    found = selectors.request_row_by_id(jurisdiction, number) if number else None
    if found is None:
        raise Open311Error(404, f"service_request_id {service_request_id[:40]} was not found.")
    extensions = _flag(call.params, "extensions")
    if extensions:
        selectors.prefetch_extensions([found])
    row = representations.request_row(found, request, jurisdiction.zone, extensions=extensions)
    return render([row], call.fmt, root="service_requests")


@open311_endpoint("GET")
def token(request: HttpRequest, *, token: str, call: Call) -> HttpResponse:
    jurisdiction = _jurisdiction(call.params, call.api_key)
    state = token_state(jurisdiction, token)
    if state is None:
        raise Open311Error(404, f"token {token[:40]} was not found.")
    if state.error:
        raise Open311Error(400, f"The request with this token was not filed: {state.error}")
    row = {"service_request_id": state.service_request_id, "token": token}
    return render([row], call.fmt, root="service_requests")


@open311_endpoint("GET", "POST")
def service_request_updates(request: HttpRequest, *, call: Call) -> HttpResponse:
    """FixMyStreet's extension: public updates in a window, and updates posted by a client."""
    jurisdiction = _jurisdiction(call.params, call.api_key)
    zone = jurisdiction.zone
    if request.method == "POST":
        if call.api_key is None:
            raise Open311Error(403, "api_key was not provided.")
        parsed: UpdateCreateParams = _schema(UpdateCreateParams, call.params)
        number = normalise_tracking_number(parsed.service_request_id)
        case = selectors.case_for_update(jurisdiction, number) if number else None
        if case is None:
            raise Open311Error(
                404, f"service_request_id {parsed.service_request_id[:40]} was not found."
            )
        try:
            event = open311_update_create(
                case=case,
                description=parsed.description,
                contact=Contact(
                    email=parsed.email,
                    first_name=parsed.first_name,
                    last_name=parsed.last_name,
                ),
                media_url=parsed.media_url,
            )
        except ValidationError as exc:
            raise _validation_error(exc) from None
        except CaseError as exc:
            raise Open311Error(400, str(exc)) from None
        return render([{"update_id": str(event.pk)}], call.fmt, root="service_requests_updates")
    if call.api_key is None or not call.api_key.may_read_updates:
        # Updates across every request are read by partners the city names, not by anyone.
        raise Open311Error(
            403, "servicerequestupdates needs an api_key whose scope allows reading updates."
        )
    start, end = _window(call.params, jurisdiction)
    events = selectors.request_updates(
        jurisdiction, start=start, end=end, limit=selectors.MAX_REQUESTS
    )
    rows = [representations.update_row(e, zone) for e in events]
    return render(rows, call.fmt, root="service_requests_updates")


@csrf_exempt
def media(request: HttpRequest, *, photo: str) -> HttpResponse | FileResponse:
    """A request's public photo, at the media_url its rows report; 404 once staff unpublish it."""
    if request.method not in ("GET", "HEAD"):
        response = render_error(Open311Error(405, "Use GET here."), "json")
        response["Allow"] = "GET, HEAD"
        return response
    attachment = CaseAttachment.objects.filter(token=photo, is_public=True).first()
    if attachment is None:
        return render_error(Open311Error(404, "There is no public photo here."), "json")
    try:
        handle = attachment.file.open("rb")
    except OSError:
        return render_error(Open311Error(404, "There is no public photo here."), "json")
    served = FileResponse(handle, content_type=attachment.content_type or "image/jpeg")
    served["Access-Control-Allow-Origin"] = "*"
    served["Cache-Control"] = "public, max-age=300"
    served["X-Content-Type-Options"] = "nosniff"
    return served
