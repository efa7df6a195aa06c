"""Inbound email by polling an IMAP mailbox, for sites that cannot pipe from their MTA.

Each unseen message is fetched with BODY.PEEK (so a crash leaves it unseen),
handed to `ingest_email`, then marked \\Seen. A temporary failure leaves it
unseen for the next poll; a message we can never take (garbage, oversized) is
marked \\Seen and \\Flagged so a person looks at it in the mailbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from imapclient import IMAPClient

from messaging.email.inbound import MalformedMessage
from messaging.email.services import (
    MessageTooLarge,
    TemporaryFailure,
    ingest_email,
    too_large_notice,
)

logger = logging.getLogger(__name__)

SEEN = b"\\Seen"
FLAGGED = b"\\Flagged"
BATCH = 20


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    username: str
    password: str
    folder: str = "INBOX"
    ssl: bool = True

    @classmethod
    def from_settings(cls) -> ImapAccount:
        return cls(
            host=settings.MESSAGING_IMAP_HOST,
            port=settings.MESSAGING_IMAP_PORT,
            username=settings.MESSAGING_IMAP_USER,
            password=settings.MESSAGING_IMAP_PASSWORD,
            folder=settings.MESSAGING_IMAP_FOLDER,
            ssl=settings.MESSAGING_IMAP_SSL,
        )


@dataclass
class PollResult:
    outcomes: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    deferred: int = 0

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def __str__(self) -> str:
        parts = [f"{name}={n}" for name, n in sorted(self.outcomes.items())]
        parts += [f"refused={self.refused}", f"deferred={self.deferred}"]
        return " ".join(parts)


def poll_imap(account: ImapAccount, *, limit: int = 500) -> PollResult:
    """Take up to `limit` unseen messages from the account's folder."""
    if not account.host:
        raise TemporaryFailure("IMAP polling is not configured (CIVICDESK_IMAP_HOST).")
    result = PollResult()
    max_bytes = settings.MESSAGING_EMAIL_MAX_BYTES
    with IMAPClient(account.host, port=account.port, ssl=account.ssl, timeout=60) as client:
        client.login(account.username, account.password)
        client.select_folder(account.folder)
        uids = sorted(client.search(["UNSEEN"]))[:limit]
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            sizes = client.fetch(batch, ["RFC822.SIZE"])
            for uid in batch:
                size = int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0))
                if size > max_bytes:
                    logger.warning("IMAP uid %s refused: %s", uid, too_large_notice(size))
                    client.add_flags([uid], [SEEN, FLAGGED])
                    result.refused += 1
                    continue
                fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {})
                raw = fetched.get(b"BODY[]", b"")
                try:
                    outcome = ingest_email(raw).outcome
                except (MalformedMessage, MessageTooLarge) as exc:
                    logger.warning("IMAP uid %s refused: %s", uid, exc)
                    client.add_flags([uid], [SEEN, FLAGGED])
                    result.refused += 1
                    continue
                except TemporaryFailure as exc:
                    logger.warning("IMAP uid %s deferred: %s", uid, exc)
                    result.deferred += 1
                    continue
                client.add_flags([uid], [SEEN])
                result.count(str(outcome))
    return result
