"""Photos and documents from a visit: bounded in size and type, photos kept without
EXIF/GPS (as case photos), downloadable by the BRE team only, erased with the person."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bre import services
from bre.models import Visit, VisitAttachment
from privacy.services import resident_erase, resident_export
from tests import factories
from tests.bre.conftest import NOW
from tests.open311.wire import has_gps, photo_with_gps

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def visit_post(client, business, *files, **answers):
    data = {"done_on": "2026-06-15", "q_plans": "stay", **answers, "attachments": list(files)}
    return client.post(reverse("bre:visit_new", args=[business.pk]), data)


def test_a_visit_keeps_its_photo_without_location_and_its_pdf(bakery, bruno, instrument, login):
    client = login(bruno)
    photo = SimpleUploadedFile("Loading dock.jpg", photo_with_gps(), content_type="image/jpeg")
    lease = SimpleUploadedFile("lease.pdf", PDF, content_type="application/pdf")

    response = visit_post(client, bakery, photo, lease)

    assert response.status_code == 302
    visit = Visit.objects.get(business=bakery)
    kept_photo, kept_pdf = VisitAttachment.objects.filter(visit=visit).order_by("id")
    assert kept_photo.content_type == "image/jpeg"
    assert kept_photo.original_name == "Loading dock.jpg"
    assert not has_gps(bytes(kept_photo.data))
    assert kept_pdf.content_type == "application/pdf"
    assert bytes(kept_pdf.data) == PDF

    page = client.get(reverse("bre:business", args=[bakery.pk])).content.decode()
    assert reverse("bre:attachment", args=[kept_photo.token]) in page
    download = client.get(reverse("bre:attachment", args=[kept_photo.token]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert not has_gps(download.content)


def test_a_file_that_is_neither_photo_nor_pdf_is_refused_and_the_visit_not_saved(
    bakery, bruno, instrument, login
):
    script = SimpleUploadedFile("notes.html", b"<script>alert(1)</script>", "text/html")

    response = visit_post(login(bruno), bakery, script)

    assert response.status_code == 200
    assert "is not a photo (JPEG, PNG, WebP, GIF) or a PDF" in response.content.decode()
    assert not Visit.objects.exists()
    assert not VisitAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(bakery, bruno, instrument, login, settings):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * services.MAX_ATTACHMENT_BYTES)

    response = visit_post(login(bruno), bakery, big)

    assert "is larger than 8 MB" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_visit_keeps_at_most_ten_files(bakery, bruno, instrument):
    visit, _flags = services.visit_record(
        business=bakery, officer=bruno, done_at=NOW, answers={"plans": "stay"}, by=bruno
    )
    files = [services.CleanAttachment("a.pdf", "application/pdf", PDF)] * services.MAX_ATTACHMENTS
    services.visit_attach(visit=visit, attachments=files, by=bruno)

    with pytest.raises(services.ValidationError) as caught:
        services.visit_attach(visit=visit, attachments=files[:1], by=bruno)

    assert "at most 10 files" in str(caught.value)
    assert VisitAttachment.objects.count() == services.MAX_ATTACHMENTS


def test_files_are_attached_to_a_done_visit_from_the_business_page(
    bakery, bruno, instrument, login
):
    visit, _flags = services.visit_record(
        business=bakery, officer=bruno, done_at=NOW, answers={"plans": "stay"}, by=bruno
    )
    client = login(bruno)

    response = client.post(
        reverse("bre:visit_attach", args=[visit.pk]),
        {"attachments": [SimpleUploadedFile("site plan.pdf", PDF)]},
        follow=True,
    )

    assert "Attached to the visit." in response.content.decode()
    assert VisitAttachment.objects.get(visit=visit).original_name == "site plan.pdf"


def test_only_the_bre_team_downloads_visit_files(city, bakery, bruno, instrument, login):
    visit, _flags = services.visit_record(
        business=bakery, officer=bruno, done_at=NOW, answers={"plans": "stay"}, by=bruno
    )
    [item] = services.visit_attach(
        visit=visit,
        attachments=[services.CleanAttachment("lease.pdf", "application/pdf", PDF)],
        by=bruno,
    )
    url = reverse("bre:attachment", args=[item.token])

    assert login(bruno).get(url).status_code == 200
    admin = login(city.ada)  # reads the register, not the people at businesses
    assert admin.get(url).status_code == 403
    assert url not in admin.get(reverse("bre:business", args=[bakery.pk])).content.decode()
    assert login(city.alice).get(url).status_code == 403
    assert login(bruno).get(reverse("bre:attachment", args=["f" * 32])).status_code == 404


def test_an_officer_of_another_role_cannot_attach(city, bakery, bruno, instrument):
    visit, _flags = services.visit_record(
        business=bakery, officer=bruno, done_at=NOW, answers={"plans": "stay"}, by=bruno
    )
    with pytest.raises(services.PermissionDenied):
        services.visit_attach(
            visit=visit,
            attachments=[services.CleanAttachment("a.pdf", "application/pdf", PDF)],
            by=city.ada,
        )


def test_a_contact_who_asks_to_be_erased_takes_the_visit_files_with_them(bakery, bruno, instrument):
    services.contact_add(
        business=bakery, full_name="Ines Ortega", email="ines@bakery.example", by=bruno
    )
    visit, _flags = services.visit_record(
        business=bakery, officer=bruno, done_at=NOW, answers={"plans": "stay"}, by=bruno
    )
    services.visit_attach(
        visit=visit,
        attachments=[services.CleanAttachment("Ines at the ovens.jpg", "image/jpeg", b"x")],
        by=bruno,
    )
    ines = factories.make_resident(full_name="Ines Ortega", email="ines@bakery.example")

    assert "Ines at the ovens.jpg" in str(resident_export(resident=ines))
    resident_erase(resident=ines, by=None, reason="Erasure #10", at=NOW)

    assert not VisitAttachment.objects.exists()
    assert Visit.objects.filter(pk=visit.pk).exists()
