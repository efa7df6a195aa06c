"""How a case reads to a resident: the words every channel and notice shares.

A status is said the same way in a text, an email notice and a WhatsApp
message, so the phrases live in the domain beside the statuses, not in a door.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from cases.models import Status

# How a status reads in a message to a resident (short, plain, their language).
STATUS_PHRASES: dict[str, Promise] = {
    Status.NEW: gettext_lazy("received"),
    Status.ACKNOWLEDGED: gettext_lazy("acknowledged"),
    Status.IN_PROGRESS: gettext_lazy("in progress"),
    Status.WAITING_ON_RESIDENT: gettext_lazy("waiting for your reply"),
    Status.RESOLVED: gettext_lazy("resolved"),
    Status.CLOSED: gettext_lazy("closed"),
    Status.DECLINED: gettext_lazy("declined"),
}
