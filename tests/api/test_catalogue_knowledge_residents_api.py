"""Catalogue, knowledge-base and resident endpoints of the REST API."""

from __future__ import annotations

from accounts.roles import Role
from knowledge.models import Article, ArticleTranslation
from residents.models import Resident
from tests import factories


def test_services_list(alice_api, city):
    response = alice_api.get("/services")

    assert response.status_code == 200
    assert [s["service_code"] for s in response.json()] == ["park-shelter", "pothole"]


def test_service_detail_has_questions_and_standard(alice_api, city):
    body = alice_api.get("/services/pothole").json()

    assert [q["code"] for q in body["questions"]] == ["size", "notes"]
    assert body["questions"][0]["options"] == [
        {"key": "small", "name": "Small"},
        {"key": "large", "name": "Large"},
    ]
    assert body["standard"]["resolution"] == "5 business days"
    assert [s["name"] for s in body["standard"]["steps"]] == [
        "We inspect the site",
        "We fill the pothole",
    ]


def test_unknown_service_is_404(alice_api, city):
    assert alice_api.get("/services/unicorns").status_code == 404


def test_a_code_used_by_two_jurisdictions_needs_jurisdiction_id(alice_api, city):
    other = factories.make_jurisdiction(jurisdiction_id="elsewhere.example.gov")
    factories.make_service(factories.make_department(other), code="pothole")

    ambiguous = alice_api.get("/services/pothole")
    chosen = alice_api.get("/services/pothole", {"jurisdiction_id": "elsewhere.example.gov"})

    assert ambiguous.status_code == 400
    assert chosen.json()["jurisdiction_id"] == "elsewhere.example.gov"


def _article(city, slug, *, es=True, published=True):
    article = Article.objects.create(
        jurisdiction=city.jurisdiction, slug=slug, is_published=published
    )
    article.related_services.add(city.pothole)
    ArticleTranslation.objects.create(
        article=article, language="en", title=f"{slug} in English", body="Body."
    )
    if es:
        ArticleTranslation.objects.create(
            article=article, language="es", title=f"{slug} en español", body="Cuerpo."
        )
    return article


def test_articles_in_spanish_fall_back_to_english(alice_api, city):
    _article(city, "potholes")
    _article(city, "bins", es=False)
    _article(city, "draft", published=False)

    rows = alice_api.get("/articles", {"language": "es"}).json()

    assert [(r["slug"], r["language"]) for r in rows] == [("bins", "en"), ("potholes", "es")]
    assert rows[1]["related_services"] == ["pothole"]


def test_article_detail_and_404(alice_api, city):
    _article(city, "potholes")

    assert alice_api.get("/articles/potholes").json()["title"] == "potholes in English"
    assert alice_api.get("/articles/draft").status_code == 404


def test_residents_search_and_pages(alice_api, city):
    # Residents are listed in the jurisdictions where they have a case (tests/security).
    factories.make_case(city.shelter, resident=city.rosa)
    factories.make_case(city.shelter, resident=city.rita)
    by_email = alice_api.get("/residents", {"q": "ROSA@example.org"}).json()
    by_name = alice_api.get("/residents", {"q": "rit"}).json()
    page = alice_api.get("/residents", {"limit": 1}).json()

    assert [r["id"] for r in by_email["items"]] == [city.rosa.pk]
    assert [r["id"] for r in by_name["items"]] == [city.rita.pk]
    assert len(page["items"]) == 1
    assert page["next_cursor"]


def test_resident_detail(alice_api, city):
    factories.make_case(city.shelter, resident=city.rosa)
    body = alice_api.get(f"/residents/{city.rosa.pk}").json()

    assert (body["email"], body["preferred_language"]) == ("rosa@example.org", "es")
    assert alice_api.get("/residents/999999").status_code == 404


def test_find_or_add_resident(alice_api, city):
    found = alice_api.post("/residents", {"email": "rita@example.org"})
    added = alice_api.post("/residents", {"phone": "+15555550777", "first_name": "Pat"})
    empty = alice_api.post("/residents", {})
    bad = alice_api.post("/residents", {"email": "nope"})

    assert found.json()["id"] == city.rita.pk
    assert Resident.objects.get(pk=added.json()["id"]).full_name == "Pat"
    assert empty.status_code == 400
    assert (bad.status_code, list(bad.json()["errors"])) == (400, ["email"])


def test_resident_endpoints_need_the_permission(as_user, city):
    from django.contrib.auth.models import Group

    clerk = factories.make_staff("cleo", Role.AGENT, city.public_works)
    clerk.groups.set([])
    clerk.groups.add(Group.objects.get_or_create(name="nothing")[0])

    assert as_user(clerk).get("/residents").status_code == 403
    assert as_user(clerk).get("/services").status_code == 403


def test_article_search_is_the_knowledge_base_search_in_one_jurisdiction(alice_api, city):
    from knowledge.services import article_create
    from tests import factories

    article_create(
        jurisdiction=city.jurisdiction,
        slug="bins",
        translations={
            "en": {"title": "Recycling bin collection", "body": "Every Tuesday."},
            "es": {"title": "Recogida de reciclaje", "body": "Cada martes."},
        },
    )
    article_create(
        jurisdiction=city.jurisdiction,
        slug="potholes",
        translations={"en": {"title": "Potholes", "body": "We fill them."}},
    )
    elsewhere = factories.make_jurisdiction(jurisdiction_id="elsewhere.example.gov")
    article_create(
        jurisdiction=elsewhere,
        slug="bins-elsewhere",
        translations={"en": {"title": "Recycling elsewhere", "body": "Mondays."}},
    )

    ambiguous = alice_api.get("/articles", {"q": "recycling"})
    here = alice_api.get(
        "/articles", {"q": "recycling", "jurisdiction_id": city.jurisdiction.jurisdiction_id}
    )
    spanish = alice_api.get(
        "/articles",
        {"q": "reciclaje", "language": "es", "jurisdiction_id": city.jurisdiction.jurisdiction_id},
    )

    assert ambiguous.status_code == 400
    assert [r["slug"] for r in here.json()] == ["bins"]
    assert [(r["slug"], r["title"]) for r in spanish.json()] == [("bins", "Recogida de reciclaje")]
