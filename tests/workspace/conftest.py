"""Workspace fixtures: signed-in clients per persona, more roles, a standard answer,
and a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from knowledge.models import Article, ArticleTranslation
from tests import factories
from tests.conftest import City


@pytest.fixture(autouse=True)
def _fresh_cache_and_outbox(settings: Any, tmp_path: Any) -> None:
    cache.clear()
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MESSAGING_SMS_PROVIDER = "console"


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Sign a persona in on a fresh client (force_login: no axes involvement)."""

    def sign_in(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return sign_in


@pytest.fixture
def dana(city: City) -> User:
    """A department admin of Public Works."""
    return factories.make_staff("dana", Role.DEPARTMENT_ADMIN, city.public_works)


@pytest.fixture
def bree(city: City) -> User:
    """A BRE officer: works with businesses, sees no cases."""
    return factories.make_staff("bree", Role.BRE_OFFICER, city.public_works)


@pytest.fixture
def standard_answer(city: City) -> Article:
    article = Article.objects.create(
        jurisdiction=city.jurisdiction, slug="pothole-scheduled", is_standard_answer=True
    )
    article.related_services.add(city.pothole)
    ArticleTranslation.objects.create(
        article=article,
        language="en",
        title="Pothole repair scheduled",
        body=(
            "Hello {resident_name}, thank you for reporting this to {department}. Your "
            "{service_name} request {tracking_number} is scheduled: we will fix it by "
            "{promised_date}."
        ),
    )
    ArticleTranslation.objects.create(
        article=article,
        language="es",
        title="Reparación de bache programada",
        body=(
            "Hola {resident_name}, gracias por avisar a {department}. Su solicitud "
            "{tracking_number} está programada: la repararemos antes del {promised_date}."
        ),
    )
    return article
