"""poll_imap against a real IMAP server: Debian's Dovecot, self-contained on loopback.

The fixture writes its own dovecot.conf in a temporary directory (plain IMAP on
127.0.0.1 at a free port, a passwd-file with one user, a maildir in the same
directory) and runs Dovecot there in the foreground as an unprivileged user:
the current user, or `nobody` when the tests run as root.
"""

from __future__ import annotations

import io
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from imapclient import IMAPClient

from cases.models import Case, Channel
from tests.messaging.conftest import CORPUS

pytestmark = pytest.mark.django_db

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "civicdesk", "imap-test-password"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
default_login_user = {login}
default_internal_user = {login}
default_internal_group = {group}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    port: int
    maildir: Path
    uid: int
    gid: int

    def deliver(self, raw: bytes, name: str) -> None:
        """Deliver as an MDA does: write in tmp/, then rename into new/."""
        tmp = self.maildir / "tmp" / name
        tmp.write_bytes(raw)
        os.chown(tmp, self.uid, self.gid)
        tmp.rename(self.maildir / "new" / name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot is not installed: apt-get install dovecot-imapd")
    as_root = os.geteuid() == 0
    account = pwd.getpwnam("nobody") if as_root else pwd.getpwuid(os.geteuid())
    uid, gid = account.pw_uid, account.pw_gid
    group_name = subprocess.run(  # noqa: S603
        ["/usr/bin/id", "-gn", account.pw_name], capture_output=True, text=True, check=True
    ).stdout.strip()
    root = Path(tempfile.mkdtemp(prefix="civicdesk-dovecot-"))
    port = _free_port()
    maildir = root / "home" / USER / "Maildir"
    for sub in (
        "run",
        "state",
        "home",
        *(f"home/{USER}/Maildir/{d}" for d in ("new", "cur", "tmp")),
    ):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root, login=account.pw_name, group=group_name, uid=uid, gid=gid, port=port
        )
    )
    for path in [root, *root.rglob("*")]:
        os.chown(path, uid, gid)
    root.chmod(0o755)
    command = [DOVECOT, "-F", "-c", str(root / "dovecot.conf")]
    if as_root:
        command = [
            "/usr/bin/setpriv",
            f"--reuid={uid}",
            f"--regid={gid}",
            "--clear-groups",
            *command,
        ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (root / "dovecot.log").read_text()
                        if (root / "dovecot.log").exists()
                        else ""
                    )
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"Dovecot did not start:\n{output}\n{log}")
                time.sleep(0.1)
        yield Dovecot(port=port, maildir=maildir, uid=uid, gid=gid)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _poll(dovecot: Dovecot) -> str:
    out = io.StringIO()
    call_command(
        "poll_imap",
        host="127.0.0.1",
        port=dovecot.port,
        user=USER,
        password=PASSWORD,
        no_ssl=True,
        stdout=out,
    )
    return out.getvalue()


def _unseen(dovecot: Dovecot) -> list[int]:
    with IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as client:
        client.login(USER, PASSWORD)
        client.select_folder("INBOX", readonly=True)
        return list(client.search(["UNSEEN"]))


def test_poll_imap_opens_a_case_and_marks_the_message_seen(dovecot, general):
    dovecot.deliver((CORPUS / "plain.eml").read_bytes(), "1741000000.M1P1.riverton")
    assert len(_unseen(dovecot)) == 1

    output = _poll(dovecot)

    [case] = Case.objects.filter(channel=Channel.EMAIL)
    assert "streetlight" in case.description
    assert case.resident.email == "dan.walker@example.com"
    assert "new_case=1" in output
    assert _unseen(dovecot) == []


def test_poll_imap_leaves_a_message_unseen_on_a_temporary_failure(dovecot, city):
    dovecot.deliver((CORPUS / "plain.eml").read_bytes(), "1741000001.M1P1.riverton")

    output = _poll(dovecot)  # no general-enquiry service yet: cannot take it now

    assert "deferred=1" in output
    assert len(_unseen(dovecot)) == 1


def test_poll_imap_marks_garbage_seen_and_flagged(dovecot, general):
    dovecot.deliver((CORPUS / "garbage.eml").read_bytes(), "1741000002.M1P1.riverton")
    dovecot.deliver((CORPUS / "auto_reply.eml").read_bytes(), "1741000003.M1P1.riverton")

    output = _poll(dovecot)

    assert "refused=1" in output
    assert "ignored=1" in output
    assert _unseen(dovecot) == []
    assert not Case.objects.exists()


def test_poll_task_reads_the_configured_mailbox(dovecot, general, settings):
    from messaging.tasks import poll_imap_task

    settings.MESSAGING_IMAP_HOST = "127.0.0.1"
    settings.MESSAGING_IMAP_PORT = dovecot.port
    settings.MESSAGING_IMAP_SSL = False
    settings.MESSAGING_IMAP_USER = USER
    settings.MESSAGING_IMAP_PASSWORD = PASSWORD
    dovecot.deliver((CORPUS / "charset_utf8.eml").read_bytes(), "1741000004.M1P1.riverton")

    result = poll_imap_task.enqueue()

    assert "new_case=1" in result.return_value
    assert Case.objects.filter(channel=Channel.EMAIL).count() == 1
