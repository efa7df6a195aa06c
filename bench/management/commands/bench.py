"""manage.py bench: load a synthetic city and print median / p95 of every measured page.

See docs/performance.md for what is measured and the figures on this machine.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bench.intake import IntakeOptions
from bench.runner import BenchOptions, report, run
from bench.stats import format_table


class Command(BaseCommand):
    help = "Load N synthetic cases (generate_city) and time the pages that must stay fast."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20, help="timed runs per measurement")
        parser.add_argument("--warmup", type=int, default=2)
        parser.add_argument(
            "--skip-load", action="store_true", help="measure the database as it is"
        )
        parser.add_argument(
            "--no-refresh",
            action="store_true",
            help="skip the full insights refresh before measuring (the summaries as they are)",
        )
        parser.add_argument("--only", default="", help="measure only names containing this")
        parser.add_argument("--intake", action="store_true", help="also measure intake req/s")
        parser.add_argument("--intake-driver", choices=["server", "client"], default="server")
        parser.add_argument("--processes", type=int, default=4, help="gunicorn processes")
        parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
        parser.add_argument("--concurrency", type=int, default=16, help="load-generator conns")
        parser.add_argument("--seconds", type=float, default=10.0, help="per intake run")
        parser.add_argument("--target", default="", help="an already running server's URL")
        parser.add_argument(
            "--storm-seconds",
            type=float,
            default=60.0,
            help="intake storm: seconds of queued POSTs while workers file (0: no storm)",
        )
        parser.add_argument(
            "--storm-rate",
            type=float,
            default=0.0,
            help="intake storm: POSTs a second (default: the queued acceptance rate measured)",
        )
        parser.add_argument(
            "--filing-workers", type=int, default=2, help="intake storm: filing processes"
        )
        parser.add_argument("--json", default="", help="also write the results here")
        parser.add_argument(
            "--coach", action="store_true", help="only the reply coach (no database load)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["coach"]:
            from bench import coach

            self.stdout.write(format_table(coach.run(repeat=max(options["repeat"], 20))))
            return
        intake = None
        if options["intake"]:
            intake = IntakeOptions(
                driver=options["intake_driver"],
                processes=options["processes"],
                concurrency=options["concurrency"],
                seconds=options["seconds"],
                repeat=max(1, min(options["repeat"], 5)),
                target=options["target"],
                worker_class=options["worker_class"],
                storm_seconds=options["storm_seconds"],
                storm_rate=options["storm_rate"],
                filing_workers=options["filing_workers"],
            )
        bench = BenchOptions(
            cases=options["cases"],
            repeat=options["repeat"],
            warmup=options["warmup"],
            skip_load=options["skip_load"],
            no_refresh=options["no_refresh"],
            only=options["only"],
            intake=intake,
            json_path=options["json"],
        )
        info, results = run(bench, lambda line: self.stderr.write(line))
        self.stdout.write(report(info, results))
