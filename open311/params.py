"""Reading an Open311 call's parameters where real clients put them, in the charset they use.

Clients put parameters in the query string, the body, or both (PyPI `open311` sends
`api_key` and `jurisdiction_id` in the URL of a POST; FixMyStreet sends everything in
the body), form-encoded or multipart, in UTF-8 or a declared charset such as
ISO-8859-1 or windows-1252. `read_params` merges the query string and the body (the
body wins for a name both carry) and decodes every name and value:

- a declared charset other than UTF-8 is used as declared;
- otherwise UTF-8, and bytes that are not UTF-8 are read as windows-1252 (then
  Latin-1), so a Latin-1 "é" sent without a charset arrives as "é", never U+FFFD.

Then the typed schemas below check the parameters of each call (pydantic, as the
REST API's django-ninja schemas do), before the domain's own rules
(`open311.services`, `cases.services.case_validate`).
"""

from __future__ import annotations

import codecs
import re
from typing import Any, Self

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, QueryDict
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

MAX_TEXT = 10_000  # description; case_validate says the same in the resident's words
MAX_SHORT = 1_000
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 1000

_UTF8 = frozenset({"utf-8", "utf8"})
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](?:\[(\d{0,4})\])?$")
# Parts that carry a photo: `media` (GeoReport v2.1, GeoReporter for Android, `three`)
# and FixMyStreet's `photo1`, `photo2`, ... when it uploads instead of linking.
_PHOTO_PART = re.compile(r"^(media|photo\d{1,2})$")


class ParamsError(ValueError):
    """The parameters could not be read (an unknown charset); the message is for the client."""


def declared_charset(request: HttpRequest) -> str | None:
    """The charset the Content-Type names, normalised; None when none is named."""
    raw = request.content_params.get("charset", "") if request.content_params else ""
    raw = raw.strip().strip('"').lower()
    if not raw:
        return None
    try:
        return codecs.lookup(raw).name
    except LookupError:
        raise ParamsError(f"charset {raw[:40]} is not supported; send UTF-8.") from None


def _decoded(text: str, charset: str | None) -> str:
    """`text` holds raw bytes as Latin-1 characters; decode them as the client meant."""
    raw = text.encode("latin-1", errors="replace")
    if charset is not None and charset not in _UTF8:
        return raw.decode(charset, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _form(raw: str | bytes, charset: str | None) -> QueryDict:
    # Latin-1 maps every byte to one character, so nothing is lost before _decoded.
    as_bytes = QueryDict(raw, encoding="latin-1")
    decoded = QueryDict(mutable=True)
    for name, values in as_bytes.lists():
        decoded.setlist(_decoded(name, charset), [_decoded(v, charset) for v in values])
    return decoded


def read_params(request: HttpRequest) -> tuple[QueryDict, list[UploadedFile[bytes]]]:
    """The query string and the body merged (the body wins), and any photo parts.

    Raises ParamsError for an unknown charset; Django's own SuspiciousOperation
    (too many fields, too big a body) and MultiPartParserError pass through.
    """
    merged = _form(request.META.get("QUERY_STRING", ""), None)
    photos: list[UploadedFile[bytes]] = []
    if request.method == "POST":
        charset = declared_charset(request)
        if request.content_type == "multipart/form-data":
            # Django decodes the fields with request.encoding: Latin-1 keeps the bytes.
            request.encoding = "latin-1"
            body = QueryDict(mutable=True)
            for name, values in request.POST.lists():
                body.setlist(_decoded(name, charset), [_decoded(v, charset) for v in values])
            for name, files in request.FILES.lists():
                if _PHOTO_PART.match(_decoded(name, charset)):
                    for upload in files:
                        upload.name = _decoded(upload.name or "", charset)
                        photos.append(upload)
        elif request.content_type == "application/x-www-form-urlencoded":
            # request.POST refuses any charset but UTF-8 (BadRequest); read the body.
            body = _form(request.body, charset)
        else:
            body = QueryDict()
        merged = merged.copy()
        for name, values in body.lists():
            merged.setlist(name, values)
    return merged, photos


def attributes(params: QueryDict) -> dict[str, Any]:
    """attribute[code]=v; attribute[code][]=v or attribute[code][0]=v repeated for a list.

    Indexed values (what node-open311's `qs` writes for an array) keep their index order.
    """
    answers: dict[str, Any] = {}
    indexed: dict[str, list[tuple[int, str]]] = {}
    for name in params:
        match = _ATTRIBUTE.match(name)
        if match is None:
            continue
        code, index = match.group(1), match.group(2)
        values = params.getlist(name)
        if index:
            indexed.setdefault(code, []).extend((int(index), v) for v in values)
        elif index is not None or len(values) > 1:
            existing = answers.get(code)
            answers[code] = [*(existing if isinstance(existing, list) else []), *values]
        else:
            answers[code] = values[0]
    for code, pairs in indexed.items():
        existing = answers.get(code)
        ordered = [v for _, v in sorted(pairs, key=lambda pair: pair[0])]
        answers[code] = [*(existing if isinstance(existing, list) else []), *ordered]
    return answers


def schema_errors(exc: ValidationError) -> list[str]:
    """One line per problem, named by parameter."""
    lines = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"]) or "request"
        message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(message if message.startswith(name) else f"{name}: {message}")
    return lines


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    @classmethod
    def from_query(cls, params: QueryDict) -> Self:
        """The last value of each name, as Django's QueryDict.get reads it."""
        names = set(cls.model_fields)
        return cls.model_validate({name: params.get(name) for name in params if name in names})


class RequestCreateParams(_Params):
    """POST requests: GeoReport v2's parameters (attributes and photos are read beside it)."""

    service_code: str = Field(default="", max_length=200, validate_default=True)
    lat: str = Field(default="", max_length=40)
    long: str = Field(default="", max_length=40)
    address_string: str = Field(default="", max_length=MAX_SHORT)
    # Not GeoReport v2, but node-open311's README example and GeoReporter send it.
    address: str = Field(default="", max_length=MAX_SHORT)
    address_id: str = Field(default="", max_length=MAX_SHORT)
    zipcode: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=MAX_SHORT)
    phone: str = Field(default="", max_length=MAX_SHORT)
    first_name: str = Field(default="", max_length=MAX_SHORT)
    last_name: str = Field(default="", max_length=MAX_SHORT)
    device_id: str = Field(default="", max_length=MAX_SHORT)
    account_id: str = Field(default="", max_length=MAX_SHORT)
    description: str = Field(default="", max_length=MAX_TEXT)
    media_url: str = Field(default="", max_length=2 * MAX_SHORT)

    @field_validator("service_code")
    @classmethod
    def _service_code_given(cls, value: str) -> str:
        if not value:
            raise ValueError("service_code was not provided.")
        return value


class UpdateCreateParams(_Params):
    """POST servicerequestupdates (FixMyStreet's extension)."""

    service_request_id: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=MAX_TEXT)
    email: str = Field(default="", max_length=MAX_SHORT)
    first_name: str = Field(default="", max_length=MAX_SHORT)
    last_name: str = Field(default="", max_length=MAX_SHORT)
    media_url: str = Field(default="", max_length=2 * MAX_SHORT)

    @model_validator(mode="after")
    def _required(self) -> Self:
        if not self.service_request_id:
            raise ValueError("service_request_id was not provided.")
        if not self.description:
            raise ValueError("description was not provided.")
        return self


class PageParams(_Params):
    """The paging extension on GET requests (page from 1; page_size at most 1000).

    A page_size above the cap is read as the cap: three's `count` and Chicago-style
    clients ask for "as many as you give".
    """

    page: int | None = Field(default=None, ge=1, le=MAX_PAGE)
    page_size: int | None = Field(default=None, ge=1)

    @field_validator("page", "page_size", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def limit(self) -> int:
        return min(self.page_size or MAX_PAGE_SIZE, MAX_PAGE_SIZE)

    @property
    def offset(self) -> int:
        return ((self.page or 1) - 1) * self.limit


__all__ = [
    "PageParams",
    "ParamsError",
    "RequestCreateParams",
    "UpdateCreateParams",
    "attributes",
    "read_params",
    "schema_errors",
]
