"""Tracking numbers residents read out on the phone: short, unambiguous, unguessable.

Ten Crockford base-32 symbols in two groups ("7KQ3M-9XRT2"): no I, L, O or U,
so nothing is misread; 32**10 ≈ 10**15 values drawn at random, so numbers are
not sequential and a neighbour's case cannot be found by counting.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUP = 5
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_number() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUP * 2))
    return f"{symbols[:GROUP]}-{symbols[GROUP:]}"


def normalise_tracking_number(text: str) -> str | None:
    """What a resident typed, as stored: case, spaces, dashes and look-alikes forgiven."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_READ_AS)
    if len(cleaned) != GROUP * 2 or any(ch not in ALPHABET for ch in cleaned):
        return None
    return f"{cleaned[:GROUP]}-{cleaned[GROUP:]}"
