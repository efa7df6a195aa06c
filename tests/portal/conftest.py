"""Portal fixtures: the shared `city` plus knowledge-base answers and Spanish catalogue text."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import translation
from PIL import Image

from catalogue.models import QuestionType, ServiceGroup, ServiceQuestion, StandardStep
from knowledge.models import Article
from knowledge.services import article_create
from portal.models import ServiceGroupTranslation, ServiceTranslation, StepTranslation


@dataclass
class Portal:
    city: object
    pothole_answer: Article
    bins_answer: Article


def make_kb(city) -> Portal:  # type: ignore[no-untyped-def]
    streets = ServiceGroup.objects.create(
        jurisdiction=city.jurisdiction, name="Streets and sidewalks", slug="streets", order=1
    )
    ServiceGroupTranslation.objects.create(group=streets, language="es", name="Calles y aceras")
    city.pothole.group = streets
    city.pothole.what_to_provide = "Where the pothole is, and how big."
    city.pothole.save()
    ServiceTranslation.objects.create(
        service=city.pothole,
        language="es",
        name="Bache",
        description="Informe de un bache en la calle.",
        what_to_provide="Dónde está el bache y su tamaño.",
        minimum_expectation="Revisaremos cada informe.",
    )
    for step, name in zip(
        StandardStep.objects.filter(standard__service=city.pothole).order_by("order"),
        ["Inspeccionamos el lugar", "Rellenamos el bache"],
        strict=True,
    ):
        StepTranslation.objects.create(step=step, language="es", name=name)
    ServiceQuestion.objects.create(
        service=city.pothole,
        code="depth",
        datatype=QuestionType.NUMBER,
        required=False,
        order=3,
        description="How deep is it, in inches?",
    )
    pothole_answer = article_create(
        jurisdiction=city.jurisdiction,
        slug="pothole-repair-times",
        related_services=[city.pothole],
        translations={
            "en": {
                "title": "How fast do you repair potholes?",
                "summary": "Most potholes are filled within a week of the report.",
                "body": "We inspect every reported pothole.\n\nThen a crew fills it.",
            },
            "es": {
                "title": "¿Cuándo reparan los baches?",
                "summary": "La mayoría de los baches se rellenan en una semana.",
                "body": "Inspeccionamos cada bache informado.\n\nLuego un equipo lo rellena.",
            },
        },
    )
    bins_answer = article_create(
        jurisdiction=city.jurisdiction,
        slug="recycling-bins",
        translations={
            "en": {
                "title": "Getting a new recycling bin",
                "summary": "Order a bin online; delivery is free.",
                "body": "Recycling bins are delivered on your collection day.",
            }
        },
    )
    return Portal(city=city, pothole_answer=pothole_answer, bins_answer=bins_answer)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded photos go to a temporary folder, not the install's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_test_thread():  # type: ignore[no-untyped-def]
    """Requests leave their language active in this thread; tests format in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def portal(city) -> Portal:  # type: ignore[no-untyped-def]
    cache.clear()  # rate-limit counters live in the cache
    return make_kb(city)


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small JPEG whose EXIF carries a GPS position and a camera make."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (40.0, 42.0, 46.0)
    gps[3] = "W"
    gps[4] = (74.0, 0.0, 21.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
