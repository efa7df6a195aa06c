"""Staff free-text search: a GIN index on a tsvector of the case's words (PostgreSQL only).

See cases/search.py; the expression here must match PG_DOCUMENT. SQLite keeps a
substring search and needs nothing.
"""

from django.db import migrations

PG_EXPRESSION = (
    "to_tsvector('simple'::regconfig, tracking_number || ' ' || description || ' ' || address)"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS case_search_idx ON cases_case USING gin ({PG_EXPRESSION})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_search_idx")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_queue_partial_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
