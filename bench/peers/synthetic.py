"""One seeded generator of synthetic requests, for the peer that is not CivicDesk.

CivicDesk's cases come from `manage.py generate_city` (demo/generator.py). This
draws the peer's tickets from the same reference data (demo/data/catalogue.py:
each service's name, department, descriptions and weight), so both databases
hold the same titles, the same descriptions in the same proportions and the
same number of open items:

- the service of a request by the catalogue's weights (as generate_city);
- its description uniformly from that service's descriptions (generate_city
  picks from the English or Spanish half by the resident's language; the words
  are the same, their mix differs by a few per cent);
- its creation time over the last `days` days, oldest first, uniformly;
- open with probability `open_share` (run.py passes the share that
  generate_city's load left open, about 21%), more often among the newest.

Plain Python on purpose: it runs in the peer's own virtualenv, where CivicDesk
and its Django are not installed (demo/data is plain data).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from demo.data import catalogue

DEFAULT_SEED = 19
DEFAULT_OPEN_SHARE = 0.21
DEFAULT_DAYS = 3 * 365
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


@dataclass(frozen=True)
class Request:
    number: int  # 1..n, oldest first
    queue: str  # the department's slug (a helpdesk Queue)
    title: str  # the service's name
    description: str
    created: int  # epoch seconds
    is_open: bool
    email: str


def queues() -> list[str]:
    """The departments the catalogue's services belong to, in a stable order."""
    return sorted({s.department for s in catalogue.SERVICES})


def requests(
    n: int,
    *,
    seed: int = DEFAULT_SEED,
    now: int,
    days: int = DEFAULT_DAYS,
    open_share: float = DEFAULT_OPEN_SHARE,
) -> Iterator[Request]:
    """`n` requests, oldest first; the same arguments always give the same requests."""
    if n < 0 or days < 1 or not 0 <= open_share <= 1:
        raise ValueError("n must be 0 or more, days 1 or more, open_share within 0..1")
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    services = [s for s in catalogue.SERVICES if s.descriptions]
    weights = [s.weight for s in services]
    start = now - days * 86400
    times = sorted(start + int(rng.random() * days * 86400) for _ in range(n))
    # Open items lean to the newest, as in a real backlog: the chance grows
    # linearly with age rank, averaging `open_share` (capped at 1).
    for i, created in enumerate(times, start=1):
        service = rng.choices(services, weights)[0]
        description = service.descriptions[int(rng.random() * len(service.descriptions))]
        lean = 2 * open_share * i / n if n else 0.0
        yield Request(
            number=i,
            queue=service.department,
            title=service.name,
            description=description,
            created=created,
            is_open=rng.random() < min(1.0, lean),
            email=f"resident{int(rng.random() * max(1, n // 4))}@example.org",
        )


def common_word(descriptions: list[str]) -> str:
    """The most frequent word of four letters or more (ties: alphabetical)."""
    counts = Counter(w.lower() for d in descriptions for w in _WORD.findall(d))
    if not counts:
        return "pothole"
    word: str = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return word
