"""`manage.py ingest_email` as an MTA runs it: a real process, its exit code and stderr.

Only the refusals that happen before the database is touched are run this way
(the test database lives inside the pytest process); every other outcome is
covered through call_command in test_ingest_email.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.messaging.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[3]


def _run(raw: bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "manage.py", "ingest_email"],
        input=raw,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "civicdesk.test_settings", **env},
        timeout=120,
        check=False,
    )


def test_garbage_exits_with_ex_dataerr():
    result = _run((CORPUS / "garbage.eml").read_bytes())

    assert result.returncode == 65
    assert b"Rejected: The message has no headers." in result.stderr


def test_oversized_message_exits_with_ex_dataerr_and_a_notice_for_the_bounce():
    raw = (CORPUS / "plain.eml").read_bytes() + b"x" * 300_000

    result = _run(raw, CIVICDESK_EMAIL_MAX_BYTES="100000")

    assert result.returncode == 65
    assert b"is larger than the 98 KB we accept and was not delivered" in result.stderr
