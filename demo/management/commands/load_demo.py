"""manage.py load_demo: create (or update) the Riverton demo city."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from demo.services import format_logins, load_demo


class Command(BaseCommand):
    help = "Create or update the demo city of Riverton (catalogue, knowledge base, staff)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=311)
        parser.add_argument("--residents", type=int, default=300)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the demo city exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo(
            seed=options["seed"], residents=options["residents"], if_empty=options["if_empty"]
        )
        if result.skipped:
            self.stdout.write("Demo city already loaded; nothing to do.")
        else:
            self.stdout.write(
                f"Demo city ready: {result.services} services, {result.articles} articles, "
                f"{result.residents} new residents."
            )
        self.stdout.write("\nDemo logins (demo only, never in production):")
        self.stdout.write(format_logins(result.logins))
