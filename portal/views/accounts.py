"""Resident accounts: sign up, in and out, their requests, email checks, forgotten passwords."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.languages import localised
from core.ratelimit import client_ip, hit
from portal import selectors
from portal.forms import ResidentPasswordResetForm, ResidentSetPasswordForm, SignUpForm
from portal.models import VerifiedEmail
from portal.services import email_verification_confirm, email_verification_send, resident_sign_up
from portal.views.base import page_language, portal_view, render_page, setting_int


@require_http_methods(["GET", "POST"])
@portal_view
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Each sign-up hashes a password and sends an email: limited per address.
        limit = setting_int("PORTAL_SIGN_UPS_PER_HOUR", 10)
        if not hit("portal-sign-up", client_ip(request), limit=limit, window_seconds=3600):
            return render_page(request, "portal/too_many.html", {}, status=429)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, _resident = resident_sign_up(
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                language=page_language(request),
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                form.add_error(name, messages[0])
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            email_verification_send(user=user)
            return HttpResponseRedirect(reverse("portal:my_cases"))
    status = 400 if request.method == "POST" else 200
    return render_page(request, "portal/sign_up.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@portal_view
def sign_in(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    form.fields["username"].label = _("Email address")
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = reverse("portal:my_cases")
        return HttpResponseRedirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render_page(
        request, "portal/sign_in.html", {"form": form, "next": request.GET.get("next", "")}, status
    )


@require_POST
@portal_view
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("portal:home"))


@require_GET
@portal_view
def my_cases(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(
            f"{reverse('portal:sign_in')}?next={reverse('portal:my_cases')}"
        )
    cases = list(selectors.cases_for_residents(selectors.resident_ids_for_user(request.user)))
    verified = VerifiedEmail.objects.filter(user=request.user).exists()
    language = page_language(request)
    rows = [
        {
            "case": case,
            "service": localised(case.service, language, "name"),
            "due": selectors.format_promise_date(case.resolution_due, request.jurisdiction),  # type: ignore[attr-defined]
        }
        for case in cases
    ]
    return render_page(request, "portal/my_cases.html", {"rows": rows, "verified": verified})


@require_GET
@portal_view
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('portal:sign_in')}?next={request.path}")
    try:
        email_verification_confirm(user=request.user, token=token)
    except ValidationError as exc:
        return render_page(request, "portal/verify_failed.html", {"message": exc.messages[0]}, 400)
    return HttpResponseRedirect(reverse("portal:my_cases"))


@require_POST
@portal_view
def resend_verification(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and hit(
        "portal-verify", str(request.user.pk), limit=5, window_seconds=3600
    ):
        email_verification_send(user=request.user)
    return HttpResponseRedirect(reverse("portal:my_cases") + "?sent=1")


# --- Forgotten passwords (Django's views, rate-limited, in the portal's pages) ------------

_RESET_TEMPLATES = "portal/password_reset"


@require_http_methods(["GET", "POST"])
@portal_view
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same whether or not the address has an
    account, so the page cannot be used to find out who has one."""
    if request.method == "POST":
        limit = setting_int("PORTAL_PASSWORD_RESETS_PER_HOUR", 5)
        if not hit("portal-password-reset", client_ip(request), limit=limit, window_seconds=3600):
            return render_page(request, "portal/too_many.html", {}, status=429)
    return auth_views.PasswordResetView.as_view(  # type: ignore[return-value]
        form_class=ResidentPasswordResetForm,
        template_name=f"{_RESET_TEMPLATES}.html",
        email_template_name=f"{_RESET_TEMPLATES}_email.txt",
        subject_template_name=f"{_RESET_TEMPLATES}_subject.txt",
        success_url=reverse("portal:password_reset_done"),
        extra_context={"jurisdiction": request.jurisdiction},  # type: ignore[attr-defined]
    )(request)


@require_GET
@portal_view
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render_page(request, f"{_RESET_TEMPLATES}_done.html", {})


@require_http_methods(["GET", "POST"])
@portal_view
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    return auth_views.PasswordResetConfirmView.as_view(  # type: ignore[return-value]
        form_class=ResidentSetPasswordForm,
        template_name=f"{_RESET_TEMPLATES}_confirm.html",
        success_url=reverse("portal:password_reset_complete"),
        extra_context={"jurisdiction": request.jurisdiction},  # type: ignore[attr-defined]
    )(request, uidb64=uidb64, token=token)


@require_GET
@portal_view
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render_page(request, f"{_RESET_TEMPLATES}_complete.html", {})
