"""Replies to residents built from standard answers, with the case's facts filled in.

Standard answers carry placeholders such as ``{tracking_number}``. They are
filled from the case when inserted and again before sending; a reply that still
holds any ``{placeholder}`` is refused, so the resident never receives a
template with holes ("Don't turn the customer into the QA department").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from calendars.formatting import promised_day
from cases.models import Case
from knowledge.models import Article, ArticleTranslation
from knowledge.selectors import pick_translation

PLACEHOLDERS = ("tracking_number", "promised_date", "resident_name", "service_name", "department")
# {name}, { name }, {{name}}: anything in braces that looks like a field name.
PLACEHOLDER = re.compile(r"\{+\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*\}+")


def resident_language(case: Case) -> str:
    return case.resident.preferred_language if case.resident_id and case.resident else "en"


def placeholder_values(case: Case) -> dict[str, str]:
    """What each placeholder stands for on this case, in the resident's language."""
    language = resident_language(case)
    return {
        "tracking_number": case.tracking_number,
        "promised_date": promised_day(
            case.resolution_due, jurisdiction=case.jurisdiction, language=language
        ),
        "resident_name": (case.resident.full_name if case.resident else "").strip(),
        "service_name": case.service.name,
        "department": str(case.department),
    }


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace every placeholder we have a value for; leave the others for the check."""

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1).strip().lower())
        return value if value else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def unfilled_placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(text)))


class ReplyNotReady(ValueError):
    """The draft cannot go to the resident as it is; the message says why."""


def final_reply(case: Case, draft: str) -> str:
    """The text that will be sent, or ReplyNotReady if it is empty or has holes."""
    text = fill_placeholders((draft or "").strip(), placeholder_values(case))
    if not text:
        raise ReplyNotReady(_("The reply is empty."))
    holes = unfilled_placeholders(text)
    if holes:
        raise ReplyNotReady(
            _(
                "The reply still contains %(holes)s. Replace it with the real information "
                "before sending: the resident should not have to fill in our blanks."
            )
            % {"holes": ", ".join(holes)}
        )
    return text


@dataclass(frozen=True)
class StandardAnswer:
    article: Article
    translation: ArticleTranslation
    is_fallback: bool  # not written in the resident's language; English shown instead
    for_this_service: bool


def standard_answers(case: Case) -> list[StandardAnswer]:
    """The jurisdiction's standard answers in the resident's language, the case's
    service's first. Two queries whatever the number of answers."""
    language = resident_language(case)
    articles = (
        Article.objects.filter(
            jurisdiction_id=case.jurisdiction_id, is_standard_answer=True, is_published=True
        )
        .prefetch_related(
            Prefetch("translations", queryset=ArticleTranslation.objects.order_by("language")),
        )
        .order_by("slug")
    )
    service_article_ids = set(
        Article.related_services.through.objects.filter(service_id=case.service_id).values_list(
            "article_id", flat=True
        )
    )
    answers = []
    for article in articles:
        translation, is_fallback = pick_translation(article.translations.all(), language)
        if translation is None:
            continue
        answers.append(
            StandardAnswer(
                article=article,
                translation=translation,
                is_fallback=is_fallback,
                for_this_service=article.pk in service_article_ids,
            )
        )
    answers.sort(key=lambda a: (not a.for_this_service, a.translation.title.lower()))
    return answers


def insert_standard_answer(case: Case, draft: str, answer: StandardAnswer) -> str:
    """The draft with the answer's text appended, its placeholders filled."""
    body = fill_placeholders(answer.translation.body.strip(), placeholder_values(case))
    return f"{draft.rstrip()}\n\n{body}".strip() if draft.strip() else body
