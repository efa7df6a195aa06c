"""load_demo builds a usable city: departments, catalogue, knowledge base, staff, bookings.

The year of case history is tested in test_demo_history.py; here it is left out
(--cases 0) to keep these tests fast.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.roles import Role
from bookings.models import BookableResource
from catalogue.models import QuestionType, Service
from knowledge.models import Article, ArticleTranslation
from organisations.models import Department, Jurisdiction
from residents.models import Resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def output() -> str:
    out = StringIO()
    call_command("load_demo", "--residents", "30", "--cases", "0", stdout=out)
    return out.getvalue()


def test_creates_departments_and_teams(output: str) -> None:
    riverton = Jurisdiction.objects.get(jurisdiction_id="riverton.example.gov")
    assert riverton.departments.count() >= 3
    assert Department.objects.filter(jurisdiction=riverton, parent__isnull=False).exists()


def test_every_service_has_a_standard_with_steps_and_questions(output: str) -> None:
    services = Service.objects.filter(jurisdiction__jurisdiction_id="riverton.example.gov")
    assert services.count() >= 20
    for service in services:
        assert service.standard.steps.count() >= 1, service
        assert service.questions.exists(), service


def test_catalogue_uses_all_six_datatypes(output: str) -> None:
    used = set(Service.objects.values_list("questions__datatype", flat=True))
    assert set(QuestionType.values) <= used


def test_articles_exist_in_english_and_spanish(output: str) -> None:
    assert Article.objects.count() >= 15
    for article in Article.objects.all():
        languages = set(article.translations.values_list("language", flat=True))
        assert languages == {"en", "es"}, article
    assert Article.objects.filter(is_standard_answer=True).exists()
    assert ArticleTranslation.objects.filter(body__contains="{tracking_number}").exists()


def test_staff_for_every_role_can_log_in_with_printed_password(output: str) -> None:
    for role in Role.values:
        user = User.objects.filter(groups__name=role).first()
        assert user is not None, role
        line = next(x for x in output.splitlines() if x.startswith(user.username + " "))
        password = line.split()[1]
        assert user.check_password(password), role
        assert len(password) >= 12


def test_administrator_can_use_django_admin(output: str) -> None:
    admin = User.objects.get(username="admin")
    assert admin.is_staff
    assert admin.is_superuser


def test_residents_mix_languages(output: str) -> None:
    assert Resident.objects.count() == 30
    assert set(Resident.objects.values_list("preferred_language", flat=True)) == {"en", "es"}


def test_if_empty_does_nothing_the_second_time(output: str) -> None:
    counts = (Service.objects.count(), Resident.objects.count(), Article.objects.count())
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "nothing to do" in out.getvalue()
    assert (Service.objects.count(), Resident.objects.count(), Article.objects.count()) == counts


def test_rerun_updates_in_place_without_duplicates(output: str) -> None:
    counts = (Service.objects.count(), Resident.objects.count(), Article.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Service.objects.count(), Resident.objects.count(), Article.objects.count()) == counts


def test_every_jurisdiction_has_a_general_enquiry_service_messages_can_open(output: str) -> None:
    for jurisdiction in Jurisdiction.objects.all():
        service = Service.objects.get(jurisdiction=jurisdiction, service_code="general-enquiry")
        assert service.is_active
        assert not service.needs_location
        assert not service.questions.filter(required=True).exists()


def test_bookable_shelters_and_inspection_slots_use_services_without_required_questions(
    output: str,
) -> None:
    resources = BookableResource.objects.select_related("service")
    codes = {r.service.service_code for r in resources}
    assert codes == {"shelter-booking", "inspection-booking"}
    shelters = resources.filter(service__service_code="shelter-booking")
    # The shelters the park-shelter form and the knowledge base name, bookable too.
    assert {r.name for r in shelters} == {
        "Riverside Park – Shelter A",
        "Riverside Park – Shelter B",
        "Hillcrest Park – Pavilion",
        "Mill Pond Park – Gazebo",
    }
    for resource in resources:
        resource.full_clean()  # refuses a service with required questions
        assert resource.opening_rules.exists()


def test_rerun_adds_no_bookable_resources(output: str) -> None:
    count = BookableResource.objects.count()
    call_command("load_demo", "--cases", "0", stdout=StringIO())
    assert BookableResource.objects.count() == count
