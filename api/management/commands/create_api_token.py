"""Create a personal REST API token for a staff user: create_api_token --user NAME --name WHAT."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token (stored hashed) and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="The staff member's username.")
        parser.add_argument("--name", default="API token", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']}.")
        token, raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(raw)
        self.stderr.write(f"Created token '{token.name}' for {user}.")
