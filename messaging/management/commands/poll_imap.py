"""Poll the IMAP mailbox once (from cron or a systemd timer), or queue it for the worker."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from imapclient.exceptions import IMAPClientError

from messaging.email.imap import ImapAccount, poll_imap
from messaging.email.services import TemporaryFailure
from messaging.tasks import poll_imap_task


class Command(BaseCommand):
    help = "Fetch unseen messages from the IMAP mailbox into the queue, then mark them seen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", help="Overrides CIVICDESK_IMAP_HOST.")
        parser.add_argument("--port", type=int, help="Overrides CIVICDESK_IMAP_PORT.")
        parser.add_argument("--user", help="Overrides CIVICDESK_IMAP_USER.")
        parser.add_argument("--password", help="Overrides CIVICDESK_IMAP_PASSWORD.")
        parser.add_argument("--folder", help="Overrides CIVICDESK_IMAP_FOLDER.")
        parser.add_argument("--no-ssl", action="store_true", help="Plain IMAP (loopback only).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the poll for the task worker instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            queued = poll_imap_task.enqueue()
            self.stdout.write(f"queued {queued.id}")
            return
        account = ImapAccount.from_settings()
        overrides = {
            "host": options["host"],
            "port": options["port"],
            "username": options["user"],
            "password": options["password"],
            "folder": options["folder"],
        }
        account = dataclasses.replace(
            account, **{k: v for k, v in overrides.items() if v is not None}
        )
        if options["no_ssl"]:
            account = dataclasses.replace(account, ssl=False)
        try:
            result = poll_imap(account)
        except (TemporaryFailure, IMAPClientError, OSError) as exc:
            raise CommandError(f"IMAP poll failed: {exc}", returncode=75) from None
        self.stdout.write(str(result))
