"""The timeline is the audit trail: it can be appended to, never rewritten."""

import pytest
from django.db import DatabaseError, connection, transaction

from cases.models import AppendOnlyError, CaseEvent
from tests.factories import make_case


@pytest.fixture
def event(city):
    case = make_case(city.pothole, address="1 Main St")
    return CaseEvent.objects.get(case=case)


def test_saving_an_existing_event_is_refused(event):
    event.body = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=event.pk).update(body="rewritten")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_database_refuses_updates_from_raw_sql(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE cases_caseevent SET body = 'rewritten' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.body == ""


def test_deleting_a_whole_case_still_erases_its_timeline(event):
    case = event.case
    case.steps.all().delete()
    case.delete()
    assert not CaseEvent.objects.filter(pk=event.pk).exists()
