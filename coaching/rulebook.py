"""The coach's rules, read from TOML files: phrase lists and patterns per language.

`coaching/standards/common.toml` holds what does not depend on the language
(severities, score weights, placeholder shapes); `en.toml` and `es.toml` hold
the phrases. A city extends them without touching code: every directory in
``settings.COACHING_STANDARDS_DIRS`` may hold its own ``common.toml``/``<lang>.toml``
whose lists are added to ours and whose single values replace ours. Jargon is
also editable per jurisdiction in the admin (`coaching.models.JargonTerm`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

STANDARDS_DIR = Path(__file__).resolve().parent / "standards"
LANGUAGES = ("en", "es")
SEVERITIES = ("block", "warn", "tip")
CODES = (
    "placeholder",
    "wrong_date",
    "blame",
    "missing_empathy",
    "missing_ownership",
    "no_next_step",
    "no_date",
    "vague_timeframe",
    "no_alternative",
    "customer_as_qa",
    "shouting",
    "hard_to_read",
    "jargon",
)

Pattern = re.Pattern[str]


class RulebookError(ValueError):
    """A rules file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class PhraseRule:
    pattern: Pattern
    suggestion: str


@dataclass(frozen=True)
class JargonEntry:
    term: str
    plain: str


@dataclass(frozen=True)
class Readability:
    metric: str
    limit: float
    higher_is_harder: bool
    min_words: int
    long_sentence_words: int
    split_at: tuple[str, ...]


@dataclass(frozen=True)
class Shouting:
    exclamations: int
    exclamations_total: int
    caps_words_in_a_row: int
    caps_word_letters: int


@dataclass(frozen=True)
class DateRules:
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    month_numbers: dict[str, int]
    weekday_numbers: dict[str, int]  # ISO: Monday is 1
    format: str
    capitalise: bool
    patterns: tuple[Pattern, ...]
    relative: tuple[tuple[Pattern, int], ...]
    reason: tuple[Pattern, ...]


@dataclass(frozen=True)
class Rulebook:
    language: str
    date_fallback: str
    severity: dict[str, str]
    weights: dict[str, int]
    blame: tuple[PhraseRule, ...]
    empathy: tuple[Pattern, ...]
    problem: tuple[Pattern, ...]
    empathy_suggestion: str
    deflection: tuple[PhraseRule, ...]
    ownership: tuple[Pattern, ...]
    refusal: tuple[PhraseRule, ...]
    alternative: tuple[Pattern, ...]
    next_step: tuple[Pattern, ...]
    next_step_suggestion: str
    vague: tuple[PhraseRule, ...]
    vague_replacement: str
    no_date_suggestion: str
    customer_as_qa: tuple[PhraseRule, ...]
    readability: Readability
    jargon: tuple[JargonEntry, ...]
    shouting: Shouting
    placeholders: tuple[Pattern, ...]
    tracking_number: Pattern
    greeting: Pattern
    generic_names: frozenset[str]
    dates: DateRules


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are added to, tables merged, single values replaced."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    dirs = [STANDARDS_DIR, *(Path(d) for d in settings.COACHING_STANDARDS_DIRS)]
    for folder in dirs:
        path = folder / name
        if path.is_file():
            try:
                data = _merge(data, tomllib.loads(path.read_text(encoding="utf-8")))
            except tomllib.TOMLDecodeError as exc:
                raise RulebookError(f"{path}: {exc}") from exc
    return data


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RulebookError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _patterns(items: list[str], where: str) -> tuple[Pattern, ...]:
    return tuple(_compile(p, where) for p in items)


def _phrases(items: list[list[str]], where: str) -> tuple[PhraseRule, ...]:
    rules = []
    for item in items:
        if not isinstance(item, list) or len(item) != 2:
            raise RulebookError(f"{where}: each entry is [pattern, suggestion], got {item!r}")
        rules.append(PhraseRule(_compile(item[0], where), item[1]))
    return tuple(rules)


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _dates(raw: dict[str, Any], where: str) -> DateRules:
    months = tuple(tuple(m) for m in raw["months"])
    weekdays = tuple(tuple(w) for w in raw["weekdays"])
    if len(months) != 12 or len(weekdays) != 7:
        raise RulebookError(f"{where}: dates need 12 months and 7 weekdays")
    month_numbers = {name: i for i, names in enumerate(months, 1) for name in names}
    weekday_numbers = {name: i for i, names in enumerate(weekdays, 1) for name in names}
    tokens = {
        "{weekday}": _alternation(list(weekday_numbers)),
        "{month}": _alternation(list(month_numbers)),
        "{lead}": _alternation(raw.get("weekday_lead", [])),
    }
    patterns = []
    for pattern in raw["patterns"]:
        for token, alternation in tokens.items():
            pattern = pattern.replace(token, alternation)
        patterns.append(_compile(pattern, where))
    return DateRules(
        months=months,
        weekdays=weekdays,
        month_numbers=month_numbers,
        weekday_numbers=weekday_numbers,
        format=raw["format"],
        capitalise=bool(raw.get("capitalise", False)),
        patterns=tuple(patterns),
        relative=tuple((_compile(p, where), int(days)) for p, days in raw.get("relative", [])),
        reason=_patterns(raw.get("reason", []), where),
    )


@lru_cache(maxsize=8)
def rulebook(language: str) -> Rulebook:
    """The compiled rules for a language (read once per process)."""
    if language not in LANGUAGES:
        raise RulebookError(f"The coach reads {', '.join(LANGUAGES)}, not {language!r}.")
    common = _read("common.toml")
    raw = _read(f"{language}.toml")
    where = f"{language}.toml"
    try:
        severity = {code: common["severity"][code] for code in CODES}
        if any(s not in SEVERITIES for s in severity.values()):
            raise RulebookError(f"common.toml: severities are {', '.join(SEVERITIES)}")
        readability = raw["hard_to_read"]
        higher_is_harder = "max" in readability
        shouting = raw["shouting"]
        return Rulebook(
            language=language,
            date_fallback=raw.get("date_fallback", "[DATE]"),
            severity=severity,
            weights={s: int(common["score"][s]) for s in SEVERITIES},
            blame=_phrases(raw["blame"]["patterns"], where),
            empathy=_patterns(raw["missing_empathy"]["empathy"], where),
            problem=_patterns(raw["missing_empathy"]["problem"], where),
            empathy_suggestion=raw["missing_empathy"]["suggestion"],
            deflection=_phrases(raw["missing_ownership"]["patterns"], where),
            ownership=_patterns(raw["missing_ownership"]["ownership"], where),
            refusal=_phrases(raw["no_alternative"]["patterns"], where),
            alternative=_patterns(raw["no_alternative"]["alternative"], where),
            next_step=_patterns(raw["no_next_step"]["next_step"], where),
            next_step_suggestion=raw["no_next_step"]["suggestion"],
            vague=tuple(
                PhraseRule(_compile(p, where), "")
                if isinstance(p, str)
                else _phrases([p], where)[0]
                for p in raw["vague_timeframe"]["patterns"]
            ),
            vague_replacement=raw["vague_timeframe"]["replacement"],
            no_date_suggestion=raw["no_date"]["suggestion"],
            customer_as_qa=_phrases(raw["customer_as_qa"]["patterns"], where),
            readability=Readability(
                metric=readability["metric"],
                limit=float(readability["max"] if higher_is_harder else readability["min"]),
                higher_is_harder=higher_is_harder,
                min_words=int(readability["min_words"]),
                long_sentence_words=int(readability["long_sentence_words"]),
                split_at=tuple(readability.get("split_at", [])),
            ),
            jargon=tuple(JargonEntry(t, p) for t, p in raw["jargon"]["terms"]),
            shouting=Shouting(
                exclamations=int(shouting["exclamations"]),
                exclamations_total=int(shouting["exclamations_total"]),
                caps_words_in_a_row=int(shouting["caps_words_in_a_row"]),
                caps_word_letters=int(shouting["caps_word_letters"]),
            ),
            placeholders=tuple(
                _compile(p, "common.toml", 0) for p in common["placeholder"]["patterns"]
            ),
            tracking_number=_compile(common["placeholder"]["tracking_number"], "common.toml", 0),
            greeting=_compile(raw["placeholder"]["greeting"], where, re.MULTILINE | re.IGNORECASE),
            generic_names=frozenset(n.casefold() for n in raw["placeholder"]["generic_names"]),
            dates=_dates(raw["dates"], where),
        )
    except KeyError as exc:
        raise RulebookError(f"{where}: missing entry {exc}") from exc
