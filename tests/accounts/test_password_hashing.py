"""Passwords are text: normalised before hashing, bounded in length, never stripped."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.hashers import MAX_PASSWORD_LENGTH

PRODUCTION_HASHERS = ["accounts.hashers.NormalisedPBKDF2PasswordHasher"]


def test_a_composed_and_a_decomposed_accent_are_the_same_password(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    encoded = make_password("café con leche y pan")  # é as one code point

    assert check_password("cafe\u0301 con leche y pan", encoded)  # e + combining acute


def test_a_different_password_still_fails(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    encoded = make_password("café con leche y pan")

    assert not check_password("cafe con leche y pan", encoded)


def test_an_overlong_guess_is_refused_without_hashing(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    encoded = make_password("x" * MAX_PASSWORD_LENGTH)

    assert check_password("x" * MAX_PASSWORD_LENGTH, encoded)
    assert not check_password("x" * (MAX_PASSWORD_LENGTH + 1), encoded)


def test_setting_an_overlong_password_is_refused_with_the_limit():
    with pytest.raises(ValidationError) as caught:
        validate_password("river otter " * 100)

    assert f"at most {MAX_PASSWORD_LENGTH} characters" in str(caught.value)


@pytest.mark.django_db
def test_sign_up_keeps_spaces_at_either_end_so_sign_in_matches(client, city):
    from portal.forms import SignUpForm

    form = SignUpForm(
        {"full_name": "Rosa", "email": "rosa@example.com", "password": "  river otter paints  "}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["password"] == "  river otter paints  "
