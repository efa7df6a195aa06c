"""A finished case offers no reply, status change or "Mark done", and says why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import CaseEvent, CaseStep, EventKind, Status
from cases.services import case_change_status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(city):
    case = factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")
    case_change_status(case=case, status=Status.RESOLVED, by=city.sam)
    case_change_status(case=case, status=Status.CLOSED, by=city.sam)
    case.refresh_from_db()
    return case


def test_a_closed_case_shows_no_reply_status_or_step_forms_and_says_why(city, login, closed_case):
    text = login(city.alice).get(reverse("workspace:case", args=[closed_case.tracking_number])).text

    assert 'id="reply-closed"' in text
    assert 'name="draft"' not in text
    assert 'id="id_status"' not in text
    assert "Mark done" not in text
    assert 'id="closed-reason"' in text
    assert "This case is Closed" in text
    assert "Reopen" in text


def test_a_resolved_case_can_only_be_closed_by_status(city, login):
    case = factories.make_case(city.pothole, address="1 Main Street")
    case_change_status(case=case, status=Status.RESOLVED, by=city.sam)

    text = login(city.alice).get(reverse("workspace:case", args=[case.tracking_number])).text

    assert '<option value="closed">Closed</option>' in text
    assert '<option value="in_progress">' not in text


def test_replying_on_a_closed_case_is_refused_with_the_reason(city, login, closed_case):
    before = CaseEvent.objects.filter(case=closed_case).count()

    response = login(city.alice).post(
        reverse("workspace:reply", args=[closed_case.tracking_number]),
        {"draft": "Hello again", "op": "send"},
        follow=True,
    )

    assert "reopen it to reply" in response.text
    assert CaseEvent.objects.filter(case=closed_case).count() == before


def test_marking_a_step_done_on_a_closed_case_is_refused(city, login, closed_case):
    response = login(city.alice).post(
        reverse("workspace:case_action", args=[closed_case.tracking_number, "step"]),
        {"order": "1"},
        follow=True,
    )

    assert "reopen it before marking steps done" in response.text
    assert not CaseStep.objects.filter(case=closed_case, completed_at__isnull=False).exists()


def test_the_timeline_shows_status_labels_not_codes(city, login):
    case = factories.make_case(city.pothole, address="1 Main Street")
    case_change_status(case=case, status=Status.IN_PROGRESS, by=city.sam)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.STATUS_CHANGED).exists()

    text = login(city.alice).get(reverse("workspace:case", args=[case.tracking_number])).text

    assert "New → In progress" in text
    assert "in_progress" not in text.split('id="timeline"')[1].split("</ol>")[0]


def test_the_transfer_list_is_grouped_by_department_in_name_order(city, login):
    roads = factories.make_department(city.jurisdiction, "Roads", parent=city.public_works)
    factories.make_department(city.jurisdiction, "Arborists", parent=city.parks)
    factories.make_department(city.jurisdiction, "Animal Control")
    case = factories.make_case(city.pothole, address="1 Main Street")

    text = login(city.alice).get(reverse("workspace:case", args=[case.tracking_number])).text

    select = text.split('id="id_department"')[1].split("</select>")[0]
    groups = [part.split('"')[0] for part in select.split('<optgroup label="')[1:]]
    assert groups == ["Animal Control", "Parks &amp; Recreation", "Public Works"]
    assert select.index("Parks &amp; Recreation</option>") < select.index("Arborists")
    assert f'value="{roads.pk}"' in select.split('label="Public Works"')[1]
