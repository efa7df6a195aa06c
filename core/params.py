"""Reading numbers out of request parameters without a 500.

`str.isdigit()` is true for "²" and "٣", which `int()` then refuses or reads as 3,
and a 30-digit id overflows the database's bigint (PostgreSQL raises). Every id,
order or count a door reads from a query string or a form goes through `parse_id`.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # BigAutoField
MAX_SMALL = 32767  # PositiveSmallIntegerField


def parse_id(raw: object, *, maximum: int = MAX_ID) -> int | None:
    """The positive whole number `raw` spells in ASCII digits, at most `maximum`; else None."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= maximum else None
