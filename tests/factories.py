"""Test data builders and the named personas shared by every test module.

Personas (one department each unless said):
- alice: agent, Public Works          - bob: agent, Parks & Recreation
- sam: supervisor, Public Works        - ada: administrator (all departments)
- rosa: a resident who prefers Spanish and SMS; rita: a resident on email
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from calendars.models import BusinessCalendar
from cases.models import Case, Channel
from cases.services import case_create
from catalogue.models import (
    Priority,
    QuestionOption,
    QuestionType,
    Service,
    ServiceQuestion,
    ServiceStandard,
    StandardStep,
)
from organisations.models import Department, Jurisdiction
from residents.models import Resident

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_jurisdiction(**kwargs: Any) -> Jurisdiction:
    n = next(_counter)
    defaults = {
        "jurisdiction_id": f"city{n}.example.gov",
        "name": f"City {n}",
        "timezone": "America/New_York",
    }
    defaults.update(kwargs)
    jurisdiction = Jurisdiction.objects.create(**defaults)
    BusinessCalendar.objects.create(
        jurisdiction=jurisdiction,
        working_weekdays="12345",
        opens_at=dt.time(8),
        closes_at=dt.time(17),
        holiday_country="US",
    )
    return jurisdiction


def make_department(jurisdiction: Jurisdiction, name: str = "", **kwargs: Any) -> Department:
    n = next(_counter)
    name = name or f"Department {n}"
    return Department.objects.create(
        jurisdiction=jurisdiction, name=name, slug=f"dept-{n}", **kwargs
    )


def make_service(
    department: Department,
    *,
    code: str = "",
    name: str = "",
    first_response: tuple[int, str] = (1, "business_days"),
    resolution: tuple[int, str] = (5, "business_days"),
    steps: list[tuple[str, int, str]] | None = None,
    questions: bool = True,
    **kwargs: Any,
) -> Service:
    n = next(_counter)
    kwargs.setdefault("allows_anonymous", True)
    service = Service.objects.create(
        jurisdiction=department.jurisdiction,
        department=department,
        service_code=code or f"service-{n}",
        name=name or f"Service {n}",
        description="A service for tests.",
        **kwargs,
    )
    standard = ServiceStandard.objects.create(
        service=service,
        priority=Priority.NORMAL,
        first_response_amount=first_response[0],
        first_response_unit=first_response[1],
        resolution_amount=resolution[0],
        resolution_unit=resolution[1],
        minimum_expectation="We will look at every report.",
    )
    for order, (step_name, amount, unit) in enumerate(steps or [], start=1):
        StandardStep.objects.create(
            standard=standard,
            order=order,
            name=step_name,
            duration_amount=amount,
            duration_unit=unit,
        )
    if questions:
        ServiceQuestion.objects.create(
            service=service,
            code="size",
            datatype=QuestionType.SINGLE_VALUE_LIST,
            required=True,
            order=1,
            description="How big is it?",
        )
        size = service.questions.get(code="size")
        for order, (key, label) in enumerate([("small", "Small"), ("large", "Large")]):
            QuestionOption.objects.create(question=size, key=key, name=label, order=order)
        ServiceQuestion.objects.create(
            service=service,
            code="notes",
            datatype=QuestionType.TEXT,
            required=False,
            order=2,
            description="Anything else?",
        )
    return service


def make_staff(username: str, role: Role, *departments: Department, **kwargs: Any) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.title(),
        email=f"{username}@city.example.gov",
        is_staff=role == Role.ADMINISTRATOR,
        **kwargs,
    )
    user.groups.add(Group.objects.get(name=role))
    user.departments.add(*departments)
    return user


def make_resident(**kwargs: Any) -> Resident:
    n = next(_counter)
    defaults = {"full_name": f"Resident {n}", "email": f"resident{n}@example.org"}
    defaults.update(kwargs)
    return Resident.objects.create(**defaults)


def make_case(service: Service, **kwargs: Any) -> Case:
    kwargs.setdefault("channel", Channel.WEB)
    kwargs.setdefault("description", "Something needs fixing.")
    if service.questions.filter(code="size").exists():
        kwargs.setdefault("answers", {"size": "small"})
    return case_create(service=service, **kwargs)
