"""Intake throughput: web-form posts and Open311 POSTs per second.

Two drivers:
- ``server`` (what docs/performance.md reports): several gunicorn processes on
  loopback, started here with the caller's DATABASE_URL / REDIS_URL, and the
  asyncio load generator in bench/loadgen.py against them.
- ``client``: the same posts through Django's test Client in this process, one
  at a time; no server, for the CI smoke run (it proves the posts are valid,
  not how fast a server is).

Rate limits: the bench raises them for its own server only, through the usual
settings (CIVICDESK_PORTAL_SUBMISSIONS_PER_HOUR, CIVICDESK_OPEN311_ANONYMOUS_PER_HOUR)
and its own API key's requests_per_hour; see BENCH_ENV.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client
from django.urls import reverse

from bench.loadgen import build_request, run_load
from bench.setup import BenchData, answers_for
from bench.stats import Result

BASE_DIR = Path(settings.BASE_DIR)
# The bench's own server may take any number of posts from one address.
BENCH_ENV = {
    "CIVICDESK_PORTAL_SUBMISSIONS_PER_HOUR": str(10**9),
    "CIVICDESK_OPEN311_ANONYMOUS_PER_HOUR": str(10**9),
    "CIVICDESK_PORTAL_TRACK_ATTEMPTS_PER_HOUR": str(10**9),
    "CIVICDESK_LOG_LEVEL": "WARNING",
}


QUEUED = "intake: Open311 POSTs, queued"
OPEN311_POST = "/open311/v2/requests.json"


@dataclass
class IntakeOptions:
    driver: str = "server"  # "server" | "client"
    processes: int = 4
    concurrency: int = 16
    seconds: float = 10.0
    repeat: int = 3
    target: str = ""  # an already running server (skip starting gunicorn)
    worker_class: str = "sync"


def _open311_bodies(data: BenchData, n: int, *, queued: bool = False) -> list[dict[str, object]]:
    service = data.service
    answers = answers_for(service)
    bodies = []
    for i in range(n):
        body: dict[str, object] = {
            "api_key": data.queued_api_key if queued else data.api_key,
            "jurisdiction_id": data.jurisdiction.jurisdiction_id,
            "service_code": service.service_code,
            "description": f"Bench intake request {i}: streetlight flickering near the corner",
            "lat": f"{40.70 + (i % 50) / 1000:.6f}",
            "long": f"{-74.00 - (i % 50) / 1000:.6f}",
            "address_string": f"{100 + i} Bench Street",
            "email": f"bench{i % 1000}@example.org",
        }
        for code, value in answers.items():
            if isinstance(value, list):
                body[f"attribute[{code}][]"] = value
            else:
                body[f"attribute[{code}]"] = value
        bodies.append(body)
    return bodies


def _form_bodies(data: BenchData, n: int) -> list[dict[str, object]]:
    service = data.service
    answers = answers_for(service)
    bodies = []
    for i in range(n):
        body: dict[str, object] = {
            "description": f"Bench web form {i}: a tree branch is blocking the pavement",
            "address": f"{200 + i} Bench Avenue",
            "lat": f"{40.70 + (i % 50) / 1000:.6f}",
            "long": f"{-74.00 - (i % 50) / 1000:.6f}",
            "full_name": "Bench Resident",
            "email": f"bench{i % 1000}@example.org",
            "channel": "email",
            "language": "en",
        }
        for code, value in answers.items():
            body[f"q_{code}"] = value
        bodies.append(body)
    return bodies


def _form_url(data: BenchData) -> str:
    return reverse("portal:request", args=[data.service.service_code])


# --- client driver ---------------------------------------------------------------------------


def _client_rate(name: str, post: object, bodies: list[dict[str, object]], expect: int) -> Result:
    client = Client(SERVER_NAME="localhost", REMOTE_ADDR="127.0.0.10")
    start = time.perf_counter()
    for body in bodies:
        response = post(client, body)  # type: ignore[operator]
        if response.status_code != expect:
            raise AssertionError(f"{name}: answered {response.status_code}, expected {expect}")
    elapsed = time.perf_counter() - start
    return Result(name, "req/s", [len(bodies) / elapsed], note="in-process, one at a time")


def run_client(data: BenchData, posts: int = 5) -> list[Result]:
    form_url = _form_url(data)
    return [
        _client_rate(
            "intake: web form posts",
            lambda c, b: c.post(form_url, b),
            _form_bodies(data, posts),
            302,
        ),
        _client_rate(
            "intake: Open311 POST requests",
            lambda c, b: c.post(OPEN311_POST, b),
            _open311_bodies(data, posts),
            200,
        ),
        _client_rate(
            QUEUED,
            lambda c, b: c.post(OPEN311_POST, b),
            _open311_bodies(data, posts, queued=True),
            200,
        ),
        _filing_rate(),
    ]


def _filing_rate() -> Result:
    """How fast one worker turns the queued backlog into cases (open311.intake)."""
    from open311.intake import file_queued_requests
    from open311.models import QueuedRequest

    backlog = QueuedRequest.objects.filter(error="").count()
    start = time.perf_counter()
    filed = file_queued_requests()
    elapsed = time.perf_counter() - start
    note = f"one worker, in-process; {filed:,} of {backlog:,} queued filed"
    return Result("intake: filing queued requests", "cases/s", [filed / elapsed], note=note)


# --- server driver ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(options: IntakeOptions) -> Iterator[str]:
    """Several gunicorn processes on a free loopback port, with this process's database."""
    port = _free_port()
    env = {**os.environ, **BENCH_ENV}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "civicdesk.wsgi",
        "--workers",
        str(options.processes),
        "--worker-class",
        options.worker_class,
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    if options.worker_class == "gthread":
        command += ["--threads", "4"]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("gunicorn exited; see its output above") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _csrf_pair(url: str) -> tuple[str, str]:
    """A CSRF cookie and a form token that goes with it, from one GET of the form."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url + "?" + urlencode({"description": "bench"}), timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    cookie = next((c.value for c in jar if c.name == settings.CSRF_COOKIE_NAME), None)
    if token is None or cookie is None:
        raise RuntimeError("The request form carried no CSRF token")
    return cookie, token.group(1)


def _server_rate(
    name: str, url: str, payloads: list[bytes], options: IntakeOptions, expect: int
) -> list[Result]:
    host, port = url.removeprefix("http://").split(":")
    run_load(host, int(port), payloads, concurrency=options.concurrency, seconds=1.5)  # warm up
    rates: list[float] = []
    latencies: list[float] = []
    errors = 0
    for _ in range(options.repeat):
        result = run_load(
            host, int(port), payloads, concurrency=options.concurrency, seconds=options.seconds
        )
        wrong = sum(n for status, n in result.statuses.items() if status != expect)
        if wrong or result.errors:
            errors += wrong + result.errors
        rates.append(result.per_second)
        latencies.extend(result.latencies_ms)
    setup = f"{options.processes} {options.worker_class} processes, {options.concurrency} conns"
    note = setup + (f"; {errors} unexpected answers" if errors else "")
    return [
        Result(name, "req/s", rates, note=note),
        Result(f"{name} latency", "ms", latencies, note=setup),
    ]


def _open311_posts(url: str, data: BenchData, *, queued: bool = False) -> list[bytes]:
    return [
        build_request(url + OPEN311_POST, body=urlencode(b, doseq=True).encode())[2]
        for b in _open311_bodies(data, 200, queued=queued)
    ]


def run_server(data: BenchData, options: IntakeOptions) -> list[Result]:
    with _maybe_server(options) as url:
        form_url = url + _form_url(data)
        cookie, token = _csrf_pair(form_url)
        forms = [
            build_request(
                form_url,
                body=urlencode({**b, "csrfmiddlewaretoken": token}, doseq=True).encode(),
                headers={"Cookie": f"{settings.CSRF_COOKIE_NAME}={cookie}"},
            )[2]
            for b in _form_bodies(data, 200)
        ]
        return [
            *_server_rate("intake: web form posts", url, forms, options, 302),
            *_server_rate(
                "intake: Open311 POST requests", url, _open311_posts(url, data), options, 200
            ),
            *_server_rate(QUEUED, url, _open311_posts(url, data, queued=True), options, 200),
            _filing_rate(),
        ]


@contextmanager
def _maybe_server(options: IntakeOptions) -> Iterator[str]:
    if options.target:
        yield options.target.rstrip("/")
    else:
        with gunicorn(options) as url:
            yield url


def run(data: BenchData, options: IntakeOptions) -> list[Result]:
    if options.driver == "client":
        return run_client(data)
    return run_server(data, options)


__all__ = ["IntakeOptions", "run", "statistics"]
