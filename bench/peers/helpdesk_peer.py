"""django-helpdesk's side of the bench: load the synthetic tickets, prepare a staff user.

Runs in bench/peers/.venv-helpdesk (run.py starts it), never in CivicDesk's
virtualenv. Prints one JSON object on its last line of output.

    count    how many tickets the database holds
    load     replace every Queue, Ticket and FollowUp with `--cases` synthetic
             requests from synthetic.py (one queue per department; a
             "Ticket Opened" follow-up on each ticket, as helpdesk writes one,
             and a "Closed" or "Resolved" one on those no longer open)
    prepare  a staff member (is_staff, not a superuser) with a password, and
             what the measurements need: the ids of sampled tickets, a queue
             open to the public, how many tickets hold the search word
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]  # helpdesk_site; the repo (demo/data)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk_site.settings")

import django  # noqa: E402 - after the path and settings above

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402

from bench.peers import synthetic  # noqa: E402

OPEN, RESOLVED, CLOSED = Ticket.OPEN_STATUS, Ticket.RESOLVED_STATUS, Ticket.CLOSED_STATUS
STAFF = "bench-staff"
INTAKE_TITLE = "Bench intake"  # what run.py's intake posts are titled


def _when(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


def load(
    *, cases: int, seed: int, now: int, days: int, open_share: float, batch: int
) -> dict[str, Any]:
    # The creation times are the synthetic ones, not the time of the load.
    for name in ("created", "modified"):
        field: Any = Ticket._meta.get_field(name)
        field.auto_now = field.auto_now_add = False
    rng = random.Random(seed + 1)  # noqa: S311 - synthetic data
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE helpdesk_followup, helpdesk_ticket, helpdesk_queue RESTART IDENTITY "
                "CASCADE"
            )
        # Queue.save() makes a "queue_access_<slug>" permission; TRUNCATE leaves them.
        Permission.objects.filter(codename__startswith="queue_access_").delete()
        queues = {}
        for slug in synthetic.queues():
            queues[slug] = Queue.objects.create(
                title=slug.replace("-", " ").title(), slug=slug, allow_public_submission=True
            )
        tickets: list[Ticket] = []
        opened = 0
        for request in synthetic.requests(
            cases, seed=seed, now=now, days=days, open_share=open_share
        ):
            created = _when(request.created)
            status = OPEN if request.is_open else (RESOLVED if rng.random() < 0.2 else CLOSED)
            opened += status == OPEN
            done = created + dt.timedelta(seconds=int(3600 + rng.random() * 20 * 86400))
            tickets.append(
                Ticket(
                    title=request.title,
                    queue=queues[request.queue],
                    created=created,
                    modified=created if status == OPEN else min(done, _when(now)),
                    submitter_email=request.email,
                    status=status,
                    description=request.description,
                    priority=3,
                )
            )
            if len(tickets) >= batch:
                _write(tickets, rng, now)
                tickets = []
        _write(tickets, rng, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"tickets": Ticket.objects.count(), "open": opened, "queues": len(queues)}


def _write(tickets: list[Ticket], rng: random.Random, now: int) -> None:
    if not tickets:
        return
    Ticket.objects.bulk_create(tickets)  # PostgreSQL returns the ids
    followups = []
    for ticket in tickets:
        followups.append(
            FollowUp(
                ticket=ticket,
                date=ticket.created,
                title="Ticket Opened",
                comment=ticket.description,
                public=True,
            )
        )
        if ticket.status != OPEN:
            closed = ticket.status == CLOSED
            followups.append(
                FollowUp(
                    ticket=ticket,
                    date=ticket.modified,
                    title="Closed" if closed else "Resolved",
                    comment="Done: the crew fixed it." if rng.random() < 0.5 else "",
                    public=True,
                    new_status=ticket.status,
                )
            )
    FollowUp.objects.bulk_create(followups)


def prepare(*, password: str, word: str, samples: int, seed: int) -> dict[str, Any]:
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=STAFF, defaults={"email": "bench-staff@example.org"}
    )
    user.is_staff, user.is_superuser, user.is_active = True, False, True
    user.set_password(password)
    user.save()
    synthetic_tickets = Ticket.objects.exclude(title=INTAKE_TITLE)
    ids = list(synthetic_tickets.order_by("id").values_list("id", flat=True))
    rng = random.Random(seed)  # noqa: S311 - sampling
    queue = Queue.objects.filter(allow_public_submission=True).order_by("id").first()
    if queue is None or not ids:
        raise SystemExit("No tickets: run `load` first")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return {
        "username": STAFF,
        "tickets": len(ids),
        "open": synthetic_tickets.filter(status__in=Ticket.OPEN_STATUSES).count(),
        "intake_tickets": Ticket.objects.filter(title=INTAKE_TITLE).count(),
        "followups": FollowUp.objects.count(),
        "sample_ids": sorted(rng.sample(ids, min(samples, len(ids)))),
        "queue_id": queue.pk,
        "word_hits": synthetic_tickets.filter(description__icontains=word).count(),
        "django": django.get_version(),
        "helpdesk": _version("django-helpdesk"),
        "database": f"PostgreSQL {server}",
    }


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("count")
    p_load = sub.add_parser("load")
    p_load.add_argument("--cases", type=int, required=True)
    p_load.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    p_load.add_argument("--now", type=int, required=True, help="epoch seconds")
    p_load.add_argument("--days", type=int, default=synthetic.DEFAULT_DAYS)
    p_load.add_argument("--open-share", type=float, default=synthetic.DEFAULT_OPEN_SHARE)
    p_load.add_argument("--batch", type=int, default=5000)
    p_prep = sub.add_parser("prepare")
    p_prep.add_argument("--password", required=True)
    p_prep.add_argument("--word", required=True)
    p_prep.add_argument("--samples", type=int, default=50)
    p_prep.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.command == "count":
        out: dict[str, Any] = {"tickets": Ticket.objects.exclude(title=INTAKE_TITLE).count()}
    elif args.command == "load":
        out = load(
            cases=args.cases,
            seed=args.seed,
            now=args.now,
            days=args.days,
            open_share=args.open_share,
            batch=args.batch,
        )
    else:
        out = prepare(password=args.password, word=args.word, samples=args.samples, seed=args.seed)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
