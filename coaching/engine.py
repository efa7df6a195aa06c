"""The reply coach: one pure function, `review_draft`, from a draft to a scored review.

Nothing here writes or calls out: the rules come from `coaching.rulebook` (TOML
files read once), readability from textstat, dates from `coaching.dates`. The
case, when given, supplies the facts to check against: its tracking number,
its resident's name, its promised resolution day and its jurisdiction's zone.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from coaching import messages
from coaching.dates import DateMention, find_dates, format_day
from coaching.readability import readability_score
from coaching.rulebook import JargonEntry, PhraseRule, Rulebook, rulebook

if TYPE_CHECKING:
    from calendars.arithmetic import WorkingCalendar
    from cases.models import Case

SEVERITY_ORDER = {"block": 0, "warn": 1, "tip": 2}
# A code counts at most this many times in the score, so one habit does not zero it.
MAX_PENALTIES_PER_CODE = 2
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
MIN_SHOUTED_LETTERS = 5  # "DO NOT" shouts; "AM PM" does not
_CLOSED_STATUSES = frozenset({"resolved", "closed"})


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    start: int
    end: int
    suggestion: str = ""
    # True when `suggestion` can replace text[start:end] as it is (one click).
    applicable: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Review:
    score: int
    language: str
    findings: tuple[Finding, ...] = ()

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "block")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warn")

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "language": self.language,
            "findings": [f.as_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class CaseFacts:
    """What the coach checks a draft against, read from the case once."""

    tracking_number: str = ""
    resident_name: str = ""
    values: dict[str, str] = field(default_factory=dict)
    description: str = ""
    is_closed: bool = False


@dataclass
class _Draft:
    text: str  # curly apostrophes and no-break spaces straightened, same length
    rules: Rulebook
    facts: CaseFacts | None
    promise: dt.date | None
    today: dt.date
    calendar: WorkingCalendar | None
    jargon: tuple[JargonEntry, ...]
    sentences: list[tuple[int, int]]
    dates: list[DateMention]

    @property
    def promise_text(self) -> str:
        return format_day(self.promise, self.rules.dates) if self.promise else ""

    def fill(self, template: str) -> str:
        return template.replace("{promise}", self.promise_text or self.rules.date_fallback)

    def sentence_at(self, position: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= position < end:
                return start, end
        return position, position

    def any(self, patterns: Iterable[re.Pattern[str]]) -> bool:
        return any(p.search(self.text) for p in patterns)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _capitalise_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def _non_overlapping(matches: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """Longest first, then in text order."""
    chosen: list[re.Match[str]] = []
    for match in sorted(matches, key=lambda m: (-(m.end() - m.start()), m.start())):
        if match.end() == match.start():
            continue
        if any(match.start() < c.end() and c.start() < match.end() for c in chosen):
            continue
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.start())


def _rewrite(draft: _Draft, match: re.Match[str], suggestion: str) -> tuple[int, int, str]:
    """The sentence around `match` rewritten: a suggestion that is a whole sentence
    (ends with . ! or ?) replaces the sentence; a phrase replaces the match."""
    start, end = draft.sentence_at(match.start())
    end = max(end, match.end())
    suggestion = draft.fill(suggestion)
    if suggestion.rstrip().endswith((".", "!", "?")):
        return start, end, suggestion
    sentence = draft.text[start:end]
    offset = match.start() - start
    rewritten = sentence[:offset] + suggestion + sentence[offset + len(match.group(0)) :]
    rewritten = re.sub(r"\s{2,}", " ", rewritten).strip()
    if offset == 0:
        rewritten = _capitalise_first(rewritten)
    return start, end, rewritten


def _phrase_findings(
    draft: _Draft, code: str, rules: Sequence[PhraseRule], message: Callable[[], str]
) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[int] = set()
    by_match: dict[int, PhraseRule] = {}
    matches = []
    for rule in rules:
        for match in rule.pattern.finditer(draft.text):
            matches.append(match)
            by_match[id(match)] = rule
    for match in _non_overlapping(matches):
        sentence_start = draft.sentence_at(match.start())[0]
        if sentence_start in seen:
            continue
        seen.add(sentence_start)
        start, end, suggestion = _rewrite(draft, match, by_match[id(match)].suggestion)
        findings.append(
            Finding(code, draft.rules.severity[code], message(), start, end, suggestion, True)
        )
    return findings


# --- The checks, one per code (or two closely related codes) ----------------------------


def _placeholders(draft: _Draft) -> list[Finding]:
    severity = draft.rules.severity["placeholder"]
    found: list[Finding] = []
    values = draft.facts.values if draft.facts else {}
    matches = [m for p in draft.rules.placeholders for m in p.finditer(draft.text)]
    for match in _non_overlapping(matches):
        token = match.group(0)
        key = token.strip("{}[]<> ").lower().replace(" ", "_")
        value = values.get(key, "")
        found.append(
            Finding(
                "placeholder",
                severity,
                messages.placeholder_blank(token),
                match.start(),
                match.end(),
                value,
                bool(value),
            )
        )
    if draft.facts is None:
        return found
    expected = draft.facts.tracking_number
    for match in draft.rules.tracking_number.finditer(draft.text):
        if expected and match.group(0) != expected:
            found.append(
                Finding(
                    "placeholder",
                    severity,
                    messages.placeholder_tracking(match.group(0), expected),
                    match.start(),
                    match.end(),
                    expected,
                    True,
                )
            )
    first_line_end = draft.text.find("\n")
    head = draft.text if first_line_end < 0 else draft.text[:first_line_end]
    greeting = draft.rules.greeting.search(head)
    if greeting:
        name_start = greeting.start("name")
        words = greeting.group("name").split()
        named = []
        for word in words:
            if not word[:1].isupper():
                break
            named.append(word)
        resident = {_fold(w) for w in re.findall(r"[\w'-]+", draft.facts.resident_name)}
        generic = not named or _fold(named[0]) in draft.rules.generic_names
        if not generic and not {_fold(w) for w in named} <= resident:
            token = " ".join(named)
            replacement = draft.facts.resident_name.strip()
            found.append(
                Finding(
                    "placeholder",
                    severity,
                    messages.placeholder_name(token),
                    name_start,
                    name_start + len(token),
                    replacement,
                    bool(replacement),
                )
            )
    return found


def _wrong_dates(draft: _Draft) -> list[Finding]:
    severity = draft.rules.severity["wrong_date"]
    rules = draft.rules.dates
    found: list[Finding] = []
    for mention in draft.dates:
        phrase = mention.text.strip()
        if mention.date is None:
            found.append(
                Finding(
                    "wrong_date",
                    severity,
                    messages.wrong_date_invalid(phrase),
                    mention.start,
                    mention.end,
                )
            )
            continue
        if mention.weekday_said is not None and mention.weekday_said != mention.date.isoweekday():
            actual = format_day(mention.date, rules)
            found.append(
                Finding(
                    "wrong_date",
                    severity,
                    messages.wrong_date_weekday(phrase, actual),
                    mention.weekday_start if mention.weekday_start is not None else mention.start,
                    mention.end,
                    actual,
                    True,
                )
            )
            continue
        if mention.date < draft.today or not mention.explicit:
            continue  # the past; or "on Friday", "open on Saturdays": no one day is promised
        start = mention.weekday_start if mention.weekday_start is not None else mention.start
        sentence = draft.text[slice(*draft.sentence_at(mention.start))]
        refusing = any(rule.pattern.search(sentence) for rule in draft.rules.refusal)
        if (
            draft.calendar is not None
            and not refusing  # "we cannot book it on Saturday 5 December" is not a promise
            and not draft.calendar.is_working_day(mention.date)
        ):
            next_day = next(iter(draft.calendar.working_days_from(mention.date)))
            if draft.promise and next_day > draft.promise >= draft.today:
                next_day = draft.promise
            text = format_day(next_day, rules)
            found.append(
                Finding(
                    "wrong_date",
                    severity,
                    messages.wrong_date_closed(phrase, text),
                    start,
                    mention.end,
                    text,
                    True,
                )
            )
            continue
        explained = any(p.search(sentence) for p in rules.reason)
        if draft.promise and mention.date > draft.promise and not refusing and not explained:
            found.append(
                Finding(
                    "wrong_date",
                    severity,
                    messages.wrong_date_late(phrase, draft.promise_text),
                    start,
                    mention.end,
                    draft.promise_text,
                    True,
                )
            )
    return found


def _blame(draft: _Draft) -> list[Finding]:
    return _phrase_findings(draft, "blame", draft.rules.blame, messages.blame)


def _customer_as_qa(draft: _Draft) -> list[Finding]:
    return _phrase_findings(
        draft, "customer_as_qa", draft.rules.customer_as_qa, messages.customer_as_qa
    )


def _missing_ownership(draft: _Draft) -> list[Finding]:
    if draft.any(draft.rules.ownership):
        return []
    return _phrase_findings(
        draft, "missing_ownership", draft.rules.deflection, messages.missing_ownership
    )


def _no_alternative(draft: _Draft) -> list[Finding]:
    if draft.any(draft.rules.alternative):
        return []
    findings = []
    for finding in _phrase_findings(
        draft, "no_alternative", draft.rules.refusal, messages.no_alternative
    ):
        sentence = draft.text[finding.start : finding.end]
        findings.append(
            Finding(
                finding.code,
                finding.severity,
                finding.message,
                finding.start,
                finding.end,
                f"{sentence} {finding.suggestion}",
                True,
            )
        )
    return findings


def _vague(draft: _Draft) -> list[Finding]:
    severity = draft.rules.severity["vague_timeframe"]
    found = []
    replacement: dict[int, str] = {}
    matches = []
    for rule in draft.rules.vague:
        for match in rule.pattern.finditer(draft.text):
            matches.append(match)
            replacement[id(match)] = rule.suggestion or draft.rules.vague_replacement
    for match in _non_overlapping(matches):
        _start, _end, rewritten = _rewrite(draft, match, replacement[id(match)])
        start, end = draft.sentence_at(match.start())
        found.append(
            Finding(
                "vague_timeframe",
                severity,
                messages.vague_timeframe(match.group(0).strip(), draft.promise_text),
                start,
                max(end, match.end()),
                rewritten,
                True,
            )
        )
    return found


def _no_date(draft: _Draft, vague: list[Finding]) -> list[Finding]:
    if draft.dates or vague or (draft.facts is not None and draft.facts.is_closed):
        return []
    end = len(draft.text.rstrip())
    return [
        Finding(
            "no_date",
            draft.rules.severity["no_date"],
            messages.no_date(draft.promise_text),
            end,
            end,
            draft.fill(draft.rules.no_date_suggestion),
            True,
        )
    ]


def _no_next_step(draft: _Draft) -> list[Finding]:
    if draft.any(draft.rules.next_step):
        return []
    # "I have booked her into the class on Thursday 3 December": a day ahead is a next step.
    if any(m.date is not None and m.date >= draft.today for m in draft.dates):
        return []
    end = len(draft.text.rstrip())
    return [
        Finding(
            "no_next_step",
            draft.rules.severity["no_next_step"],
            messages.no_next_step(),
            end,
            end,
            draft.fill(draft.rules.next_step_suggestion),
            True,
        )
    ]


def _missing_empathy(draft: _Draft) -> list[Finding]:
    if draft.any(draft.rules.empathy):
        return []
    described = draft.facts.description if draft.facts else ""
    troubled = draft.any(draft.rules.problem) or any(
        p.search(described) for p in draft.rules.problem
    )
    if not troubled:
        return []
    # After the greeting line, if there is one.
    at = 0
    greeting = draft.rules.greeting.search(draft.text)
    if greeting and greeting.start() == 0:
        newline = draft.text.find("\n", greeting.end())
        at = newline + 1 if newline >= 0 else 0
        while at < len(draft.text) and draft.text[at] == "\n":
            at += 1
    return [
        Finding(
            "missing_empathy",
            draft.rules.severity["missing_empathy"],
            messages.missing_empathy(),
            at,
            at,
            draft.rules.empathy_suggestion,
            True,
        )
    ]


def _split(sentence: str, cut_points: Sequence[str]) -> str:
    """The sentence as two, cut at the joint nearest its middle; "" if it has none."""
    middle = len(sentence) // 2
    best = None
    lowered = sentence.lower()
    for cut in cut_points:
        position = lowered.find(cut)
        while position >= 0:
            if best is None or abs(position - middle) < abs(best[0] - middle):
                best = (position, cut)
            position = lowered.find(cut, position + 1)
    if best is None:
        return ""
    position, cut = best
    first = sentence[:position].rstrip(" ,;")
    rest = sentence[position + len(cut) :].strip()
    if not first or not rest:
        return ""
    return f"{first}. {_capitalise_first(rest)}"


def _hard_to_read(draft: _Draft) -> list[Finding]:
    rules = draft.rules.readability
    words = _WORD.findall(draft.text)
    if len(words) < rules.min_words:
        return []
    value = readability_score(draft.text, rules.metric, draft.rules.language)
    too_hard = value > rules.limit if rules.higher_is_harder else value < rules.limit
    if not too_hard:
        return []
    by_length = sorted(
        draft.sentences,
        key=lambda s: len(_WORD.findall(draft.text[s[0] : s[1]])),
        reverse=True,
    )
    found: list[Finding] = []
    metric = messages.hard_to_read_metric(rules.metric)
    for start, end in by_length[:2]:
        sentence = draft.text[start:end]
        count = len(_WORD.findall(sentence))
        if found and count < rules.long_sentence_words:
            break
        split = _split(sentence, rules.split_at)
        found.append(
            Finding(
                "hard_to_read",
                draft.rules.severity["hard_to_read"],
                messages.hard_to_read(metric, value, rules.limit, count),
                start,
                end,
                split,
                bool(split),
            )
        )
    return found


def _jargon_pattern(term: str) -> re.Pattern[str]:
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w/]){re.escape(term)}(?![\w/])", flags)


def _jargon(draft: _Draft) -> list[Finding]:
    severity = draft.rules.severity["jargon"]
    plain_by_term: dict[str, str] = {}
    for entry in (*draft.rules.jargon, *draft.jargon):
        plain_by_term[entry.term] = entry.plain
    found = []
    for term, plain in plain_by_term.items():
        for match in _jargon_pattern(term).finditer(draft.text):
            found.append(
                Finding(
                    "jargon",
                    severity,
                    messages.jargon(match.group(0), plain),
                    match.start(),
                    match.end(),
                    plain,
                    True,
                )
            )
    return found


_CAPS_WORD = re.compile(r"\b[^\W\d_a-zà-ÿ]{2,}\b")


def _shouting(draft: _Draft) -> list[Finding]:
    rules = draft.rules.shouting
    severity = draft.rules.severity["shouting"]
    found: list[Finding] = []
    text = draft.text
    bangs = list(re.finditer(f"!{{{rules.exclamations},}}", text))
    if bangs:
        # "!!!" becomes "."; each row of marks is one finding.
        for bang in bangs:
            found.append(
                Finding(
                    "shouting", severity, messages.shouting(), bang.start(), bang.end(), ".", True
                )
            )
    elif text.count("!") >= rules.exclamations_total:
        marks = list(re.finditer(r"!", text))
        found.append(
            Finding("shouting", severity, messages.shouting(), marks[0].start(), marks[-1].end())
        )
    jargon_terms = {e.term for e in (*draft.rules.jargon, *draft.jargon)}
    words = [
        m
        for m in _CAPS_WORD.finditer(text)
        if len(m.group(0)) >= rules.caps_word_letters
        and m.group(0).isupper()
        and m.group(0) not in jargon_terms
    ]
    run: list[re.Match[str]] = []

    def flush() -> None:
        letters = sum(len(w.group(0)) for w in run)
        if len(run) >= rules.caps_words_in_a_row and letters >= MIN_SHOUTED_LETTERS:
            start, end = run[0].start(), run[-1].end()
            original = text[start:end]
            calm = original.lower()
            sentence_start = draft.sentence_at(start)[0]
            if sentence_start == start:
                calm = _capitalise_first(calm)
            found.append(Finding("shouting", severity, messages.shouting(), start, end, calm, True))

    for word in words:
        if run and not re.fullmatch(r"[\s,;:!?.'-]*", text[run[-1].end() : word.start()]):
            flush()
            run = []
        run.append(word)
    flush()
    return found


def _case_facts(case: Case, language: str, rules: Rulebook) -> CaseFacts:
    resident = case.resident  # None without a query when there is no resident
    name = (resident.full_name if resident else "").strip()
    promise = case.resolution_due.astimezone(case.jurisdiction.zone).date()
    return CaseFacts(
        tracking_number=case.tracking_number,
        resident_name=name,
        values={
            "tracking_number": case.tracking_number,
            "promised_date": format_day(promise, rules.dates),
            "resident_name": name,
            "service_name": case.service.name,
            "department": str(case.department),
        },
        description=case.description or "",
        is_closed=case.status in _CLOSED_STATUSES,
    )


def _as_date(value: dt.date | dt.datetime | None, zone: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(zone).date() if timezone.is_aware(value) else value.date()
    return value


def _score(findings: Sequence[Finding], weights: dict[str, int]) -> int:
    counted: dict[str, int] = {}
    penalty = 0
    for finding in findings:
        counted[finding.code] = counted.get(finding.code, 0) + 1
        if counted[finding.code] <= MAX_PENALTIES_PER_CODE:
            penalty += weights[finding.severity]
    return max(0, 100 - penalty)


def review_draft(
    *,
    text: str,
    language: str,
    case: Case | None = None,
    promise: dt.date | dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    jargon: Sequence[JargonEntry] = (),
    today: dt.date | None = None,
) -> Review:
    """Review a draft reply against the service standards.

    `promise` defaults to the case's promised resolution; `today` to the current
    day in the calendar's (or the case's jurisdiction's) time zone; `jargon` adds
    the jurisdiction's own terms to the language's list.
    """
    rules = rulebook(language)
    straight = (text or "").replace("’", "'").replace("\u00a0", " ")
    zone = (
        calendar.zone
        if calendar is not None
        else (case.jurisdiction.zone if case is not None else dt.UTC)
    )
    if today is None:
        today = timezone.now().astimezone(zone).date()
    facts = _case_facts(case, language, rules) if case is not None else None
    if promise is None and case is not None:
        promise = case.resolution_due
    draft = _Draft(
        text=straight,
        rules=rules,
        facts=facts,
        promise=_as_date(promise, zone),
        today=today,
        calendar=calendar,
        jargon=tuple(jargon),
        sentences=_sentences(straight),
        dates=find_dates(straight, rules.dates, today),
    )
    if not straight.strip():
        return Review(score=0, language=language, findings=())
    vague = _vague(draft)
    findings = [
        *_placeholders(draft),
        *_wrong_dates(draft),
        *_blame(draft),
        *_missing_empathy(draft),
        *_missing_ownership(draft),
        *_no_next_step(draft),
        *vague,
        *_no_date(draft, vague),
        *_no_alternative(draft),
        *_customer_as_qa(draft),
        *_hard_to_read(draft),
        *_jargon(draft),
        *_shouting(draft),
    ]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.start, f.code))
    return Review(
        score=_score(findings, rules.weights), language=language, findings=tuple(findings)
    )
