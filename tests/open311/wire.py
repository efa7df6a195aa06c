"""HTTP requests built byte for byte the way each real Open311 client builds them.

Each encoder below is written from the client library's source (the compatibility
table in docs/open311.md names the file); none of the clients' code is here, only
what goes on the wire: where each parameter goes (URL or body), how names and
values are escaped, which charset, which multipart part headers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from PIL import Image

Pairs = Sequence[tuple[str, str]]


def python_urlencode(pairs: Pairs) -> str:
    """`urllib.parse.urlencode`: UTF-8, quote_plus (space is "+", brackets escaped).

    PyPI `open311` 1.1 (`urlencode(kwargs)`) and `requests` (`three`) both use it.
    """
    return urlencode(list(pairs))


def _qs_escape(text: str) -> str:
    # node `qs`: RFC 3986 escaping as encodeURIComponent, space is %20.
    return quote(text, safe="-_.!~*'()")


def qs_stringify(obj: dict[str, Any]) -> str:
    """node `qs.stringify` (what `request`'s `form:` and `qs:` use), default options.

    Arrays get indices in brackets: {"a": ["x", "y"]} is a%5B0%5D=x&a%5B1%5D=y.
    """
    parts = []
    for key, value in obj.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                parts.append(f"{_qs_escape(f'{key}[{index}]')}={_qs_escape(str(item))}")
        else:
            parts.append(f"{_qs_escape(key)}={_qs_escape(str(value))}")
    return "&".join(parts)


def perl_query_form(pairs: Pairs) -> str:
    """Perl `URI->query_form` after FixMyStreet's `encode('UTF-8', ...)`: space is "+",
    and URI's unreserved set (letters, digits, "-_.!~*'()") left as is."""

    def escape(text: str) -> str:
        return quote(text, safe="-_.!~*'() ").replace(" ", "+")

    return "&".join(f"{escape(k)}={escape(v)}" for k, v in pairs)


def java_url_encoded_form(pairs: Pairs, charset: str = "ISO-8859-1") -> bytes:
    """Apache HttpClient 4's `new UrlEncodedFormEntity(pairs)` (GeoReporter for Android).

    URLEncodedUtils.format in the entity's default charset, ISO-8859-1: "é" is %E9.
    Unreserved: letters, digits and "-_.*"; space is "+".
    """

    def escape(text: str) -> str:
        return quote(text.encode(charset, errors="replace"), safe="-_.* ").replace(" ", "+")

    return "&".join(f"{escape(k)}={escape(v)}" for k, v in pairs).encode("ascii")


@dataclass(frozen=True)
class Part:
    name: str
    value: bytes
    filename: str | None = None
    content_type: str | None = None


def multipart(parts: Iterable[Part], boundary: str, *, style: str) -> bytes:
    """A multipart/form-data body as one client library writes it.

    - "httpmime": Apache httpmime `MultipartEntity` with `StringBody` (US-ASCII text
      parts, each with Content-Type and Content-Transfer-Encoding) and `ByteArrayBody`
      (application/octet-stream, binary): GeoReporter for Android.
    - "urllib3": `requests` with `files=` (no Content-Type on fields; none on a file
      given as an open file): `three`.
    - "lwp": Perl HTTP::Request::Common with `Content_Type => 'form-data'`: FixMyStreet.
    """
    out = io.BytesIO()
    for part in parts:
        out.write(f"--{boundary}\r\n".encode())
        disposition = f'Content-Disposition: form-data; name="{part.name}"'
        if part.filename is not None:
            disposition += f'; filename="{part.filename}"'
        headers = [disposition]
        if style == "httpmime":
            if part.filename is None:
                headers += ["Content-Type: text/plain; charset=US-ASCII"]
                headers += ["Content-Transfer-Encoding: 8bit"]
            else:
                headers += ["Content-Type: application/octet-stream"]
                headers += ["Content-Transfer-Encoding: binary"]
        elif part.content_type is not None:
            headers.append(f"Content-Type: {part.content_type}")
        out.write(("\r\n".join(headers) + "\r\n\r\n").encode())
        out.write(part.value)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def fields(pairs: Pairs, charset: str = "utf-8") -> list[Part]:
    return [Part(name, value.encode(charset, errors="replace")) for name, value in pairs]


def photo_with_gps(fmt: str = "JPEG", size: tuple[int, int] = (64, 48)) -> bytes:
    """A small photo whose EXIF carries a GPS position and a camera make."""
    image = Image.new("RGB", size, (30, 90, 200))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (40.0, 42.0, 46.0)
    gps[3] = "W"
    gps[4] = (74.0, 0.0, 21.0)
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif)
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get(0x010F)) or bool(exif.get_ifd(0x8825))


def send(
    client: Any,
    method: str,
    url: str,
    body: bytes | str = b"",
    content_type: str | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """One request exactly as given: the URL's query string and the body's bytes untouched."""
    kwargs: dict[str, Any] = {"headers": headers or {}}
    if content_type is not None:
        kwargs["content_type"] = content_type
    return client.generic(method, url, body, **kwargs)
