"""`manage.py coach_review`: review one draft read from standard input.

echo "It takes 7-10 days." | manage.py coach_review --language en --promise 2026-12-08 --json
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.models import Case
from cases.tracking import normalise_tracking_number
from coaching.rulebook import LANGUAGES
from coaching.services import MAX_TEXT, coach_review
from organisations.models import Jurisdiction


class Command(BaseCommand):
    help = "Review a draft reply (read from standard input) against the service standards."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--language", choices=LANGUAGES, default=None)
        parser.add_argument("--case", help="tracking number: check against this case")
        parser.add_argument("--promise", help="promised day, YYYY-MM-DD")
        parser.add_argument("--jurisdiction", help="Open311 jurisdiction_id: its calendar, jargon")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read(MAX_TEXT + 1)
        if len(text) > MAX_TEXT:
            raise CommandError(f"The draft is longer than {MAX_TEXT} characters.")
        if not text.strip():
            raise CommandError("Give the draft on standard input.")
        case = None
        if options["case"]:
            number = normalise_tracking_number(options["case"])
            case = (
                Case.objects.select_related("jurisdiction", "resident", "service", "department")
                .filter(tracking_number=number or "")
                .first()
            )
            if case is None:
                raise CommandError(f"No case {options['case']}.")
        jurisdiction = None
        if options["jurisdiction"]:
            jurisdiction = Jurisdiction.objects.filter(
                jurisdiction_id=options["jurisdiction"]
            ).first()
            if jurisdiction is None:
                raise CommandError(f"No jurisdiction {options['jurisdiction']}.")
        promise = None
        if options["promise"]:
            try:
                promise = dt.date.fromisoformat(options["promise"])
            except ValueError:
                raise CommandError("--promise is a day: YYYY-MM-DD.") from None
        review = coach_review(
            text=text,
            language=options["language"],
            case=case,
            jurisdiction=jurisdiction,
            promise=promise,
        )
        if options["json"]:
            keys = ("code", "severity", "message", "start", "end", "suggestion")
            body = {
                "score": review.score,
                "findings": [{k: getattr(f, k) for k in keys} for f in review.findings],
            }
            self.stdout.write(json.dumps(body, ensure_ascii=False))
            return
        self.stdout.write(f"Score: {review.score}/100")
        for f in review.findings:
            self.stdout.write(f"[{f.severity}] {f.code} ({f.start}-{f.end}): {f.message}")
            if f.suggestion:
                self.stdout.write(f"    suggestion: {f.suggestion.strip()}")
