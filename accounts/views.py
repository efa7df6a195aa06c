"""Staff two-step sign-in pages: set up an authenticator or a passkey, prove it, renew codes."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa, passkeys
from accounts import password_reset as password_reset_rules
from accounts.models import PasskeyDevice
from accounts.signals import second_factor_failed, second_factor_verified


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("Enter the code.")},
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("workspace:queue")


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    if user_has_device(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(f"{reverse('accounts:mfa-verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = mfa.totp_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session[mfa.SESSION_REQUIRED] = True
            return render(
                request, "accounts/mfa_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error("code", _("That code did not match. Check the time on your phone."))
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    return render(
        request,
        "accounts/mfa_setup.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return HttpResponseRedirect(f"{reverse('accounts:mfa-setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.second_factor_check(user=request.user, token=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            _told(second_factor_verified, request, _method(device))
            return HttpResponseRedirect(_next(request))
        _told(second_factor_failed, request, "code")
        form.add_error(
            "code", _("That code did not work. Try the newest code, or a recovery code.")
        )
    return _verify_page(request, form, status=400 if form.errors else 200)


def _verify_page(
    request: HttpRequest, form: CodeForm, *, status: int = 200, passkey_error: str = ""
) -> HttpResponse:
    return render(
        request,
        "accounts/mfa_verify.html",
        {
            "form": form,
            "next": _next(request),
            "passkey_options": passkeys.authentication_options(request=request, user=request.user),
            "passkey_error": passkey_error,
        },
        status=status,
    )


def _passkey_message(error: passkeys.PasskeyError) -> str:
    code = str(error)
    if code == "expired":
        return _("The passkey request expired. Try again.")
    if code == "too-many":
        return _("You have the most passkeys allowed. Remove one first.")
    if code == "known":
        return _("That passkey is already registered.")
    return _("That passkey did not work. Try again, or enter a code instead.")


@login_required
@require_POST
def mfa_passkey_verify(request: HttpRequest) -> HttpResponse:
    """The second step with a passkey: the browser signed the challenge of the verify page."""
    try:
        device = passkeys.passkey_authenticate(
            request=request,
            user=request.user,
            credential_json=request.POST.get("credential", ""),
        )
    except passkeys.PasskeyError as error:
        _told(second_factor_failed, request, "passkey")
        return _verify_page(request, CodeForm(), status=400, passkey_error=_passkey_message(error))
    otp_login(request, device)
    _told(second_factor_verified, request, "passkey")
    return HttpResponseRedirect(_next(request))


def _method(device: object) -> str:
    return {"TOTPDevice": "totp", "StaticDevice": "recovery"}.get(type(device).__name__, "other")


def _told(signal: Signal, request: HttpRequest, method: str) -> None:
    signal.send(sender=mfa_verify, request=request, user=request.user, method=method)


def _may_add_a_factor(request: HttpRequest) -> bool:
    """A first factor may be added by anyone signed in; more only once this session proved one
    (a password alone must not be enough to add an attacker's passkey)."""
    return not user_has_device(request.user) or request.user.is_verified()  # type: ignore[union-attr]


@login_required
@require_http_methods(["GET", "POST"])
def mfa_passkeys(request: HttpRequest) -> HttpResponse:
    """The user's passkeys, and adding one (needs JavaScript; the app code does not)."""
    if not _may_add_a_factor(request):
        return HttpResponseRedirect(f"{reverse('accounts:mfa-verify')}?next={request.path}")
    error = ""
    if request.method == "POST":
        first = not user_has_device(request.user)
        try:
            device = passkeys.passkey_register(
                request=request,
                user=request.user,
                credential_json=request.POST.get("credential", ""),
                name=request.POST.get("name", ""),
            )
        except passkeys.PasskeyError as exc:
            error = _passkey_message(exc)
        else:
            otp_login(request, device)
            request.session[mfa.SESSION_REQUIRED] = True
            if first:
                codes = mfa.recovery_codes_renew(user=request.user)
                return render(
                    request, "accounts/mfa_codes.html", {"codes": codes, "next": _next(request)}
                )
            return HttpResponseRedirect(reverse("accounts:mfa-passkeys"))
    return render(
        request,
        "accounts/mfa_passkeys.html",
        {
            "passkeys": PasskeyDevice.objects.filter(user=request.user, confirmed=True),
            "options": passkeys.registration_options(request=request, user=request.user),
            "error": error,
            "next": _next(request),
            "max_name": passkeys.MAX_NAME,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def mfa_passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(reverse("accounts:mfa-verify"))
    passkeys.passkey_remove(user=request.user, device_id=pk)
    return HttpResponseRedirect(reverse("accounts:mfa-passkeys"))


@login_required
@require_POST
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(reverse("accounts:mfa-verify"))
    codes = mfa.recovery_codes_renew(user=request.user)
    return render(request, "accounts/mfa_codes.html", {"codes": codes, "next": _next(request)})


# --- Forgotten staff passwords (Django's views; limits in accounts/password_reset.py) ----

_RESET = "accounts/password_reset"


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link. The same answer whether or not the address has a staff account."""
    if request.method == "POST" and not password_reset_rules.address_may_ask(
        request, scope=password_reset_rules.StaffPasswordResetForm.scope
    ):
        return render(request, f"{_RESET}_too_many.html", status=429)
    return auth_views.PasswordResetView.as_view(  # type: ignore[return-value]
        form_class=password_reset_rules.StaffPasswordResetForm,
        token_generator=password_reset_rules.staff_token_generator,
        template_name=f"{_RESET}.html",
        email_template_name=f"{_RESET}_email.txt",
        subject_template_name=f"{_RESET}_subject.txt",
        success_url=reverse("staff_password:done"),
    )(request)


@require_GET
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, f"{_RESET}_done.html")


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    return auth_views.PasswordResetConfirmView.as_view(  # type: ignore[return-value]
        form_class=password_reset_rules.NewPasswordForm,
        token_generator=password_reset_rules.staff_token_generator,
        template_name=f"{_RESET}_confirm.html",
        success_url=reverse("staff_password:complete"),
    )(request, uidb64=uidb64, token=token)


@require_GET
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, f"{_RESET}_complete.html")
