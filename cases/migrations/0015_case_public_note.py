"""Case.public_note: the latest published note, kept on the case for public lists.

Backfilled in one UPDATE over the cases that have a published note (few: most
status changes are not written for publication).
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q, Subquery

NOTE_KINDS = ("status_changed", "reopened", "merged")


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    notes = (
        CaseEvent.objects.filter(
            Q(data__published=True), case=OuterRef("pk"), is_public=True, kind__in=NOTE_KINDS
        )
        .exclude(body="")
        .order_by("-created_at", "-id")
    )
    Case.objects.filter(Exists(notes)).update(public_note=Subquery(notes.values("body")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_caseevent_payment_and_survey_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="public_note",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
