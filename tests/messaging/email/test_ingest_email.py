"""Real message files through `manage.py ingest_email`, one outcome each."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from cases.models import Case, CaseAttachment, CaseEvent, Channel, EventKind
from messaging.models import Direction, EmailMessageRecord, HeldMessage, HeldReason
from residents.models import Resident
from tests.messaging.conftest import RITA_TRACKING

pytestmark = pytest.mark.django_db


def _email_cases() -> list[Case]:
    return list(Case.objects.filter(channel=Channel.EMAIL))


def test_plain_message_opens_general_enquiry_case_for_new_resident(ingest, general):
    run = ingest("plain.eml")

    assert run.code == 0, run.stderr
    [case] = _email_cases()
    assert case.service == general
    assert "streetlight in front of 42 Elm Street" in case.description
    assert case.description.startswith("Broken streetlight on Elm Street")
    assert case.resident.email == "dan.walker@example.com"
    assert case.resident.full_name == "Dan Walker"
    assert run.stdout.startswith(f"new_case {case.tracking_number}")
    assert EmailMessageRecord.objects.filter(
        case=case, direction=Direction.INBOUND, message_id="CAF8x2=plain-0001@mail.example.com"
    ).exists()


def test_new_case_is_acknowledged_by_a_threaded_automatic_email(ingest, general):
    ingest("plain.eml")

    [case] = _email_cases()
    [ack] = mail.outbox
    assert ack.to == ["Dan Walker <dan.walker@example.com>"]
    assert f"[#{case.tracking_number}]" in ack.subject
    assert ack.extra_headers["Auto-Submitted"] == "auto-replied"
    assert ack.extra_headers["In-Reply-To"] == "<CAF8x2=plain-0001@mail.example.com>"
    assert case.tracking_number in ack.body
    assert "General enquiry" in ack.body
    zone = case.jurisdiction.zone
    first, last = case.first_response_due.astimezone(zone), case.resolution_due.astimezone(zone)
    assert f"will reply to you by {first:%A} {first.day} {first:%B};" in ack.body
    assert f"resolved by {last:%A} {last.day} {last:%B}." in ack.body


def test_existing_resident_is_found_by_address_case_insensitively(ingest, city, general):
    Resident.objects.filter(pk=city.rita.pk).update(email="Dan.Walker@Example.com")

    ingest("plain.eml")

    [case] = _email_cases()
    assert case.resident_id == city.rita.pk


def test_html_only_message_is_sanitised_and_converted_to_text(ingest, general):
    ingest("html_only.eml")

    [case] = _email_cases()
    assert "Someone painted graffiti on the north wall" in case.description
    assert "- About 2 metres wide" in case.description
    assert "alert" not in case.description
    assert "<" not in case.description


def test_image_attachment_is_kept_without_exif_and_other_types_are_refused(ingest, general):
    ingest("multipart_attachments.eml")

    [case] = _email_cases()
    [photo] = CaseAttachment.objects.filter(case=case)
    assert photo.content_type == "image/jpeg"
    assert photo.is_public is False
    with photo.file.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as image:
        assert image.size == (64, 48)
        assert dict(image.getexif()) == {}
    note = CaseEvent.objects.get(case=case, kind=EventKind.INTERNAL_NOTE)
    assert "letter.pdf: type application/pdf is not accepted" in note.body
    assert "invoice.exe" in note.body
    assert "1 photo(s) were kept" in note.body


def test_attachment_over_the_size_limit_is_refused(ingest, general, settings):
    settings.MESSAGING_EMAIL_MAX_ATTACHMENT_BYTES = 100

    ingest("multipart_attachments.eml")

    [case] = _email_cases()
    assert not CaseAttachment.objects.filter(case=case).exists()
    note = CaseEvent.objects.get(case=case, kind=EventKind.INTERNAL_NOTE)
    assert "IMG_2041.jpg: larger than" in note.body


@pytest.mark.parametrize(
    ("name", "sender_name", "subject", "text"),
    [
        (
            "charset_utf8.eml",
            "José García",
            "Árbol caído en la calle Ñandú",
            "¿Pueden venir? 🌳",
        ),
        (
            "charset_windows1252.eml",
            "Renée O’Brien",
            "Café noise – again",
            "The café on Main Street plays music until 2 a.m. – it’s the third time",
        ),
        (
            "charset_iso2022jp.eml",
            "山田太郎",
            "道路の穴について",
            "駅前の道路に大きな穴があります。",
        ),
    ],
)
def test_encoded_headers_and_charsets_are_decoded(
    ingest, general, name, sender_name, subject, text
):
    run = ingest(name)

    assert run.code == 0, run.stderr
    [case] = _email_cases()
    assert case.resident.full_name == sender_name
    assert case.description.startswith(subject)
    assert text in case.description


def test_content_language_sets_a_new_residents_language_and_the_reply_is_in_it(ingest, general):
    ingest("charset_utf8.eml")

    [case] = _email_cases()
    assert case.resident.preferred_language == "es"
    [ack] = mail.outbox
    with translation.override("es"):
        spanish_subject = gettext("We received your request")
    assert spanish_subject != "We received your request"
    assert ack.subject == f"{spanish_subject} [#{case.tracking_number}]"
    with translation.override("es"):
        greeting = gettext("Hello %(name)s,") % {"name": "José García"}
    assert ack.body.startswith(greeting)
    assert "We have received" not in ack.body
    due = case.first_response_due.astimezone(case.jurisdiction.zone)
    spanish_days = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
    assert f"{spanish_days[due.weekday()]} {due.day} de " in ack.body.lower()


def test_mailbox_routes_new_mail_to_its_service(ingest, city, general):
    from messaging.models import Mailbox
    from tests import factories

    lights = factories.make_service(city.public_works, code="streetlights", questions=False)
    Mailbox.objects.create(
        address="Help@Riverton.example.gov", jurisdiction=city.jurisdiction, service=lights
    )

    ingest("plain.eml")

    [case] = _email_cases()
    assert case.service == lights


def test_reply_with_tracking_number_in_subject_is_added_to_the_case(ingest, rita_case):
    run = ingest("reply_tracking.eml")

    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"reply {RITA_TRACKING}")
    assert _email_cases() == []
    event = CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).get()
    assert event.body == "The hole is bigger now, about a metre across."
    assert mail.outbox == []


def test_reply_found_by_in_reply_to_without_a_tag_in_the_subject(ingest, rita_case):
    run = ingest("reply_in_reply_to.eml")

    assert run.code == 0, run.stderr
    event = CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).get()
    assert event.body == "A car hit it this morning, please hurry."


def test_gmail_html_reply_loses_its_quote_block(ingest, rita_case):
    ingest("reply_gmail_html_only.eml")

    event = CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).get()
    assert event.body == "Thank you, it is fixed now!"


def test_reply_to_a_merged_case_goes_to_the_case_it_was_merged_into(ingest, city, rita_case):
    from cases.services import case_merge
    from tests import factories

    survivor = factories.make_case(city.pothole, resident=city.rita, address="12 Oak Avenue")
    case_merge(duplicate=rita_case, into=survivor, by=city.sam)

    ingest("reply_tracking.eml")

    assert CaseEvent.objects.filter(case=survivor, kind=EventKind.RESIDENT_MESSAGE).exists()


def test_reply_from_another_address_is_held_with_an_internal_note(ingest, rita_case):
    run = ingest("spoofed_reply.eml")

    assert run.code == 0, run.stderr
    held = HeldMessage.objects.get()
    assert held.reason == HeldReason.SENDER_MISMATCH
    assert held.case == rita_case
    assert held.sender == "mallory@example.net"
    assert "mallory@example.net" in held.body
    assert not CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).exists()
    note = CaseEvent.objects.get(case=rita_case, kind=EventKind.INTERNAL_NOTE)
    assert "held for review" in note.body
    assert note.is_public is False
    assert _email_cases() == []
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name",
    [
        "auto_reply.eml",
        "out_of_office.eml",
        "mailing_list.eml",
        "bulk_precedence.eml",
        "postmaster_plain_bounce.eml",
        "own_message_looped.eml",
    ],
)
def test_automatic_mail_opens_no_case_and_gets_no_answer(ingest, rita_case, name):
    events_before = CaseEvent.objects.filter(case=rita_case).count()

    run = ingest(name)

    assert run.code == 0, run.stderr
    assert run.stdout.startswith("ignored")
    assert _email_cases() == []
    assert CaseEvent.objects.filter(case=rita_case).count() == events_before
    assert mail.outbox == []
    assert not HeldMessage.objects.exists()


def test_bounce_of_our_mail_marks_the_address_bouncing(ingest, city, rita_case):
    run = ingest("dsn_bounce.eml")

    assert run.code == 0, run.stderr
    assert run.stdout.startswith("bounce")
    city.rita.refresh_from_db()
    assert city.rita.email_bouncing is True
    assert _email_cases() == []
    assert mail.outbox == []


def test_forged_bounce_about_mail_we_never_sent_changes_nothing(ingest, city, rita_case):
    EmailMessageRecord.objects.all().delete()

    ingest("dsn_bounce.eml")

    city.rita.refresh_from_db()
    assert city.rita.email_bouncing is False


def test_oversized_message_is_refused_with_a_notice_and_a_data_error_exit(
    ingest, general, settings
):
    settings.MESSAGING_EMAIL_MAX_BYTES = 50_000
    raw = (
        b"From: Big <big@example.com>\r\nTo: help@riverton.example.gov\r\n"
        b"Subject: huge\r\nMessage-ID: <big-1@example.com>\r\n\r\n" + b"x" * 120_000 + b"\r\n"
    )

    run = ingest(raw)

    assert run.code == 65
    assert "Your message (117 KB) is larger than the 49 KB we accept" in run.stderr
    assert "web form" in run.stderr
    assert _email_cases() == []


def test_garbage_is_rejected_with_a_data_error_exit(ingest, general):
    run = ingest("garbage.eml")

    assert run.code == 65
    assert "no headers" in run.stderr


def test_no_service_to_open_cases_is_a_temporary_failure(ingest, city):
    run = ingest("plain.eml")

    assert run.code == 75
    assert "general-enquiry" in run.stderr
    assert _email_cases() == []


def test_the_same_message_delivered_twice_opens_one_case(ingest, general):
    ingest("plain.eml")
    run = ingest("plain.eml")

    assert run.stdout.startswith("duplicate")
    assert len(_email_cases()) == 1


def test_new_cases_per_sender_are_capped_per_hour(ingest, general, settings):
    settings.MESSAGING_EMAIL_NEW_CASES_PER_HOUR = 2
    template = (
        "From: Dan <dan@example.com>\r\nTo: help@riverton.example.gov\r\n"
        "Subject: Request {n}\r\nMessage-ID: <cap-{n}@example.com>\r\n\r\nBody {n}\r\n"
    )

    runs = [ingest(template.format(n=n).encode()) for n in range(3)]

    assert [r.stdout.split()[0] for r in runs] == ["new_case", "new_case", "held"]
    assert len(_email_cases()) == 2
    held = HeldMessage.objects.get()
    assert held.reason == HeldReason.RATE_LIMITED
    assert len(mail.outbox) == 2


def test_message_read_from_a_file_argument(general, tmp_path):
    from django.core.management import call_command

    from tests.messaging.conftest import CORPUS

    out = io.StringIO()
    call_command("ingest_email", file=str(CORPUS / "plain.eml"), stdout=out)

    assert out.getvalue().startswith("new_case")


def test_new_case_without_required_answers_is_held_not_lost(ingest, city, settings: Any):
    settings.MESSAGING_EMAIL_DEFAULT_SERVICE = "pothole"  # needs a location and answers

    run = ingest("plain.eml")

    assert run.code == 0
    held = HeldMessage.objects.get()
    assert held.reason == HeldReason.CANNOT_OPEN_CASE
    assert "streetlight" in held.body
    assert _email_cases() == []
    assert not Resident.objects.filter(email="dan.walker@example.com").exists()
