"""Run the bench: load (through generate_city), prepare, measure, report."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from bench import coach, intake
from bench.scenarios import SCENARIOS
from bench.setup import BenchData, prepare
from bench.stats import Result, format_table, time_ms

# In this process only: the read scenarios come from one address, many times.
READ_OVERRIDES = {
    "PORTAL_TRACK_ATTEMPTS_PER_HOUR": 10**9,
    "OPEN311_ANONYMOUS_REQUESTS_PER_HOUR": 10**9,
}


@dataclass
class BenchOptions:
    cases: int = 100_000
    repeat: int = 20
    warmup: int = 2
    skip_load: bool = False
    only: str = ""
    intake: intake.IntakeOptions | None = None
    json_path: str = ""
    refresh: bool = True  # the full insights refresh before measuring (slow at scale)
    results: list[Result] = field(default_factory=list)


def load(cases: int, log: Callable[[str], None]) -> None:
    """Make the database hold about `cases` cases, through generate_city."""
    from cases.models import Case
    from organisations.models import Jurisdiction

    if not Jurisdiction.objects.exists():
        log("Loading the demo city (generate_city adds cases to it)...")
        call_command("load_demo", cases=0)  # generate_city adds every case, fast
    have = Case.objects.count() if cases <= 1_000_000 else _estimate()
    if have >= cases * 0.95:
        log(f"The database already holds {have:,} cases; not loading.")
        return
    log(f"Adding {cases - have:,} cases with generate_city (the database holds {have:,})...")
    # Adding more than the table holds: dropping the indexes and rebuilding them once
    # is faster than updating them row by row (generate_city --defer-indexes).
    call_command("generate_city", cases=cases - have, defer_indexes=cases - have > have)


def _estimate() -> int:
    if connection.vendor != "postgresql":
        from cases.models import Case

        return Case.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'cases_case'")
        row = cursor.fetchone()
    return max(0, int(row[0])) if row else 0


def analyze(table: str = "") -> None:
    """Fresh planner statistics (and, on PostgreSQL, a visibility map for index-only scans)
    for `table`, or for the cases and then everything."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f'VACUUM (ANALYZE) "{table or "cases_case"}"')
            if not table:
                cursor.execute("ANALYZE")
        else:
            cursor.execute(f'ANALYZE "{table}"' if table else "ANALYZE")


def measure(
    name: str, call: Callable[[], object], *, repeat: int, warmup: int, note: str = ""
) -> Result:
    for _ in range(warmup):
        call()
    with CaptureQueriesContext(connection) as captured:
        call()
    # Read now: the next request's request_started signal empties the query log.
    queries = len(captured)
    samples = [time_ms(call) for _ in range(repeat)]
    return Result(name, "ms", samples, queries=queries, note=note)


def run_reads(data: BenchData, options: BenchOptions, log: Callable[[str], None]) -> list[Result]:
    from insights.services import insights_refresh

    results = []
    with override_settings(**READ_OVERRIDES):
        for scenario in SCENARIOS:
            if options.only and options.only not in scenario.name:
                continue
            log(f"  {scenario.name}")
            call = scenario.build(data)
            results.append(
                measure(
                    scenario.name,
                    call,
                    repeat=options.repeat,
                    warmup=options.warmup,
                    note=scenario.note,
                )
            )
    if not options.only or "insights" in options.only:
        results.append(
            measure(
                "insights: incremental refresh",
                insights_refresh,
                repeat=max(3, options.repeat // 4),
                warmup=1,
                note="background task, not a page",
            )
        )
    if not options.only or "open data" in options.only:
        results.append(
            measure(
                "open data: export_open_data --since 30 days",
                _export_month,
                repeat=max(2, options.repeat // 10),
                warmup=0,
                note="CSV + Parquet + datapackage.json, cases updated in 30 days",
            )
        )
    return results


def _export_month() -> object:
    import datetime as dt
    import tempfile

    from django.utils import timezone

    from insights.opendata import export_open_data

    with tempfile.TemporaryDirectory(prefix="bench-opendata-") as folder:
        since = timezone.now() - dt.timedelta(days=30)
        return export_open_data(out=Path(folder), since=since).rows


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f"{kb / 2**20:.0f} GiB"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "database": database,
    }


def run(
    options: BenchOptions, log: Callable[[str], None]
) -> tuple[dict[str, object], list[Result]]:
    from insights.services import insights_refresh

    if not options.skip_load:
        load(options.cases, log)
    log("Analyzing tables...")
    analyze()
    if options.refresh:
        log("Refreshing the insights summary (full)...")
        insights_refresh(full=True)
        analyze("insights_casedaily")  # the refresh rewrote it; autovacuum would, later
        analyze("insights_metricdaily")
        analyze("insights_backlogage")
    data = prepare()
    info = {
        **machine(),
        "cases": data.case_count,
        "repeat": options.repeat,
        "common_word": data.common_word,
        "rare_word": data.rare_word,
    }
    log(f"Measuring ({options.repeat} runs each, after {options.warmup} warm-up)...")
    results = run_reads(data, options, log)
    if not options.only or "coach" in options.only:
        log("  coach")
        results += coach.run(repeat=max(options.repeat, 20))
    if options.intake is not None:
        log(f"Intake ({options.intake.driver})...")
        results += intake.run(data, options.intake)
    if options.json_path:
        Path(options.json_path).write_text(
            json.dumps({"machine": info, "results": [r.as_dict() for r in results]}, indent=2)
        )
    return info, results


def report(info: dict[str, object], results: list[Result]) -> str:
    head = ", ".join(f"{k}: {v}" for k, v in info.items())
    return head + "\n\n" + format_table(results)
