"""Build the demo city's reference data: jurisdictions, calendars, departments,
the service catalogue, the knowledge base, staff and residents.

Every builder here is an upsert keyed on natural keys (jurisdiction_id, slugs,
service codes, usernames), so running it twice changes nothing and editing
demo/data/*.py then re-running updates the city in place.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from calendars.models import BusinessCalendar, Closure
from catalogue.models import (
    QuestionOption,
    Service,
    ServiceGroup,
    ServiceQuestion,
    ServiceStandard,
    StandardStep,
)
from demo.data import catalogue as catalogue_data
from demo.data import knowledge as knowledge_data
from demo.data import organisation as org_data
from demo.data import people
from demo.data.catalogue_es import SPANISH
from knowledge.models import Article, Category
from knowledge.services import article_save
from organisations.models import Department, Jurisdiction
from portal.models import (
    OptionTranslation,
    QuestionTranslation,
    ServiceGroupTranslation,
    ServiceTranslation,
    StepTranslation,
)
from residents.models import ContactChannel, Resident


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    name: str
    departments: str


def build_jurisdictions(*, today: dt.date) -> dict[str, Jurisdiction]:
    """Jurisdictions with their business calendars and local closures (last, this, next year)."""
    result: dict[str, Jurisdiction] = {}
    for spec in org_data.JURISDICTIONS:
        jurisdiction, _created = Jurisdiction.objects.update_or_create(
            jurisdiction_id=spec.jurisdiction_id,
            defaults={
                "name": spec.name,
                "timezone": spec.timezone,
                "email": spec.email,
                "phone": spec.phone,
                "website": spec.website,
            },
        )
        calendar, _created = BusinessCalendar.objects.update_or_create(
            jurisdiction=jurisdiction,
            defaults={
                "working_weekdays": spec.working_weekdays,
                "opens_at": spec.opens_at,
                "closes_at": spec.closes_at,
                "holiday_country": spec.holiday_country,
                "holiday_subdivision": spec.holiday_subdivision,
            },
        )
        for year in (today.year - 1, today.year, today.year + 1):
            for month, day, name in spec.closures:
                Closure.objects.update_or_create(
                    calendar=calendar, date=dt.date(year, month, day), defaults={"name": name}
                )
        result[spec.jurisdiction_id] = jurisdiction
    return result


def build_departments(jurisdictions: dict[str, Jurisdiction]) -> dict[str, Department]:
    """Departments and teams, keyed by slug (slugs are unique across the demo)."""
    result: dict[str, Department] = {}
    for spec in org_data.DEPARTMENTS:  # parents are listed before their teams
        department, _created = Department.objects.update_or_create(
            jurisdiction=jurisdictions[spec.jurisdiction_id],
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "parent": result[spec.parent] if spec.parent else None,
                "email": spec.email,
                "phone": spec.phone,
                "is_active": True,
            },
        )
        result[spec.slug] = department
    return result


def build_catalogue(
    jurisdictions: dict[str, Jurisdiction], departments: dict[str, Department]
) -> list[Service]:
    """Service groups, services, questions with options, standards with steps."""
    groups: dict[tuple[str, str], ServiceGroup] = {}
    for g in catalogue_data.GROUPS:
        group, _created = ServiceGroup.objects.update_or_create(
            jurisdiction=jurisdictions[g.jurisdiction_id],
            slug=g.slug,
            defaults={"name": g.name, "description": g.description, "order": g.order},
        )
        groups[(g.jurisdiction_id, g.slug)] = group
        ServiceGroupTranslation.objects.update_or_create(
            group=group,
            language="es",
            defaults={"name": spanish(g.name), "description": spanish(g.description)},
        )

    services = []
    for spec in catalogue_data.SERVICES:
        service, _created = Service.objects.update_or_create(
            jurisdiction=jurisdictions[spec.jurisdiction_id],
            service_code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "group": groups[(spec.jurisdiction_id, spec.group)],
                "keywords": spec.keywords,
                "department": departments[spec.department],
                "open311_type": spec.open311_type,
                "what_to_provide": spec.what_to_provide,
                "needs_location": spec.needs_location,
                "location_prompt": spec.location_prompt,
                "asks_photos": spec.asks_photos,
                "allows_anonymous": spec.allows_anonymous,
                "is_active": True,
            },
        )
        ServiceTranslation.objects.update_or_create(
            service=service,
            language="es",
            defaults={
                "name": spanish(spec.name),
                "description": spanish(spec.description),
                "what_to_provide": spanish(spec.what_to_provide),
                "minimum_expectation": spanish(spec.minimum_expectation),
            },
        )
        _build_questions(service, spec)
        _build_standard(service, spec)
        services.append(service)
    return services


def _build_questions(service: Service, spec: catalogue_data.ServiceSpec) -> None:
    for order, q in enumerate(spec.questions, start=1):
        question, _created = ServiceQuestion.objects.update_or_create(
            service=service,
            code=q.code,
            defaults={
                "datatype": q.datatype,
                "required": q.required,
                "order": order,
                "description": q.description,
                "datatype_description": q.datatype_description,
                "variable": True,
            },
        )
        QuestionTranslation.objects.update_or_create(
            question=question,
            language="es",
            defaults={
                "description": spanish(q.description),
                "datatype_description": spanish(q.datatype_description),
            },
        )
        for option_order, (key, name) in enumerate(q.options):
            option, _created = QuestionOption.objects.update_or_create(
                question=question, key=key, defaults={"name": name, "order": option_order}
            )
            OptionTranslation.objects.update_or_create(
                option=option, language="es", defaults={"name": spanish(name)}
            )


def _build_standard(service: Service, spec: catalogue_data.ServiceSpec) -> None:
    standard, _created = ServiceStandard.objects.update_or_create(
        service=service,
        defaults={
            "priority": spec.priority,
            "first_response_amount": spec.first_response[0],
            "first_response_unit": spec.first_response[1],
            "resolution_amount": spec.resolution[0],
            "resolution_unit": spec.resolution[1],
            "minimum_expectation": spec.minimum_expectation,
        },
    )
    for order, step in enumerate(spec.steps, start=1):
        standard_step, _created = StandardStep.objects.update_or_create(
            standard=standard,
            order=order,
            defaults={
                "name": step.name,
                "description": step.description,
                "duration_amount": step.amount,
                "duration_unit": step.unit,
            },
        )
        StepTranslation.objects.update_or_create(
            step=standard_step,
            language="es",
            defaults={"name": spanish(step.name), "description": spanish(step.description)},
        )
    standard.steps.filter(order__gt=len(spec.steps)).delete()


def spanish(english: str) -> str:
    """The Spanish version of a demo catalogue text. "" when there is none (nothing to
    translate, or a text edited without its Spanish): the page then shows the English,
    marked lang="en", and tests/demo/test_demo_spanish.py names the missing text."""
    return SPANISH.get(english, "") if english else ""


def build_knowledge(jurisdiction: Jurisdiction) -> list[Article]:
    """Categories and articles, each with an English and a Spanish translation."""
    categories = {}
    for slug, name_en, name_es, order in knowledge_data.CATEGORIES:
        category, _created = Category.objects.update_or_create(
            jurisdiction=jurisdiction,
            slug=slug,
            defaults={"name_en": name_en, "name_es": name_es, "order": order},
        )
        categories[slug] = category
    services = {s.service_code: s for s in Service.objects.filter(jurisdiction=jurisdiction)}
    articles = []
    for spec in knowledge_data.ARTICLES:
        # Through the knowledge service, which also indexes every translation for search.
        article = article_save(
            jurisdiction=jurisdiction,
            slug=spec.slug,
            category=categories[spec.category],
            related_services=[services[code] for code in spec.services],
            is_published=True,
            is_standard_answer=spec.standard,
            translations={
                language: {"title": text.title, "summary": text.summary, "body": text.body}
                for language, text in (("en", spec.en), ("es", spec.es))
            },
        )
        articles.append(article)
    return articles


def build_staff(departments: dict[str, Department]) -> list[Login]:
    """Staff for every role. A password is set only when the user is created, so a
    re-run never undoes a password someone changed on purpose."""
    hashed: dict[str, str] = {}  # one slow hash per role password, not one per user
    for spec in org_data.STAFF:
        password = org_data.DEMO_PASSWORDS[spec.role]
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            if password not in hashed:
                hashed[password] = make_password(password)
            user = User.objects.create_user(
                username=spec.username, email=f"{spec.username}@riverton.example.gov"
            )
            user.password = hashed[password]
        user.first_name = spec.first_name
        user.last_name = spec.last_name
        user.preferred_language = spec.language
        user.is_staff = spec.role == "administrator"
        user.is_superuser = spec.role == "administrator"
        user.is_active = True
        user.save()
        user.groups.set([Group.objects.get(name=spec.role)])
        user.departments.set([departments[slug] for slug in spec.departments])
    return demo_logins()


def demo_logins() -> list[Login]:
    """The printed logins, without touching the database."""
    names = {d.slug: d.name for d in org_data.DEPARTMENTS}
    return [
        Login(
            username=s.username,
            password=org_data.DEMO_PASSWORDS[s.role],
            role=s.role,
            name=f"{s.first_name} {s.last_name}",
            departments=", ".join(names[slug] for slug in s.departments)
            or ("all (administrator)" if s.role == "administrator" else "—"),
        )
        for s in org_data.STAFF
    ]


@transaction.atomic
def build_residents(
    *, count: int, rng: random.Random, since: dt.datetime, start_index: int = 0
) -> list[Resident]:
    """Residents: about a third Spanish-speaking; most prefer email, some SMS or phone."""
    residents = []
    for n in range(start_index, start_index + count):
        spanish = rng.random() < 0.35
        first = rng.choice(people.FIRST_NAMES_ES if spanish else people.FIRST_NAMES_EN)
        last = rng.choice(people.LAST_NAMES_ES if spanish else people.LAST_NAMES_EN)
        channel = rng.choices(
            [ContactChannel.EMAIL, ContactChannel.SMS, ContactChannel.PHONE, ContactChannel.NONE],
            weights=[60, 25, 10, 5],
        )[0]
        handle = _ascii(f"{first}.{last}").lower().replace("'", "")
        email = f"{handle}{n}@{rng.choice(people.EMAIL_DOMAINS)}"
        has_email = channel == ContactChannel.EMAIL or rng.random() < 0.5
        residents.append(
            Resident(
                full_name=f"{first} {last}",
                email=email if has_email else "",
                # 555 numbers: fictional by convention.
                phone=f"+1555{n:07d}",
                preferred_language="es" if spanish else "en",
                preferred_channel=channel,
            )
        )
    created = Resident.objects.bulk_create(residents)
    # auto_now_add stamps "now"; make them look like they have been around.
    span = max(1, int((dt.datetime.now(dt.UTC) - since).total_seconds()))
    for resident in created:
        resident.created_at = since + dt.timedelta(seconds=rng.randrange(span // 2))
    Resident.objects.bulk_update(created, ["created_at"])
    return created


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
