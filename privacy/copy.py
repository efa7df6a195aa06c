"""A resident's copy of their data, as a download or a readable page (staff and portal)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string


def copy_response(export: dict[str, Any], *, fmt: str, name: str) -> HttpResponse:
    """A resident's data as a JSON download or a readable HTML page (staff and portal)."""
    if fmt == "json":
        response = HttpResponse(
            json.dumps(export, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    else:
        response = HttpResponse(
            render_to_string("privacy/copy.html", {"export": export}),
            content_type="text/html; charset=utf-8",
        )
    response["Cache-Control"] = "no-store"
    return response
