"""Survey fixtures: a fresh cache and outbox, on-commit delivery, finished cases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from cases.models import Case, Status
from cases.services import case_assign, case_change_status
from portal.views.base import SESSION_CASES
from tests import factories
from tests.conftest import City

SITE = "https://311.riverton.example.gov"


@pytest.fixture(autouse=True)
def _fresh(settings: Any, tmp_path: Any) -> None:
    cache.clear()
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MESSAGING_SMS_PROVIDER = "console"
    settings.SITE_URL = SITE
    settings.SURVEYS_OPEN_DAYS = 14


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """`with committed():` runs the block's on-commit callbacks (the outbox delivery)."""

    @contextmanager
    def block() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


@pytest.fixture
def resolve(city: City) -> Callable[..., Case]:
    """A pothole case of `resident`, owned by Alice, resolved now."""

    def make(resident: Any = None, **kwargs: Any) -> Case:
        case = factories.make_case(city.pothole, resident=resident, address="1 Elm", **kwargs)
        case_assign(case=case, owner=city.alice, by=city.alice)
        return case_change_status(case=case, status=Status.RESOLVED, by=city.alice)

    return make


def tracking_client(case: Case, client: Client | None = None) -> Client:
    """A browser that has found the case with its number and contact (the session)."""
    client = client or Client()
    session = client.session
    session[SESSION_CASES] = [case.tracking_number]
    session.save()
    return client
