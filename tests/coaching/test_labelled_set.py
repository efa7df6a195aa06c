"""The coach against the labelled drafts: recall and false alarms per code.

Fails below 90% recall or above 5% false alarms overall (issue 15, "Done means").
"""

from __future__ import annotations

from collections import Counter

from coaching.engine import review_draft
from tests.coaching.conftest import CALENDAR, TODAY, unsaved_case
from tests.coaching.drafts import ALL, DRAFTS


def _measure() -> tuple[Counter[str], Counter[str], Counter[str], Counter[str], list[str]]:
    expected: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    false_alarms: Counter[str] = Counter()
    misses: list[str] = []
    for draft in DRAFTS:
        raised = set(
            review_draft(
                text=draft.text,
                language=draft.language,
                case=unsaved_case(draft.language),
                calendar=CALENDAR,
                today=TODAY,
            ).codes
        )
        for code in draft.must:
            expected[code] += 1
            if code in raised:
                hit[code] += 1
            else:
                misses.append(f"{draft.name}: missed {code}")
        for code in draft.must_not:
            negatives[code] += 1
            if code in raised:
                false_alarms[code] += 1
                misses.append(f"{draft.name}: false alarm {code}")
    return expected, hit, negatives, false_alarms, misses


def test_the_set_is_big_enough_and_covers_every_code_both_ways():
    languages = Counter(d.language for d in DRAFTS)
    assert len(DRAFTS) >= 60
    assert languages["en"] >= 25
    assert languages["es"] >= 25
    for code in ALL:
        for language in ("en", "es"):
            mine = [d for d in DRAFTS if d.language == language]
            assert any(code in d.must for d in mine), (code, language)
            assert any(code in d.must_not for d in mine), (code, language)


def test_recall_and_false_alarms_per_code(capsys):
    expected, hit, negatives, false_alarms, misses = _measure()
    with capsys.disabled():
        print("\ncode               recall   false alarms")
        for code in sorted(ALL):
            recall = hit[code] / expected[code] if expected[code] else 1.0
            alarms = false_alarms[code] / negatives[code] if negatives[code] else 0.0
            print(f"{code:18} {recall:6.0%}   {alarms:6.1%}")
        for line in misses:
            print("  ", line)
    recall = sum(hit.values()) / sum(expected.values())
    alarm_rate = sum(false_alarms.values()) / sum(negatives.values())
    assert recall >= 0.90, misses
    assert alarm_rate <= 0.05, misses
