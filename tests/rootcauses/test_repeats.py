"""Repeat contacts: the same service again within 30 days, messages on the same case a
day or more later, reopened cases, and cases transferred more than once."""

from __future__ import annotations

import datetime as dt

from cases.models import Status
from cases.services import (
    case_add_resident_message,
    case_change_status,
    case_reopen,
    case_transfer,
)
from rootcauses.models import RepeatContact, RepeatKind
from rootcauses.services import root_causes_refresh
from tests.rootcauses.conftest import local, plant

DAY = dt.date(2026, 2, 2)


def _kinds():
    return {(r.kind, r.case_id) for r in RepeatContact.objects.all()}


def test_the_same_resident_asking_again_for_the_same_service_within_30_days(city):
    (first,) = plant(city.pothole, DAY, 1, resident=city.rosa)
    (again,) = plant(city.pothole, DAY + dt.timedelta(days=10), 1, resident=city.rosa)
    plant(city.pothole, DAY + dt.timedelta(days=45), 1, resident=city.rosa)  # 35 days on
    plant(city.shelter, DAY + dt.timedelta(days=11), 1, resident=city.rosa)  # other service
    plant(city.pothole, DAY + dt.timedelta(days=12), 1, resident=city.rita)  # someone else

    root_causes_refresh()

    row = RepeatContact.objects.get()
    assert (row.kind, row.case_id, row.earlier_case_id) == (
        RepeatKind.SAME_SERVICE,
        again.pk,
        first.pk,
    )


def test_a_message_a_day_or_more_later_is_a_repeat_contact_an_hour_later_is_not(city):
    (chased,) = plant(city.pothole, DAY, 1, resident=city.rosa)
    (chatty,) = plant(city.pothole, DAY, 1, resident=city.rita, where=None)
    case_add_resident_message(case=chased, body="Any news?", at=local(DAY + dt.timedelta(days=3)))
    case_add_resident_message(case=chased, body="Still?", at=local(DAY + dt.timedelta(days=5)))
    case_add_resident_message(case=chatty, body="Also a crack", at=local(DAY, 10))

    root_causes_refresh()

    row = RepeatContact.objects.get(kind=RepeatKind.SAME_CASE)
    assert (row.case_id, row.times) == (chased.pk, 2)
    assert (RepeatKind.SAME_CASE, chatty.pk) not in _kinds()


def test_reopened_and_twice_transferred_cases_are_listed(city):
    (reopened, bounced, once) = plant(city.pothole, DAY, 3)
    case_change_status(case=reopened, status=Status.RESOLVED, by=city.sam, at=local(DAY, 14))
    case_reopen(case=reopened, by=city.sam, reason="Not fixed", at=local(DAY, 16))
    case_transfer(
        case=bounced, to_department=city.parks, by=city.ada, note="Park path", at=local(DAY, 11)
    )
    case_transfer(
        case=bounced, to_department=city.public_works, by=city.ada, note="Street", at=local(DAY, 12)
    )
    case_transfer(
        case=once, to_department=city.parks, by=city.ada, note="Park path", at=local(DAY, 11)
    )

    root_causes_refresh()

    assert _kinds() == {(RepeatKind.REOPENED, reopened.pk), (RepeatKind.TRANSFERRED, bounced.pk)}
    assert RepeatContact.objects.get(kind=RepeatKind.TRANSFERRED).times == 2
