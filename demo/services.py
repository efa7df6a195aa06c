"""Loading the demo city: the one entry point the management commands call."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from bookings.demo import create_demo_resources
from bre.demo import load_bre_demo
from catalogue.models import Service
from coaching.demo import coach_demo_history
from demo import city, generator
from demo.bulk import loader_for_connection
from demo.data.organisation import RIVERTON
from demo.history import load_world, plan_history
from demo.replay import replay
from demo.rootcauses import plant_root_causes
from demo.surveys import demo_surveys
from organisations.models import Jurisdiction
from payments.demo import create_demo_bills

# "A few thousand cases": about 90 s of load_demo on SQLite on two cores, once
# (docs/demo-data.md); `--cases 1800` stays under a minute.
DEFAULT_CASES = 3000


@dataclass(frozen=True)
class LoadResult:
    skipped: bool
    services: int
    articles: int
    residents: int
    cases: int
    logins: list[city.Login]


def demo_city_exists() -> bool:
    return Jurisdiction.objects.filter(jurisdiction_id=RIVERTON).exists()


def load_demo(
    *,
    seed: int = 311,
    residents: int = 300,
    cases: int = DEFAULT_CASES,
    if_empty: bool = False,
) -> LoadResult:
    """Create or update the demo city. With if_empty, do nothing when it already exists.

    Residents and the year of case history are added only the first time (when the
    city is created), so a re-run does not duplicate people or cases.
    """
    if if_empty and demo_city_exists():
        return LoadResult(True, 0, 0, 0, 0, city.demo_logins())
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        first_time = not demo_city_exists()
        jurisdictions = city.build_jurisdictions(today=now.date())
        departments = city.build_departments(jurisdictions)
        services = city.build_catalogue(jurisdictions, departments)
        articles = city.build_knowledge(jurisdictions[RIVERTON])
        logins = city.build_staff(departments)
        riverton = jurisdictions[RIVERTON]
        create_demo_resources(
            riverton,
            Service.objects.get(jurisdiction=riverton, service_code="shelter-booking"),
            Service.objects.get(jurisdiction=riverton, service_code="inspection-booking"),
        )
        create_demo_bills(jurisdiction=riverton, now=now)
        made = []
        if first_time and residents:
            made = city.build_residents(
                count=residents, rng=rng, since=now - dt.timedelta(days=400)
            )
        history = 0
        if first_time and cases:
            plans = plan_history(load_world(rng=rng), rng=rng, now=now, count=cases)
            history = replay(plans, now=now)["create"]
        bre_logins = load_bre_demo(jurisdiction=riverton, now=now, cases=bool(cases))
        logins = [*logins, *(city.Login(*login) for login in bre_logins)]
        if first_time:
            coach_demo_history(rng=rng, now=now)  # coaching: practice and reply scores
            plant_root_causes(rng=rng, now=now, history_cases=cases)  # rootcauses: spike, drift
            demo_surveys(jurisdiction=riverton, rng=rng, now=now)  # surveys, performance page
    return LoadResult(False, len(services), len(articles), len(made), history, logins)


def format_logins(logins: list[city.Login]) -> str:
    rows = [("username", "password", "role", "departments")]
    rows += [(x.username, x.password, x.role, x.departments) for x in logins]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows
    )


@dataclass(frozen=True)
class GenerateResult:
    cases: int
    events: int
    steps: int
    residents: int
    seconds: float


def generate_city(
    *,
    cases: int,
    seed: int = 311,
    jurisdictions: Sequence[str] = (),
    batch_size: int = 10_000,
    days: int = 3 * 365,
    defer_indexes: bool = False,
    progress: bool = False,
) -> GenerateResult:
    """Bulk synthetic cases over the last `days` days for scale tests (demo/generator.py).

    Builds on the demo city, loading its reference data (no residents, no history)
    first if it is not there. Each batch is one transaction: an interrupted run
    keeps the batches it finished. With `defer_indexes` the whole load is one
    transaction that drops the case tables' secondary indexes and rebuilds them at
    the end (much faster for big loads; readers wait, and it is all or nothing).
    """
    started = time.monotonic()
    if not demo_city_exists():
        load_demo(seed=seed, residents=0, cases=0)
    rng = random.Random(seed)
    now = int(timezone.now().timestamp())
    today = timezone.now().date()
    city_data = generator.load_city(
        jurisdictions=jurisdictions,
        first=today - dt.timedelta(days=days + 3),
        last=today + dt.timedelta(days=3 * 365),  # room for long standards and reopens
    )
    loader = loader_for_connection()
    loader.tune()
    made = generator.Generator(city_data, loader, rng=rng, now=now, days=days)
    tables = [made.cases, made.steps, made.events, made.resident_table]
    with transaction.atomic() if defer_indexes else contextlib.nullcontext():
        dropped = [s for t in tables for s in loader.drop_indexes(t)] if defer_indexes else []
        made.add_residents(int(cases * generator.RESIDENTS_PER_CASE))
        with tqdm(total=cases, unit="case", unit_scale=True, disable=not progress) as bar:
            total = made.run(cases, batch_size, bar.update) if cases else generator.Counts()
        loader.create_indexes(dropped)
    loader.finish(tables)
    return GenerateResult(
        total.cases, total.events, total.steps, len(made.residents), time.monotonic() - started
    )
