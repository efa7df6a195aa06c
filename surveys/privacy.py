"""A survey's comment is the resident's own words: exported, and blanked on erasure.

The score and the yes/no stay (they hold nothing personal and feed the summaries).
"""

from __future__ import annotations

from privacy.registry import PersonalData, register
from surveys.models import Survey

register(
    PersonalData(
        model=Survey,
        fields=("comment",),
        context=("case__tracking_number", "score", "resolved", "answered_at"),
        for_resident=lambda resident: Survey.objects.filter(case__resident=resident),
        for_cases=lambda cases: Survey.objects.filter(case__in=cases),
    )
)
