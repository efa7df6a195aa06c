"""Text not in the page's language is marked with its lang (WCAG 3.1.2): the one
fallback helper says which language it returned, and the template filters mark it."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.languages import Localised, localised
from portal.models import ServiceTranslation
from tests import factories

TEMPLATE = Template(
    "{% load languages %}<h1{{ text|lang_attr }}>{{ text }}</h1> {{ text|in_own_language }}"
)


def render(text: object, language: str) -> str:
    with translation.override(language):
        return TEMPLATE.render(Context({"text": text}))


def test_an_english_fallback_on_a_spanish_page_is_marked():
    assert render(Localised("Pothole", "en"), "es") == (
        '<h1 lang="en">Pothole</h1> <span lang="en">Pothole</span>'
    )


def test_text_in_the_pages_language_is_not_marked():
    assert render(Localised("Bache", "es"), "es") == "<h1>Bache</h1> Bache"
    assert render("plain text", "es") == "<h1>plain text</h1> plain text"


def test_marked_text_is_still_escaped():
    assert render(Localised("<b>Tom & Jerry</b>", "en"), "es") == (
        '<h1 lang="en">&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</h1> '
        '<span lang="en">&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</span>'
    )


def test_localised_says_which_language_it_returned(city):
    service = factories.make_service(city.public_works, code="leaf-pickup", name="Leaf pickup")
    ServiceTranslation.objects.create(
        service=service, language="es", name="Recogida de hojas", description="Hojas."
    )
    service = type(service).objects.prefetch_related("translations").get(pk=service.pk)
    name = localised(service, "es", "name")
    assert (name, name.language) == ("Recogida de hojas", "es")
    what = localised(service, "es", "what_to_provide")  # no Spanish text: English
    assert what.language == "en"


def test_an_untranslated_service_is_marked_english_on_the_spanish_page(client, city):
    factories.make_service(city.public_works, code="snow-poles", name="Snow poles")
    client.cookies["django_language"] = "es"
    page = client.get(reverse("portal:service", args=["snow-poles"])).content.decode()
    assert '<h1 lang="en">Snow poles</h1>' in page
