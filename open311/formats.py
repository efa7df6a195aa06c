"""Open311 responses in JSON or XML, and the spec's error document.

XML is built with ElementTree, so user text is always escaped; characters XML
1.0 cannot carry at all (most control characters) are dropped rather than sent
as a document that clients fail to parse.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

FORMATS = ("json", "xml")

# The element name of each item of a list, by the list's element name.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "service_requests_updates": "request_update",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "steps": "step",
    "timeline": "event",
}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Open311Error(Exception):
    """An error answered in the spec's format: [{"code": status, "description": ...}]."""

    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = list(descriptions) or ["Error"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _append(parent: ET.Element, tag: str, value: Any) -> None:
    element = ET.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ET.Element, tag: str, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _append(element, key, child)
    elif isinstance(value, list | tuple):
        item_tag = ITEM_TAGS.get(tag, "item")
        for child in value:
            _append(element, item_tag, child)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Mapping[str, Any] | Sequence[Any]) -> bytes:
    element = ET.Element(root)
    _fill(element, root, data)
    body = ET.tostring(element, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}'.encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def render(data: Any, fmt: str, *, root: str, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            to_xml(root, data), status=status, content_type="text/xml; charset=utf-8"
        )
    body = json.dumps(data, default=_json_default, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def render_error(error: Open311Error, fmt: str) -> HttpResponse:
    data = [{"code": error.status, "description": d} for d in error.descriptions]
    return render(data, fmt if fmt in FORMATS else "json", root="errors", status=error.status)
