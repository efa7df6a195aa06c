"""CivicDesk's side of the bench: what run.py needs from its database, as JSON.

Runs with CivicDesk's own virtualenv and settings (DATABASE_URL, REDIS_URL),
after `manage.py generate_city` has loaded the cases. It reuses the project's
bench (bench/setup.py: its administrator, its Open311 key and its sampled
cases; bench/intake.py: its form and Open311 bodies and the rate-limit
settings of its server) and gives the administrator a password, so run.py can
sign in through the login form as on the peer.

    count    how many cases the database holds
    prepare  the staff user, the URLs, the intake bodies, the counts
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

import django  # noqa: E402 - after the path and settings above

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import intake  # noqa: E402
from bench.setup import prepare as bench_prepare  # noqa: E402
from cases.models import OPEN_STATUS_LIST, Case  # noqa: E402

INTAKE = "Bench "  # how the bench's intake posts begin (bench/intake.py)


def count() -> dict[str, object]:
    if not _has_tables():
        return {"cases": 0}
    return {"cases": Case.objects.exclude(description__startswith=INTAKE).count()}


def _has_tables() -> bool:
    return "cases_case" in connection.introspection.table_names()


def prepare(*, password: str, word: str, posts: int) -> dict[str, object]:
    data = bench_prepare(samples=50)
    synthetic = Case.objects.exclude(description__startswith=INTAKE)
    data.admin.set_password(password)
    data.admin.save(update_fields=["password"])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return {
        "username": data.admin.username,
        "cases": synthetic.count(),
        "open": synthetic.filter(status__in=OPEN_STATUS_LIST).count(),
        "intake_cases": Case.objects.filter(description__startswith=INTAKE).count(),
        "word_hits": synthetic.filter(description__icontains=word).count(),
        "sample_numbers": sorted(c.tracking_number for c in data.cases),
        "urls": {
            "login": reverse("workspace:login"),
            "list": reverse("workspace:queue"),
            "case": reverse("workspace:case", args=["NUMBER"]),
            "dashboard": reverse("insights:dashboard"),
            "form": intake._form_url(data),
            "open311": intake.OPEN311_POST,
            "ready": "/healthz",
        },
        "form_bodies": _spread(intake._form_bodies(data, posts)),
        "open311_bodies": _spread(intake._open311_bodies(data, posts)),
        "server_env": intake.BENCH_ENV,
        "django": django.get_version(),
        "database": f"PostgreSQL {server}",
    }


def _spread(bodies: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each post at its own place, 150 m from the next on a grid, north of the posts of
    earlier runs: the project's bench posts to 50 places, so after a few posts the web
    form answers with its "already reported nearby?" step (a 200 page,
    portal/views/new_request.py) instead of filing the request. Apart, every post is a
    first report: the form still looks for nearby reports, finds none and files it."""
    done = Case.objects.filter(description__startswith=INTAKE).aggregate(top=Max("lat"))
    start = max(40.70, float(done["top"] or 0) + 0.002)
    for i, body in enumerate(bodies):
        body["lat"] = f"{start + (i // 60) * 0.00135:.6f}"
        body["long"] = f"{-74.00 - (i % 60) * 0.0018:.6f}"
    return bodies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("count")
    p_prep = sub.add_parser("prepare")
    p_prep.add_argument("--password", required=True)
    p_prep.add_argument("--word", required=True)
    p_prep.add_argument("--posts", type=int, default=3000)
    args = parser.parse_args(argv)
    if args.command == "count":
        out = count()
    else:
        out = prepare(password=args.password, word=args.word, posts=args.posts)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
