"""SQLite: the FTS5 index stems words (the porter tokenizer over unicode61), so
"recycle" finds "recycling" and "baches" finds "bache", as PostgreSQL's english
and spanish configurations already do. Rebuilt from the translations."""

from django.db import migrations

STEMMED = """
CREATE VIRTUAL TABLE knowledge_search USING fts5(
    title, summary, body, language UNINDEXED, jurisdiction_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
UNSTEMMED = """
CREATE VIRTUAL TABLE knowledge_search USING fts5(
    title, summary, body, language UNINDEXED, jurisdiction_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
)
"""
FILL = (
    "INSERT INTO knowledge_search (rowid, title, summary, body, language, jurisdiction_id) "
    "SELECT t.id, t.title, t.summary, t.body, t.language, a.jurisdiction_id "
    "FROM knowledge_articletranslation t JOIN knowledge_article a ON a.id = t.article_id"
)


def _recreate(schema_editor, create):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS knowledge_search")
    schema_editor.execute(create)
    schema_editor.execute(FILL)


def stem(apps, schema_editor):
    _recreate(schema_editor, STEMMED)


def unstem(apps, schema_editor):
    _recreate(schema_editor, UNSTEMMED)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [migrations.RunPython(stem, unstem)]
