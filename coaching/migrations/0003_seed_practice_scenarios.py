"""Seed the practice scenarios from coaching/standards/scenarios.toml (reference data)."""

import tomllib
from pathlib import Path

from django.db import migrations

SCENARIOS = Path(__file__).resolve().parent.parent / "standards" / "scenarios.toml"
FIELDS = (
    "language",
    "kind",
    "lesson",
    "promise_working_days",
    "title",
    "situation",
    "resident_message",
)


def seed(apps, schema_editor):
    PracticeScenario = apps.get_model("coaching", "PracticeScenario")
    for row in tomllib.loads(SCENARIOS.read_text(encoding="utf-8"))["scenario"]:
        PracticeScenario.objects.update_or_create(
            slug=row["slug"], defaults={field: row[field] for field in FIELDS}
        )


def unseed(apps, schema_editor):
    PracticeScenario = apps.get_model("coaching", "PracticeScenario")
    slugs = [row["slug"] for row in tomllib.loads(SCENARIOS.read_text(encoding="utf-8"))["scenario"]]
    PracticeScenario.objects.filter(slug__in=slugs, source_case__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("coaching", "0002_practice")]

    operations = [migrations.RunPython(seed, unseed)]
