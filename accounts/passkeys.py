"""Staff passkeys (WebAuthn) as a second factor beside TOTP: the two ceremonies.

Registration: ``registration_options`` gives the browser a fresh challenge (kept
in the session), ``passkey_register`` checks what the authenticator signed and
stores its public key. Sign-in: ``authentication_options`` lists the user's
passkeys with a fresh challenge, ``passkey_authenticate`` checks the signature,
the origin, the relying party and that the sign counter went up (a cloned or
replayed assertion does not). Each challenge is used once and for five minutes.
py_webauthn does the verification (docs/decisions/0010-passkeys.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import timezone
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.base64url_to_bytes import base64url_to_bytes
from webauthn.helpers.exceptions import (
    InvalidAuthenticationResponse,
    InvalidRegistrationResponse,
)
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from accounts.models import PasskeyDevice

# What a browser sends back is a few kilobytes; anything far bigger is not a credential.
MAX_CREDENTIAL_JSON = 16_000
MAX_NAME = 64
CHALLENGE_SECONDS = 300
MAX_PASSKEYS = 10
_SESSION_REGISTER = "passkey_register_challenge"
_SESSION_SIGN_IN = "passkey_sign_in_challenge"


class PasskeyError(Exception):
    """A ceremony that did not verify; the message is safe to show."""


@dataclass(frozen=True)
class RelyingParty:
    id: str
    origins: list[str]
    name: str


def relying_party(request: HttpRequest) -> RelyingParty:
    """Who we are to the authenticator: configured, or the host the browser is on.

    The host has passed ALLOWED_HOSTS; the browser itself refuses an RP ID that is not
    its page's host or a parent of it, so an attacker's page cannot ask for ours.
    """
    host = request.get_host()
    rp_id = settings.WEBAUTHN_RP_ID or split_domain_port(host)[0]
    origins = list(settings.WEBAUTHN_ORIGINS) or [f"{request.scheme}://{host}"]
    return RelyingParty(id=rp_id, origins=origins, name=settings.OTP_TOTP_ISSUER)


def _user_handle(user: Any) -> bytes:
    # Stable per user and reveals nothing (no username, no database id in the clear).
    return hmac.new(
        settings.SECRET_KEY.encode(), f"webauthn-user:{user.pk}".encode(), hashlib.sha256
    ).digest()


def _descriptors(user: Any) -> list[PublicKeyCredentialDescriptor]:
    rows = PasskeyDevice.objects.filter(user=user, confirmed=True).values_list(
        "credential_id", "transports"
    )
    descriptors = []
    for credential_id, transports in rows:
        known = [AuthenticatorTransport(t) for t in transports or [] if t in _TRANSPORTS]
        descriptors.append(
            PublicKeyCredentialDescriptor(
                id=base64url_to_bytes(credential_id), transports=known or None
            )
        )
    return descriptors


_TRANSPORTS = {t.value for t in AuthenticatorTransport}


def _remember(request: HttpRequest, key: str, challenge: bytes) -> None:
    request.session[key] = {"challenge": bytes_to_base64url(challenge), "at": int(time.time())}


def _take(request: HttpRequest, key: str) -> bytes:
    """The challenge we issued, once: a second use of it (a replay) finds nothing."""
    stored = request.session.pop(key, None)
    if not isinstance(stored, dict) or time.time() - stored.get("at", 0) > CHALLENGE_SECONDS:
        raise PasskeyError("expired")
    return base64url_to_bytes(stored["challenge"])


def registration_options(*, request: HttpRequest, user: Any) -> dict[str, Any]:
    """Options for navigator.credentials.create() (JSON-ready); the challenge stays in the
    session."""
    rp = relying_party(request)
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=rp.name,
        user_id=_user_handle(user),
        user_name=user.get_username(),
        user_display_name=user.get_full_name() or user.get_username(),
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        timeout=CHALLENGE_SECONDS * 1000,
    )
    _remember(request, _SESSION_REGISTER, options.challenge)
    return dict(json.loads(options_to_json(options)))


def authentication_options(*, request: HttpRequest, user: Any) -> dict[str, Any] | None:
    """Options for navigator.credentials.get() over the user's passkeys, or None if none."""
    descriptors = _descriptors(user)
    if not descriptors:
        return None
    rp = relying_party(request)
    options = generate_authentication_options(
        rp_id=rp.id,
        allow_credentials=descriptors,
        user_verification=UserVerificationRequirement.PREFERRED,
        timeout=CHALLENGE_SECONDS * 1000,
    )
    _remember(request, _SESSION_SIGN_IN, options.challenge)
    return dict(json.loads(options_to_json(options)))


def _parse(credential_json: str) -> dict[str, Any]:
    if not credential_json or len(credential_json) > MAX_CREDENTIAL_JSON:
        raise PasskeyError("missing")
    try:
        data = json.loads(credential_json)
    except ValueError:
        raise PasskeyError("malformed") from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise PasskeyError("malformed")
    return data


@transaction.atomic
def passkey_register(
    *, request: HttpRequest, user: Any, credential_json: str, name: str
) -> PasskeyDevice:
    """Verify the authenticator's attestation ("none" is enough: we trust the key, not the
    maker) and keep its public key. Raises PasskeyError."""
    challenge = _take(request, _SESSION_REGISTER)
    data = _parse(credential_json)
    if PasskeyDevice.objects.filter(user=user).count() >= MAX_PASSKEYS:
        raise PasskeyError("too-many")
    rp = relying_party(request)
    try:
        verified = verify_registration_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origins,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError):
        raise PasskeyError("invalid") from None
    credential_id = bytes_to_base64url(verified.credential_id)
    if PasskeyDevice.objects.filter(credential_id=credential_id).exists():
        raise PasskeyError("known")
    transports = (data.get("response") or {}).get("transports") or []
    return PasskeyDevice.objects.create(  # type: ignore[no-any-return]
        user=user,
        name=(name.strip() or "Passkey")[:MAX_NAME],
        confirmed=True,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[t for t in transports if isinstance(t, str) and t in _TRANSPORTS][:8],
        created_at=timezone.now(),
    )


@transaction.atomic
def passkey_authenticate(*, request: HttpRequest, user: Any, credential_json: str) -> PasskeyDevice:
    """The user's passkey that signed our challenge. Raises PasskeyError.

    The device row is locked while its counter is checked and raised, so two
    copies of one assertion sent at once cannot both pass.
    """
    challenge = _take(request, _SESSION_SIGN_IN)
    data = _parse(credential_json)
    device = (
        PasskeyDevice.objects.select_for_update()
        .filter(user=user, confirmed=True, credential_id=data["id"])
        .first()
    )
    if device is None:
        raise PasskeyError("unknown")
    rp = relying_party(request)
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origins,
            credential_public_key=bytes(device.public_key),
            credential_current_sign_count=device.sign_count,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError):
        raise PasskeyError("invalid") from None
    device.sign_count = verified.new_sign_count
    device.last_used_at = timezone.now()
    device.save(update_fields=["sign_count", "last_used_at"])
    return device  # type: ignore[no-any-return]


def passkey_remove(*, user: Any, device_id: int) -> bool:
    deleted: int = PasskeyDevice.objects.filter(user=user, pk=device_id).delete()[0]
    return deleted > 0
