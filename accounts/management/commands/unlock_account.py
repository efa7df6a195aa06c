"""Lift a sign-in lock: every address's failures for one account (accounts/protection.py)."""

from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandParser

from accounts.protection import account_failures


class Command(BaseCommand):
    help = "Show and lift the sign-in lock on an account (all addresses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--show", action="store_true", help="only show the failure count")

    def handle(self, *args: Any, username: str, show: bool, **options: Any) -> None:
        failures = account_failures(username)
        if show:
            self.stdout.write(f"{username}: {failures} failed sign-ins in the window")
            return
        removed = reset(username=username)
        self.stdout.write(f"{username}: lifted ({failures} failures, {removed} records cleared)")
