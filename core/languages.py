"""The languages CivicDesk speaks to residents in, as model choices."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class Localised(str):
    """A text together with the language it is written in, so a page can mark the text
    that is not in the page's language (WCAG 3.1.2, language of parts): a missing
    translation falls back to English, and a proper name may have none.

    Built by the one fallback helper, `localised` below; rendered with the
    `lang_attr` and `in_own_language` filters of core/templatetags/languages.py.
    """

    language: str

    def __new__(cls, text: str, language: str) -> Localised:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self) -> tuple[type[Localised], tuple[str, str]]:
        return (Localised, (str(self), self.language))


# The language the catalogue's (and bookable places') own fields are written in; other
# languages live in translation rows (portal/models.py, bookings/models.py).
SOURCE_LANGUAGE = "en"


def translated(obj: Any, language: str) -> Any | None:
    """The prefetched translation of `obj` in `language`, if any (no query)."""
    for translation in obj.translations.all():
        if translation.language == language:
            return translation
    return None


def localised(obj: Any, language: str, name: str) -> Localised:
    """The one language-fallback helper: `obj.<name>` in `language` from its prefetched
    `translations`, else the object's own (English) text, marked as English."""
    translation = translated(obj, language)
    value = getattr(translation, name, "") if translation is not None else ""
    if value:
        return Localised(value, language)
    return Localised(getattr(obj, name), SOURCE_LANGUAGE)


def untranslated(text: str) -> Localised:
    """A text that has no translation at all (a department's or a town's proper name)."""
    return Localised(text, SOURCE_LANGUAGE)
