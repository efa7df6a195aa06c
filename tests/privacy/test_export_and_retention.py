"""A resident's copy of their data; retention by service; legal holds on the timeline."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from cases.models import EventKind
from privacy.models import AnonymisedCase, RetentionRule
from privacy.services import (
    PrivacyError,
    apply_retention,
    legal_hold_lift,
    legal_hold_place,
    resident_export,
)
from tests.privacy.conftest import T0, everything_about


@pytest.mark.django_db
def test_the_copy_holds_every_record_with_their_data_and_no_one_elses(rosas_case):
    from tests.factories import make_case

    make_case(rosas_case.city.pothole, resident=rosas_case.city.rita, address="1 Oak Road")

    export = resident_export(resident=rosas_case.city.rosa)

    text = json.dumps(export, ensure_ascii=False)
    for expected in ["rosa@example.org", "+15555550101", "Gracias, soy Rosa.", "12 Elm Street"]:
        assert expected in text
    assert rosas_case.case.tracking_number in text
    assert "rita@example.org" not in text
    assert "1 Oak Road" not in text
    assert {"residents", "cases", "case events", "email message records"} <= set(export["data"])


@pytest.mark.django_db
def test_retention_anonymises_closed_cases_past_the_period_only(rosas_case):
    RetentionRule.objects.create(service=rosas_case.city.pothole, keep_personal_data_days=365)
    rosas_case.case.refresh_from_db()
    resolved = rosas_case.case.resolved_at
    assert resolved is not None

    early = apply_retention(now=resolved + dt.timedelta(days=364))
    due = apply_retention(now=resolved + dt.timedelta(days=366))

    assert (early.total, due.total) == (0, 1)
    # The case forgets her; her resident record stays for her other requests.
    assert "rosa@example.org" not in everything_about(rosas_case.case, with_resident=False)
    assert AnonymisedCase.objects.filter(case=rosas_case.case).exists()


@pytest.mark.django_db
def test_a_dry_run_reports_and_changes_nothing(rosas_case):
    RetentionRule.objects.create(service=rosas_case.city.pothole, keep_personal_data_days=30)

    report = apply_retention(now=T0 + dt.timedelta(days=400), dry_run=True)

    assert report.by_service == {"Pothole": 1}
    assert "rosa@example.org" in everything_about(rosas_case.case)


@pytest.mark.django_db
def test_the_command_prints_the_dry_run_report(rosas_case, capsys, settings):
    import time_machine

    RetentionRule.objects.create(service=rosas_case.city.pothole, keep_personal_data_days=30)

    with time_machine.travel(T0 + dt.timedelta(days=400), tick=False):
        call_command("apply_retention", "--dry-run")

    out = capsys.readouterr().out
    assert "Pothole: would anonymise 1" in out
    assert "rosa@example.org" in everything_about(rosas_case.case)


@pytest.mark.django_db
def test_a_service_without_a_rule_keeps_its_cases(rosas_case):
    assert apply_retention(now=T0 + dt.timedelta(days=3650)).total == 0


@pytest.mark.django_db
def test_a_legal_hold_stops_retention_until_lifted_with_who_and_why_on_the_timeline(rosas_case):
    city = rosas_case.city
    RetentionRule.objects.create(service=city.pothole, keep_personal_data_days=30)
    hold = legal_hold_place(case=rosas_case.case, reason="Claim 2024-117", by=city.ada)
    later = T0 + dt.timedelta(days=400)

    held = apply_retention(now=later)
    legal_hold_lift(hold=hold, reason="Claim settled", by=city.ada)
    lifted = apply_retention(now=later)

    assert (held.total, held.held, lifted.total) == (0, 1, 1)
    notes = [(e.actor_id, e.body) for e in rosas_case.case.events.filter(kind=EventKind.LEGAL_HOLD)]
    assert notes == [
        (city.ada.pk, "Legal hold placed: Claim 2024-117"),
        (city.ada.pk, "Legal hold lifted: Claim settled"),
    ]


@pytest.mark.django_db
def test_a_hold_needs_a_reason_and_exactly_one_subject(rosas_case):
    with pytest.raises(PrivacyError, match="why"):
        legal_hold_place(case=rosas_case.case, reason=" ", by=None)
    with pytest.raises(PrivacyError, match="one case or on one resident"):
        legal_hold_place(case=rosas_case.case, resident=rosas_case.city.rosa, reason="x", by=None)
