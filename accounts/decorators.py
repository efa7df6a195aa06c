"""View decorators for staff pages, whichever app serves them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from accounts.models import User


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and allowed to work cases (BRE officers are not)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            login = resolve_url(settings.LOGIN_URL)
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        if not (user.is_superuser or user.has_perm("cases.view_case")):
            raise PermissionDenied(_("Your role does not include working cases."))
        return view(request, *args, **kwargs)

    return wrapped


def signed_in_user(request: HttpRequest) -> User:
    """The staff member behind a request that a decorator (or the admin) let through, typed
    as the user model for the services' `by`; refuses (403) anything else."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
