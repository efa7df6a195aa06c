"""manage.py load_demo: create (or update) the Riverton demo city."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from demo.services import DEFAULT_CASES, format_logins, load_demo


class Command(BaseCommand):
    help = (
        "Create or update the demo city of Riverton (catalogue, knowledge base, staff, "
        "bookable resources) and, the first time, residents and a year of cases."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=311)
        parser.add_argument("--residents", type=int, default=300)
        parser.add_argument(
            "--cases",
            type=int,
            default=DEFAULT_CASES,
            help=f"Cases in the year of history (default {DEFAULT_CASES}; 0 for none).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the demo city exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo(
            seed=options["seed"],
            residents=options["residents"],
            cases=options["cases"],
            if_empty=options["if_empty"],
        )
        if result.skipped:
            self.stdout.write("Demo city already loaded; nothing to do.")
        else:
            self.stdout.write(
                f"Demo city ready: {result.services} services, {result.articles} articles, "
                f"{result.residents} new residents, {result.cases} cases."
            )
        self.stdout.write("\nDemo logins (demo only, never in production):")
        self.stdout.write(format_logins(result.logins))
