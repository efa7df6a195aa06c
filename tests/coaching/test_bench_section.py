"""The bench's coach section runs and reviews real drafts (its figures are not asserted)."""

from __future__ import annotations

from bench import coach


def test_the_coach_section_measures_both_languages_on_2000_characters():
    results = coach.run(repeat=1, warmup=0)

    assert [r.name for r in results] == [
        "coach: review 2,000 chars (en)",
        "coach: same, CPU time (en)",
        "coach: review 2,000 chars (es)",
        "coach: same, CPU time (es)",
    ]
    assert len(coach.draft("en", 1)) == coach.TARGET_CHARS
    assert len(coach.draft("es", 1)) == coach.TARGET_CHARS
