from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the process answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def staff_only(
    request: HttpRequest, *, may: Callable[[Any], bool], refusal: str
) -> HttpResponse | None:
    """The door of a staff page outside the workspace (insights, root causes): None when
    the user may see it; a redirect to the staff sign-in, coming back here, when nobody
    is signed in; PermissionDenied (the styled 403) with `refusal` otherwise."""
    if not request.user.is_authenticated:
        login = reverse("workspace:login")
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    if not may(request.user):
        raise PermissionDenied(refusal)
    return None
