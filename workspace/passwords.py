"""Refuse passwords that appear in breach corpora (NIST SP 800-63B §5.1.1.2).

Long passphrases stay welcome; what is refused is a password attackers try first:
one of the 30,000 most frequent passwords in public breach data (shipped in
``workspace/data/breached_passwords.txt.gz``, no network), the same with digits
or symbols stuck on either end ("Password2024!"), or one of them repeated
("qwertyqwerty"). Add it to AUTH_PASSWORD_VALIDATORS next to Django's own.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_LIST = Path(__file__).resolve().parent / "data" / "breached_passwords.txt.gz"
_AFFIX = re.compile(r"^[\W\d_]+|[\W\d_]+$")
MIN_BASE = 4  # a shorter core ("ab" in "ab2024!!") is not worth refusing on


@cache
def load_breached(path: str) -> frozenset[str]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return frozenset(
            line.strip().lower() for line in handle if line.strip() and not line.startswith("#")
        )


def _candidates(password: str) -> set[str]:
    lowered = password.strip().lower()
    found = {lowered, "".join(lowered.split())}
    core = _AFFIX.sub("", lowered)
    if len(core) >= MIN_BASE:
        found.add(core)
    for text in list(found):
        for size in range(1, len(text) // 2 + 1):
            unit = text[:size]
            if len(text) % size == 0 and unit * (len(text) // size) == text:
                found.add(unit)
                break
    return found


class BreachedPasswordValidator:
    """Django password validator; OPTIONS: {"password_list_path": "…"} to use another list."""

    def __init__(self, password_list_path: str | Path = DEFAULT_LIST) -> None:
        self.path = str(password_list_path)

    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password)) == 1 and len(password) > 1:
            raise ValidationError(
                _("This password is one character repeated; choose a passphrase instead."),
                code="password_repeated",
            )
        breached = load_breached(self.path)
        if _candidates(password) & breached:
            raise ValidationError(
                _(
                    "This password appears in lists of passwords stolen in data breaches, so "
                    "attackers try it first. Choose another; a few unrelated words work well."
                ),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be one that is known from data breaches.")
