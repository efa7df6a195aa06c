"""manage.py generate_city: bulk synthetic cases for scale tests (docs/demo-data.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.bulk import BulkLoadError
from demo.generator import GenerateError
from demo.services import generate_city


class Command(BaseCommand):
    help = (
        "Add N synthetic cases (with residents, steps and timelines) to the demo city, fast: "
        "COPY on PostgreSQL, batched inserts on SQLite."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True, help="How many cases to add.")
        parser.add_argument("--seed", type=int, default=311)
        parser.add_argument(
            "--jurisdiction",
            action="append",
            default=[],
            metavar="ID",
            help="Only this jurisdiction_id (repeat for several; default: all).",
        )
        parser.add_argument("--batch-size", type=int, default=10_000, help="Cases per transaction.")
        parser.add_argument(
            "--days", type=int, default=3 * 365, help="Spread cases over this many past days."
        )
        parser.add_argument(
            "--defer-indexes",
            action="store_true",
            help=(
                "One transaction for the whole load: drop the case tables' secondary indexes, "
                "load, rebuild them. Faster for big loads; readers wait until it commits."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cases"] < 0 or options["batch_size"] < 1 or options["days"] < 1:
            raise CommandError("--cases must be 0 or more, --batch-size and --days 1 or more.")
        try:
            result = generate_city(
                cases=options["cases"],
                seed=options["seed"],
                jurisdictions=options["jurisdiction"],
                batch_size=options["batch_size"],
                days=options["days"],
                defer_indexes=options["defer_indexes"],
                progress=options["verbosity"] > 0,
            )
        except (GenerateError, BulkLoadError) as exc:
            raise CommandError(str(exc)) from exc
        rate = result.cases / result.seconds if result.seconds else 0
        self.stdout.write(
            f"Added {result.cases:,} cases, {result.events:,} timeline events, "
            f"{result.steps:,} steps ({result.residents:,} residents in all) "
            f"in {result.seconds:.1f} s: {rate:,.0f} cases/s."
        )
