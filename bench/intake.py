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

import itertools
import math
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
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

from bench.loadgen import LoadResult, build_request, run_load
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


WEB_FORM = "intake: web form posts"
IMMEDIATE = "intake: Open311 POST requests"
QUEUED = "intake: Open311 POSTs, queued"
HEALTHZ = "intake: /healthz (the ceiling)"
OPEN311_POST = "/open311/v2/requests.json"
# Intake as a share of the framework's ceiling (/healthz, the same server and load
# generator): the goals of issue 19.
SHARE_GOALS = {QUEUED: 70, IMMEDIATE: 40, WEB_FORM: 30}
SHORT = {QUEUED: "Open311 queued", IMMEDIATE: "Open311 immediate", WEB_FORM: "web form"}
STORM = "storm"


@dataclass
class IntakeOptions:
    driver: str = "server"  # "server" | "client"
    processes: int = 4
    concurrency: int = 16
    seconds: float = 10.0
    repeat: int = 3
    target: str = ""  # an already running server (skip starting gunicorn)
    worker_class: str = "sync"
    storm_seconds: float = 60.0  # the storm's burst (0: no storm)
    storm_rate: float = 0.0  # its requests a second (0: the queued acceptance rate measured)
    filing_workers: int = 2  # file_queued_requests --loop processes draining during the storm


_SERIAL = itertools.count(int(time.time()))


def _open311_bodies(data: BenchData, n: int, *, queued: bool = False) -> list[dict[str, object]]:
    service = data.service
    answers = answers_for(service)
    bodies = []
    for i in range(n):
        body: dict[str, object] = {
            "api_key": data.queued_api_key if queued else data.api_key,
            "jurisdiction_id": data.jurisdiction.jurisdiction_id,
            "service_code": service.service_code,
            # Never the same body twice in a process: a repeat files nothing (idempotency).
            "description": f"Bench intake request {next(_SERIAL)}: streetlight flickering",
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
            # The final submit, as after the "already reported nearby" step: the bench
            # files at 50 places, so from the 51st post on there is always a case nearby
            # and the form would answer with that step (a 200) instead of filing.
            "duplicates_seen": "1",
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


def run_client(
    data: BenchData, options: IntakeOptions | None = None, posts: int = 5
) -> list[Result]:
    options = options or IntakeOptions(driver="client", storm_seconds=1.0)
    form_url = _form_url(data)
    results = [
        _client_rate(
            WEB_FORM,
            lambda c, b: c.post(form_url, b),
            _form_bodies(data, posts),
            302,
        ),
        _client_rate(
            IMMEDIATE,
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
    healthz = _client_rate(HEALTHZ, lambda c, b: c.get("/healthz"), [{}] * posts, 200)
    results += [healthz, *_shares(results, healthz)]
    if options.storm_seconds > 0:
        results += _client_storm(data, options)
    return results


def _client_storm(data: BenchData, options: IntakeOptions) -> list[Result]:
    """The storm's figures in-process (for the smoke run): queue a burst, then drain it
    with `filing_workers` workers taking turns a batch at a time."""
    from open311.intake import file_queued_requests
    from open311.models import QueuedRequest

    rate = options.storm_rate or 5.0
    count = max(1, round(rate * options.storm_seconds))
    client = Client(SERVER_NAME="localhost", REMOTE_ADDR="127.0.0.10")
    start = time.perf_counter()
    for body in _open311_bodies(data, count, queued=True):
        if client.post(OPEN311_POST, body).status_code != 200:
            raise AssertionError("storm: a queued POST was refused")
    burst = time.perf_counter() - start
    pending = QueuedRequest.objects.filter(error="")
    backlog = pending.count()
    end = time.perf_counter()
    while any(file_queued_requests(batch=10, limit=10) for _ in range(options.filing_workers)):
        pass
    drained = time.perf_counter() - end
    return _storm_results(
        accepted=count,
        burst_seconds=burst,
        asked=rate,
        backlog=backlog,
        peak=backlog,
        drain_seconds=drained if not pending.exists() else None,
        left=pending.count(),
        options=options,
        note="in-process, one at a time",
    )


def _shares(results: list[Result], healthz: Result) -> list[Result]:
    """Each intake rate as a share of /healthz's, measured the same way."""
    shares = []
    for result in results:
        goal = SHARE_GOALS.get(result.name)
        if goal is None or not healthz.median:
            continue
        share = 100 * result.median / healthz.median
        shares.append(
            Result(
                f"share of /healthz: {SHORT[result.name]}",
                "%",
                [share],
                note=f"goal >= {goal}% ({'met' if share >= goal else 'not met'})",
            )
        )
    return shares


def _storm_results(
    *,
    accepted: int,
    burst_seconds: float,
    asked: float,
    backlog: int,
    peak: int,
    drain_seconds: float | None,
    left: int,
    options: IntakeOptions,
    note: str = "",
) -> list[Result]:
    workers = f"{options.filing_workers} filing workers"
    drained = (
        f"drained {drain_seconds:.1f} s after the burst"
        if drain_seconds is not None
        else f"{left:,} still queued"
    )
    total = burst_seconds + (drain_seconds or 0.0)
    return [
        Result(
            f"{STORM}: accepted (queued POSTs)",
            "req/s",
            [accepted / burst_seconds],
            note=f"asked {asked:.0f}/s for {burst_seconds:.0f} s; {accepted:,} accepted; {workers}"
            + (f"; {note}" if note else ""),
        ),
        Result(
            f"{STORM}: backlog at the burst's end",
            "reqs",
            [float(backlog)],
            note=f"peak {peak:,}; {drained}",
        ),
        Result(
            f"{STORM}: drained after the burst",
            "s",
            [drain_seconds if drain_seconds is not None else math.nan],
            note=drained,
        ),
        Result(
            f"{STORM}: filed, burst to empty queue",
            "cases/s",
            [(accepted - left) / total] if total else [],
            note=f"{workers}; filing >= accepting when the backlog stays near 0",
        ),
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


def _open311_posts(url: str, data: BenchData, *, queued: bool = False, n: int = 200) -> list[bytes]:
    """`n` different POSTs: a body sent again within IDEMPOTENCY_DUPLICATE_SECONDS is
    answered as a repeat (core/idempotency.py), which files nothing."""
    return [
        build_request(url + OPEN311_POST, body=urlencode(b, doseq=True).encode())[2]
        for b in _open311_bodies(data, n, queued=queued)
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
        # Enough different posts that none repeats within a run (at up to 500/s).
        posts = int(500 * (options.seconds * (options.repeat + 1) + 2))
        results = [
            *_server_rate(WEB_FORM, url, forms, options, 302),
            *_server_rate(IMMEDIATE, url, _open311_posts(url, data, n=posts), options, 200),
            *_server_rate(
                QUEUED, url, _open311_posts(url, data, queued=True, n=posts), options, 200
            ),
            _filing_rate(),
        ]
        healthz = _server_rate(
            HEALTHZ, url, [build_request(url + "/healthz", method="GET")[2]], options, 200
        )
        results += [*healthz, *_shares(results, healthz[0])]
        if options.storm_seconds > 0:
            queued = next(r for r in results if r.name == QUEUED)
            results += _storm(url, data, options, rate=options.storm_rate or queued.median)
        return results


@contextmanager
def filing_workers(count: int) -> Iterator[list[subprocess.Popen[str]]]:
    """`count` processes of `manage.py file_queued_requests --loop`, ready to file."""
    env = {**os.environ, **BENCH_ENV}
    command = [sys.executable, "manage.py", "file_queued_requests", "--loop"]
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(count)
    ]
    try:
        for worker in workers:
            line = worker.stdout.readline() if worker.stdout is not None else ""
            if not line.startswith("Filing"):
                raise RuntimeError("a filing worker did not start; see its output above")
        yield workers
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def _storm(url: str, data: BenchData, options: IntakeOptions, *, rate: float) -> list[Result]:
    """A burst of queued POSTs at `rate` a second for storm_seconds while the filing
    workers drain: the backlog when the burst ends, and how long it takes to empty."""
    from open311.intake import file_queued_requests
    from open311.models import QueuedRequest

    pending = QueuedRequest.objects.filter(error="")
    file_queued_requests(limit=10**9)  # from an empty queue
    host, port = url.removeprefix("http://").split(":")
    payloads = _open311_posts(
        url, data, queued=True, n=int(rate * options.storm_seconds * 1.2) + options.concurrency
    )
    box: dict[str, LoadResult] = {}
    with filing_workers(options.filing_workers):
        burst = threading.Thread(
            target=lambda: box.setdefault(
                "load",
                run_load(
                    host,
                    int(port),
                    payloads,
                    concurrency=options.concurrency,
                    seconds=options.storm_seconds,
                    rate=rate,
                ),
            )
        )
        burst.start()
        peak = 0
        while burst.is_alive():
            peak = max(peak, pending.count())
            burst.join(timeout=1.0)
        end = time.perf_counter()
        backlog = pending.count()
        peak = max(peak, backlog)
        drain_seconds = None
        patience = max(120.0, 10 * options.storm_seconds)
        while time.perf_counter() - end < patience:
            if not pending.exists():
                drain_seconds = time.perf_counter() - end
                break
            time.sleep(0.1)
    load = box["load"]
    wrong = sum(n for status, n in load.statuses.items() if status != 200) + load.errors
    return _storm_results(
        accepted=load.ok,
        burst_seconds=load.seconds,
        asked=rate,
        backlog=backlog,
        peak=peak,
        drain_seconds=drain_seconds,
        left=pending.count(),
        options=options,
        note=f"{wrong} unexpected answers" if wrong else "",
    )


@contextmanager
def _maybe_server(options: IntakeOptions) -> Iterator[str]:
    if options.target:
        yield options.target.rstrip("/")
    else:
        with gunicorn(options) as url:
            yield url


def run(data: BenchData, options: IntakeOptions) -> list[Result]:
    if options.driver == "client":
        return run_client(data, options)
    return run_server(data, options)


__all__ = ["IntakeOptions", "run", "statistics"]
