"""Background tasks of the channels (django.tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task

from messaging.email.imap import ImapAccount, poll_imap


@task
def poll_imap_task() -> str:
    """Poll the configured IMAP mailbox once; schedule it every minute or so."""
    return str(poll_imap(ImapAccount.from_settings()))
