"""The audit trail: staff actions are recorded and an auditor exports them, bounded."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client

from audit.models import AuditEvent, AuditKind
from audit.services import audit_record
from privacy.services import resident_erase, resident_export
from tests.factories import PASSWORD, make_case

NOW = dt.datetime(2026, 3, 4, 15, 0, tzinfo=dt.UTC)
pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _clean() -> None:
    cache.clear()


@pytest.fixture
def ada(city: Any) -> Client:
    client = Client()
    client.force_login(city.ada)
    return client


def _events(kind: AuditKind, *, after: int = 0) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=kind, pk__gt=after).order_by("id"))


def _last() -> int:
    """The newest event so far (the city fixture's own set-up writes some)."""
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_a_staff_sign_in_is_recorded_with_the_real_client_address(city, settings):
    settings.TRUSTED_PROXIES = ["1"]
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    client.post("/staff/login/", {"username": "alice", "password": PASSWORD})

    [event] = _events(AuditKind.SIGN_IN)
    assert (event.actor, event.actor_username, event.ip_address) == (
        city.alice,
        "alice",
        "203.0.113.9",
    )


def test_a_failed_staff_sign_in_is_recorded_without_the_password(city):
    Client(REMOTE_ADDR="198.51.100.4").post(
        "/staff/login/", {"username": "alice", "password": "wrong password typed"}
    )

    [event] = _events(AuditKind.SIGN_IN_FAILED)
    assert (event.actor, event.actor_username, event.ip_address) == (None, "alice", "198.51.100.4")
    assert "wrong password" not in json.dumps(event.detail)


def test_residents_signing_in_on_the_portal_are_not_staff_actions(city):
    Client().post("/account/sign-in/", {"username": "pat@example.org", "password": "nope"})

    assert not AuditEvent.objects.filter(kind=AuditKind.SIGN_IN_FAILED).exists()


def test_a_role_change_is_recorded_with_who_made_it(city, rf):
    from audit.context import _request

    after = _last()
    request = rf.post("/admin/accounts/user/")
    request.user = city.ada
    token = _request.set(request)
    try:
        city.bob.groups.add(Group.objects.get(name="supervisor"))
    finally:
        _request.reset(token)

    [event] = _events(AuditKind.ROLE_CHANGE, after=after)
    assert event.actor == city.ada
    assert event.target == "user bob"
    assert event.detail == {"roles": {"added": ["supervisor"]}}


def test_making_someone_a_superuser_is_a_permission_change(city):
    after = _last()
    city.bob.is_superuser = True
    city.bob.save()

    [event] = _events(AuditKind.PERMISSION_CHANGE, after=after)
    assert event.target == "user bob"
    assert event.detail == {"flags": {"is_superuser": [False, True]}}


def test_department_changes_are_recorded(city):
    after = _last()
    city.bob.departments.add(city.public_works)

    [event] = _events(AuditKind.PERMISSION_CHANGE, after=after)
    assert event.detail == {"departments": {"added": ["Public Works"]}}


def test_a_view_of_a_case_of_a_sensitive_service_is_recorded(city, settings):
    settings.AUDIT_SENSITIVE_SERVICES = ["pothole"]
    sensitive = make_case(city.pothole, resident=city.rita, address="1 Main St")
    ordinary = make_case(city.shelter, resident=city.rita)
    alice = Client()
    alice.force_login(city.alice)
    bob = Client()
    bob.force_login(city.bob)

    alice.get(f"/staff/cases/{sensitive.tracking_number}/")
    bob.get(f"/staff/cases/{ordinary.tracking_number}/")

    [event] = _events(AuditKind.CASE_VIEW)
    assert (event.actor, event.target, event.resident_id) == (
        city.alice,
        f"case {sensitive.tracking_number}",
        city.rita.pk,
    )


def test_an_erasure_is_recorded_and_unlinks_the_residents_trail(city, settings):
    settings.AUDIT_SENSITIVE_SERVICES = ["*"]
    case = make_case(city.pothole, resident=city.rita, address="1 Main St")
    alice = Client()
    alice.force_login(city.alice)
    alice.get(f"/staff/cases/{case.tracking_number}/")
    copy = resident_export(resident=city.rita)

    resident_erase(resident=city.rita, by=city.ada, reason="erasure request 7", at=NOW)

    assert any(section for name, section in copy["data"].items() if "audit" in name)
    [erasure] = _events(AuditKind.ERASURE)
    assert (erasure.actor, erasure.target) == (city.ada, f"resident {city.rita.pk}")
    assert not AuditEvent.objects.filter(resident_id=city.rita.pk).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.CASE_VIEW).count() == 1


def test_only_administrators_read_the_trail(city, ada):
    alice = Client()
    alice.force_login(city.alice)

    assert ada.get("/staff/audit/").status_code == 200
    assert alice.get("/staff/audit/").status_code == 403
    assert alice.get("/staff/audit/export.csv").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_page_lists_the_window_newest_first(city, ada):
    audit_record(kind=AuditKind.SIGN_IN, actor=city.alice)
    with time_machine.travel(NOW - dt.timedelta(days=30), tick=False):
        audit_record(kind=AuditKind.SIGN_IN, actor=city.bob)

    page = ada.get("/staff/audit/").content.decode()
    older = ada.get("/staff/audit/?since=2026-02-01&until=2026-02-05").content.decode()

    assert "alice" in page
    assert ">bob<" not in page
    assert ">bob<" in older


@time_machine.travel(NOW, tick=False)
def test_the_csv_export_has_every_column_and_defuses_formulas(city, ada):
    audit_record(kind=AuditKind.SIGN_IN_FAILED, username="=HYPERLINK(evil)")

    response = ada.get("/staff/audit/export.csv?since=2026-03-01&until=2026-03-04")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "id", "at", "kind", "actor_id", "actor_username", "ip_address", "target", "detail"
    ]  # fmt: skip
    assert [rows[-1][2], rows[-1][4]] == ["sign_in_failed", "'=HYPERLINK(evil)"]


@time_machine.travel(NOW, tick=False)
def test_the_json_export_parses_and_is_itself_recorded(city, ada):
    audit_record(kind=AuditKind.SIGN_IN, actor=city.alice)

    response = ada.get("/staff/audit/export.json?since=2026-03-04&until=2026-03-04&kind=sign_in")
    rows = json.loads(b"".join(response.streaming_content))

    assert [row["actor_username"] for row in rows] == ["alice"]
    [export] = _events(AuditKind.EXPORT)
    assert (export.actor, export.target, export.detail["format"]) == (
        city.ada,
        "audit trail",
        "json",
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=2025-01-01&until=2026-03-01", "at most 366 days"),
        ("since=2026-03-04&until=2026-03-01", "The end must be after the start"),
        ("until=9999-12-31", "between the years"),
        ("since=²", "Enter a date like"),
        ("kind=drop_tables", "Choose a kind of action"),
    ],
)
def test_a_bad_window_gets_its_message_not_a_500(city, ada, query, message):
    for url in ("/staff/audit/", "/staff/audit/export.csv"):
        response = ada.get(f"{url}?{query}")
        assert response.status_code == 400
        assert message in response.content.decode()


def test_an_unknown_format_is_refused(city, ada):
    assert ada.get("/staff/audit/export.xml").status_code == 400


def test_the_page_costs_the_same_queries_for_ten_or_a_hundred_events(
    city, ada, django_assert_max_num_queries
):
    for _n in range(10):
        audit_record(kind=AuditKind.SIGN_IN, actor=city.alice)
    with django_assert_max_num_queries(12) as few:
        ada.get("/staff/audit/")
    for _n in range(90):
        audit_record(kind=AuditKind.SIGN_IN, actor=city.alice)
    with django_assert_max_num_queries(len(few)):
        page = ada.get("/staff/audit/").content.decode()
    assert "Older" in page


@time_machine.travel(NOW, tick=False)
def test_the_command_exports_a_window_to_a_file(city, tmp_path):
    audit_record(kind=AuditKind.SIGN_IN, actor=city.alice)
    out = tmp_path / "audit.json"

    call_command(
        "export_audit", "--since", "2026-03-01", "--until", "2026-03-05", "--format", "json",
        "--output", str(out),
    )  # fmt: skip

    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [row["kind"] for row in rows] == ["sign_in"]
    assert _events(AuditKind.EXPORT)[0].actor_username == "manage.py export_audit"


@pytest.mark.parametrize(
    ("since", "until"), [("2026-13-01", "2026-03-05"), ("2024-01-01", "2026-03-05")]
)
def test_the_command_refuses_a_bad_window(city, since, until):
    with pytest.raises(CommandError):
        call_command("export_audit", "--since", since, "--until", until)


def test_spanish_administrators_read_the_page_in_spanish(city, ada):
    ada.post("/i18n/setlang/", {"language": "es"})

    page = ada.get("/staff/audit/").content.decode()

    assert "Registro de auditoría" in page
    assert "What staff did" not in page


def test_a_resident_erasing_their_own_account_leaves_no_trace_of_it_in_the_trail(city):
    from portal.services import resident_sign_up

    user, resident = resident_sign_up(
        full_name="Pat Doe", email="pat@example.org", password=PASSWORD, language="en"
    )

    resident_erase(resident=resident, by=user, reason="own account", at=NOW)

    [event] = _events(AuditKind.ERASURE)
    assert (event.actor, event.actor_username, event.ip_address) == (
        None,
        "resident (own account)",
        None,
    )
    assert "pat@example.org" not in json.dumps(event.detail)
