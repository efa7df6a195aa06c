"""Marking text that is not in the page's language (WCAG 3.1.2, language of parts).

    <h1{{ page.name|lang_attr }}>{{ page.name }}</h1>
    {% blocktranslate with dept=page.department|in_own_language %}Handled by {{ dept }}.
    {% endblocktranslate %}

Both act on core.languages.Localised texts (what core.languages.localised returns)
and on anything with a `language`; plain strings are taken to be in the page's
language and left alone. `translated` localises a field in a template, for objects
with prefetched translations (`{{ resource|translated:"name" }}`); `english_name`
marks a proper name that has no translation (the town's).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.languages import Language, Localised, localised, untranslated

register = template.Library()


def _page_language() -> str:
    language = (get_language() or "").split("-")[0]
    return language if language in Language.values else "en"


def _foreign_language(value: Any) -> str:
    """The language of `value` when it differs from the page's, else ""."""
    language = getattr(value, "language", "") or ""
    return language if language and language != _page_language() else ""


@register.filter
def translated(obj: Any, name: str) -> Localised:
    """`obj.<name>` in the page's language (or the English fallback, marked as such)."""
    return localised(obj, _page_language(), name)


@register.filter
def english_name(value: Any) -> SafeString:
    """A proper name with no translation, marked lang="en" on pages in other languages."""
    return in_own_language(untranslated(str(value)))


@register.filter
def lang_attr(value: Any) -> SafeString:
    """` lang="en"` for a text not in the page's language, else nothing."""
    language = _foreign_language(value)
    return format_html(' lang="{}"', language) if language else mark_safe("")


@register.filter
def in_own_language(value: Any) -> SafeString:
    """The text, escaped, inside `<span lang="…">` when it is not in the page's language."""
    language = _foreign_language(value)
    if not language:
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', language, value)
