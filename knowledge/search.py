"""Full-text search over knowledge-base answers, behind one function for both databases.

SQLite (embedded): an FTS5 table, ``knowledge_search``, one row per translation,
written by knowledge/services.py (and rebuilt by ``manage.py rebuild_kb_index``).
PostgreSQL: a GIN expression index on the translations themselves (migration
0002), so there is nothing to keep in sync. Either way the caller gets the same
ranked list of published articles in the asked language and jurisdiction.

Residents type sentences, not search syntax, so the query is reduced to words
and any word may match (ranked by relevance); the last word matches as a prefix,
which is what suggestions-while-typing need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

from organisations.models import Jurisdiction

FTS_TABLE = "knowledge_search"
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)
# Words that match almost every answer and only add noise to the ranking.
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "by",
        "de",
        "del",
        "do",
        "el",
        "en",
        "es",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "in",
        "is",
        "it",
        "la",
        "las",
        "los",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "our",
        "para",
        "por",
        "que",
        "se",
        "the",
        "there",
        "to",
        "un",
        "una",
        "was",
        "we",
        "what",
        "when",
        "where",
        "why",
        "with",
        "y",
        "you",
        "your",
    }
)
PG_CONFIG = {"es": "spanish", "en": "english"}


@dataclass(frozen=True)
class ArticleHit:
    article_id: int
    slug: str
    title: str
    summary: str
    language: str


def query_terms(query: str) -> list[str]:
    """The words of a resident's query worth searching for (lower case, no syntax)."""
    words = [w.lower() for w in _WORD.findall(query or "")]
    terms = [w for w in words if len(w) > 1 and w not in _STOPWORDS and not w.isdigit()]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def search_articles(
    query: str, language: str, jurisdiction: Jurisdiction | int, limit: int = 5
) -> list[ArticleHit]:
    """Published articles answering `query`, best first, in `language` only.

    Staff's standard replies (with placeholders like {resident_name}) are never
    among them: this is the residents' search.
    """
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    jurisdiction_id = jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk
    if connection.vendor == "postgresql":
        return _search_postgres(terms, language, jurisdiction_id, limit)
    return _search_sqlite(terms, language, jurisdiction_id, limit)


def _search_sqlite(
    terms: list[str], language: str, jurisdiction_id: int, limit: int
) -> list[ArticleHit]:
    # Each term is quoted, so nothing the resident types is read as FTS5 syntax.
    quoted = [f'"{t}"' for t in terms]
    quoted[-1] += "*"
    match = " OR ".join(quoted)
    sql = f"""
        SELECT a.id, a.slug, t.title, t.summary, t.language
        FROM {FTS_TABLE} s
        JOIN knowledge_articletranslation t ON t.id = s.rowid
        JOIN knowledge_article a ON a.id = t.article_id
        WHERE {FTS_TABLE} MATCH %s AND s.language = %s AND s.jurisdiction_id = %s
          AND t.language = %s AND a.jurisdiction_id = %s AND a.is_published
          AND NOT a.is_standard_answer
        ORDER BY bm25({FTS_TABLE}, 10.0, 5.0, 1.0), a.id
        LIMIT %s
    """  # noqa: S608 - the table name is a constant; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, language, jurisdiction_id, language, jurisdiction_id, limit])
        return [ArticleHit(*row) for row in cursor.fetchall()]


# Accents are folded on both sides (residents often type "reparacion" for
# "reparación"); translate() is built in and immutable, so it can be indexed,
# unlike the unaccent extension, which needs a superuser to install.
ACCENTED = "áéíóúüñàèìòùâêîôûäëïöçÁÉÍÓÚÜÑÀÈÌÒÙÂÊÎÔÛÄËÏÖÇ"
PLAIN = "aeiouunaeiouaeiouaeiocAEIOUUNAEIOUAEIOUAEIOC"


def fold_accents(text: str) -> str:
    return text.translate(str.maketrans(ACCENTED, PLAIN))


def pg_document_sql(alias: str = "t") -> str:
    """The indexed expression (migration 0002 builds its index on exactly this)."""
    return (
        f"to_tsvector(CASE {alias}.language WHEN 'es' THEN 'spanish'::regconfig "
        f"ELSE 'english'::regconfig END, translate("
        f"{alias}.title || ' ' || {alias}.summary || ' ' || {alias}.body, "
        f"'{ACCENTED}', '{PLAIN}'))"
    )


def _search_postgres(
    terms: list[str], language: str, jurisdiction_id: int, limit: int
) -> list[ArticleHit]:
    config = PG_CONFIG.get(language, "english")
    # Terms are \w+ only, so they cannot carry tsquery operators.
    tsquery = " | ".join(f"{fold_accents(t)}:*" for t in terms)
    document = pg_document_sql("t")
    sql = f"""
        SELECT a.id, a.slug, t.title, t.summary, t.language
        FROM knowledge_articletranslation t
        JOIN knowledge_article a ON a.id = t.article_id
        WHERE {document} @@ to_tsquery(%s::regconfig, %s)
          AND t.language = %s AND a.jurisdiction_id = %s AND a.is_published
          AND NOT a.is_standard_answer
        ORDER BY ts_rank({document}, to_tsquery(%s::regconfig, %s)) DESC, a.id
        LIMIT %s
    """  # noqa: S608 - only constant SQL is interpolated; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [config, tsquery, language, jurisdiction_id, config, tsquery, limit])
        return [ArticleHit(*row) for row in cursor.fetchall()]


def index_translations(translation_ids: list[int]) -> None:
    """Bring the SQLite FTS rows of these translations up to date (no-op on PostgreSQL)."""
    if connection.vendor != "sqlite" or not translation_ids:
        return
    placeholders = ",".join(["%s"] * len(translation_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
            translation_ids,
        )
        cursor.execute(
            f"""
            INSERT INTO {FTS_TABLE} (rowid, title, summary, body, language, jurisdiction_id)
            SELECT t.id, t.title, t.summary, t.body, t.language, a.jurisdiction_id
            FROM knowledge_articletranslation t
            JOIN knowledge_article a ON a.id = t.article_id
            WHERE t.id IN ({placeholders})
            """,  # noqa: S608
            translation_ids,
        )


def unindex_translations(translation_ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not translation_ids:
        return
    placeholders = ",".join(["%s"] * len(translation_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
            translation_ids,
        )


def prune_index() -> int:
    """Drop the FTS rows whose translation no longer exists; returns how many."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN "  # noqa: S608
            "(SELECT id FROM knowledge_articletranslation)"
        )
        return max(int(cursor.rowcount), 0)


def indexed_count() -> int:
    """How many rows the search index holds: one per translation when it is in step (on
    PostgreSQL, whose index is on the translations table itself, always)."""
    from knowledge.models import ArticleTranslation

    if connection.vendor != "sqlite":
        return ArticleTranslation.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")  # noqa: S608
        return int(cursor.fetchone()[0])


def rebuild_index() -> int:
    """Recreate every FTS row from the translations; returns how many are indexed."""
    from knowledge.models import ArticleTranslation

    if connection.vendor != "sqlite":
        return ArticleTranslation.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    ids = list(ArticleTranslation.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        index_translations(ids[start : start + 500])
    return len(ids)
