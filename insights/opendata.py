"""Open data: every request as one row, in the layout of big cities' 311 data sets.

A Frictionless Data package (https://specs.frictionlessdata.io/): ``datapackage.json``
with a Table Schema, ``requests.csv`` and ``requests.parquet`` holding the same rows.
Rows are streamed from the database in chunks and written as they come (CSV line by
line, Parquet one row group per chunk), so memory stays bounded at any size.

What a row holds is chosen column by column, never copied from a text field: the
tracking number, the service's code and name, the department's name, the channel,
status and dates, a resolution description the city wrote for publication
(``PublicResolutionText``, per service and status), and the location as the city
configures it (``OpenDataSettings``: exact, rounded, ward or none). No name,
contact, address, description, answer, note or reply of a case or resident is ever
read (tests/insights/test_open_data.py plants them and looks for them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet

from cases.models import Case, Channel
from insights.models import LocationDetail, OpenDataSettings, PublicResolutionText, Ward
from organisations.models import Jurisdiction

CHUNK = 5000
FIELDS: list[dict[str, Any]] = [
    {"name": "service_request_id", "type": "string", "description": "Tracking number"},
    {"name": "jurisdiction_id", "type": "string"},
    {"name": "requested_datetime", "type": "datetime", "description": "When it was received"},
    {"name": "updated_datetime", "type": "datetime"},
    {"name": "closed_datetime", "type": "datetime", "description": "Resolved or closed"},
    {"name": "status", "type": "string"},
    {"name": "service_code", "type": "string"},
    {"name": "service_name", "type": "string"},
    {"name": "agency", "type": "string", "description": "The department responsible"},
    {"name": "channel", "type": "string", "description": "How it was received"},
    {
        "name": "resolution_description",
        "type": "string",
        "description": "Written by the city for publication",
    },
    {"name": "latitude", "type": "number", "description": "As the city generalises it"},
    {"name": "longitude", "type": "number"},
    {"name": "ward", "type": "string"},
]
NAMES = [f["name"] for f in FIELDS]
_CHANNEL_CODES = set(Channel.values)


class OpenDataError(ValueError):
    pass


@dataclass(frozen=True)
class ExportReport:
    rows: int
    files: list[str]


@dataclass(frozen=True)
class _Place:
    location: str
    decimals: int
    wards: list[Ward]


def _iso(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def _places() -> dict[int, _Place]:
    settings = {s.jurisdiction_id: s for s in OpenDataSettings.objects.all()}
    wards: dict[int, list[Ward]] = {}
    for ward in Ward.objects.order_by("name", "pk"):
        wards.setdefault(ward.jurisdiction_id, []).append(ward)
    places = {}
    for jurisdiction_id in Jurisdiction.objects.values_list("pk", flat=True):
        s = settings.get(jurisdiction_id)
        places[jurisdiction_id] = _Place(
            location=s.location if s else LocationDetail.ROUNDED,
            decimals=s.decimals if s else 3,
            wards=wards.get(jurisdiction_id, []),
        )
    return places


def _location(place: _Place, lat: Decimal | None, long: Decimal | None) -> tuple[Any, Any, str]:
    if lat is None or long is None or place.location == LocationDetail.NONE:
        return None, None, ""
    ward = next(
        (
            w.name
            for w in place.wards
            if w.min_lat <= lat <= w.max_lat and w.min_long <= long <= w.max_long
        ),
        "",
    )
    if place.location == LocationDetail.WARD:
        return None, None, ward
    if place.location == LocationDetail.ROUNDED:
        step = Decimal(1).scaleb(-place.decimals)
        lat = lat.quantize(step, rounding=ROUND_HALF_EVEN)
        long = long.quantize(step, rounding=ROUND_HALF_EVEN)
    return float(lat), float(long), ward


def open_data_cases(
    *,
    jurisdiction: Jurisdiction | None = None,
    since: dt.datetime | None = None,
    received_from: dt.datetime | None = None,
    received_before: dt.datetime | None = None,
) -> QuerySet[Case]:
    cases = Case.objects.all()
    if jurisdiction is not None:
        cases = cases.filter(jurisdiction=jurisdiction)
    if since is not None:
        cases = cases.filter(updated_at__gte=since)
    if received_from is not None:
        cases = cases.filter(created_at__gte=received_from)
    if received_before is not None:
        cases = cases.filter(created_at__lt=received_before)
    return cases.order_by("created_at", "id")


def open_data_rows(cases: QuerySet[Case]) -> Iterator[list[Any]]:
    """Each case as a row of NAMES, read in chunks of CHUNK."""
    places = _places()
    texts = {
        (t.service_id, t.status): t.text
        for t in PublicResolutionText.objects.order_by("service", "status")
    }
    columns = (
        "tracking_number",
        "jurisdiction__jurisdiction_id",
        "jurisdiction_id",
        "created_at",
        "updated_at",
        "resolved_at",
        "closed_at",
        "status",
        "service_id",
        "service__service_code",
        "service__name",
        "department__name",
        "channel",
        "lat",
        "long",
    )
    for (
        number,
        jurisdiction_code,
        jurisdiction_id,
        created,
        updated,
        resolved,
        closed,
        status,
        service_id,
        service_code,
        service_name,
        department,
        channel,
        lat,
        long,
    ) in cases.values_list(*columns).iterator(chunk_size=CHUNK):
        latitude, longitude, ward = _location(places[jurisdiction_id], lat, long)
        yield [
            number,
            jurisdiction_code,
            _iso(created),
            _iso(updated),
            _iso(closed or resolved),
            status,
            service_code,
            service_name,
            department,
            channel if channel in _CHANNEL_CODES else "",
            texts.get((service_id, status), ""),
            latitude,
            longitude,
            ward,
        ]


def datapackage(*, title: str, since: dt.datetime | None, parquet: bool = True) -> dict[str, Any]:
    schema = {"fields": FIELDS, "primaryKey": ["service_request_id"]}
    resources: list[dict[str, Any]] = [
        {
            "name": "requests",
            "path": "requests.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }
    ]
    if parquet:
        resources.append(
            {
                "name": "requests-parquet",
                "path": "requests.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": "The same rows as requests.csv, in Apache Parquet.",
            }
        )
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "service-requests",
        "title": title,
        "description": (
            "Service requests (311), one row per request, without personal data. "
            "Locations are generalised as the city chose."
        ),
        "licenses": [
            {"name": "ODC-PDDL-1.0", "path": "https://opendatacommons.org/licenses/pddl/"}
        ],
        "resources": resources,
    }
    if since is not None:
        package["description"] += f" Requests updated since {_iso(since)} only."
    return package


def _arrow_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "number": pa.float64(), "datetime": pa.timestamp("s", "UTC")}
    return pa.schema([(f["name"], types[f["type"]]) for f in FIELDS])


def _arrow_batch(rows: list[list[Any]], schema: Any) -> Any:
    import pyarrow as pa

    columns = []
    for index, f in enumerate(FIELDS):
        values = [row[index] for row in rows]
        if f["type"] == "datetime":
            values = [dt.datetime.fromisoformat(v) if v else None for v in values]
        elif f["type"] == "string":
            values = [v if v is not None else "" for v in values]
        columns.append(pa.array(values, type=schema.field(f["name"]).type))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def write_package(
    out: Path, cases: QuerySet[Case], *, title: str, since: dt.datetime | None = None
) -> ExportReport:
    """Write datapackage.json, requests.csv and requests.parquet of `cases` into `out`."""
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    schema = _arrow_schema()
    count = 0
    with (
        (out / "requests.csv").open("w", encoding="utf-8", newline="") as csv_file,
        pq.ParquetWriter(str(out / "requests.parquet"), schema) as parquet,
    ):
        writer = csv.writer(csv_file, lineterminator="\n")
        writer.writerow(NAMES)
        batch: list[list[Any]] = []
        for row in open_data_rows(cases):
            writer.writerow(["" if v is None else v for v in row])
            batch.append(row)
            count += 1
            if len(batch) >= CHUNK:
                parquet.write_batch(_arrow_batch(batch, schema))
                batch = []
        if batch or count == 0:
            parquet.write_batch(_arrow_batch(batch, schema))
    (out / "datapackage.json").write_text(
        json.dumps(datapackage(title=title, since=since), indent=2) + "\n", encoding="utf-8"
    )
    return ExportReport(rows=count, files=["datapackage.json", "requests.csv", "requests.parquet"])


def export_open_data(
    *,
    out: Path,
    jurisdiction: Jurisdiction | None = None,
    since: dt.datetime | None = None,
) -> ExportReport:
    """The package of every request (or those updated since `since`) into the folder `out`."""
    cases = open_data_cases(jurisdiction=jurisdiction, since=since)
    title = f"Service requests of {jurisdiction.name}" if jurisdiction else "Service requests"
    return write_package(out, cases, title=title, since=since)


def open_data_zip(cases: QuerySet[Case], *, title: str) -> IO[bytes]:
    """The package as a ZIP in a temporary file (on disk past 8 MB), positioned at 0."""
    archive = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    with tempfile.TemporaryDirectory(prefix="civicdesk-opendata-") as folder:
        report = write_package(Path(folder), cases, title=str(title))
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name in report.files:
                bundle.write(Path(folder) / name, arcname=name)
    archive.seek(0)
    return archive


def csv_chunks(cases: QuerySet[Case]) -> Iterator[str]:
    """The CSV as text chunks, for a streaming HTTP response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(NAMES)
    for index, row in enumerate(open_data_rows(cases), start=1):
        writer.writerow(["" if v is None else v for v in row])
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
