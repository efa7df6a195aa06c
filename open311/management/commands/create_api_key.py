"""Create an Open311 api_key for a client application: create_api_key --name NAME [--key KEY]."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from open311.services import api_key_create
from organisations.models import Jurisdiction


class Command(BaseCommand):
    help = "Create an Open311 API key and print it (it is stored hashed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The client application's name.")
        parser.add_argument("--key", help="Use this key instead of a random one (demo, tests).")
        parser.add_argument("--jurisdiction", help="Limit the key to this jurisdiction_id.")
        parser.add_argument("--per-hour", type=int, help="Requests per hour (default 600).")
        parser.add_argument(
            "--queue-requests",
            action="store_true",
            help="Answer POSTs with a token and file them in the background (docs/open311.md).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jurisdiction = None
        if options["jurisdiction"]:
            jurisdiction = Jurisdiction.objects.filter(
                jurisdiction_id=options["jurisdiction"]
            ).first()
            if jurisdiction is None:
                raise CommandError(f"No jurisdiction {options['jurisdiction']}.")
        try:
            api_key, raw = api_key_create(
                name=options["name"],
                key=options["key"],
                jurisdiction=jurisdiction,
                requests_per_hour=options["per_hour"],
                queue_requests=options["queue_requests"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(raw)
        self.stderr.write(f"Created API key '{api_key.name}' ({api_key.key_prefix}…).")
