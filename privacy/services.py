"""Residents' data rights (copy, erasure), legal holds and retention: every write here.

Export and erasure walk the registry (privacy/registry.py), so they cover every
model an app has declared. A legal hold on a resident or on one of their cases
stops both erasure and retention until it is lifted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.password_reset import is_staff_account
from audit.models import AuditKind
from audit.services import audit_record
from cases.models import Case, Status
from cases.redaction import case_note_legal_hold
from privacy.models import (
    AnonymisedCase,
    DataRequest,
    LegalHold,
    RequestKind,
    RequestStatus,
    RequestVia,
    RetentionRule,
)
from privacy.registry import Erasure, PersonalData, blank_fields, registered
from residents.models import Resident

MAX_HOLD_REASON = 300


class PrivacyError(ValueError):
    """A data request or hold the rules refuse; the message is for the user."""


# --- Reads ---------------------------------------------------------------------------------


def active_holds(*, resident: Resident) -> QuerySet[LegalHold]:
    """Holds that stop erasing this resident: on them, or on any of their cases."""
    return LegalHold.objects.filter(
        Q(resident=resident) | Q(case__resident=resident), lifted_at__isnull=True
    ).select_related("case")


def resident_export(*, resident: Resident) -> dict[str, Any]:
    """Everything we hold about a resident, model by model, as JSON-ready data."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for entry in registered():
        rows = entry.for_resident(resident).order_by("pk")
        values = list(rows.values("pk", *entry.context, *entry.fields))
        if values:
            sections[str(entry.model._meta.verbose_name_plural)] = [
                _json_ready(row) for row in values
            ]
    return {"resident": resident.pk, "exported_at": timezone.now().isoformat(), "data": sections}


def _json_ready(row: dict[str, Any]) -> dict[str, Any]:
    encoder = DjangoJSONEncoder()
    ready: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
            ready[key] = value
        else:
            ready[key] = encoder.default(value)
    return ready


# --- Data requests --------------------------------------------------------------------------


@transaction.atomic
def data_request_open(
    *, resident: Resident, kind: str, via: str, by: Any = None, at: dt.datetime | None = None
) -> DataRequest:
    if kind not in RequestKind.values:
        raise PrivacyError(_("Choose what the resident asks for: a copy or erasure."))
    if via not in RequestVia.values:
        raise PrivacyError(_("Choose how the request reached us."))
    return DataRequest.objects.create(
        resident=resident,
        kind=kind,
        via=via,
        requested_at=at or timezone.now(),
        handled_by=by,
    )


@transaction.atomic
def data_request_complete(
    *, request: DataRequest, identity_check: str, by: Any, at: dt.datetime | None = None
) -> dict[str, Any] | None:
    """Carry out a pending request; returns the export for a copy, None for an erasure.

    An erasure that a legal hold stops is marked refused, with the hold's reason
    in ``outcome`` (read ``request.status`` afterwards).

    A request made through the resident's own signed-in account proves itself;
    any other needs staff to say how they checked who asked.
    """
    at = at or timezone.now()
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise PrivacyError(_("This request was already handled."))
    identity_check = (identity_check or "").strip()[:300]
    if request.via != RequestVia.ACCOUNT and not identity_check:
        raise PrivacyError(_("Say how you checked who made the request before you carry it out."))
    result: dict[str, Any] | None = None
    if request.kind == RequestKind.EXPORT:
        result = resident_export(resident=request.resident)
        outcome = _("A copy of the data was given.")
    else:
        holds = list(active_holds(resident=request.resident))
        if holds:
            request.status = RequestStatus.REFUSED
            request.outcome = _("Refused: a legal hold applies (%(reasons)s).") % {
                "reasons": "; ".join(hold.reason for hold in holds)
            }
            request.identity_check = identity_check
            request.handled_by = by
            request.completed_at = at
            request.save()
            return None
        erased = resident_erase(resident=request.resident, by=by, reason=str(request), at=at)
        outcome = _("Personal data removed from %(count)d records.") % {"count": erased}
    request.status = RequestStatus.DONE
    request.outcome = outcome
    request.identity_check = identity_check
    request.handled_by = by
    request.completed_at = at
    request.save()
    return result


def _identifiers(resident: Resident) -> tuple[str, ...]:
    names = [resident.full_name, *resident.full_name.split()] if resident.full_name else []
    return tuple(item for item in (*names, resident.email, resident.phone) if item)


@transaction.atomic
def resident_erase(*, resident: Resident, by: Any, reason: str, at: dt.datetime) -> int:
    """Remove a resident's personal data everywhere; returns how many records changed.

    Their cases stay, anonymised, so the statistics still add up. Refused while a
    legal hold applies.
    """
    if active_holds(resident=resident).exists():
        raise PrivacyError(_("A legal hold applies; nothing was erased."))
    erasure = Erasure(identifiers=_identifiers(resident), by=by, reason=reason, at=at)
    changed = 0
    entries = sorted(registered(), key=lambda entry: entry.last)
    for entry in entries:
        changed += _erase(entry, entry.for_resident(resident), erasure)
    for case in Case.objects.filter(resident=resident).only("pk"):
        AnonymisedCase.objects.get_or_create(case=case, defaults={"at": at, "reason": reason})
    # Recorded before the account goes (its row is referenced until then). A resident
    # erasing their own data is recorded without their account or address.
    by_staff = by is not None and is_staff_account(by)
    audit_record(
        kind=AuditKind.ERASURE,
        actor=by if by_staff else None,
        anonymous=not by_staff,
        username="" if by_staff else "resident (own account)",
        target=f"resident {resident.pk}",
        detail={"records": changed, "reason": reason[:200]},
    )
    if resident.user_id:
        user = resident.user
        Resident.objects.filter(pk=resident.pk).update(user=None)
        if user is not None:
            user.delete()
    return changed


def _erase(entry: PersonalData, rows: QuerySet[Any], erasure: Erasure) -> int:
    if entry.erase is not None:
        return entry.erase(rows, erasure)
    return blank_fields(entry, rows, erasure)


# --- Legal holds ----------------------------------------------------------------------------


@transaction.atomic
def legal_hold_place(
    *,
    reason: str,
    by: Any,
    case: Case | None = None,
    resident: Resident | None = None,
    at: dt.datetime | None = None,
) -> LegalHold:
    at = at or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise PrivacyError(_("Say why the hold is placed (a matter or a reference)."))
    if len(reason) > MAX_HOLD_REASON:
        raise PrivacyError(
            _("Keep the reason under %(limit)d characters.") % {"limit": MAX_HOLD_REASON}
        )
    if (case is None) == (resident is None):
        raise PrivacyError(_("A hold is on one case or on one resident."))
    hold = LegalHold.objects.create(
        case=case, resident=resident, reason=reason, placed_by=by, placed_at=at
    )
    for held in _held_cases(hold):
        case_note_legal_hold(
            case=held, by=by, at=at, body=_("Legal hold placed: %(reason)s") % {"reason": reason}
        )
    return hold


@transaction.atomic
def legal_hold_lift(
    *, hold: LegalHold, reason: str, by: Any, at: dt.datetime | None = None
) -> LegalHold:
    at = at or timezone.now()
    reason = (reason or "").strip()[:MAX_HOLD_REASON]
    if not reason:
        raise PrivacyError(_("Say why the hold is lifted."))
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise PrivacyError(_("This hold was already lifted."))
    hold.lifted_at, hold.lifted_by, hold.lift_reason = at, by, reason
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    for held in _held_cases(hold):
        case_note_legal_hold(
            case=held, by=by, at=at, body=_("Legal hold lifted: %(reason)s") % {"reason": reason}
        )
    return hold


def _held_cases(hold: LegalHold) -> QuerySet[Case]:
    if hold.case_id is not None:
        return Case.objects.filter(pk=hold.case_id)
    return Case.objects.filter(resident=hold.resident)


# --- Retention ------------------------------------------------------------------------------


@dataclass
class RetentionReport:
    """What a retention run removed, or would remove (dry run), by service."""

    dry_run: bool
    by_service: dict[str, int] = field(default_factory=dict)
    held: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_service.values())


_CLOSED = [Status.CLOSED, Status.RESOLVED, Status.DECLINED]


def retention_due(*, now: dt.datetime) -> QuerySet[Case]:
    """Closed cases past their service's retention period, not yet anonymised or held."""
    due = Q(pk__in=[])
    for rule in RetentionRule.objects.all():
        cutoff = now - dt.timedelta(days=rule.keep_personal_data_days)
        ended_before = (
            Q(closed_at__lt=cutoff)
            | Q(closed_at__isnull=True, resolved_at__lt=cutoff)
            | Q(closed_at__isnull=True, resolved_at__isnull=True, updated_at__lt=cutoff)
        )
        due |= Q(service_id=rule.service_id) & ended_before
    held = LegalHold.objects.filter(lifted_at__isnull=True)
    return (
        Case.objects.filter(due, status__in=_CLOSED)
        .exclude(pk__in=AnonymisedCase.objects.values("case_id"))
        .exclude(pk__in=held.filter(case__isnull=False).values("case_id"))
        .exclude(resident_id__in=held.filter(resident__isnull=False).values("resident_id"))
        .select_related("service", "resident")
        .order_by("pk")
    )


def apply_retention(
    *, now: dt.datetime | None = None, dry_run: bool = False, batch: int = 500
) -> RetentionReport:
    """Anonymise the personal data of every case its service no longer keeps."""
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    report.held = (
        Case.objects.filter(status__in=_CLOSED, legal_holds__lifted_at__isnull=True)
        .distinct()
        .count()
    )
    for case in retention_due(now=now)[: batch if not dry_run else None]:
        name = case.service.name
        report.by_service[name] = report.by_service.get(name, 0) + 1
        if not dry_run:
            _anonymise_case(case, now)
    return report


@transaction.atomic
def _anonymise_case(case: Case, now: dt.datetime) -> None:
    resident = case.resident
    erasure = Erasure(
        identifiers=_identifiers(resident) if resident else (),
        by=None,
        reason=_("Retention period of the service ended"),
        at=now,
    )
    cases = Case.objects.filter(pk=case.pk)
    for entry in registered():
        if entry.for_cases is not None:
            _erase(entry, entry.for_cases(cases), erasure)
    AnonymisedCase.objects.create(case=case, at=now, reason=erasure.reason)
