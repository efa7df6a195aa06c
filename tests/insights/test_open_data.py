"""Open data: the package validates as Frictionless Data, holds one row per request in the
311 layout, generalises locations as configured, is incremental, and never carries
personal data (planted in every text field of cases, residents and the timeline)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from cases.models import Case, CaseEvent, Status
from cases.services import (
    case_add_internal_note,
    case_add_resident_message,
    case_change_status,
    case_reply_publicly,
)
from insights.models import LocationDetail, OpenDataSettings, PublicResolutionText, Ward
from insights.opendata import NAMES
from tests import factories

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 18, 17, 0, tzinfo=dt.UTC)
EMAIL = "planted.person@example.org"
PHONE = "+1 555 010 9999"
PHONE_DIGITS = "5550109999"
NAME = "Zebulon Quetzalcoatl"
PLANT = f"{NAME} {EMAIL} {PHONE}"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def planted_city(city):
    """Cases whose every free-text field, resident and timeline entry carries personal data."""
    resident = factories.make_resident(full_name=NAME, email=EMAIL, phone=PHONE)
    cases = []
    for n in range(3):
        case = factories.make_case(
            city.pothole,
            resident=resident,
            description=PLANT,
            address=f"{n} {PLANT}",
            zipcode=PHONE_DIGITS,
            lat=Decimal("40.712776"),
            long=Decimal("-74.005974"),
            at=NOW - dt.timedelta(days=n + 1),
        )
        Case.objects.filter(pk=case.pk).update(answers={"size": PLANT, "note": PLANT})
        case_add_resident_message(case=case, body=PLANT, label=NAME)
        case_add_internal_note(case=case, by=city.sam, body=PLANT)
        case_reply_publicly(case=case, by=city.sam, body=f"Dear {NAME}, we wrote to {EMAIL}.")
        cases.append(case)
    case_change_status(case=cases[0], status=Status.RESOLVED, by=city.sam, note=PLANT)
    return cases


def read_csv(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_package_validates_with_the_frictionless_validator(city, frozen, tmp_path):
    from frictionless import Package, validate

    planted_city(city)
    call_command("export_open_data", "--out", str(tmp_path))

    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["path"] for r in descriptor["resources"]] == ["requests.csv", "requests.parquet"]
    # The whole descriptor is valid Data Package metadata (this raises otherwise).
    package = Package(str(tmp_path / "datapackage.json"))
    assert package.get_resource("requests").schema.primary_key == ["service_request_id"]
    # Reading the Parquet copy needs frictionless' pandas plugin; the CSV is the table.
    csv_only = dict(descriptor, resources=descriptor["resources"][:1])
    (tmp_path / "csv-only.json").write_text(json.dumps(csv_only))
    report = validate(str(tmp_path / "csv-only.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 3


def test_one_row_per_request_in_the_311_layout_and_parquet_agrees(city, frozen, tmp_path):
    cases = planted_city(city)
    PublicResolutionText.objects.create(
        service=city.pothole, status=Status.RESOLVED, text="The crew filled the pothole."
    )
    call_command("export_open_data", "--out", str(tmp_path))

    rows = read_csv(tmp_path / "requests.csv")
    assert list(rows[0]) == NAMES
    by_id = {r["service_request_id"]: r for r in rows}
    assert set(by_id) == {c.tracking_number for c in cases}
    resolved = by_id[cases[0].tracking_number]
    assert resolved["status"] == "resolved"
    assert resolved["resolution_description"] == "The crew filled the pothole."
    assert resolved["closed_datetime"].endswith("Z")
    assert resolved["service_code"] == "pothole"
    assert resolved["agency"] == "Public Works"
    assert resolved["channel"] == "web"
    assert by_id[cases[1].tracking_number]["closed_datetime"] == ""
    table = pq.read_table(tmp_path / "requests.parquet")
    assert table.num_rows == 3
    assert table.column_names == NAMES
    assert sorted(table.column("service_request_id").to_pylist()) == sorted(by_id)


def test_no_personal_data_in_any_file_of_the_package(city, frozen, tmp_path):
    planted_city(city)
    assert CaseEvent.objects.filter(body__contains=EMAIL).exists()  # the plant took
    OpenDataSettings.objects.create(jurisdiction=city.jurisdiction, location=LocationDetail.EXACT)
    call_command("export_open_data", "--out", str(tmp_path))

    for name in ("datapackage.json", "requests.csv", "requests.parquet"):
        data = (tmp_path / name).read_bytes()
        text = data.decode("utf-8", errors="replace")
        for needle in (EMAIL, PHONE, PHONE_DIGITS, NAME, "Zebulon", "Quetzalcoatl", "Dear"):
            assert needle not in text, (name, needle)
    table = pq.read_table(tmp_path / "requests.parquet").to_pylist()
    for row in table:
        for value in row.values():
            assert not any(n in str(value) for n in (EMAIL, PHONE, NAME)), row


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (LocationDetail.EXACT, ("40.712776", "-74.005974", "Lower")),
        (LocationDetail.ROUNDED, ("40.713", "-74.006", "Lower")),
        (LocationDetail.WARD, ("", "", "Lower")),
        (LocationDetail.NONE, ("", "", "")),
    ],
)
def test_location_is_generalised_as_the_city_configures(city, frozen, tmp_path, location, expected):
    planted_city(city)
    OpenDataSettings.objects.create(jurisdiction=city.jurisdiction, location=location, decimals=3)
    Ward.objects.create(
        jurisdiction=city.jurisdiction, name="Lower",
        min_lat=40.70, max_lat=40.72, min_long=-74.02, max_long=-74.00,
    )  # fmt: skip
    call_command("export_open_data", "--out", str(tmp_path))

    row = read_csv(tmp_path / "requests.csv")[0]
    assert (row["latitude"], row["longitude"], row["ward"]) == expected


def test_since_exports_only_requests_updated_since_then(city, tmp_path):
    with time_machine.travel(NOW - dt.timedelta(days=10), tick=False):
        old = factories.make_case(city.pothole, address="1 Main", at=NOW - dt.timedelta(days=10))
    with time_machine.travel(NOW, tick=False):
        new = factories.make_case(city.pothole, address="2 Main", at=NOW)
    call_command(
        "export_open_data", "--out", str(tmp_path), "--since", "2026-11-15",
        "--jurisdiction", city.jurisdiction.jurisdiction_id,
    )  # fmt: skip

    ids = {r["service_request_id"] for r in read_csv(tmp_path / "requests.csv")}
    assert ids == {new.tracking_number}
    assert old.tracking_number not in ids
    assert "updated since" in json.loads((tmp_path / "datapackage.json").read_text())["description"]


def test_bad_arguments_are_explained(city, tmp_path):
    with pytest.raises(CommandError, match="give a date"):
        call_command("export_open_data", "--out", str(tmp_path), "--since", "last week")
    with pytest.raises(CommandError, match="No jurisdiction"):
        call_command("export_open_data", "--out", str(tmp_path), "--jurisdiction", "nowhere")


def test_the_export_streams_in_chunks(city, frozen, tmp_path, monkeypatch):
    from insights import opendata

    monkeypatch.setattr(opendata, "CHUNK", 2)
    for n in range(5):
        factories.make_case(city.pothole, address=f"{n} Main", at=NOW - dt.timedelta(hours=n))
    call_command("export_open_data", "--out", str(tmp_path))

    parquet = pq.ParquetFile(tmp_path / "requests.parquet")
    assert parquet.metadata.num_rows == 5
    assert parquet.num_row_groups == 3  # written 2 + 2 + 1, never all at once


def test_staff_download_a_range_as_zip_or_csv(city, frozen):
    cases = planted_city(city)
    client = Client()
    client.force_login(city.sam)
    url = "/staff/insights/open-data/"

    assert client.get(url).status_code == 200
    archive = client.get(url, {"start": "2026-11-16", "end": "2026-11-18", "format": "zip"})
    streamed = client.get(url, {"start": "2026-11-17", "end": "2026-11-18", "format": "csv"})
    bad = client.get(url, {"start": "2026-11-18", "end": "2026-11-01", "format": "csv"})

    assert archive.status_code == 200
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content)))
    assert set(bundle.namelist()) == {"datapackage.json", "requests.csv", "requests.parquet"}
    rows = list(csv.DictReader(io.StringIO(bundle.read("requests.csv").decode())))
    assert {r["service_request_id"] for r in rows} == {c.tracking_number for c in cases[:2]}
    text = b"".join(streamed.streaming_content).decode()
    assert {r["service_request_id"] for r in csv.DictReader(io.StringIO(text))} == {
        cases[0].tracking_number
    }
    assert EMAIL not in text
    assert NAME not in text
    assert bad.status_code == 400
    assert "The end of the range is before its start." in bad.text
    assert Client().get(url).status_code == 302
