"""Settings come from the environment, with safe embedded defaults and loud failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from civicdesk.env import ImproperEnvironment, env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def _run_django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CIVICDESK_", "DATABASE_"))}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "civicdesk.settings"
    script = f"import django; django.setup()\n{code}"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_embedded_default_is_sqlite_in_wal_mode_with_a_persistent_key(tmp_path):
    code = (
        "from django.db import connection; from django.conf import settings\n"
        "cur = connection.cursor(); cur.execute('PRAGMA journal_mode')\n"
        "print(connection.vendor, cur.fetchone()[0], settings.SECRET_KEY)"
    )
    first = _run_django(code, {"CIVICDESK_VAR_DIR": str(tmp_path)})
    second = _run_django(code, {"CIVICDESK_VAR_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    vendor, journal, key = first.stdout.split()
    assert (vendor, journal) == ("sqlite", "wal")
    assert len(key) >= 50
    assert second.stdout.split()[2] == key
    assert (tmp_path / "civicdesk.sqlite3").exists()


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run_django(
        "",
        {
            "CIVICDESK_PRODUCTION": "1",
            "CIVICDESK_VAR_DIR": str(tmp_path),
            "CIVICDESK_ALLOWED_HOSTS": "311.example.gov",
        },
    )
    assert result.returncode != 0
    assert "CIVICDESK_SECRET_KEY" in result.stderr


def test_database_url_switches_to_postgresql(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = _run_django(
        code,
        {
            "CIVICDESK_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x",
        },
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_malformed_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    monkeypatch.setenv("X_NUMBER", "ten")
    with pytest.raises(ImproperEnvironment, match="X_FLAG"):
        env_bool("X_FLAG")
    with pytest.raises(ImproperEnvironment, match="X_NUMBER"):
        env_int("X_NUMBER", 1)


def test_secrets_can_come_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret-from-file\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    monkeypatch.setenv("X_HOSTS", " a.example, b.example ,")
    assert env_str("X_SECRET") == "s3cret-from-file"
    assert env_list("X_HOSTS") == ["a.example", "b.example"]


def test_a_sqlite_database_url_gets_the_embedded_wal_and_immediate_settings(tmp_path):
    code = (
        "from django.db import connection; from django.conf import settings\n"
        "cur = connection.cursor(); cur.execute('PRAGMA journal_mode')\n"
        "options = settings.DATABASES['default']['OPTIONS']\n"
        "print(cur.fetchone()[0], options['transaction_mode'], options['timeout'])"
    )
    result = _run_django(
        code,
        {
            "CIVICDESK_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "IMMEDIATE", "20"]


def test_trusted_proxies_that_are_neither_a_count_nor_cidrs_fail_loudly(tmp_path):
    code = (
        "from django.test import RequestFactory\n"
        "from core.clientaddr import client_ip\n"
        "client_ip(RequestFactory().get('/'))"
    )
    result = _run_django(
        code, {"CIVICDESK_VAR_DIR": str(tmp_path), "CIVICDESK_TRUSTED_PROXIES": "proxy.local"}
    )

    assert result.returncode != 0
    assert "CIVICDESK_TRUSTED_PROXIES must be a number of proxies or a list of CIDRs" in (
        result.stderr
    )
