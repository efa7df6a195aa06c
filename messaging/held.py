"""Staff review of held messages: add one to a case, or discard it.

Each decision is claimed atomically (the row moves out of "pending" in one
UPDATE), so two agents acting at once cannot both add the same message.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case, CaseEvent
from cases.services import CaseError, case_add_resident_message
from messaging.models import HeldMessage, HeldStatus


def _claim(held: HeldMessage, status: str, by: User) -> None:
    claimed = HeldMessage.objects.filter(pk=held.pk, status=HeldStatus.PENDING).update(
        status=status, reviewed_by=by, reviewed_at=timezone.now()
    )
    if claimed != 1:
        raise CaseError(_("This message was already reviewed."))


@transaction.atomic
def held_message_release(*, held: HeldMessage, by: User, case: Case | None = None) -> CaseEvent:
    """Add the held message to `case` (default: the case it claimed to be about)."""
    case = case or held.case
    if case is None:
        raise CaseError(_("Choose the case this message belongs to."))
    _claim(held, HeldStatus.RELEASED, by)
    body = held.body.strip() or held.subject.strip() or _("(The message had no text.)")
    return case_add_resident_message(
        case=case,
        body=body,
        label=_("%(sender)s (added by %(staff)s after review)")
        % {"sender": held.sender, "staff": by},
    )


@transaction.atomic
def held_message_discard(*, held: HeldMessage, by: User) -> None:
    _claim(held, HeldStatus.DISCARDED, by)
