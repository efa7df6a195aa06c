"""What a bench run needs besides the cases: staff to sign in as, an API key, sample rows.

Nothing here creates cases: `generate_city` (demo/) loads them. The bench only
adds two staff members and one Open311 key, idempotently, and draws samples by
id ranges (an index lookup each), never by ORDER BY RANDOM().
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import Count, Max, Min

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, Status
from catalogue.models import QuestionType, Service
from knowledge.models import ArticleTranslation
from open311.models import ApiKey, hash_key
from open311.services import api_key_create
from organisations.models import Department, Jurisdiction

BENCH_KEY = "bench-only-open311-key-not-a-secret"
# A second client whose POSTs are queued and answered with tokens (open311/intake.py).
BENCH_QUEUED_KEY = "bench-only-queued-open311-key-not-a-secret"
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


@dataclass
class BenchData:
    jurisdiction: Jurisdiction
    admin: User
    agent: User
    department: Department
    service: Service  # the busiest service of the agent's department
    api_key: str
    queued_api_key: str
    cases: list[Case]  # a sample, with residents, for case and tracking pages
    common_word: str
    rare_word: str
    kb_word: str
    case_count: int
    open_count_sampled: int = 0
    notes: list[str] = field(default_factory=list)


def _staff(username: str, role: Role, *departments: Department) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "is_active": True}
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.set([Group.objects.get(name=role)])
    user.departments.set(departments)
    return user


def _api_key(jurisdiction: Jurisdiction, raw: str, *, queued: bool = False) -> str:
    if not ApiKey.objects.filter(key_hash=hash_key(raw)).exists():
        api_key_create(name="bench", key=raw, jurisdiction=jurisdiction, requests_per_hour=10**9)
    ApiKey.objects.filter(key_hash=hash_key(raw)).update(queue_requests=queued)
    return raw


def sample_cases(n: int, *, seed: int = 7) -> list[Case]:
    """Up to `n` cases with a resident, spread over the id range."""
    bounds = Case.objects.filter(resident__isnull=False).aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return []
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    found: dict[int, Case] = {}
    for _ in range(n * 3):
        start = rng.randint(bounds["lo"], bounds["hi"])
        case = (
            Case.objects.select_related("resident")
            .filter(id__gte=start, resident__isnull=False)
            .order_by("id")
            .first()
        )
        if case is not None:
            found[case.pk] = case
        if len(found) >= n:
            break
    return list(found.values())


def _words(cases: list[Case]) -> tuple[str, str]:
    """The most and least frequent word in the sampled descriptions (4+ letters)."""
    counts = Counter(w.lower() for c in cases for w in _WORD.findall(c.description))
    if not counts:
        return "pothole", "zzzz"
    ranked = counts.most_common()
    return ranked[0][0], ranked[-1][0]


def prepare(*, samples: int = 50) -> BenchData:
    jurisdiction = (
        Jurisdiction.objects.annotate(n=Count("cases")).order_by("-n", "pk").first()
        if Jurisdiction.objects.count() > 1
        else Jurisdiction.objects.order_by("pk").first()
    )
    if jurisdiction is None:
        raise RuntimeError("No jurisdiction: load a city first (generate_city or load_demo).")
    # The busiest department by its services' count (the catalogue is small; the cases are not).
    cases = sample_cases(samples)
    by_dept = Counter(c.department_id for c in cases)
    department = (
        Department.objects.filter(pk=by_dept.most_common(1)[0][0]).first()
        if by_dept
        else Department.objects.filter(jurisdiction=jurisdiction).order_by("pk").first()
    )
    if department is None:
        raise RuntimeError("No department to bench the queue of.")
    by_service = Counter(c.service_id for c in cases if c.department_id == department.pk)
    service = (
        Service.objects.filter(pk=by_service.most_common(1)[0][0]).first()
        if by_service
        else Service.objects.filter(department=department).order_by("pk").first()
    )
    if service is None:
        raise RuntimeError("No service to bench intake with.")
    common, rare = _words(cases)
    kb = (
        ArticleTranslation.objects.filter(language="en", article__is_published=True)
        .order_by("pk")
        .values_list("title", flat=True)
        .first()
    )
    kb_words = _WORD.findall(kb or "")
    return BenchData(
        jurisdiction=jurisdiction,
        admin=_staff("bench-admin", Role.ADMINISTRATOR),
        agent=_staff("bench-agent", Role.SUPERVISOR, department),
        department=department,
        service=service,
        api_key=_api_key(jurisdiction, BENCH_KEY),
        queued_api_key=_api_key(jurisdiction, BENCH_QUEUED_KEY, queued=True),
        cases=cases,
        common_word=common,
        rare_word=rare,
        kb_word=(kb_words[0].lower() if kb_words else "pothole"),
        case_count=_estimated_count(),
    )


def _estimated_count() -> int:
    """The number of cases: the planner's estimate on PostgreSQL (no scan), else a count."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'cases_case'")
            row = cursor.fetchone()
        if row and row[0] > 0:
            return int(row[0])
    return Case.objects.count()


def answers_for(service: Service) -> dict[str, str | list[str]]:
    """A valid answer to every required question, keyed by question code."""
    answers: dict[str, str | list[str]] = {}
    for question in service.questions.filter(variable=True).prefetch_related("options"):
        if not question.required:
            continue
        options = [o.key for o in question.options.all()]
        if question.datatype == QuestionType.MULTI_VALUE_LIST:
            answers[question.code] = options[:1]
        elif question.datatype == QuestionType.SINGLE_VALUE_LIST:
            answers[question.code] = options[0] if options else ""
        elif question.datatype == QuestionType.NUMBER:
            answers[question.code] = "3"
        elif question.datatype == QuestionType.DATETIME:
            answers[question.code] = "2026-01-05T10:00:00Z"
        else:
            answers[question.code] = "Bench answer"
    return answers


__all__ = ["BenchData", "Status", "answers_for", "prepare", "sample_cases"]
