"""Every Open311 attribute type renders as the right control and round-trips to the case."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cases.models import Case, CaseAttachment
from catalogue.models import QuestionOption, QuestionType, ServiceQuestion
from tests import factories


@pytest.fixture
def survey(portal):  # type: ignore[no-untyped-def]
    service = factories.make_service(
        portal.city.parks, code="tree", name="Tree care", questions=False
    )
    specs = [
        ("species", QuestionType.STRING, True),
        ("count", QuestionType.NUMBER, True),
        ("seen", QuestionType.DATETIME, True),
        ("details", QuestionType.TEXT, False),
        ("kind", QuestionType.SINGLE_VALUE_LIST, True),
        ("problems", QuestionType.MULTI_VALUE_LIST, True),
    ]
    for order, (code, datatype, required) in enumerate(specs):
        ServiceQuestion.objects.create(
            service=service,
            code=code,
            datatype=datatype,
            required=required,
            order=order,
            description=f"Question {code}?",
        )
    ServiceQuestion.objects.create(
        service=service,
        code="note",
        variable=False,
        datatype=QuestionType.STRING,
        order=99,
        description="Trees on private land are the owner's job.",
    )
    for code in ("kind", "problems"):
        question = service.questions.get(code=code)
        for n, key in enumerate(["a", "b", "c"]):
            QuestionOption.objects.create(question=question, key=key, name=f"Option {key}", order=n)
    return service


def url() -> str:
    return reverse("portal:request", args=["tree"])


def test_each_type_gets_its_own_control(client, survey):
    body = client.post(url(), {"step": "describe", "description": ""}).content.decode()
    assert 'id="id_q_species" name="q_species"' in body
    assert 'name="q_count" value=""\n            type="text" inputmode="decimal"' in body
    assert 'type="datetime-local"' in body
    assert '<textarea id="id_q_details"' in body
    assert 'type="radio" id="id_q_kind_0"' in body
    assert 'type="checkbox" id="id_q_problems_0"' in body
    assert "Trees on private land are the owner&#x27;s job." in body
    assert 'name="q_note"' not in body


def test_answers_of_every_type_are_stored_normalised(client, survey):
    response = client.post(
        url(),
        {
            "q_species": "Oak",
            "q_count": "2.50",
            "q_seen": "2026-03-04T14:30",
            "q_details": "Leaning",
            "q_kind": "b",
            "q_problems": ["a", "c", "a"],
            "anonymous": "1",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get().answers == {
        "species": "Oak",
        "count": "2.50",
        "seen": "2026-03-04T14:30:00",
        "details": "Leaning",
        "kind": "b",
        "problems": ["a", "c"],
    }


def test_each_type_explains_its_own_mistake(client, survey):
    response = client.post(
        url(),
        {
            "q_species": "",
            "q_count": "two",
            "q_seen": "yesterday",
            "q_kind": "z",
            "q_problems": ["a", "nope"],
            "anonymous": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Please answer: Question species?" in body
    assert "Enter a number, like 3 or 2.5." in body
    assert "Enter a date like 2026-03-04" in body
    assert "“z” is not one of the choices." in body
    assert "“nope” is not one of the choices." in body
    assert 'value="a" checked' in body  # their ticks are kept
    assert Case.objects.count() == 0


def test_a_png_photo_is_kept_as_jpeg(client, survey):
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 128, 0, 128)).save(out, format="PNG")
    photo = SimpleUploadedFile("leaf.png", out.getvalue(), content_type="image/png")
    client.post(
        url(),
        {
            "q_species": "Oak",
            "q_count": "1",
            "q_seen": "2026-03-04",
            "q_kind": "a",
            "q_problems": "b",
            "anonymous": "1",
            "photos": [photo],
        },
    )
    attachment = CaseAttachment.objects.get()
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (30, 20))
