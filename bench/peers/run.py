"""CivicDesk and django-helpdesk side by side: same cases, same server, interleaved timings.

    .venv/bin/python bench/peers/run.py --cases 100000

One command (README.md beside this file says what it does and why):

1. makes the peer's virtualenv, bench/peers/.venv-helpdesk, from
   requirements-helpdesk.txt, if it is not there;
2. migrates one PostgreSQL database for each (created if missing; --fresh
   drops them first);
3. loads CivicDesk with `manage.py generate_city` and helpdesk with the same
   number of tickets from synthetic.py (the same catalogue's titles and
   descriptions, the same open share and time span), unless they already hold
   that many;
4. starts each under gunicorn, 2 sync workers, on loopback; signs in to each as
   a staff member through its login form (a session cookie);
5. times the pages, one request after another, alternating A, B, A, B, ... so
   a noisy machine slows both alike; then intake, req/s with bench/loadgen.py,
   alternating too;
6. prints medians and ratios and writes JSON (--json).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import itertools
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.loadgen import LoadResult, _worker, build_request  # noqa: E402
from bench.peers import synthetic  # noqa: E402

HELPDESK_VENV = HERE / ".venv-helpdesk"
HELPDESK_PYTHON = HELPDESK_VENV / "bin" / "python"
PASSWORD = "bench-only-password-not-a-secret"  # noqa: S105 - a local bench user
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_DATATABLES = re.compile(r'"url": "(/datatables_ticket_list/[^"]+)"')
CIVICDESK, HELPDESK = "CivicDesk", "helpdesk"
Info = dict[str, Any]  # what a side's `prepare` printed (JSON)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/peers/run.py",
        description="CivicDesk and django-helpdesk side by side (bench/peers/README.md).",
    )
    parser.add_argument("--cases", type=int, default=10_000, help="cases in each (10000)")
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument(
        "--days",
        type=int,
        default=48,
        help="spread the cases over this many past days (48: about 21%% still open)",
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--intake-seconds", type=float, default=6.0)
    parser.add_argument("--intake-repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8, help="loadgen connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers each")
    parser.add_argument(
        "--civicdesk-db", default="postgres://postgres@127.0.0.1:5432/peers_civicdesk"
    )
    parser.add_argument(
        "--helpdesk-db", default="postgres://postgres@127.0.0.1:5432/peers_helpdesk"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--fresh", action="store_true", help="drop both databases first")
    parser.add_argument("--skip-intake", action="store_true")
    parser.add_argument("--load-only", action="store_true", help="load both, measure nothing")
    parser.add_argument("--json", default="", help="write the results here")
    args = parser.parse_args(argv)
    if args.cases < 1 or args.repeat < 1 or args.days < 1 or args.workers < 1:
        parser.error("--cases, --repeat, --days and --workers must be 1 or more")
    if args.intake_repeat < 1 or args.intake_seconds <= 0 or args.concurrency < 1:
        parser.error("--intake-repeat, --intake-seconds and --concurrency must be positive")
    for option in ("civicdesk_db", "helpdesk_db"):
        url = urlsplit(getattr(args, option))
        if url.scheme not in ("postgres", "postgresql") or not url.path.strip("/"):
            parser.error(f"--{option.replace('_', '-')} must be postgres://user@host:port/name")
    if args.civicdesk_db == args.helpdesk_db:
        parser.error("the two peers need two databases")
    return args


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- setting up ----------------------------------------------------------------------------


def _run(command: list[str], *, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreters and scripts
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _json(output: str) -> Info:
    result: Info = json.loads(output.strip().splitlines()[-1])
    return result


def ensure_helpdesk_venv() -> None:
    if HELPDESK_PYTHON.exists():
        return
    log(f"Creating {HELPDESK_VENV.relative_to(ROOT)} (django-helpdesk, pinned)...")
    _run([sys.executable, "-m", "venv", str(HELPDESK_VENV)], cwd=HERE, env=dict(os.environ))
    _run(
        [str(HELPDESK_PYTHON), "-m", "pip", "install", "-q", "-r", "requirements-helpdesk.txt"],
        cwd=HERE,
        env=dict(os.environ),
    )


def ensure_database(url: str, *, fresh: bool) -> None:
    parts = urlsplit(url)
    where = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    where += ["-U", parts.username or "postgres"]
    name = parts.path.strip("/")
    env = {**os.environ, **({"PGPASSWORD": parts.password} if parts.password else {})}
    if fresh:
        _run(["dropdb", *where, "--if-exists", name], cwd=HERE, env=env)
    exists = _run(
        ["psql", *where, "-d", "postgres", "-Atc", "SELECT datname FROM pg_database"],
        cwd=HERE,
        env=env,
    )
    if name not in exists.split():
        _run(["createdb", *where, name], cwd=HERE, env=env)


def civicdesk_env(args: argparse.Namespace) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return {**env, "DATABASE_URL": args.civicdesk_db, "REDIS_URL": args.redis_url}


def helpdesk_env(args: argparse.Namespace) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "VIRTUAL_ENV")}
    return {
        **env,
        "DATABASE_URL": args.helpdesk_db,
        "DJANGO_SETTINGS_MODULE": "helpdesk_site.settings",
        "PYTHONPATH": f"{HERE}{os.pathsep}{ROOT}",
    }


def load(args: argparse.Namespace, now: int) -> tuple[Info, Info]:
    """Both databases loaded; returns what each side's `prepare` says about itself."""
    cd_env, hd_env = civicdesk_env(args), helpdesk_env(args)
    cd_python, hd_python = sys.executable, str(HELPDESK_PYTHON)

    def civicdesk(*arguments: str) -> Info:
        return _json(
            _run([cd_python, "bench/peers/civicdesk_peer.py", *arguments], cwd=ROOT, env=cd_env)
        )

    def helpdesk(*arguments: str) -> Info:
        return _json(_run([hd_python, "helpdesk_peer.py", *arguments], cwd=HERE, env=hd_env))

    log("Migrating both databases (if they need it)...")
    _migrate([cd_python, "manage.py"], cwd=ROOT, env=cd_env)
    # Only when needed: a second `migrate` on a loaded helpdesk database fails (its
    # post-migrate hook re-creates the queues' permissions that Queue.save() made).
    _migrate([hd_python, "manage_helpdesk.py"], cwd=HERE, env=hd_env)

    have = _int(civicdesk("count")["cases"])
    if have and abs(have - args.cases) > args.cases * 0.05:
        raise RuntimeError(
            f"{args.civicdesk_db} holds {have:,} cases, not about {args.cases:,}: use --fresh"
        )
    if not have:
        log(f"CivicDesk: generate_city --cases {args.cases:,} --days {args.days}...")
        command = [cd_python, "manage.py", "generate_city", "--cases", str(args.cases)]
        command += ["--seed", str(args.seed), "--days", str(args.days), "-v0"]
        if args.cases >= 50_000:
            command.append("--defer-indexes")
        started = time.monotonic()
        _run(command, cwd=ROOT, env=cd_env)
        log(f"  {time.monotonic() - started:.0f} s")
    word = search_word(args)
    posts = str(posts_needed(args))
    cd_info = civicdesk("prepare", "--password", PASSWORD, "--word", word, "--posts", posts)
    cases = _int(cd_info["cases"])
    if _int(helpdesk("count")["tickets"]) != cases:
        share = _int(cd_info["open"]) / cases
        log(f"helpdesk: loading {cases:,} tickets, {share:.1%} open...")
        started = time.monotonic()
        helpdesk(
            *("load", "--cases", str(cases), "--seed", str(args.seed), "--now", str(now)),
            *("--days", str(args.days), "--open-share", f"{share:.6f}"),
        )
        log(f"  {time.monotonic() - started:.0f} s")
    hd_info = helpdesk("prepare", "--password", PASSWORD, "--word", word)
    cd_info["word"] = hd_info["word"] = word
    return cd_info, hd_info


def _migrate(manage: list[str], *, cwd: Path, env: dict[str, str]) -> None:
    try:
        _run([*manage, "migrate", "--check", "-v0"], cwd=cwd, env=env)
    except RuntimeError:  # unapplied migrations
        _run([*manage, "migrate", "-v0"], cwd=cwd, env=env)


def _int(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"expected a number, got {value!r}")
    return value


def search_word(args: argparse.Namespace) -> str:
    """The commonest word of the synthetic descriptions (both peers search for it)."""
    sample = synthetic.requests(min(args.cases, 5000), seed=args.seed, now=0, days=args.days)
    return synthetic.common_word([r.description for r in sample])


# --- serving -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(
    python: str, app: str, *, cwd: Path, env: dict[str, str], workers: int, ready: str
) -> Iterator[str]:
    port = _free_port()
    command = [python, "-m", "gunicorn", app, "--workers", str(workers)]
    command += ["--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--backlog", "2048"]
    command += ["--log-level", "warning", "--timeout", "120"]
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                status, _body = Browser(base).get(ready)
                if status < 500:
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn {app} exited") from None
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Browser:
    """One signed-in (or anonymous) visitor: cookies kept, a new connection a request
    (gunicorn's sync workers close each one)."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=300)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            conn.request(method, path, body=body or None, headers=sent)
            response = conn.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                jar: SimpleCookie = SimpleCookie()
                jar.load(header)
                for name, morsel in jar.items():
                    self.cookies[name] = morsel.value
            return response.status, data
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def csrf_cookie(self) -> tuple[str, str]:
        for name, value in self.cookies.items():
            if "csrf" in name.lower():
                return name, value
        raise RuntimeError("no CSRF cookie")


def csrf_token(page: bytes) -> str:
    found = _CSRF_INPUT.search(page.decode())
    if found is None:
        raise RuntimeError("the page carried no CSRF token")
    return found.group(1)


def sign_in(base: str, login_path: str, username: str) -> Browser:
    """Through the app's own login form, as a person would: a session cookie."""
    browser = Browser(base)
    status, page = browser.get(login_path)
    if status != 200:
        raise RuntimeError(f"GET {login_path} answered {status}")
    body = urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page)}
    ).encode()
    status, _page = browser.request("POST", login_path, body, {"Referer": base + login_path})
    if status != 302:
        raise RuntimeError(f"Signing in at {base}{login_path} answered {status}, not a redirect")
    return browser


# --- what is measured ----------------------------------------------------------------------


Call = Callable[[], None]


def _expect(browser: Browser, path: str, status: int = 200) -> bytes:
    got, body = browser.get(path)
    if got != status:
        raise RuntimeError(f"GET {browser.base}{path} answered {got}, expected {status}")
    return body


def civicdesk_pages(browser: Browser, info: Info) -> dict[str, Call]:
    urls: dict[str, str] = info["urls"]
    numbers = itertools.cycle(info["sample_numbers"])
    word = str(info["word"])
    return {
        "open-tickets list": lambda: _ok(_expect(browser, urls["list"])),
        "ticket/case view": lambda: _ok(
            _expect(browser, urls["case"].replace("NUMBER", next(numbers)))
        ),
        f"search: '{word}'": lambda: _ok(
            _expect(browser, urls["list"] + "?" + urlencode({"q": word, "status": "any"}))
        ),
        "dashboard": lambda: _ok(_expect(browser, urls["dashboard"])),
    }


def helpdesk_pages(browser: Browser, info: Info) -> dict[str, Call]:
    ids = itertools.cycle(info["sample_ids"])
    word = str(info["word"])

    def ticket_list(query: str) -> None:
        # The page, then the rows its table asks for (datatables, 25 a page), as a browser.
        page = _expect(browser, "/tickets/" + query)
        found = _DATATABLES.search(page.decode())
        if found is None:
            raise RuntimeError("helpdesk's ticket list named no datatables URL")
        rows = _expect(browser, found.group(1) + "?draw=1&start=0&length=25")
        if b'"data"' not in rows:
            raise RuntimeError("helpdesk's datatables answer had no rows")

    return {
        "open-tickets list": lambda: ticket_list(""),
        "ticket/case view": lambda: _ok(_expect(browser, f"/tickets/{next(ids)}/")),
        f"search: '{word}'": lambda: ticket_list("?" + urlencode({"q": word})),
        "dashboard": lambda: _ok(_expect(browser, "/dashboard/")),
    }


def _ok(_body: bytes) -> None:
    return None


def _time_ms(call: Call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def measure_pages(
    sides: dict[str, dict[str, Call]], *, repeat: int, warmup: int
) -> dict[str, dict[str, list[float]]]:
    """Each page of each side `repeat` times, A B, B A, A B, ...: the order flips each round."""
    names = list(sides)
    samples: dict[str, dict[str, list[float]]] = {n: {} for n in names}
    for metric in sides[names[0]]:
        log(f"  {metric}")
        for name in names:
            for _ in range(warmup):
                sides[name][metric]()
        for r in range(repeat):
            for name in names if r % 2 == 0 else reversed(names):
                samples[name].setdefault(metric, []).append(_time_ms(sides[name][metric]))
    return samples


PER_WORKER = 100  # posts a loadgen connection may send in one run, each a new one


@dataclass
class Intake:
    payloads: list[bytes]
    expect: int
    used: int = 0  # payloads sent in earlier runs: each post is sent once

    def take(self, count: int) -> list[bytes]:
        n = len(self.payloads)
        taken = [self.payloads[(self.used + i) % n] for i in range(count)]
        self.used += count
        return taken


def posts_needed(args: argparse.Namespace) -> int:
    """Enough distinct posts that no run repeats one (a check run, then the timed runs)."""
    return int((2 + args.intake_repeat * args.concurrency) * PER_WORKER)


def load_once(base: str, intake: Intake, *, concurrency: int, seconds: float) -> LoadResult:
    """bench/loadgen.py's closed loop, but each connection with its own posts, none sent
    twice: loadgen's run_load shares one list round-robin, so two connections send the
    same post, and CivicDesk's form answers the second with its "already reported
    nearby?" step (portal/views/new_request.py) instead of filing it."""
    host, port = base.removeprefix("http://").split(":")
    chunks = [intake.take(PER_WORKER) for _ in range(concurrency)]

    async def drive() -> LoadResult:
        result = LoadResult(seconds=seconds)
        start = time.perf_counter()
        await asyncio.gather(
            *(_worker(host, int(port), c, start + seconds, result, 0) for c in chunks)
        )
        result.seconds = time.perf_counter() - start
        return result

    return asyncio.run(drive())


def civicdesk_intake(base: str, info: Info) -> dict[str, Intake]:
    urls: dict[str, str] = info["urls"]
    anonymous = Browser(base)
    status, page = anonymous.get(urls["form"] + "?" + urlencode({"description": "bench"}))
    if status != 200:
        raise RuntimeError(f"GET {urls['form']} answered {status}")
    token, (cookie, value) = csrf_token(page), anonymous.csrf_cookie()
    forms = [
        build_request(
            base + urls["form"],
            body=urlencode({**b, "csrfmiddlewaretoken": token}, doseq=True).encode(),
            headers={"Cookie": f"{cookie}={value}"},
        )[2]
        for b in info["form_bodies"]
    ]
    posts = [
        build_request(base + urls["open311"], body=urlencode(b, doseq=True).encode())[2]
        for b in info["open311_bodies"]
    ]
    return {
        "intake: web form (req/s)": Intake(forms, 302),
        "intake: API POST (req/s)": Intake(posts, 200),
    }


def helpdesk_intake(base: str, staff: Browser, info: Info, count: int) -> dict[str, Intake]:
    anonymous = Browser(base)
    status, page = anonymous.get("/tickets/submit/")
    if status != 200:
        raise RuntimeError(f"GET /tickets/submit/ answered {status}")
    token, (cookie, value) = csrf_token(page), anonymous.csrf_cookie()
    queue = str(info["queue_id"])

    def fields(i: int) -> dict[str, str]:
        return {
            "queue": queue,
            "title": "Bench intake",
            "priority": "3",
            "submitter_email": f"bench{i % 1000}@example.org",
        }

    forms = [
        build_request(
            base + "/tickets/submit/",
            body=urlencode(
                {
                    **fields(i),
                    "body": f"Bench web form {i}: a tree branch is blocking the pavement",
                    "csrfmiddlewaretoken": token,
                }
            ).encode(),
            headers={"Cookie": f"{cookie}={value}"},
        )[2]
        for i in range(count)
    ]
    _name, staff_csrf = staff.csrf_cookie()
    session = "; ".join(f"{k}={v}" for k, v in staff.cookies.items())
    posts = [
        build_request(
            base + "/api/tickets/",
            body=urlencode(
                {
                    **fields(i),
                    "description": f"Bench intake request {i}: streetlight flickering",
                }
            ).encode(),
            headers={"Cookie": session, "X-CSRFToken": staff_csrf},
        )[2]
        for i in range(count)
    ]
    return {
        "intake: web form (req/s)": Intake(forms, 302),
        "intake: API POST (req/s)": Intake(posts, 201),
    }


def measure_intake(
    sides: dict[str, tuple[str, dict[str, Intake]]], args: argparse.Namespace
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, int]]]:
    names = list(sides)
    rates: dict[str, dict[str, list[float]]] = {n: {} for n in names}
    wrong: dict[str, dict[str, int]] = {n: {} for n in names}
    for metric in sides[names[0]][1]:
        log(f"  {metric}")
        for name in names:  # warm up, and check the answers once
            base, intakes = sides[name]
            result = load_once(base, intakes[metric], concurrency=2, seconds=1)
            if set(result.statuses) != {intakes[metric].expect}:
                raise RuntimeError(f"{name} {metric}: answers {dict(result.statuses)}")
        for r in range(args.intake_repeat):
            for name in names if r % 2 == 0 else reversed(names):
                base, intakes = sides[name]
                intake = intakes[metric]
                result = load_once(
                    base, intake, concurrency=args.concurrency, seconds=args.intake_seconds
                )
                bad = sum(n for s, n in result.statuses.items() if s != intake.expect)
                wrong[name][metric] = wrong[name].get(metric, 0) + bad + result.errors
                good = result.statuses.get(intake.expect, 0)
                rates[name].setdefault(metric, []).append(good / result.seconds)
    return rates, wrong


# --- reporting -----------------------------------------------------------------------------


def ratio(metric: str, civicdesk: float, helpdesk: float) -> float:
    """How many times faster CivicDesk is (below 1: slower): time or rate, either way."""
    if metric.endswith("(req/s)"):
        return civicdesk / helpdesk if helpdesk else float("inf")
    return helpdesk / civicdesk if civicdesk else float("inf")


def table(samples: dict[str, dict[str, list[float]]]) -> list[Info]:
    rows = []
    for metric, cd in samples[CIVICDESK].items():
        hd = samples[HELPDESK][metric]
        a, b = statistics.median(cd), statistics.median(hd)
        rows.append(
            {
                "metric": metric,
                "unit": "req/s" if metric.endswith("(req/s)") else "ms",
                "civicdesk": round(a, 1),
                "helpdesk": round(b, 1),
                "civicdesk_faster_by": round(ratio(metric, a, b), 2),
                "runs": len(cd),
            }
        )
    return rows


def format_rows(rows: list[Info]) -> str:
    lines = [
        "| metric (median) | CivicDesk | django-helpdesk | CivicDesk faster by |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        unit = " req/s" if row["unit"] == "req/s" else " ms"
        by = float(row["civicdesk_faster_by"])
        lines.append(
            f"| {row['metric']} | {row['civicdesk']}{unit} | {row['helpdesk']}{unit} | ×{by:.1f} |"
        )
    return "\n".join(lines)


def machine() -> Info:
    cpu = platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version()}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.time()
    now = int(started)
    ensure_helpdesk_venv()
    ensure_database(args.civicdesk_db, fresh=args.fresh)
    ensure_database(args.helpdesk_db, fresh=args.fresh)
    cd_info, hd_info = load(args, now)
    if args.load_only:
        log(f"Loaded: {cd_info['cases']:,} cases, {hd_info['tickets']:,} tickets.")
        return 0
    load_before = [round(x, 1) for x in os.getloadavg()]
    with ExitStack() as stack:
        log(f"Starting both under gunicorn ({args.workers} sync workers each)...")
        cd_env = {**civicdesk_env(args), **cd_info["server_env"]}
        cd_base = stack.enter_context(
            gunicorn(
                sys.executable,
                "civicdesk.wsgi",
                cwd=ROOT,
                env=cd_env,
                workers=args.workers,
                ready="/healthz",
            )
        )
        hd_base = stack.enter_context(
            gunicorn(
                str(HELPDESK_PYTHON),
                "helpdesk_site.wsgi",
                cwd=HERE,
                env=helpdesk_env(args),
                workers=args.workers,
                ready="/login/",
            )
        )
        cd_staff = sign_in(cd_base, cd_info["urls"]["login"], str(cd_info["username"]))
        hd_staff = sign_in(hd_base, "/login/", str(hd_info["username"]))
        log(f"Pages ({args.repeat} timed requests each, after {args.warmup} warm-ups)...")
        samples = measure_pages(
            {
                CIVICDESK: civicdesk_pages(cd_staff, cd_info),
                HELPDESK: helpdesk_pages(hd_staff, hd_info),
            },
            repeat=args.repeat,
            warmup=args.warmup,
        )
        wrong: dict[str, dict[str, int]] = {}
        if not args.skip_intake:
            log(f"Intake ({args.intake_repeat} × {args.intake_seconds} s each)...")
            rates, wrong = measure_intake(
                {
                    CIVICDESK: (cd_base, civicdesk_intake(cd_base, cd_info)),
                    HELPDESK: (
                        hd_base,
                        helpdesk_intake(hd_base, hd_staff, hd_info, posts_needed(args)),
                    ),
                },
                args,
            )
            for name in samples:
                samples[name].update(rates[name])
    rows = table(samples)
    load_after = [round(x, 1) for x in os.getloadavg()]
    keep = ("cases", "open", "word_hits", "django", "helpdesk", "database", "followups")
    result: Info = {
        "command": "bench/peers/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "machine": {
            **machine(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "settings": {
            "workers": args.workers,
            "repeat": args.repeat,
            "intake_seconds": args.intake_seconds,
            "intake_repeat": args.intake_repeat,
            "concurrency": args.concurrency,
            "days": args.days,
            "seed": args.seed,
            "word": cd_info["word"],
        },
        "data": {
            CIVICDESK: {**{k: cd_info[k] for k in keep if k in cd_info}, "urls": cd_info["urls"]},
            HELPDESK: {k: hd_info[k] for k in keep if k in hd_info},
        },
        "rows": rows,
        "unexpected_answers": wrong,
        "samples": samples,
    }
    print(format_rows(rows))
    print(
        f"\n{cd_info['cases']:,} cases each; open: CivicDesk {cd_info['open']:,}, "
        f"helpdesk {hd_info['open']:,}; '{cd_info['word']}' in "
        f"{cd_info['word_hits']:,} / {hd_info['word_hits']:,} descriptions; "
        f"load average {load_before} → {load_after}"
    )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2))
        log(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
