"""Staff sign-in: django-axes lockout after 5 failures, and the breached-password validator."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD
from workspace.passwords import BreachedPasswordValidator

LOGIN = "/staff/login/"


@pytest.mark.django_db
def test_staff_member_signs_in_and_lands_on_the_queue(client, city):
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:queue")


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, city):
    response = client.post(LOGIN, {"username": "alice", "password": "not the password at all"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_for_the_right_password(client, city):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "alice", "password": "wrong guess number x"})

    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_do_not_lock(client, city):
    for _attempt in range(4):
        client.post(LOGIN, {"username": "alice", "password": "wrong guess number x"})

    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302


@pytest.mark.parametrize(
    "password",
    [
        "password",
        "Password2024!",  # a breached word with digits and symbols stuck on
        "qwertyqwerty",  # a breached word repeated
        "1qaz2wsx3edc",  # keyboard walk from breach lists
        "aaaaaaaaaaaaaaaa",
        "  Sunshine  ",
    ],
)
def test_breached_passwords_are_refused(password):
    with pytest.raises(ValidationError) as caught:
        BreachedPasswordValidator().validate(password)

    assert caught.value.error_list[0].code in {"password_breached", "password_repeated"}


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "river otter paints the violet bridge",
        "Tr4mway-Lantern-Oboe",
        "a long passphrase with spaces is fine 🚲",
    ],
)
def test_long_uncommon_passphrases_are_accepted(password):
    BreachedPasswordValidator().validate(password)


def test_another_list_can_be_configured(tmp_path):
    custom = tmp_path / "list.txt"
    custom.write_text("# our own\nriverton-summer\n", encoding="utf-8")
    validator = BreachedPasswordValidator(password_list_path=custom)

    with pytest.raises(ValidationError):
        validator.validate("Riverton-Summer")
    validator.validate("password")  # not on that list


def test_validator_has_help_text():
    assert "data breaches" in BreachedPasswordValidator().get_help_text()
