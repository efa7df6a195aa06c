"""The programme's rules, through bre.services: flags from answers, actions as cases,
macro-issues, and answer validation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bre import services
from bre.models import Answer, BusinessStatus, Flag, FlagColour, Visit
from bre.selectors import business_picture, cases_near
from cases.models import Channel, Status
from cases.services import case_change_status
from tests import factories
from tests.bre.conftest import INTERVIEW, NOW


def _visit(bakery, bruno, **answers):
    return services.visit_record(
        business=bakery,
        officer=bruno,
        done_at=NOW - dt.timedelta(hours=2),
        answers={"plans": "stay", **answers},
        by=bruno,
    )


def test_a_relocation_answer_raises_a_red_flag_owned_by_the_officer(bakery, bruno, instrument):
    visit, flags = _visit(bakery, bruno, plans="relocate", employees="32")

    assert [(f.colour, f.title) for f in flags] == [("red", "Considering relocation")]
    flag = Flag.objects.get()
    assert flag.owner == bruno
    assert flag.visit == visit
    assert flag.due_on == dt.date(2026, 6, 29)
    bakery.refresh_from_db()
    assert bakery.status == BusinessStatus.AT_RISK


def test_an_ordinary_answer_raises_no_flag(bakery, bruno, instrument):
    _visit(bakery, bruno, plans="expand", city_services="4")

    assert not Flag.objects.exists()


def test_a_number_rule_raises_a_yellow_flag(bakery, bruno, instrument):
    _visit(bakery, bruno, city_services="2")

    assert list(Flag.objects.values_list("colour", flat=True)) == [FlagColour.YELLOW]


def test_bad_answers_are_reported_by_question_and_nothing_is_saved(bakery, bruno, instrument):
    with pytest.raises(ValidationError) as caught:
        services.visit_record(
            business=bakery,
            officer=bruno,
            done_at=NOW,
            answers={"plans": "", "employees": "many", "barriers": ["moon"], "lease_ends": "soon"},
            by=bruno,
        )

    assert set(caught.value.message_dict) == {"plans", "employees", "barriers", "lease_ends"}
    assert not Visit.objects.exists()
    assert not Answer.objects.exists()


def test_answers_compare_across_versions_by_code(bakery, bruno, mara, instrument):
    _visit(bakery, bruno, plans="expand")
    v2 = services.instrument_publish(
        name="Standard BRE interview",
        questions=[*INTERVIEW, {"code": "exports", "text": "Do you export?", "datatype": "text"}],
        by=mara,
        on=dt.date(2026, 1, 5),
    )
    _visit(bakery, bruno, plans="relocate")

    assert v2.version == 2
    assert v2.is_current
    instrument.refresh_from_db()
    assert not instrument.is_current
    assert sorted(
        Answer.objects.filter(code="plans").values_list("value", "question__instrument__version")
    ) == [("expand", 1), ("relocate", 2)]


def test_a_flag_raised_by_hand_and_resolved(bakery, bruno):
    flag = services.flag_raise(
        business=bakery,
        colour="yellow",
        title="Owner retiring, no successor",
        owner=bruno,
        due_on=dt.date(2026, 7, 1),
        by=bruno,
    )
    services.flag_respond(
        flag=flag, response="Referred to the SBDC succession clinic.", resolve=True, by=bruno
    )

    flag.refresh_from_db()
    assert flag.status == "resolved"
    assert flag.resolved_at == NOW
    assert flag.raised_by == bruno


def test_an_action_becomes_a_routed_case_with_promised_dates(city, bakery, bruno):
    action = services.action_file(
        business=bakery,
        service=city.pothole,
        summary="Pothole at the loading dock",
        by=bruno,
        answers={"size": "small"},
    )

    case = action.case
    assert case.channel == Channel.BRE
    assert case.department == city.public_works
    assert case.address == "120 Main St"
    assert case.lat == bakery.lat
    # The pothole standard: inspect in 2 business days, fill in 3 more (Mon 15 Jun 2026).
    steps = list(case.steps.order_by("order"))
    assert [s.name for s in steps] == ["We inspect the site", "We fill the pothole"]
    assert case.resolution_due > NOW
    assert steps[0].due_at > NOW
    assert case.resolution_due == steps[-1].due_at


def test_the_case_resolution_shows_on_the_business(city, bakery, bruno, login):
    action = services.action_file(
        business=bakery,
        service=city.pothole,
        summary="Pothole at the loading dock",
        by=bruno,
        answers={"size": "small"},
    )
    case_change_status(case=action.case, status=Status.RESOLVED, by=city.alice, note="Filled.")

    shown = business_picture(bakery).actions[0]
    assert shown.case.status == Status.RESOLVED
    page = login(bruno).get(f"/staff/bre/businesses/{bakery.pk}/").content.decode()
    assert action.case.tracking_number in page
    assert "Resolved" in page


def test_only_bre_staff_file_actions(city, bakery):
    with pytest.raises(PermissionDenied):
        services.action_file(
            business=bakery,
            service=city.pothole,
            summary="x",
            by=city.alice,
            answers={"size": "small"},
        )


def test_a_macro_issue_links_businesses_and_cases(city, bakery, bruno):
    deli = factories_business(city, bruno, "Deli on Main", "130 Main St")
    case = factories.make_case(city.pothole, address="125 Main St")
    issue = services.macro_issue_create(
        title="Parking on Main Street",
        owner=bruno,
        by=bruno,
        plan="Parking study with Public Works; loading zones by September.",
        businesses=[bakery, deli],
        cases=[case],
    )

    assert set(issue.businesses.all()) == {bakery, deli}
    assert list(issue.cases.all()) == [case]
    assert list(bakery.macro_issues.all()) == [issue]
    assert list(case.bre_macro_issues.all()) == [issue]


def test_cases_at_and_around_the_business(city, bakery):
    near = factories.make_case(
        city.pothole, address="Corner of Main", lat="40.7130", long="-74.0062"
    )
    factories.make_case(city.pothole, address="Far away", lat="40.7300", long="-74.0060")

    page = cases_near(bakery)

    assert page is not None
    assert [c.pk for c in page.object_list] == [near.pk]


def test_a_business_without_a_location_has_no_nearby_list(city, bruno):
    shop = factories_business(city, bruno, "Shop", "1 Elm St")

    assert cases_near(shop) is None


def factories_business(city, by, name, address):
    return services.business_create(
        jurisdiction=city.jurisdiction,
        legal_name=name,
        address=address,
        naics_code="722511",
        employees_band="1-9",
        ownership="local",
        by=by,
    )
