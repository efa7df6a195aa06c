"""Staff passkeys (WebAuthn) beside TOTP, with a software authenticator's real signatures."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import PasskeyDevice
from tests.accounts.authenticator import SoftAuthenticator, b64url, unb64url
from tests.factories import PASSWORD

PASSKEYS = "/staff/mfa/passkeys/"
VERIFY = "/staff/mfa/verify/"
PASSKEY_VERIFY = "/staff/mfa/passkey/"


@pytest.fixture(autouse=True)
def _admins_must_use_it(settings: Any) -> None:
    cache.clear()
    settings.MFA_REQUIRED_ROLES = ["administrator", "department_admin"]


def _signed_in(username: str) -> Client:
    client = Client()
    response = client.post("/staff/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _options(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="passkey-options" type="application/json">(.*?)</script>', page)
    assert found is not None, "no passkey options on the page"
    return dict(json.loads(found.group(1)))


def _register(client: Client, key: SoftAuthenticator, name: str = "Work laptop") -> Any:
    options = _options(client.get(PASSKEYS).content.decode())
    return client.post(
        PASSKEYS, {"credential": json.dumps(key.create(options)), "name": name, "next": "/staff/"}
    )


def _sign_in_options(client: Client) -> dict[str, Any]:
    return _options(client.get(f"{VERIFY}?next=/staff/").content.decode())


@pytest.fixture
def ada_key(city: Any) -> SoftAuthenticator:
    key = SoftAuthenticator()
    response = _register(_signed_in("ada"), key)
    assert response.status_code == 200
    return key


@pytest.mark.django_db
def test_an_administrator_registers_a_passkey_and_gets_recovery_codes(city):
    ada = _signed_in("ada")
    assert ada.get("/staff/")["Location"].startswith("/staff/mfa/setup/")
    key = SoftAuthenticator()

    page = _register(ada, key).content.decode()

    device = PasskeyDevice.objects.get(user=city.ada)
    assert device.name == "Work laptop"
    assert device.credential_id == b64url(key.credential_id)
    assert device.transports == ["internal"]
    assert len(re.findall(r"<code>(\d{10})</code>", page)) == 10
    assert ada.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_the_options_name_our_site_and_the_user_but_not_the_database_id(city):
    options = _options(_signed_in("ada").get(PASSKEYS).content.decode())

    assert options["rp"]["id"] == "testserver"
    assert options["user"]["name"] == "ada"
    assert unb64url(options["user"]["id"]) != str(city.ada.pk).encode()
    assert options["attestation"] == "none"


@pytest.mark.django_db
def test_next_sign_in_takes_the_passkey_and_opens_the_workspace_and_the_admin(city, ada_key):
    ada = _signed_in("ada")
    assert ada.get("/staff/")["Location"].startswith(VERIFY)
    assert ada.get("/admin/")["Location"].startswith(VERIFY)

    assertion = ada_key.get(_sign_in_options(ada))
    response = ada.post(PASSKEY_VERIFY, {"credential": json.dumps(assertion), "next": "/staff/"})

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert ada.get("/staff/").status_code == 200
    assert ada.get("/admin/").status_code == 200
    assert PasskeyDevice.objects.get().sign_count == 1


@pytest.mark.django_db
def test_a_tampered_signature_is_refused(city, ada_key):
    ada = _signed_in("ada")
    assertion = ada_key.get(_sign_in_options(ada))
    signature = bytearray(unb64url(assertion["response"]["signature"]))
    signature[-1] ^= 0x01
    assertion["response"]["signature"] = b64url(bytes(signature))

    response = ada.post(PASSKEY_VERIFY, {"credential": json.dumps(assertion)})

    assert response.status_code == 400
    assert "That passkey did not work" in response.content.decode()
    assert ada.get("/staff/")["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_an_assertion_signed_for_another_origin_is_refused(city, ada_key):
    ada = _signed_in("ada")
    ada_key.origin = "https://evil.example"

    assertion = ada_key.get(_sign_in_options(ada))
    response = ada.post(PASSKEY_VERIFY, {"credential": json.dumps(assertion)})

    assert response.status_code == 400
    assert ada.get("/staff/")["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_an_assertion_for_another_relying_party_is_refused(city, ada_key):
    ada = _signed_in("ada")

    assertion = ada_key.get(_sign_in_options(ada), rp_id="evil.example")
    response = ada.post(PASSKEY_VERIFY, {"credential": json.dumps(assertion)})

    assert response.status_code == 400


@pytest.mark.django_db
def test_a_replayed_assertion_is_refused(city, ada_key):
    first = _signed_in("ada")
    assertion = json.dumps(ada_key.get(_sign_in_options(first)))
    assert first.post(PASSKEY_VERIFY, {"credential": assertion}).status_code == 302

    # The same bytes again, in the same session: the challenge was used once.
    assert first.post(PASSKEY_VERIFY, {"credential": assertion}).status_code == 400
    # ...or against a fresh challenge in a new session: the challenge does not match.
    second = _signed_in("ada")
    _sign_in_options(second)
    assert second.post(PASSKEY_VERIFY, {"credential": assertion}).status_code == 400
    assert second.get("/staff/")["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_a_cloned_authenticator_whose_counter_did_not_go_up_is_refused(city, ada_key):
    first = _signed_in("ada")
    ada_key.sign_count = 40
    assert (
        first.post(
            PASSKEY_VERIFY, {"credential": json.dumps(ada_key.get(_sign_in_options(first)))}
        ).status_code
        == 302
    )

    # A copy of the key, behind the original: its counter is lower than the one we saw.
    ada_key.sign_count = 10
    clone = _signed_in("ada")
    response = clone.post(
        PASSKEY_VERIFY, {"credential": json.dumps(ada_key.get(_sign_in_options(clone)))}
    )

    assert response.status_code == 400
    assert PasskeyDevice.objects.get().sign_count == 41


@pytest.mark.django_db
def test_another_users_passkey_does_not_sign_this_user_in(city, ada_key):
    sam_key = SoftAuthenticator()
    sam = _signed_in("sam")
    assert _register(sam, sam_key).status_code == 200
    ada = _signed_in("ada")
    options = _sign_in_options(ada)
    options["allowCredentials"] = [{"id": b64url(sam_key.credential_id), "type": "public-key"}]

    response = ada.post(PASSKEY_VERIFY, {"credential": json.dumps(sam_key.get(options))})

    assert response.status_code == 400
    assert ada.get("/staff/")["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_a_registration_for_another_challenge_adds_nothing(city):
    ada = _signed_in("ada")
    options = _options(ada.get(PASSKEYS).content.decode())
    options["challenge"] = b64url(b"not the challenge we were given")

    response = ada.post(PASSKEYS, {"credential": json.dumps(SoftAuthenticator().create(options))})

    assert response.status_code == 400
    assert "That passkey did not work" in response.content.decode()
    assert not PasskeyDevice.objects.exists()


@pytest.mark.django_db
def test_a_password_alone_cannot_add_a_passkey_to_a_protected_account(city, ada_key):
    attacker = _signed_in("ada")  # knows the password, not the passkey

    page = attacker.get(PASSKEYS)
    posted = attacker.post(PASSKEYS, {"credential": "{}"})

    assert page.status_code == 302
    assert page["Location"].startswith(VERIFY)
    assert posted.status_code == 302
    assert PasskeyDevice.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "credential", ["", "not json", "[1, 2]", '{"id": 5}', "x" * 20_000, '{"id": "AAAA"}']
)
def test_odd_input_gets_a_message_not_a_500(city, ada_key, credential):
    ada = _signed_in("ada")
    _sign_in_options(ada)

    response = ada.post(PASSKEY_VERIFY, {"credential": credential})

    assert response.status_code == 400
    assert "passkey" in response.content.decode()


@pytest.mark.django_db
def test_without_javascript_the_code_form_is_there_and_a_recovery_code_works(city):
    ada = _signed_in("ada")
    registered = _register(ada, SoftAuthenticator()).content.decode()
    codes = re.findall(r"<code>(\d{10})</code>", registered)
    again = _signed_in("ada")

    page = again.get(VERIFY).content.decode()
    response = again.post(VERIFY, {"code": codes[0], "next": "/staff/"})

    assert re.search(r'<form[^>]*id="passkey-form"[^>]*hidden', page)
    assert 'name="code"' in page
    assert "<script src=" in page
    assert "passkeys.js" in page
    assert response.status_code == 302
    assert again.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_a_passkey_can_be_removed_once_signed_in_with_a_second_factor(city, ada_key):
    ada = _signed_in("ada")
    ada.post(PASSKEY_VERIFY, {"credential": json.dumps(ada_key.get(_sign_in_options(ada)))})
    device = PasskeyDevice.objects.get()

    response = ada.post(f"{PASSKEYS}{device.pk}/remove/")

    assert response.status_code == 302
    assert not PasskeyDevice.objects.exists()


@pytest.mark.django_db
def test_spanish_staff_read_the_passkey_pages_in_spanish(city):
    ada = _signed_in("ada")
    ada.post("/i18n/setlang/", {"language": "es"})

    page = ada.get(PASSKEYS).content.decode()

    assert "Añadir una clave de acceso" in page
    assert "Add a passkey" not in page


@pytest.mark.django_db
def test_signing_in_through_the_admins_own_login_still_asks_for_the_passkey(city, ada_key):
    admin = Client()
    signed_in = admin.post("/admin/login/?next=/admin/", {"username": "ada", "password": PASSWORD})

    assert signed_in.status_code == 302
    assert admin.get("/admin/")["Location"].startswith(VERIFY)
    assert admin.get("/admin/accounts/user/")["Location"].startswith(VERIFY)
