"""Read one email on standard input and put it in the queue: for an MTA pipe.

Exit codes follow sysexits.h, which Postfix, Exim and Sendmail understand:
0 accepted (including mail deliberately dropped, such as auto-replies),
65 EX_DATAERR for garbage or an oversized message (the MTA bounces it with our
notice), 75 EX_TEMPFAIL for anything temporary (the MTA queues and retries).
"""

from __future__ import annotations

import logging
import sys
from typing import Any, BinaryIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from messaging.email.inbound import MalformedMessage
from messaging.email.services import (
    MessageTooLarge,
    TemporaryFailure,
    ingest_email,
    too_large_notice,
)

EX_DATAERR = 65
EX_TEMPFAIL = 75
_CHUNK = 1 << 16

logger = logging.getLogger(__name__)


def read_limited(stream: BinaryIO, limit: int) -> tuple[bytes, int]:
    """Up to `limit` + 1 bytes, and the full size; the rest is drained, not kept.

    Draining lets the MTA finish writing (no broken pipe) without holding a huge
    message in memory.
    """
    data = stream.read(limit + 1)
    size = len(data)
    if size > limit:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
    return data, size


class Command(BaseCommand):
    help = "Read one RFC 5322 email from standard input and open or update a case."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", help="Read the message from this file instead of standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        limit = settings.MESSAGING_EMAIL_MAX_BYTES
        if options.get("file"):
            with open(options["file"], "rb") as stream:
                raw, size = read_limited(stream, limit)
        else:
            raw, size = read_limited(sys.stdin.buffer, limit)
        if size > limit:
            raise CommandError(too_large_notice(size), returncode=EX_DATAERR)
        try:
            result = ingest_email(raw)
        except MessageTooLarge as exc:
            raise CommandError(str(exc), returncode=EX_DATAERR) from None
        except MalformedMessage as exc:
            raise CommandError(f"Rejected: {exc}", returncode=EX_DATAERR) from None
        except (TemporaryFailure, DatabaseError) as exc:
            raise CommandError(f"Try again later: {exc}", returncode=EX_TEMPFAIL) from None
        except Exception as exc:
            # Unknown trouble is treated as temporary: the MTA keeps the mail, nothing is lost.
            logger.exception("ingest_email failed")
            raise CommandError(f"Try again later: {exc}", returncode=EX_TEMPFAIL) from None
        number = result.case.tracking_number if result.case else "-"
        self.stdout.write(f"{result.outcome} {number} {result.detail}".rstrip())
