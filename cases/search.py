"""Staff free-text search over cases, behind one function for both databases.

PostgreSQL: a stored ``simple`` tsvector of the tracking number, description
and address (a generated column, migration 0007) with a GIN index, so a search
is an index lookup whatever the table holds. Every word must match (staff narrow down, residents
do not type here); the last word also matches as a prefix. The ``simple``
configuration neither stems nor drops stop words, so it reads English and
Spanish alike; a common word sorted by date with a limit stays fast because the
planner then walks the date index and stops after a page (docs/performance.md).

SQLite (embedded): a substring match, as before; fine up to about a million cases.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from cases.models import Case

MAX_TERMS = 8
_WORD = re.compile(r"\w+", re.UNICODE)

# The generated column of migration 0007; qualified because the queue joins tables
# that have columns of their own.
PG_DOCUMENT = '"cases_case"."search_document"'


def search_terms(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text or "")]
    return list(dict.fromkeys(words))[:MAX_TERMS]


def pg_tsquery(terms: list[str]) -> str:
    """Every term, the last as a prefix. Terms are \\w+ only: they carry no operators."""
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


def cases_matching(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """`cases` whose tracking number, description or address match what staff typed."""
    if connection.vendor == "postgresql":
        terms = search_terms(text)
        if not terms:
            return cases.none()
        match = RawSQL(  # noqa: S611 - constant SQL; the query is a parameter
            f"{PG_DOCUMENT} @@ to_tsquery('simple'::regconfig, %s)",
            [pg_tsquery(terms)],
            output_field=BooleanField(),
        )
        return cases.filter(match)
    return cases.filter(
        Q(tracking_number__icontains=text)
        | Q(description__icontains=text)
        | Q(address__icontains=text)
    )
