"""The demo city has surveys answered (some "not resolved") and a performance page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cases.models import EventKind
from catalogue.models import Service
from insights.services import insights_refresh
from surveys.models import Survey, SurveyDaily

pytestmark = pytest.mark.django_db


def test_the_demo_has_answered_surveys_a_reopened_case_and_published_services():
    call_command(
        "load_demo", "--residents", "40", "--cases", "300", "--seed", "7", stdout=StringIO()
    )
    insights_refresh(full=True)

    answered = Survey.objects.filter(answered_at__isnull=False)
    assert answered.count() >= 8
    assert answered.filter(resolved=False).exists()
    assert Survey.objects.filter(answered_at__isnull=True).exists()
    not_fixed = answered.filter(resolved=False).first()
    assert not_fixed is not None
    assert not_fixed.case.events.filter(kind=EventKind.REOPENED).exists()
    assert sum(SurveyDaily.objects.values_list("answered", flat=True)) == answered.count()
    assert Service.objects.filter(on_performance_page=True).count() >= 5
    page = Client().get(reverse("portal:performance")).content.decode()
    assert "out of 5" in page
