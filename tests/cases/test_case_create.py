import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case, CaseEvent, EventKind, Status
from cases.services import case_create
from cases.tracking import ALPHABET
from tests.factories import make_case

NY = ZoneInfo("America/New_York")


def test_new_case_gets_tracking_number_promises_steps_and_created_event(city):
    received = dt.datetime(2026, 3, 2, 10, 0, tzinfo=NY)  # Monday morning

    case = make_case(city.pothole, resident=city.rita, address="12 Elm St", at=received)

    assert len(case.tracking_number) == 11
    assert case.tracking_number[5] == "-"
    assert set(case.tracking_number.replace("-", "")) <= set(ALPHABET)
    assert case.status == Status.NEW
    assert case.department == city.public_works
    # 1 business day first response: Tuesday close; steps 2 + 3 business days.
    assert case.first_response_due == dt.datetime(2026, 3, 3, 17, 0, tzinfo=NY)
    steps = list(case.steps.order_by("order"))
    assert [s.name for s in steps] == ["We inspect the site", "We fill the pothole"]
    assert steps[0].due_at == dt.datetime(2026, 3, 4, 17, 0, tzinfo=NY)
    assert steps[1].due_at == dt.datetime(2026, 3, 9, 17, 0, tzinfo=NY)
    # Resolution target 5 business days = Monday 9 March close, same as the last step.
    assert case.resolution_due == dt.datetime(2026, 3, 9, 17, 0, tzinfo=NY)
    created = CaseEvent.objects.get(case=case)
    assert created.kind == EventKind.CREATED
    assert created.is_public


def test_steps_longer_than_the_target_push_the_resolution_promise(city):
    from catalogue.models import StandardStep

    StandardStep.objects.create(
        standard=city.pothole.standard,
        order=3,
        name="We repave",
        duration_amount=10,
        duration_unit="business_days",
    )
    case = make_case(
        city.pothole, address="1 Main St", at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=NY)
    )

    assert case.resolution_due == case.steps.order_by("order").last().due_at
    assert case.resolution_due == dt.datetime(2026, 3, 23, 17, 0, tzinfo=NY)


def test_bad_input_is_refused_with_a_message_per_field_and_nothing_saved(city):
    with pytest.raises(ValidationError) as exc:
        case_create(
            service=city.pothole,
            channel="carrier-pigeon",
            answers={"size": "huge", "colour": "x"},
            lat="91",
            long="0",
        )

    errors = exc.value.message_dict
    assert set(errors) >= {"channel", "size", "colour", "lat"}
    assert "not one of the choices" in errors["size"][0]
    assert Case.objects.count() == 0
    assert CaseEvent.objects.count() == 0


def test_location_is_required_when_the_service_needs_it(city):
    with pytest.raises(ValidationError) as exc:
        make_case(city.pothole)
    assert "address" in exc.value.message_dict


def test_service_without_anonymous_requests_needs_a_resident(city):
    city.shelter.allows_anonymous = False
    city.shelter.save()
    with pytest.raises(ValidationError) as exc:
        make_case(city.shelter)
    assert "resident" in exc.value.message_dict
    assert make_case(city.shelter, resident=city.rosa).resident == city.rosa


def test_nul_characters_from_any_channel_are_dropped_not_stored(city):
    """PostgreSQL refuses NUL in text; the service drops it so no channel can cause a 500."""
    case = make_case(
        city.pothole,
        resident=city.rita,
        description="Deep\x00 hole",
        address="12 Elm\x00 St",
    )

    case.refresh_from_db()
    assert case.description == "Deep hole"
    assert case.address == "12 Elm St"
