"""Full-text search index: an FTS5 table on SQLite, a GIN expression index on PostgreSQL.

See knowledge/search.py; the expression here must match pg_document_sql().
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_search USING fts5(
    title, summary, body, language UNINDEXED, jurisdiction_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
)
"""
ACCENTED = "áéíóúüñàèìòùâêîôûäëïöçÁÉÍÓÚÜÑÀÈÌÒÙÂÊÎÔÛÄËÏÖÇ"
PLAIN = "aeiouunaeiouaeiouaeiocAEIOUUNAEIOUAEIOUAEIOC"
PG_EXPRESSION = (
    "to_tsvector(CASE language WHEN 'es' THEN 'spanish'::regconfig "
    "ELSE 'english'::regconfig END, translate(title || ' ' || summary || ' ' || body, "
    f"'{ACCENTED}', '{PLAIN}'))"
)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(
            "INSERT INTO knowledge_search (rowid, title, summary, body, language, jurisdiction_id) "
            "SELECT t.id, t.title, t.summary, t.body, t.language, a.jurisdiction_id "
            "FROM knowledge_articletranslation t JOIN knowledge_article a ON a.id = t.article_id"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS knowledge_translation_fts_idx "
            f"ON knowledge_articletranslation USING gin ({PG_EXPRESSION})"
        )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS knowledge_search")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_translation_fts_idx")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
