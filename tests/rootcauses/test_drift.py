"""Practical drift: an inspection step that really takes twice as long gets a proposal;
a department admin of its department accepts (the standard and future promised dates
change, existing cases keep theirs) or rejects it (recorded)."""

from __future__ import annotations

import datetime as dt

import pytest

from calendars.arithmetic import BusinessDuration
from calendars.services import working_calendar_for
from cases.models import CaseStep
from cases.services import case_complete_step
from catalogue.models import StandardStep
from rootcauses.models import DriftProposal, ProposalStatus, StepMonth
from rootcauses.services import (
    RootCauseError,
    drift_proposal_accept,
    drift_proposal_reject,
    root_causes_refresh,
)
from tests import factories
from tests.rootcauses.conftest import NOW, local

# The first working Monday of each of the four complete months before NOW (18 March 2026).
MONTHS = [dt.date(2025, 11, 3), dt.date(2025, 12, 1), dt.date(2026, 1, 5), dt.date(2026, 2, 2)]


@pytest.fixture
def inspection(city):
    return factories.make_service(
        city.public_works,
        code="building-inspection",
        name="Building inspection",
        steps=[
            ("We inspect the site", 2, "business_days"),
            ("We send the report", 1, "business_days"),
        ],
    )


def _history(service, *, inspect_days: int, per_month: int = 6):
    """Cases received at opening time, inspected after `inspect_days` business days."""
    calendar = working_calendar_for(service.jurisdiction)
    made = []
    for monday in MONTHS:
        for n in range(per_month):
            day = monday + dt.timedelta(days=n % 3)
            case = factories.make_case(service, at=local(day, 8), address="5 Elm St")
            inspected = calendar.add(
                case.created_at, BusinessDuration(inspect_days, "business_days")
            )
            case_complete_step(case=case, order=1, by=None, at=inspected)
            if case.steps.filter(order=2).exists():
                reported = calendar.add(inspected, BusinessDuration(1, "business_days"))
                case_complete_step(case=case, order=2, by=None, at=reported)
            made.append(case)
    return made


def _inspect_step(service):
    return StandardStep.objects.get(standard__service=service, order=1)


def test_a_step_that_takes_twice_as_long_shows_up_with_a_proposal(city, inspection):
    _history(inspection, inspect_days=4)

    root_causes_refresh()

    step = _inspect_step(inspection)
    months = StepMonth.objects.filter(step=step).order_by("month")
    assert [m.month for m in months] == [d.replace(day=1) for d in MONTHS]
    assert all(m.median_minutes == 4 * 9 * 60 for m in months)  # four 9-hour days
    assert all(m.documented_minutes == 2 * 9 * 60 for m in months)
    assert all(m.ratio == 2.0 for m in months)
    proposal = DriftProposal.objects.get()
    assert proposal.step == step
    assert (proposal.documented_amount, proposal.proposed_amount) == (2, 4)
    assert proposal.proposed_unit == "business_days"
    assert (proposal.first_month, proposal.last_month, proposal.months) == (
        dt.date(2025, 11, 1),
        dt.date(2026, 2, 1),
        4,
    )
    assert proposal.status == ProposalStatus.PENDING
    # The report step keeps to its standard: no proposal for it.
    report = StandardStep.objects.get(standard__service=inspection, order=2)
    assert not DriftProposal.objects.filter(step=report).exists()


def test_accepting_updates_the_standard_and_future_promised_dates_only(city, inspection, dora):
    old_cases = _history(inspection, inspect_days=4)
    root_causes_refresh()
    proposal = DriftProposal.objects.get()
    open_case = factories.make_case(inspection, at=NOW - dt.timedelta(hours=1), address="5 Elm")
    promised_before = CaseStep.objects.get(case=open_case, order=1).due_at

    drift_proposal_accept(proposal=proposal, by=dora, reason="Inspectors are short-staffed.")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert (proposal.decided_by, proposal.decided_at) == (dora, NOW)
    assert proposal.decided_by_label == "Dora"
    step = _inspect_step(inspection)
    assert (step.duration_amount, step.duration_unit) == (4, "business_days")
    # Existing cases keep the dates they were promised.
    assert CaseStep.objects.get(case=open_case, order=1).due_at == promised_before
    assert (
        CaseStep.objects.get(case=old_cases[0], order=1).due_at
        == old_cases[0].steps.get(order=1).due_at
    )
    # A case received now is promised the inspection four business days on.
    new_case = factories.make_case(inspection, at=NOW, address="5 Elm")
    calendar = working_calendar_for(inspection.jurisdiction)
    due = CaseStep.objects.get(case=new_case, order=1).due_at
    assert due == calendar.add(NOW, BusinessDuration(4, "business_days"))
    assert due > promised_before
    # The next refresh measures against the new standard: nothing more to propose.
    root_causes_refresh()
    assert DriftProposal.objects.filter(status=ProposalStatus.PENDING).count() == 0


def test_rejecting_is_recorded_and_holds_until_newer_evidence(city, inspection, dora):
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    proposal = DriftProposal.objects.get()

    drift_proposal_reject(proposal=proposal, by=dora, reason="A one-off: the winter backlog.")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert (proposal.decided_by, proposal.decided_at) == (dora, NOW)
    assert proposal.reason == "A one-off: the winter backlog."
    assert _inspect_step(inspection).duration_amount == 2
    root_causes_refresh()
    assert DriftProposal.objects.count() == 1  # no new proposal on the same evidence


def test_a_rejection_needs_a_reason(city, inspection, dora):
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    proposal = DriftProposal.objects.get()

    with pytest.raises(RootCauseError, match="Say why"):
        drift_proposal_reject(proposal=proposal, by=dora, reason="  ")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


@pytest.mark.parametrize("who", ["sam", "pablo", "ada", "alice"])
def test_only_a_department_admin_of_that_department_decides(city, inspection, pablo, who):
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    proposal = DriftProposal.objects.get()
    user = pablo if who == "pablo" else getattr(city, who)

    with pytest.raises(RootCauseError, match="Only a department admin of Public Works"):
        drift_proposal_accept(proposal=proposal, by=user)
    with pytest.raises(RootCauseError, match="Only a department admin"):
        drift_proposal_reject(proposal=proposal, by=user, reason="No")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert _inspect_step(inspection).duration_amount == 2


def test_a_decided_proposal_cannot_be_decided_again(city, inspection, dora):
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    proposal = DriftProposal.objects.get()
    drift_proposal_accept(proposal=proposal, by=dora)

    with pytest.raises(RootCauseError, match="already decided"):
        drift_proposal_reject(proposal=proposal, by=dora, reason="Changed my mind")


def test_a_step_kept_to_its_standard_has_no_proposal(city, inspection):
    _history(inspection, inspect_days=2)

    root_causes_refresh()

    assert StepMonth.objects.filter(step=_inspect_step(inspection)).count() == 4
    assert DriftProposal.objects.count() == 0


def test_two_months_of_drift_are_not_yet_lasting(city, inspection):
    _history(inspection, inspect_days=2)
    # Overwrite nothing: add slow cases in the last two months only, outnumbering the rest.
    calendar = working_calendar_for(inspection.jurisdiction)
    for monday in MONTHS[2:]:
        for n in range(12):
            case = factories.make_case(inspection, at=local(monday + dt.timedelta(days=n % 3), 8))
            at = calendar.add(case.created_at, BusinessDuration(5, "business_days"))
            case_complete_step(case=case, order=1, by=None, at=at)

    root_causes_refresh()

    assert DriftProposal.objects.count() == 0
