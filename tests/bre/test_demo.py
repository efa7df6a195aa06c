"""load_demo builds a believable BRE programme (bre.demo.load_bre_demo)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from bre import selectors
from bre.models import Action, Business, Flag, Instrument, MacroIssue, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def output() -> str:
    out = StringIO()
    call_command("load_demo", "--residents", "20", "--cases", "300", stdout=out)
    return out.getvalue()


def test_the_register_visits_flags_and_a_macro_issue(output):
    assert Business.objects.count() >= 60
    sectors = {b.sector for b in Business.objects.all()}
    assert len(sectors) >= 12
    assert Business.objects.filter(is_key_company=True).count() >= 10
    years = {v.done_at.year for v in Visit.objects.filter(status="done")}
    assert len(years) == 2
    assert Instrument.objects.filter(is_current=True).get().version == 2
    assert Flag.objects.filter(colour="red").exists()
    assert Flag.objects.filter(status="resolved").exists()
    assert Action.objects.filter(case__status="resolved").exists()
    issue = MacroIssue.objects.get(title="Parking and loading on Main Street")
    assert issue.businesses.count() >= 5
    assert issue.cases.count() >= 3


def test_plan_vs_actual_has_both_years_and_bruno_lands_on_his_home(output):
    manager = User.objects.get(username="marta")
    page = Client()
    page.force_login(manager)
    last = Visit.objects.filter(done_at__isnull=False).latest("done_at")
    years = selectors.programme_years(last.done_at.date())
    figures = [selectors.plan_vs_actual(y) for y in years[:2]]

    assert all(f.goal is not None and f.visits > 0 for f in figures)
    assert all(f.hours_actual and f.hours_planned for f in figures)
    assert page.get(reverse("bre:plan")).status_code == 200
    assert "marta" in output

    # Bruno, the BRE officer, lands on his own home page after signing in.
    client = Client()
    response = client.post(
        reverse("workspace:login"), {"username": "bruno", "password": "civicdesk-demo-bre"}
    )

    assert response["Location"] == reverse("bre:home")
    home = client.get(reverse("bre:home"))
    assert home.status_code == 200
    assert "You look after" in home.content.decode()
