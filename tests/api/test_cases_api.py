"""Cases over the REST API: scoped reads, cursor pages, and writes through cases.services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Case, Channel, EventKind, Status
from cases.services import case_add_internal_note
from residents.models import Resident
from tests import factories


@pytest.fixture
def hole(city):
    return factories.make_case(city.pothole, address="1 Main St", resident=city.rita)


@pytest.fixture
def bench(city):
    return factories.make_case(city.shelter)


def _numbers(response):
    return [row["tracking_number"] for row in response.json()["items"]]


def test_agent_sees_only_their_departments_cases(alice_api, hole, bench):
    response = alice_api.get("/cases")

    assert response.status_code == 200
    assert _numbers(response) == [hole.tracking_number]


def test_administrator_sees_every_department(ada_api, hole, bench):
    assert set(_numbers(ada_api.get("/cases"))) == {hole.tracking_number, bench.tracking_number}


def test_list_filters(ada_api, city, hole, bench):
    from cases.services import case_change_status

    case_change_status(case=bench, status=Status.IN_PROGRESS, by=city.ada)

    assert _numbers(ada_api.get("/cases", {"status": "in_progress"})) == [bench.tracking_number]
    assert _numbers(ada_api.get("/cases", {"service_code": "pothole"})) == [hole.tracking_number]
    assert _numbers(ada_api.get("/cases", {"department_id": city.parks.pk})) == [
        bench.tracking_number
    ]
    assert _numbers(ada_api.get("/cases", {"resident_id": city.rita.pk})) == [hole.tracking_number]
    later = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    assert _numbers(ada_api.get("/cases", {"created_after": later})) == []


def test_cursor_pages_cover_every_case_once_even_with_equal_timestamps(ada_api, city):
    same_moment = timezone.now() - dt.timedelta(hours=1)
    made = [factories.make_case(city.shelter, at=same_moment) for _ in range(3)]
    made += [factories.make_case(city.shelter) for _ in range(2)]

    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = ada_api.get("/cases", params).json()
        seen += [row["tracking_number"] for row in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert sorted(seen) == sorted(c.tracking_number for c in made)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("params", [{"cursor": "not-a-cursor"}, {"limit": 0}, {"limit": 1000}])
def test_bad_paging_parameters_are_400(ada_api, city, params):
    response = ada_api.get("/cases", params)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_unknown_status_filter_is_422(ada_api, city):
    assert ada_api.get("/cases", {"status": "lost"}).status_code == 422


def test_case_list_runs_a_constant_number_of_queries(ada_api, city, django_assert_num_queries):
    for _ in range(3):
        factories.make_case(city.pothole, address="x", resident=city.rosa)
    # token lookup, last-used update, permission checks, the page
    with django_assert_num_queries(5) as first:
        assert len(ada_api.get("/cases", {"limit": 50}).json()["items"]) == 3
    for _ in range(27):
        factories.make_case(city.shelter)
    with django_assert_num_queries(len(first.captured_queries)):
        assert len(ada_api.get("/cases", {"limit": 50}).json()["items"]) == 30


def test_case_detail_has_answers_steps_and_resident(alice_api, hole):
    response = alice_api.get(f"/cases/{hole.tracking_number}")

    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == {"size": "small"}
    assert [s["name"] for s in body["steps"]] == ["We inspect the site", "We fill the pothole"]
    assert body["resident"]["email"] == "rita@example.org"
    assert dt.datetime.fromisoformat(body["resolution_due"]) == hole.resolution_due


def test_case_of_another_department_is_404(alice_api, bench):
    assert alice_api.get(f"/cases/{bench.tracking_number}").status_code == 404


def test_timeline_includes_internal_notes_for_staff(alice_api, city, hole):
    case_add_internal_note(case=hole, by=city.alice, body="Crew is late.")

    events = alice_api.get(f"/cases/{hole.tracking_number}/timeline").json()

    assert [e["kind"] for e in events] == ["created", "internal_note"]
    assert events[1]["is_public"] is False


def test_create_case_is_an_api_case_with_the_web_promise(alice_api, city):
    response = alice_api.post(
        "/cases",
        {
            "service_code": "pothole",
            "answers": {"size": "large"},
            "lat": 40.7,
            "long": -74.0,
            "resident": {"email": "caller@example.org", "first_name": "Cal", "last_name": "Ler"},
        },
    )

    assert response.status_code == 201
    case = Case.objects.get(tracking_number=response.json()["tracking_number"])
    assert case.channel == Channel.API
    assert case.resident.full_name == "Cal Ler"
    web = factories.make_case(city.pothole, at=case.created_at, lat="1", long="1")
    assert case.resolution_due == web.resolution_due
    assert case.events.get(kind=EventKind.CREATED).actor == city.alice


def test_create_case_for_an_existing_resident(alice_api, city):
    response = alice_api.post(
        "/cases",
        {
            "service_code": "park-shelter",
            "answers": {"size": "small"},
            "resident_id": city.rosa.pk,
        },
    )

    assert response.status_code == 201
    assert response.json()["resident"]["id"] == city.rosa.pk


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"service_code": "pothole", "answers": {"size": "huge"}, "address": "x"}, 400, "size"),
        ({"service_code": "pothole", "answers": {"size": "small"}}, 400, "address"),
        (
            {"service_code": "pothole", "answers": {"size": "small"}, "resident_id": 999999},
            400,
            "resident_id",
        ),
        (
            {
                "service_code": "pothole",
                "answers": {"size": "small"},
                "address": "x",
                "resident": {"email": "nope"},
            },
            400,
            "email",
        ),
        ({"service_code": "unicorns"}, 404, None),
        ({"service_code": "pothole", "lat": 100}, 422, None),
        ({"answers": {}}, 422, None),
    ],
)
def test_bad_create_is_rejected_and_nothing_saved(alice_api, city, payload, status, field):
    residents = Resident.objects.count()

    response = alice_api.post("/cases", payload)

    assert response.status_code == status
    if field:
        assert field in response.json()["errors"]
    assert Case.objects.count() == 0
    assert Resident.objects.count() == residents


def test_role_without_add_case_cannot_create(as_user, city):
    from accounts.roles import Role

    officer = factories.make_staff("otto", Role.BRE_OFFICER, city.public_works)

    response = as_user(officer).post("/cases", {"service_code": "pothole"})

    assert response.status_code == 403


def test_status_change_goes_through_the_lifecycle(alice_api, hole):
    response = alice_api.post(
        f"/cases/{hole.tracking_number}/status", {"status": "in_progress", "note": "On it."}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    event = hole.events.get(kind=EventKind.STATUS_CHANGED)
    assert (event.body, event.data["after"]) == ("On it.", "in_progress")


def test_status_change_the_lifecycle_refuses_is_409(alice_api, hole):
    response = alice_api.post(f"/cases/{hole.tracking_number}/status", {"status": "closed"})

    assert response.status_code == 409
    assert "cannot become closed" in response.json()["detail"]


def test_unknown_status_is_422(alice_api, hole):
    response = alice_api.post(f"/cases/{hole.tracking_number}/status", {"status": "lost"})

    assert response.status_code == 422


def test_public_reply_and_internal_note(alice_api, hole):
    reply = alice_api.post(f"/cases/{hole.tracking_number}/replies", {"body": "We are on it."})
    note = alice_api.post(f"/cases/{hole.tracking_number}/notes", {"body": "Crew booked."})

    assert (reply.status_code, reply.json()["is_public"]) == (201, True)
    assert (note.status_code, note.json()["is_public"]) == (201, False)
    assert list(hole.events.values_list("kind", flat=True)) == [
        "created",
        "public_reply",
        "status_changed",  # answering a New case acknowledges it
        "internal_note",
    ]


def test_blank_reply_is_refused(alice_api, hole):
    assert alice_api.post(f"/cases/{hole.tracking_number}/replies", {"body": ""}).status_code == 422
    assert alice_api.post(f"/cases/{hole.tracking_number}/notes", {"body": "  "}).status_code == 409


def test_agent_cannot_change_another_departments_case(alice_api, bench):
    response = alice_api.post(f"/cases/{bench.tracking_number}/status", {"status": "resolved"})

    assert response.status_code == 404
    bench.refresh_from_db()
    assert bench.status == Status.NEW


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("get", "/cases", {"service_code": "pot\x00hole"}),
        ("get", "/services/pot%00hole", None),
        ("post", "/cases", {"service_code": "pothole", "description": "a\x00b"}),
    ],
)
def test_nul_characters_are_refused_with_400(alice_api, city, method, path, payload):
    response = getattr(alice_api, method)(path, payload)

    assert response.status_code == 400
    assert response.json()["detail"] == "NUL characters are not allowed."
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "when", ["2085-09-01T04:16:23-23:01", "0001-01-01T00:00:00+05:00", "2026-01-01T00:00:00"]
)
def test_odd_but_valid_datetimes_never_crash(ada_api, city, when):
    response = ada_api.get("/cases", {"created_after": when})

    assert response.status_code in (200, 400)
