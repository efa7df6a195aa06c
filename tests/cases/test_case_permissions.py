"""cases/permissions.py: one answer to "may they?", enforced by the case services, so the
workspace, the REST API and the chat panel agree."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from api.services import api_token_create
from cases.models import Channel, EventKind, Status
from cases.permissions import Action, CasePermissionDenied, may
from cases.services import (
    case_add_internal_note,
    case_change_status,
    case_create,
    case_escalate,
    case_merge,
    case_reply_publicly,
)
from messaging.chat.services import chat_resident_message, chat_staff_reply, chat_start
from tests import factories
from tests.workspace.conftest import login  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hole(city):
    return factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")


@pytest.fixture
def viewer(city):
    """Sees every department's cases but may change none (an auditor)."""
    user = factories.make_staff("vera", "agent")
    user.groups.clear()
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_case", "view_all_departments"], content_type__app_label="cases"
        )
    )
    return user


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("alice", {Action.REPLY, Action.CHANGE_STATUS, Action.TAKE, Action.ADD_NOTE,
                   Action.TRANSFER, Action.COMPLETE_STEP, Action.SEE_INTERNAL_NOTES}),
        ("sam", set(Action)),
        ("ada", set(Action)),
        ("bob", set()),  # Parks: not the pothole's department
    ],
)  # fmt: skip
def test_who_may_do_what_to_a_public_works_case(city, hole, persona, allowed):
    user = getattr(city, persona)

    assert {action for action in Action if may(user, action, hole)} == allowed


def test_civicdesk_itself_may_act_for_a_resident(hole):
    assert all(may(None, action, hole) for action in Action)


def test_the_services_refuse_with_the_reason(city, hole):
    other = factories.make_case(city.pothole, address="2 Elm Street")

    with pytest.raises(CasePermissionDenied, match="Only supervisors can merge cases"):
        case_merge(duplicate=other, into=hole, by=city.alice)
    with pytest.raises(CasePermissionDenied, match="Your role cannot escalate cases"):
        case_escalate(case=hole, by=city.alice, reason="Angry")
    with pytest.raises(CasePermissionDenied, match="is not in your departments"):
        case_reply_publicly(case=hole, by=city.bob, body="Hello")

    assert not hole.events.exclude(kind=EventKind.CREATED).exists()


def test_the_front_desk_may_resolve_the_call_it_opened_in_another_department(city):
    case = case_create(
        service=city.pothole, channel=Channel.PHONE, address="1 Elm", actor=city.bob,
        answers={"size": "small"},
    )  # fmt: skip

    case_change_status(case=case, status=Status.RESOLVED, by=city.bob, note="Explained.")

    case.refresh_from_db()
    assert case.status == Status.RESOLVED


def test_workspace_api_and_chat_give_the_same_no(city, client, login, viewer, hole):  # noqa: F811
    factories.make_service(
        city.public_works, code="general-enquiry", name="General enquiry", questions=False
    )
    session = chat_start(name="Rita", email="rita@example.org")
    chat_resident_message(session=session, text="Hello?")
    session.refresh_from_db()
    _token, raw = api_token_create(user=viewer, name="tests")

    workspace = login(viewer).post(
        reverse("workspace:reply", args=[hole.tracking_number]), {"op": "send", "draft": "Hi"}
    )
    api = client.post(
        f"/api/v1/cases/{hole.tracking_number}/replies",
        {"body": "Hi"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    with pytest.raises(CasePermissionDenied) as chat:
        chat_staff_reply(session=session, by=viewer, body="Hi")

    reason = "Your role cannot change cases."
    assert workspace.status_code == 400
    assert reason in workspace.text
    assert api.status_code == 403
    assert api.json()["detail"] == reason
    assert str(chat.value) == reason
    assert not hole.events.filter(kind=EventKind.PUBLIC_REPLY).exists()
    assert not session.case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()


def test_internal_notes_stay_off_the_api_timeline_for_roles_that_may_not_see_them(
    city, client, viewer, hole
):
    case_add_internal_note(case=hole, by=city.alice, body="The crew is late.")
    _token, raw = api_token_create(user=viewer, name="tests")

    rows = client.get(
        f"/api/v1/cases/{hole.tracking_number}/timeline", HTTP_AUTHORIZATION=f"Bearer {raw}"
    ).json()

    assert [r["kind"] for r in rows] == [EventKind.CREATED]
