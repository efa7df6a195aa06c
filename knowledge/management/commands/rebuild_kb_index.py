from typing import Any

from django.core.management.base import BaseCommand

from knowledge.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the knowledge-base full-text index from the articles (SQLite FTS5)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} article translations."))
