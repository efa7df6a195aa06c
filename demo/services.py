"""Loading the demo city: the one entry point the management commands call."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo import city
from demo.data.organisation import RIVERTON
from organisations.models import Jurisdiction


@dataclass(frozen=True)
class LoadResult:
    skipped: bool
    services: int
    articles: int
    residents: int
    logins: list[city.Login]


def demo_city_exists() -> bool:
    return Jurisdiction.objects.filter(jurisdiction_id=RIVERTON).exists()


def load_demo(*, seed: int = 311, residents: int = 300, if_empty: bool = False) -> LoadResult:
    """Create or update the demo city. With if_empty, do nothing when it already exists.

    Residents are added only the first time (when the city is created), so a re-run
    does not duplicate people.
    """
    if if_empty and demo_city_exists():
        return LoadResult(True, 0, 0, 0, city.demo_logins())
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        first_time = not demo_city_exists()
        jurisdictions = city.build_jurisdictions(today=now.date())
        departments = city.build_departments(jurisdictions)
        services = city.build_catalogue(jurisdictions, departments)
        articles = city.build_knowledge(jurisdictions[RIVERTON])
        logins = city.build_staff(departments)
        made = []
        if first_time and residents:
            made = city.build_residents(
                count=residents, rng=rng, since=now - dt.timedelta(days=400)
            )
    return LoadResult(False, len(services), len(articles), len(made), logins)


def format_logins(logins: list[city.Login]) -> str:
    rows = [("username", "password", "role", "departments")]
    rows += [(x.username, x.password, x.role, x.departments) for x in logins]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows
    )
