"""A lone digit texted back (SMS or WhatsApp) answers the sender's open survey.

The invitation (surveys/services.py) asks for one digit, 1–5. Such a reply from a
phone with a survey still open is the answer: it neither opens a case nor joins
a case's thread. Anything else, or a digit with no open survey, goes the usual way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case
from surveys.selectors import open_text_survey
from surveys.services import SurveyError, survey_answer

DIGIT = re.compile(r"^\s*([1-5])\s*[.!]?\s*$")


@dataclass(frozen=True)
class SurveyReply:
    case: Case
    reply: str


def answer_survey_by_text(
    *, phone: str, body: str, via: str, at: dt.datetime
) -> SurveyReply | None:
    """The answer to `phone`'s open survey when `body` is a lone digit 1–5; else None."""
    match = DIGIT.match(body)
    if match is None:
        return None
    survey = open_text_survey(phone=phone, at=at)
    if survey is None:
        return None
    score = int(match.group(1))
    try:
        survey_answer(survey=survey, score=score, via=via, at=at)
    except SurveyError:  # answered a moment ago on another channel: the usual way
        return None
    case = survey.case
    with translation.override(survey.language):
        reply = _(
            "Thank you: you rated request %(number)s %(score)d out of 5. If the problem is "
            "not fixed, tell us on the tracking page and we will look at it again: %(url)s"
        ) % {
            "number": case.tracking_number,
            "score": score,
            "url": settings.SITE_URL.rstrip("/") + reverse("portal:track"),
        }
    return SurveyReply(case=case, reply=reply)
