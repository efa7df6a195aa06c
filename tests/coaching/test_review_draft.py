"""review_draft, code by code: each rule fires on its examples and stays quiet on the others.

The day is Tuesday 1 December 2026 (passed as `today`, or pinned with time-machine
where the default matters); the case is promised for Tuesday 8 December.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from coaching.engine import review_draft
from coaching.rulebook import JargonEntry, RulebookError, rulebook
from tests.coaching.conftest import CALENDAR, TODAY, unsaved_case

GOOD_EN = (
    "Hello Rita,\n\nThank you for reporting the pothole, and I'm sorry for the trouble. "
    "Our crew will fill it by Tuesday 8 December, and I will write to you when it is done."
)
GOOD_ES = (
    "Hola Rosa:\n\nGracias por avisarnos del bache y lamento las molestias. Nuestro equipo "
    "lo arreglará el martes 8 de diciembre y le escribiré cuando esté listo."
)

# (code, language, draft, raised?)
TABLE = [
    # blame
    ("blame", "en", "Thanks for writing. You entered the wrong address, so it failed.", True),
    ("blame", "en", "Thanks for writing. As we explained to you, bins go out on Monday.", True),
    ("blame", "en", "Thanks for writing. Everyone knows the depot shuts at five.", True),
    ("blame", "en", GOOD_EN, False),
    ("blame", "en", "Thank you; the address on the form was incomplete, so I fixed it.", False),
    ("blame", "es", "Gracias por escribir. Usted puso mal la dirección del formulario.", True),
    ("blame", "es", "Gracias. Obviamente los contenedores salen el lunes.", True),
    ("blame", "es", GOOD_ES, False),
    ("blame", "es", "Gracias; faltaba la dirección en el formulario y ya la he corregido.", False),
    # missing_empathy
    ("missing_empathy", "en", "The broken light will be repaired by Tuesday 8 December.", True),
    ("missing_empathy", "en", "Unfortunately we can't come. Instead, book a slot online.", True),
    ("missing_empathy", "en", GOOD_EN, False),
    ("missing_empathy", "en", "Your new library card will be posted on Friday 4 December.", False),
    ("missing_empathy", "es", "La farola rota se reparará el martes 8 de diciembre.", True),
    ("missing_empathy", "es", GOOD_ES, False),
    ("missing_empathy", "es", "Su nuevo carné se enviará el viernes 4 de diciembre.", False),
    # missing_ownership
    ("missing_ownership", "en", "Sorry, that's not our department.", True),
    ("missing_ownership", "en", "Sorry to hear it. You will need to contact the county.", True),
    (
        "missing_ownership",
        "en",
        "Sorry, that is not our department, so I have passed it to Parks for you.",
        False,
    ),
    ("missing_ownership", "en", GOOD_EN, False),
    ("missing_ownership", "es", "Lo siento, eso no nos corresponde.", True),
    ("missing_ownership", "es", "Lo siento. Tendrá que llamar al condado.", True),
    (
        "missing_ownership",
        "es",
        "Lo siento, no es nuestro departamento; ya le he pasado su caso a Parques.",
        False,
    ),
    ("missing_ownership", "es", GOOD_ES, False),
    # no_next_step
    ("no_next_step", "en", "Thank you for your report about the graffiti.", True),
    ("no_next_step", "en", GOOD_EN, False),
    ("no_next_step", "en", "Thanks. The crew has been out and the leak has been fixed.", False),
    ("no_next_step", "es", "Gracias por su aviso sobre la pintada.", True),
    ("no_next_step", "es", GOOD_ES, False),
    ("no_next_step", "es", "Gracias. Hemos reparado la fuga esta mañana.", False),
    # no_date
    ("no_date", "en", "Thank you. Our crew will fill the pothole and let you know.", True),
    ("no_date", "en", GOOD_EN, False),
    ("no_date", "en", "Thank you. Our crew will fill the pothole tomorrow.", False),
    ("no_date", "es", "Gracias. Nuestro equipo arreglará el bache y le avisaremos.", True),
    ("no_date", "es", GOOD_ES, False),
    ("no_date", "es", "Gracias. Nuestro equipo arreglará el bache mañana.", False),
    # vague_timeframe
    ("vague_timeframe", "en", "Thanks. The refund process takes 7–10 days.", True),
    ("vague_timeframe", "en", "Thanks. Expect your bin in 3-5 business days.", True),
    ("vague_timeframe", "en", "Thanks. We will be in touch shortly.", True),
    ("vague_timeframe", "en", "Thanks. We will call you within a couple of weeks.", True),
    ("vague_timeframe", "en", GOOD_EN, False),
    ("vague_timeframe", "en", "Thanks. The refund will be paid on Monday 7 December.", False),
    ("vague_timeframe", "es", "Gracias. El reembolso tarda de 7 a 10 días.", True),
    ("vague_timeframe", "es", "Gracias. Le llamaremos lo antes posible.", True),
    ("vague_timeframe", "es", "Gracias. Le escribiremos en los próximos días.", True),
    ("vague_timeframe", "es", GOOD_ES, False),
    ("vague_timeframe", "es", "Gracias. El reembolso se pagará el lunes 7 de diciembre.", False),
    # wrong_date
    ("wrong_date", "en", "Thanks. We will come on Sunday 6 December.", True),
    ("wrong_date", "en", "Thanks. We will come by Tuesday 9 December.", True),
    ("wrong_date", "en", "Thanks. We will fix it by Monday 14 December.", True),
    ("wrong_date", "en", "Thanks. Your permit is ready on 30 February.", True),
    ("wrong_date", "en", "Thanks. We will come on Friday 25 December.", True),
    ("wrong_date", "en", GOOD_EN, False),
    ("wrong_date", "en", "Thanks. You reported it on Saturday 28 November.", False),
    (
        "wrong_date",
        "en",
        "Thanks. It moves to Monday 14 December because the part is late.",
        False,
    ),
    ("wrong_date", "en", "Sorry, we cannot open on Saturday 5 December; I can do Monday.", False),
    ("wrong_date", "es", "Gracias. Iremos el domingo 6 de diciembre.", True),
    ("wrong_date", "es", "Gracias. Iremos el martes 9 de diciembre.", True),
    ("wrong_date", "es", "Gracias. Lo arreglaremos el lunes 14 de diciembre.", True),
    ("wrong_date", "es", GOOD_ES, False),
    (
        "wrong_date",
        "es",
        "Gracias. Pasa al lunes 14 de diciembre porque la pieza viene con retraso.",
        False,
    ),
    # placeholder
    ("placeholder", "en", "Hello {resident_first}, we will call on Friday 4 December.", True),
    ("placeholder", "en", "Hello Rita, your permit is [PERMIT NUMBER].", True),
    ("placeholder", "en", "Hello Rita, your account number is XXXX-1234.", True),
    ("placeholder", "en", "Hello Rita, sign here: ________", True),
    ("placeholder", "en", "Dear Mr Jones, the crew will come on Friday 4 December.", True),
    ("placeholder", "en", "Your request is 9ZZZZ-ZZZZ9.", True),
    ("placeholder", "en", GOOD_EN, False),
    ("placeholder", "en", "Hello Rita Moreno, your request is 7KQ3M-9XRT2.", False),
    ("placeholder", "en", "Hello there, your request is 7KQ3M-9XRT2.", False),
    ("placeholder", "es", "Hola {nombre}, le llamaremos el viernes 4 de diciembre.", True),
    ("placeholder", "es", "Hola Rosa, su permiso es el [NÚMERO].", True),
    ("placeholder", "es", "Estimado Sr. García: el equipo irá el viernes 4 de diciembre.", True),
    ("placeholder", "es", GOOD_ES, False),
    ("placeholder", "es", "Hola Rosa Diaz, su solicitud es la 7KQ3M-9XRT2.", False),
    # no_alternative
    ("no_alternative", "en", "Sorry, we cannot replace the bin this month.", True),
    ("no_alternative", "en", "Sorry, your request has been denied.", True),
    (
        "no_alternative",
        "en",
        "Sorry, we cannot replace the bin this month, but you could borrow one at the depot.",
        True,
    ),
    (
        "no_alternative",
        "en",
        "Sorry, we cannot replace the bin this month. Instead, borrow one at the depot.",
        False,
    ),
    ("no_alternative", "en", GOOD_EN, False),
    ("no_alternative", "es", "Lo siento, no podemos cambiar el contenedor este mes.", True),
    ("no_alternative", "es", "Lo siento, su solicitud ha sido denegada.", True),
    (
        "no_alternative",
        "es",
        "Lo siento, no podemos cambiarlo este mes. En su lugar, le prestamos uno.",
        False,
    ),
    ("no_alternative", "es", GOOD_ES, False),
    # customer_as_qa
    ("customer_as_qa", "en", "Please double-check the dates we entered and sign.", True),
    ("customer_as_qa", "en", "Please verify the details on the form we sent.", True),
    ("customer_as_qa", "en", "I have checked the dates on the form and they are right.", False),
    ("customer_as_qa", "en", GOOD_EN, False),
    ("customer_as_qa", "es", "Por favor, revise los datos que pusimos y firme.", True),
    ("customer_as_qa", "es", "Avísenos si hay algún error en el formulario.", True),
    ("customer_as_qa", "es", "He revisado los datos del formulario y son correctos.", False),
    ("customer_as_qa", "es", GOOD_ES, False),
    # hard_to_read
    (
        "hard_to_read",
        "en",
        "Notwithstanding the considerable complexity of the administrative documentation "
        "requirements, the departmental evaluation of your application, which necessitates "
        "comprehensive verification of eligibility determinations, will conclude imminently, "
        "subsequent to which appropriate notification will be communicated.",
        True,
    ),
    ("hard_to_read", "en", GOOD_EN, False),
    (
        "hard_to_read",
        "es",
        "No obstante la considerable complejidad de los requisitos documentales "
        "administrativos, la evaluación departamental de su solicitud, que necesita una "
        "verificación exhaustiva de las determinaciones de admisibilidad, concluirá "
        "próximamente, tras lo cual se comunicará la correspondiente notificación.",
        True,
    ),
    ("hard_to_read", "es", GOOD_ES, False),
    # jargon
    ("jargon", "en", "Your SR is now a WO.", True),
    ("jargon", "en", "Pursuant to the bylaw we will trim it.", True),
    ("jargon", "en", GOOD_EN, False),
    ("jargon", "en", "Sorry, we will come soon.", False),  # "so" and "sr" inside words
    ("jargon", "es", "Su SR ya tiene OT.", True),
    ("jargon", "es", "De conformidad con la ordenanza, lo podaremos.", True),
    ("jargon", "es", GOOD_ES, False),
    # shouting
    ("shouting", "en", "Thanks. DO NOT put glass in the bin.", True),
    ("shouting", "en", "Thanks!! We will come on Friday 4 December.", True),
    ("shouting", "en", "Thanks! We'll come! Soon! Really!", True),
    ("shouting", "en", GOOD_EN, False),
    ("shouting", "en", "Thanks! Your request 7KQ3M-9XRT2 is with the CRM team.", False),
    ("shouting", "es", "Gracias. NO PONGA vidrio en el contenedor.", True),
    ("shouting", "es", "¡¡Gracias!! Iremos el viernes 4 de diciembre.", True),
    ("shouting", "es", GOOD_ES, False),
]


@pytest.mark.parametrize(
    ("code", "language", "text", "raised"),
    TABLE,
    ids=[f"{c}-{lang}-{'yes' if r else 'no'}-{i}" for i, (c, lang, _t, r) in enumerate(TABLE)],
)
def test_each_code_fires_on_its_examples_only(code, language, text, raised):
    review = review_draft(
        text=text,
        language=language,
        case=unsaved_case(language),
        calendar=CALENDAR,
        today=TODAY,
    )

    assert (code in review.codes) is raised, [(f.code, f.message) for f in review.findings]


def test_every_code_and_language_has_a_positive_and_a_negative_example():
    for code in {row[0] for row in TABLE}:
        for language in ("en", "es"):
            rows = [r for r in TABLE if r[0] == code and r[1] == language]
            assert any(r[3] for r in rows), (code, language)
            assert any(not r[3] for r in rows), (code, language)


def test_a_good_reply_scores_100_and_a_bad_one_much_less(review):
    bad = review(
        "You filled in the wrong date. We cannot do it. It takes 7-10 days!!! {x}",
    )

    assert review(GOOD_EN).score == 100
    assert review(GOOD_ES, "es").score == 100
    assert bad.score <= 20
    assert {f.severity for f in bad.findings} == {"block", "warn"}


def test_vague_timeframe_suggests_the_cases_promised_date(review):
    text = "Thank you for your patience. The refund process takes 7–10 days."

    [finding] = [f for f in review(text).findings if f.code == "vague_timeframe"]

    assert finding.severity == "warn"
    assert text[finding.start : finding.end] == "The refund process takes 7–10 days."
    assert finding.suggestion == "The refund process will be done by Tuesday 8 December."
    assert finding.applicable
    assert "Tuesday 8 December" in finding.message


def test_vague_timeframe_in_spanish_suggests_the_date_in_spanish(review):
    [finding] = [
        f
        for f in review("Gracias. Le llamaremos lo antes posible.", "es").findings
        if f.code == "vague_timeframe"
    ]

    assert finding.suggestion == "Le llamaremos antes del martes 8 de diciembre."


def test_without_a_case_the_suggestion_leaves_a_blank_the_coach_then_blocks():
    review = review_draft(text="Thanks. We will call you shortly.", language="en", today=TODAY)
    [finding] = [f for f in review.findings if f.code == "vague_timeframe"]

    again = review_draft(text=finding.suggestion, language="en", today=TODAY)

    assert finding.suggestion == "We will call you by [DATE]."
    assert "placeholder" in again.codes


def test_a_sunday_is_moved_to_the_next_working_day(review):
    text = "Thanks. We will come on Sunday 6 December."
    [finding] = [f for f in review(text).findings if f.code == "wrong_date"]

    assert finding.severity == "block"
    assert text[finding.start : finding.end] == "Sunday 6 December"
    assert finding.suggestion == "Monday 7 December"


def test_christmas_is_not_a_working_day_and_the_suggestion_keeps_the_promise(review):
    [finding] = [
        f
        for f in review("Gracias. Iremos el viernes 25 de diciembre.", "es").findings
        if f.code == "wrong_date"
    ]

    # The next working day is 28 December, later than the promise: the promise wins.
    assert finding.suggestion == "martes 8 de diciembre"


def test_a_date_later_than_the_promise_suggests_the_promise(review):
    [finding] = [
        f
        for f in review("Thanks. We will fix it by Monday 14 December.").findings
        if f.code == "wrong_date"
    ]

    assert finding.suggestion == "Tuesday 8 December"
    assert "Tuesday 8 December" in finding.message


def test_a_wrong_weekday_is_corrected(review):
    [finding] = [
        f
        for f in review("Gracias. Iremos el lunes 8 de diciembre.", "es").findings
        if f.code == "wrong_date"
    ]

    assert finding.suggestion == "martes 8 de diciembre"


@time_machine.travel(dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC), tick=False)
def test_today_defaults_to_the_clock_in_the_cases_time_zone():
    case = unsaved_case("en")

    tomorrow = review_draft(text="We will call you tomorrow, sorry.", language="en", case=case)
    year_end = review_draft(text="We will call you on 2 January, sorry.", language="en", case=case)

    assert "wrong_date" not in tomorrow.codes
    # 2 January is read as next year's, well after the 8 December promise.
    assert "wrong_date" in year_end.codes


@time_machine.travel(dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC), tick=False)
def test_late_at_night_in_new_york_it_is_still_the_first():
    case = unsaved_case("en")

    # 03:00 UTC on the 2nd is 22:00 on the 1st in New York: "today" is Tuesday 1 December.
    review = review_draft(text="Sorry. We will call you today.", language="en", case=case)

    [mention_free] = [f for f in review.findings if f.code == "wrong_date"] or [None]
    assert mention_free is None
    assert "no_date" not in review.codes


def test_placeholder_with_a_known_value_suggests_the_value(review):
    text = "Hello Rita, your request is {tracking_number}; sorry, we will call tomorrow."
    [finding] = [f for f in review(text).findings if f.code == "placeholder"]

    assert finding.suggestion == "7KQ3M-9XRT2"
    assert finding.applicable


def test_a_name_that_is_not_the_residents_is_blocked_with_the_right_name(review):
    text = "Dear Margaret,\n\nSorry for the wait; we will call tomorrow."
    [finding] = [f for f in review(text).findings if f.code == "placeholder"]

    assert text[finding.start : finding.end] == "Margaret"
    assert finding.suggestion == "Rita Moreno"


def test_the_jurisdictions_own_jargon_is_flagged_with_its_plain_wording(review):
    text = "Sorry for the wait. Your 311-R will be closed tomorrow by the PW crew."

    result = review(text, jargon=[JargonEntry("PW", "Public Works"), JargonEntry("311-R", "")])

    found = {text[f.start : f.end]: f.suggestion for f in result.findings if f.code == "jargon"}
    assert found == {"PW": "Public Works", "311-R": ""}


def test_hard_to_read_points_at_the_longest_sentence_and_splits_it(review):
    long = (
        "The department has reviewed the documentation that accompanied your application "
        "for the temporary occupation of the public highway, and the evaluation concluded "
        "that additional verification of the insurance certificates is necessary before "
        "authorisation can be issued to your organisation"
    )
    text = f"Thank you for applying. {long}. We will write to you on Friday 4 December."
    [finding] = [f for f in review(text).findings if f.code == "hard_to_read"]

    assert text[finding.start : finding.end] == f"{long}."
    assert finding.suggestion.startswith("The department has reviewed")
    assert ". The evaluation concluded" in finding.suggestion


def test_shouting_suggests_calm_words(review):
    text = "Thanks. PLEASE DO NOT put glass in the bin."
    [finding] = [f for f in review(text).findings if f.code == "shouting"]

    assert text[finding.start : finding.end] == "PLEASE DO NOT"
    assert finding.suggestion == "Please do not"


def test_spans_stay_right_with_curly_apostrophes(review):
    text = "That’s not our department."
    [finding] = [f for f in review(text).findings if f.code == "missing_ownership"]

    assert text[finding.start : finding.end] == text


def test_messages_are_in_the_agents_language_and_suggestions_in_the_replys():
    with translation.override("es"):
        review = review_draft(
            text="Thanks. We will call you shortly.", language="en", today=TODAY, promise=None
        )
    [finding] = [f for f in review.findings if f.code == "vague_timeframe"]

    assert "fecha" in finding.message
    assert finding.suggestion == "We will call you by [DATE]."


def test_an_empty_draft_has_no_findings():
    review = review_draft(text="   ", language="es", today=TODAY)

    assert review.findings == ()
    assert review.score == 0


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="not 'fr'"):
        review_draft(text="Bonjour", language="fr", today=TODAY)


def test_a_city_adds_its_own_phrases_and_changes_a_severity(settings, tmp_path):
    (tmp_path / "en.toml").write_text(
        "[blame]\npatterns = [['''\\bread the sign\\b''', 'Here is how it works:']]\n",
        encoding="utf-8",
    )
    (tmp_path / "common.toml").write_text('[severity]\njargon = "warn"\n', encoding="utf-8")
    settings.COACHING_STANDARDS_DIRS = [str(tmp_path)]
    rulebook.cache_clear()
    try:
        review = review_draft(
            text="Sorry. Please read the sign; the SOP says so. We will call tomorrow.",
            language="en",
            today=TODAY,
        )
        severities = {f.code: f.severity for f in review.findings}
    finally:
        settings.COACHING_STANDARDS_DIRS = []
        rulebook.cache_clear()

    assert severities["blame"] == "warn"  # the city's phrase, added to ours
    assert severities["jargon"] == "warn"  # was a tip


def test_a_broken_rules_file_names_the_file_and_the_pattern(settings, tmp_path):
    (tmp_path / "es.toml").write_text("[blame]\npatterns = [['(unclosed', 'x']]\n")
    settings.COACHING_STANDARDS_DIRS = [str(tmp_path)]
    rulebook.cache_clear()
    try:
        with pytest.raises(RulebookError, match=r"es\.toml: bad pattern '\(unclosed'"):
            rulebook("es")
    finally:
        settings.COACHING_STANDARDS_DIRS = []
        rulebook.cache_clear()
