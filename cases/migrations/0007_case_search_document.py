"""Case search reads a stored tsvector instead of recomputing one per row (PostgreSQL only).

0006 indexed an expression, so a query the planner answers by walking the date
index newest first (a common word, a page of results) had to run to_tsvector on
every row it tested: ~150 ms at a million cases. A generated, stored column
makes that test a comparison of ready-made vectors. The column is left out of
the Django model on purpose: SQLite has no tsvector, and nothing writes it
(PostgreSQL computes it on every insert and update). cases/search.py reads it.

Adding a stored column rewrites the table: at a million cases this takes about
a minute and holds an exclusive lock, so run it in a maintenance window
(docs/operations.md).
"""

from django.db import migrations

DOCUMENT = "to_tsvector('simple'::regconfig, tracking_number || ' ' || description || ' ' || address)"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE cases_case ADD COLUMN IF NOT EXISTS search_document tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS case_search_document_idx "
        "ON cases_case USING gin (search_document)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS case_search_idx")


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS case_search_idx ON cases_case USING gin ({DOCUMENT})")
    schema_editor.execute("ALTER TABLE cases_case DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_case_search_index")]

    operations = [migrations.RunPython(add_column, drop_column)]
