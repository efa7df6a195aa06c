"""The index behind "already reported nearby": open cases by coordinates.

A partial index over open cases only (a small, hot share of the table), by service
then latitude (equality, then a range), so a bounding box around a pin is one short
range scan at any history size. It is on
cases_case but owned here, the app whose query needs it; the condition repeats
cases.models.OPEN_STATUS_LIST term for term, as cases.selectors.OPEN_ONLY writes it
(SQLite uses a partial index only then).
"""

from django.db import migrations

OPEN = ("acknowledged", "in_progress", "new", "waiting_on_resident")  # OPEN_STATUS_LIST
CONDITION = '"cases_case"."status" IN (' + ", ".join(f"'{s}'" for s in OPEN) + ")"


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_follows_me_too_not_fixed"),
        ("cases", "0013_caseevent_redaction"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX engagement_case_open_point_idx ON cases_case "
                f"(service_id, lat, long, created_at) WHERE {CONDITION}"
            ),
            reverse_sql="DROP INDEX engagement_case_open_point_idx",
        ),
    ]
