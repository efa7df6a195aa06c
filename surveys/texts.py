"""How a survey and its answer read, in the active language (pages, the timeline, texts)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCORES = [
    (1, gettext_lazy("Very poor")),
    (2, gettext_lazy("Poor")),
    (3, gettext_lazy("Acceptable")),
    (4, gettext_lazy("Good")),
    (5, gettext_lazy("Very good")),
]


def answer_summary(data: dict[str, Any]) -> str:
    """ "You gave us 4 out of 5. Resolved: yes." from a survey event's data."""
    parts = [_("Rating: %(score)s out of 5.") % {"score": data.get("score", "?")}]
    resolved = data.get("resolved")
    if resolved is True:
        parts.append(_("The problem was resolved."))
    elif resolved is False:
        parts.append(_("The problem was not resolved."))
    return " ".join(parts)
