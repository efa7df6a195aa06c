"""Serving case photos and attachments, only ever through a view that checked the viewer.

Nothing under ``MEDIA_ROOT`` is served by URL, under DEBUG either: staff open a
photo at ``/staff/photos/<token>/`` (cases of their departments), a resident at
``/requests/<number>/photos/<token>/`` (the case they tracked in this session or
own through their account; public photos only), Open311 clients the public ones
at its media URL. Each door checks its viewer, then calls ``attachment_response``.

In production the web process need not stream the bytes: with
``CIVICDESK_MEDIA_ACCEL=nginx`` it answers with ``X-Accel-Redirect`` to an
``internal`` location, with ``apache`` with ``X-Sendfile`` (mod_xsendfile), and
the server sends the file. Storages without local paths (S3-compatible through
django-storages) are streamed from the storage. See docs/operations.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase

from cases.models import CaseAttachment
from cases.selectors import cases_visible_to

ACCEL_MODES = ("none", "nginx", "apache")


def attachment_for_staff(user: Any, token: str) -> CaseAttachment | None:
    """The attachment behind ``token`` if this staff member may see its case."""
    if not token or len(token) > 32:
        return None
    return (
        CaseAttachment.objects.filter(token=token, case__in=cases_visible_to(user))
        .select_related("case")
        .first()
    )


def public_attachments(case: Any) -> QuerySet[CaseAttachment]:
    """What the resident who made the case sees: photos not kept for staff only."""
    return CaseAttachment.objects.filter(case=case, is_public=True).order_by("uploaded_at", "id")


def _local_path(attachment: CaseAttachment) -> str | None:
    try:
        return str(attachment.file.path)
    except (NotImplementedError, ValueError):  # a remote storage, or no file
        return None


def _headers(response: HttpResponseBase, attachment: CaseAttachment) -> HttpResponseBase:
    response["Content-Type"] = attachment.content_type or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    # Never cached by a shared cache; a kiosk's browser keeps nothing either.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{attachment.token}.jpg"'
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment_response(attachment: CaseAttachment) -> HttpResponseBase:
    """The file, sent by us or by the front server as ``MEDIA_ACCEL`` says. 404 if gone."""
    mode = settings.MEDIA_ACCEL
    path = _local_path(attachment)
    if mode == "nginx" and path is not None:
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_PREFIX + str(attachment.file.name)
        return _headers(response, attachment)
    if mode == "apache" and path is not None:
        response = HttpResponse()
        response["X-Sendfile"] = path
        return _headers(response, attachment)
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError):
        raise Http404("There is no such file.") from None
    return _headers(FileResponse(handle), attachment)
