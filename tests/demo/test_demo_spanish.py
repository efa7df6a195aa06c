"""The demo city works in both languages: search finds answers and services in English
and Spanish (with and without accents), every resident-facing catalogue text has a
Spanish version, and a Spanish page has no English left outside what is marked
lang="en".

The city (no case history) is loaded once for the module and rolled back at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from bookings.models import BookableResource
from cases.services import case_create
from catalogue.models import QuestionOption, Service, ServiceGroup, ServiceQuestion, StandardStep
from demo.data import catalogue as catalogue_data
from demo.data.catalogue_es import SPANISH
from knowledge.models import Article, ArticleTranslation
from knowledge.search import indexed_count, search_articles
from organisations.models import Jurisdiction
from portal.views.base import SESSION_CASES

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _city(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--residents", "10", "--cases", "0", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(_city: None, db: None) -> Jurisdiction:
    return Jurisdiction.objects.get(jurisdiction_id="riverton.example.gov")


def client_in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


class _Text(HTMLParser):
    """The text of a page, without scripts, styles and elements marked lang="en"."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it (inside) skipped text?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        skipped = bool(self.stack and self.stack[-1])
        skipped = skipped or tag in ("script", "style") or ("lang", "en") in attrs
        self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def text_outside_english(html: str) -> str:
    parser = _Text()
    parser.feed(html[html.index("<body") :])
    return " ".join(" ".join(parser.parts).split())


def results(client: Client, query: str) -> str:
    response = client.get(reverse("portal:catalogue"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_every_translation_is_in_the_search_index(demo_city: Jurisdiction) -> None:
    assert ArticleTranslation.objects.count() > 0
    assert indexed_count() == ArticleTranslation.objects.count()


def test_loading_again_keeps_the_index_in_step(demo_city: Jurisdiction) -> None:
    call_command("load_demo", "--cases", "0", stdout=StringIO())
    assert indexed_count() == ArticleTranslation.objects.count()
    assert search_articles("refugio", "es", demo_city)


def test_every_demo_catalogue_text_has_its_spanish() -> None:
    texts: list[str] = []
    for group in catalogue_data.GROUPS:
        texts += [group.name, group.description]
    for spec in catalogue_data.SERVICES:
        texts += [spec.name, spec.description, spec.what_to_provide, spec.minimum_expectation]
        for step in spec.steps:
            texts += [step.name, step.description]
        for question in spec.questions:
            texts += [question.description, question.datatype_description]
            texts += [name for _key, name in question.options]
    assert [t for t in dict.fromkeys(texts) if t and t not in SPANISH] == []


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (ServiceGroup, "translations"),
        (Service, "translations"),
        (StandardStep, "translations"),
        (ServiceQuestion, "translations"),
        (QuestionOption, "translations"),
        (BookableResource, "translations"),
        (Article, "translations"),
    ],
)
def test_every_catalogue_text_has_a_spanish_version(
    demo_city: Jurisdiction, model: Any, lookup: str
) -> None:
    assert model.objects.exists()
    missing = model.objects.exclude(**{f"{lookup}__language": "es"})
    assert list(missing) == []


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("pothole", "pothole"),
        ("recycle bin", "recycl"),
        ("shelter", "shelter"),
        ("tax", "tax"),
    ],
)
def test_english_search_finds_answers(demo_city: Jurisdiction, query: str, title: str) -> None:
    hits = search_articles(query, "en", demo_city)
    assert hits, query
    assert any(title in (h.title + h.summary).lower() for h in hits), [h.title for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bache", "bache"),
        ("baches", "bache"),
        ("basura", "basura"),
        ("contenedor reciclaje", "reciclaje"),
        ("refugio", "refugio"),
        ("reciclaje", "reciclaje"),
        ("inspección", "inspecci"),
        ("inspeccion", "inspecci"),
        ("natación", "natación"),
        ("natacion", "natación"),
        ("exencion", "exenciones"),
    ],
)
def test_spanish_search_finds_answers_with_and_without_accents(
    demo_city: Jurisdiction, query: str, expected: str
) -> None:
    hits = search_articles(query, "es", demo_city)
    assert hits, query
    assert all(h.language == "es" for h in hits)
    body = results(client_in("es"), query)
    assert "No hay respuestas" not in body
    assert expected in body.lower()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("bache", "pothole"),
        ("contenedor reciclaje", "recycle-bin"),
        ("inspección", "building-inspection"),
        ("inspeccion", "building-inspection"),
        ("NATACION", "aquatics-makeup"),
        ("refugio", "park-shelter"),
    ],
)
def test_spanish_search_finds_services_by_their_spanish_names(
    demo_city: Jurisdiction, query: str, code: str
) -> None:
    assert Service.objects.filter(jurisdiction=demo_city, service_code=code).exists()
    assert reverse("portal:service", args=[code]) in results(client_in("es"), query)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_search_hints_own_examples_find_something(
    demo_city: Jurisdiction, language: str
) -> None:
    client = client_in(language)
    page = client.get(reverse("portal:catalogue")).content.decode()
    hint = re.search(r'<p class="hint">([^<]*)</p>', page)
    assert hint is not None
    examples = hint.group(1).split(":", 1)[1].split(",")
    assert len(examples) >= 2
    for example in examples:
        hits = search_articles(example.strip(), language, demo_city)
        assert hits, f"the hint's example {example!r} finds nothing in {language}"


ENGLISH_ONLY_WORDS = frozenset(
    (
        "the",
        "and",
        "we",
        "you",
        "your",
        "our",
        "within",
        "with",
        "what",
        "which",
        "when",
        "of",
        "is",
        "are",
        "to",
        "by",
        "for",
        "from",
        "request",
        "service",
        "services",
        "report",
        "inspect",
        "fill",
        "hole",
        "pothole",
        "site",
        "step",
        "steps",
        "working",
        "days",
        "usually",
        "next",
        "answers",
        "help",
        "book",
        "start",
        "all",
    )
)


def english_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) & ENGLISH_ONLY_WORDS


@pytest.mark.parametrize("code", ["pothole", "recycle-bin", "park-shelter", "shelter-booking"])
def test_a_spanish_service_page_has_no_english_left(demo_city: Jurisdiction, code: str) -> None:
    response = client_in("es").get(reverse("portal:service", args=[code]))
    assert response.status_code == 200
    text = text_outside_english(response.content.decode())
    assert english_words(text) == set(), text


@pytest.mark.parametrize("code", ["pothole", "recycle-bin", "park-shelter"])
def test_a_spanish_request_form_has_no_english_left(demo_city: Jurisdiction, code: str) -> None:
    url = reverse("portal:request", args=[code])
    response = client_in("es").get(url, {"description": "Hay un problema"})
    assert response.status_code == 200
    text = text_outside_english(response.content.decode())
    assert english_words(text) == set(), text


def test_a_spanish_tracking_page_has_no_english_left(demo_city: Jurisdiction) -> None:
    service = Service.objects.get(jurisdiction=demo_city, service_code="pothole")
    case = case_create(
        service=service,
        channel="web",
        description="Hay un bache enorme delante de mi casa.",
        answers={"size": "tyre", "lane": "travel"},
        address="12 Main Street",
    )
    client = client_in("es")
    session = client.session
    session[SESSION_CASES] = [case.tracking_number]
    session.save()
    response = client.get(reverse("portal:case", args=[case.tracking_number]))
    assert response.status_code == 200
    text = text_outside_english(response.content.decode())
    assert "Inspeccionamos el lugar" in text
    assert english_words(text) == set(), text
