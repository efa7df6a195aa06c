"""The bench runs end to end at a tiny size and reports every measurement (no timings asserted)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from bench.loadgen import build_request, run_load
from bench.scenarios import SCENARIOS
from bench.stats import p95
from knowledge.models import Article, ArticleTranslation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_city(city):
    for n in range(6):
        factories.make_case(
            city.pothole,
            at=timezone.now(),
            address=f"{n} Elm Street",
            description=f"Deep pothole number {n} near the school",
            resident=city.rita,
        )
    article = Article.objects.create(jurisdiction=city.jurisdiction, slug="potholes")
    article.is_published = True
    article.save()
    ArticleTranslation.objects.create(
        article=article, language="en", title="Potholes", body="How we fix potholes."
    )
    return city


def test_bench_reports_every_measurement(small_city, tmp_path, capsys):
    out = tmp_path / "bench.json"

    call_command(
        "bench",
        "--skip-load",
        "--repeat=2",
        "--warmup=0",
        "--intake",
        "--intake-driver=client",
        "--storm-seconds=1",
        "--no-refresh",
        f"--json={out}",
    )

    results = json.loads(out.read_text())["results"]
    names = {r["name"] for r in results}
    expected = {s.name for s in SCENARIOS} | {
        "insights: incremental refresh",
        "intake: web form posts",
        "intake: Open311 POST requests",
        "intake: Open311 POSTs, queued",
        "intake: filing queued requests",
        "intake: /healthz (the ceiling)",
        "share of /healthz: Open311 queued",
        "share of /healthz: Open311 immediate",
        "share of /healthz: web form",
        "storm: accepted (queued POSTs)",
        "storm: backlog at the burst's end",
        "storm: drained after the burst",
        "storm: filed, burst to empty queue",
        "coach: review 2,000 chars (en)",
        "coach: same, CPU time (en)",
        "coach: review 2,000 chars (es)",
        "coach: same, CPU time (es)",
        "open data: export_open_data --since 30 days",
    }
    assert names == expected
    assert all(r["runs"] >= 1 for r in results)
    filing = next(r for r in results if r["name"] == "intake: filing queued requests")
    assert "5 of 5 queued filed" in filing["note"]
    storm = {r["name"]: r for r in results if r["name"].startswith("storm:")}
    assert "5 accepted" in storm["storm: accepted (queued POSTs)"]["note"]
    assert "drained" in storm["storm: drained after the burst"]["note"]
    printed = capsys.readouterr().out
    assert "queue: default (all departments)" in printed
    assert "median" in printed


def test_p95_is_the_nearest_rank():
    assert p95([float(n) for n in range(1, 21)]) == 19.0
    assert p95([5.0]) == 5.0


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"created"
        self.send_response(201)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_load_generator_counts_answers_over_keep_alive_connections():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        _h, _p, raw = build_request(f"http://{host}:{port}/x", body=b"a=1")

        result = run_load(host, port, [raw], concurrency=2, seconds=0.3)
    finally:
        server.shutdown()

    assert result.statuses[201] > 0
    assert result.errors == 0
    assert result.ok == len(result.latencies_ms)


def test_load_generator_at_a_rate_sends_no_more_than_the_schedule_allows():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        _h, _p, raw = build_request(f"http://{host}:{port}/x", body=b"a=1")

        result = run_load(host, port, [raw], concurrency=4, seconds=0.5, rate=10)
    finally:
        server.shutdown()

    # Open loop at 10/s for half a second: requests due at 0, 0.1, ... 0.4 s (and maybe 0.5).
    assert 1 <= result.statuses[201] <= 6
    assert result.errors == 0
