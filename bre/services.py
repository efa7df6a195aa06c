"""Every write of the BRE programme: verb-named, keyword-only, typed.

Who may do what is checked here, where the write happens, so every door (pages,
REST API, demo loader) gets the same rule. Bad input raises ValidationError keyed
by field (or question code) and saves nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bre.models import (
    Action,
    Activity,
    Answer,
    Business,
    BusinessContact,
    BusinessStatus,
    EmployeesBand,
    Flag,
    FlagColour,
    FlagRule,
    FlagStatus,
    Goal,
    Instrument,
    IssueStatus,
    MacroIssue,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Ownership,
    Question,
    QuestionType,
    Referral,
    ReferralStatus,
    RuleOperator,
    Stakeholder,
    StakeholderKind,
    TimeAllocation,
    TimeEntry,
    Visit,
    VisitAttachment,
    VisitStatus,
    naics_validator,
)
from cases.models import Case, Channel
from cases.photos import PhotoError, clean_photo
from cases.services import case_create
from catalogue.models import Service
from organisations.models import Jurisdiction

MAX_TEXT_ANSWER = 2000
MAX_NOTES = 10_000
MAX_ATTACHMENTS = 10  # per visit
MAX_ATTACHMENT_BYTES = 8 * 2**20


def _require(user: Any, perm: str) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_perm(perm):
        raise PermissionDenied(_("Your role does not allow this."))


def _clean_text(value: Any, *, field: str, limit: int, required: bool = False) -> str:
    text = str(value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: [_("This field is required.")]})
    if len(text) > limit:
        raise ValidationError({field: [_("Keep this to %(limit)s characters.") % {"limit": limit}]})
    return text


def _choice(value: str, choices: Iterable[str], field: str) -> str:
    if value not in set(choices):
        raise ValidationError({field: [_("Choose one of the offered values.")]})
    return value


# --- Businesses -----------------------------------------------------------------------------


def business_create(
    *,
    jurisdiction: Jurisdiction,
    legal_name: str,
    address: str,
    naics_code: str,
    employees_band: str,
    ownership: str,
    by: Any,
    trading_name: str = "",
    zipcode: str = "",
    lat: Decimal | None = None,
    long: Decimal | None = None,
    is_key_company: bool = False,
    status: str = BusinessStatus.ACTIVE,
    officer: Any = None,
    at: dt.datetime | None = None,
) -> Business:
    _require(by, "bre.add_business")
    at = at or timezone.now()
    business = Business(
        jurisdiction=jurisdiction,
        legal_name=_clean_text(legal_name, field="legal_name", limit=200, required=True),
        trading_name=_clean_text(trading_name, field="trading_name", limit=200),
        address=_clean_text(address, field="address", limit=300, required=True),
        zipcode=_clean_text(zipcode, field="zipcode", limit=12),
        lat=lat,
        long=long,
        naics_code=naics_code.strip(),
        employees_band=_choice(employees_band, EmployeesBand.values, "employees_band"),
        ownership=_choice(ownership, Ownership.values, "ownership"),
        is_key_company=is_key_company,
        status=_choice(status, BusinessStatus.values, "status"),
        officer=officer,
        created_at=at,
        updated_at=at,
    )
    try:
        naics_validator(business.naics_code)
    except ValidationError as exc:
        raise ValidationError({"naics_code": exc.messages}) from None
    business.save()
    return business


def business_update(
    *,
    business: Business,
    by: Any,
    legal_name: str,
    address: str,
    naics_code: str,
    employees_band: str,
    ownership: str,
    trading_name: str = "",
    zipcode: str = "",
    lat: Decimal | None = None,
    long: Decimal | None = None,
    is_key_company: bool = False,
    status: str | None = None,
    officer: Any = None,
    at: dt.datetime | None = None,
) -> Business:
    """Correct a business's register entry; every field checked as on creation."""
    _require(by, "bre.change_business")
    naics_code = naics_code.strip()
    try:
        naics_validator(naics_code)
    except ValidationError as exc:
        raise ValidationError({"naics_code": exc.messages}) from None
    business.legal_name = _clean_text(legal_name, field="legal_name", limit=200, required=True)
    business.trading_name = _clean_text(trading_name, field="trading_name", limit=200)
    business.address = _clean_text(address, field="address", limit=300, required=True)
    business.zipcode = _clean_text(zipcode, field="zipcode", limit=12)
    business.lat, business.long = lat, long
    business.naics_code = naics_code
    business.employees_band = _choice(employees_band, EmployeesBand.values, "employees_band")
    business.ownership = _choice(ownership, Ownership.values, "ownership")
    business.is_key_company = is_key_company
    if status is not None:
        business.status = _choice(status, BusinessStatus.values, "status")
    if officer is not None:
        business.officer = officer
    business.updated_at = at or timezone.now()
    business.save()
    return business


def business_set_status(
    *, business: Business, status: str, by: Any, at: dt.datetime | None = None
) -> Business:
    _require(by, "bre.change_business")
    business.status = _choice(status, BusinessStatus.values, "status")
    business.updated_at = at or timezone.now()
    business.save(update_fields=["status", "updated_at"])
    return business


def contact_add(
    *,
    business: Business,
    full_name: str,
    by: Any,
    role_title: str = "",
    email: str = "",
    phone: str = "",
    is_primary: bool = False,
) -> BusinessContact:
    _require(by, "bre.add_businesscontact")
    contact = BusinessContact(
        business=business,
        full_name=_clean_text(full_name, field="full_name", limit=200, required=True),
        role_title=_clean_text(role_title, field="role_title", limit=120),
        email=_clean_text(email, field="email", limit=254),
        phone=_clean_text(phone, field="phone", limit=40),
        is_primary=is_primary,
    )
    contact.full_clean(exclude=["business"])
    contact.save()
    return contact


def contact_update(
    *,
    contact: BusinessContact,
    full_name: str,
    by: Any,
    role_title: str = "",
    email: str = "",
    phone: str = "",
    is_primary: bool = False,
) -> BusinessContact:
    _require(by, "bre.change_businesscontact")
    contact.full_name = _clean_text(full_name, field="full_name", limit=200, required=True)
    contact.role_title = _clean_text(role_title, field="role_title", limit=120)
    contact.email = _clean_text(email, field="email", limit=254)
    contact.phone = _clean_text(phone, field="phone", limit=40)
    contact.is_primary = is_primary
    contact.full_clean(exclude=["business"])
    contact.save()
    return contact


def contact_erase(*, contact: BusinessContact, by: Any) -> None:
    """Erase a person at a business (their request, or the retention rule)."""
    _require(by, "bre.delete_businesscontact")
    contact.delete()


# --- Stakeholders and referrals -------------------------------------------------------------


def stakeholder_add(
    *,
    name: str,
    kind: str,
    by: Any,
    email: str = "",
    phone: str = "",
    website: str = "",
) -> Stakeholder:
    """A partner organisation of the programme (chamber, workforce board, utility…)."""
    _require(by, "bre.add_stakeholder")
    name = _clean_text(name, field="name", limit=200, required=True)
    if Stakeholder.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": [_("A partner with this name is already listed.")]})
    stakeholder = Stakeholder(
        name=name,
        kind=_choice(kind, StakeholderKind.values, "kind"),
        email=_clean_text(email, field="email", limit=254),
        phone=_clean_text(phone, field="phone", limit=40),
        website=_clean_text(website, field="website", limit=200),
    )
    stakeholder.full_clean()
    stakeholder.save()
    return stakeholder


def referral_make(
    *,
    business: Business,
    stakeholder: Stakeholder,
    reason: str,
    by: Any,
    at: dt.datetime | None = None,
) -> Referral:
    _require(by, "bre.add_referral")
    return Referral.objects.create(
        business=business,
        stakeholder=stakeholder,
        reason=_clean_text(reason, field="reason", limit=500, required=True),
        made_by=by,
        created_at=at or timezone.now(),
    )


def referral_close(*, referral: Referral, status: str, outcome: str, by: Any) -> Referral:
    _require(by, "bre.change_referral")
    referral.status = _choice(status, ReferralStatus.values, "status")
    referral.outcome = _clean_text(outcome, field="outcome", limit=500)
    referral.save(update_fields=["status", "outcome"])
    return referral


# --- The interview --------------------------------------------------------------------------


def instrument_publish(
    *,
    name: str,
    questions: Sequence[Mapping[str, Any]],
    by: Any,
    on: dt.date,
) -> Instrument:
    """A new version of the interview, made current. Earlier versions and their answers
    stay as they are; reuse a question's `code` to keep its answers comparable."""
    _require(by, "bre.add_instrument")
    codes = [str(q["code"]) for q in questions]
    if len(set(codes)) != len(codes):
        raise ValidationError({"questions": [_("Each question needs its own code.")]})
    with transaction.atomic():
        last = Instrument.objects.filter(name=name).order_by("-version").first()
        Instrument.objects.filter(name=name, is_current=True).update(is_current=False)
        instrument = Instrument.objects.create(
            name=name, version=(last.version + 1) if last else 1, is_current=True, published_on=on
        )
        for order, q in enumerate(questions, start=1):
            datatype = _choice(str(q["datatype"]), QuestionType.values, "questions")
            options = list(q.get("options", []))
            if datatype in (QuestionType.SINGLE, QuestionType.MULTI) and not options:
                raise ValidationError({"questions": [_("A list question needs options.")]})
            Question.objects.create(
                instrument=instrument,
                code=str(q["code"]),
                order=order,
                text=str(q["text"]),
                text_es=str(q.get("text_es", "")),
                datatype=datatype,
                required=bool(q.get("required", False)),
                options=options,
            )
    return instrument


def _clean_answer(question: Question, raw: Any) -> Any:
    """The stored value of one answer, or ValidationError keyed by the question code.
    Returns None for an empty answer."""
    code = question.code
    keys = {str(o["key"]) for o in question.options}
    if question.datatype == QuestionType.MULTI:
        values = raw if isinstance(raw, list | tuple) else ([raw] if raw else [])
        values = [str(v) for v in values if str(v)]
        if not values:
            return None
        if not set(values) <= keys:
            raise ValidationError({code: [_("Choose from the offered answers.")]})
        return sorted(set(values))
    if isinstance(raw, list | tuple):
        raw = raw[0] if raw else ""
    text = str(raw if raw is not None else "").replace("\x00", "").strip()
    if not text:
        return None
    if question.datatype == QuestionType.SINGLE:
        if text not in keys:
            raise ValidationError({code: [_("Choose from the offered answers.")]})
        return text
    if question.datatype == QuestionType.NUMBER:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError({code: [_("Enter a number.")]}) from None
        if not number.is_finite() or abs(number) > Decimal("1e12"):
            raise ValidationError({code: [_("Enter a number.")]})
        return int(number) if number == number.to_integral_value() else float(number)
    if question.datatype == QuestionType.DATE:
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValidationError({code: [_("Enter a date as YYYY-MM-DD.")]}) from None
    if len(text) > MAX_TEXT_ANSWER:
        raise ValidationError(
            {code: [_("Keep this to %(limit)s characters.") % {"limit": MAX_TEXT_ANSWER}]}
        )
    return text


def clean_answers(instrument: Instrument, answers: Mapping[str, Any]) -> dict[str, Any]:
    """All answers checked at once: every problem reported, keyed by question code."""
    questions = {q.code: q for q in instrument.questions.all()}
    unknown = set(answers) - set(questions)
    errors: dict[str, list[str]] = {}
    for code in sorted(unknown):
        errors[code] = [_("This question is not part of the interview.")]
    cleaned: dict[str, Any] = {}
    for code, question in questions.items():
        try:
            value = _clean_answer(question, answers.get(code))
        except ValidationError as exc:
            errors.update({k: list(v) for k, v in exc.message_dict.items()})
            continue
        if value is None:
            if question.required:
                errors[code] = [_("Please answer this question.")]
            continue
        cleaned[code] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def rule_matches(rule: FlagRule, value: Any) -> bool:
    if rule.operator == RuleOperator.IS:
        return str(value) == rule.value
    if rule.operator == RuleOperator.INCLUDES:
        return isinstance(value, list) and rule.value in value
    if rule.operator in (RuleOperator.BELOW, RuleOperator.ABOVE):
        try:
            number, limit = Decimal(str(value)), Decimal(rule.value)
        except InvalidOperation:
            return False
        return number < limit if rule.operator == RuleOperator.BELOW else number > limit
    return False


def visit_schedule(
    *,
    business: Business,
    officer: Any,
    scheduled_for: dt.datetime,
    by: Any,
    at: dt.datetime | None = None,
) -> Visit:
    _require(by, "bre.add_visit")
    return Visit.objects.create(
        business=business,
        officer=officer,
        scheduled_for=scheduled_for,
        created_at=at or timezone.now(),
    )


def visit_record(
    *,
    business: Business,
    officer: Any,
    done_at: dt.datetime,
    answers: Mapping[str, Any],
    by: Any,
    notes: str = "",
    instrument: Instrument | None = None,
    visit: Visit | None = None,
    attachments: Sequence[CleanAttachment] = (),
    at: dt.datetime | None = None,
) -> tuple[Visit, list[Flag]]:
    """Record a visit done with the interview answers, and raise the flags the
    programme's rules give for them (owner: the visiting officer). Returns the visit
    and the flags raised. `attachments` (from `attachment_clean`) are kept with it."""
    _require(by, "bre.add_visit")
    at = at or timezone.now()
    if done_at > at + dt.timedelta(minutes=5):
        raise ValidationError({"done_at": [_("A visit cannot be recorded as done in the future.")]})
    instrument = instrument or Instrument.objects.filter(is_current=True).first()
    if instrument is None:
        raise ValidationError({"instrument": [_("The programme has no interview yet.")]})
    notes = _clean_text(notes, field="notes", limit=MAX_NOTES)
    cleaned = clean_answers(instrument, answers)
    questions = {q.code: q for q in instrument.questions.all()}
    with transaction.atomic():
        if visit is None:
            visit = Visit(business=business, officer=officer, scheduled_for=done_at, created_at=at)
        visit.status = VisitStatus.DONE
        visit.done_at = done_at
        visit.instrument = instrument
        visit.notes = notes
        visit.save()
        Answer.objects.filter(visit=visit).delete()
        Answer.objects.bulk_create(
            Answer(visit=visit, question=questions[code], code=code, value=value)
            for code, value in cleaned.items()
        )
        flags = []
        rules = FlagRule.objects.filter(is_active=True, question_code__in=list(cleaned))
        for rule in rules:
            if rule_matches(rule, cleaned[rule.question_code]):
                flags.append(
                    Flag.objects.create(
                        business=business,
                        visit=visit,
                        rule=rule,
                        colour=rule.colour,
                        title=rule.title,
                        owner=officer,
                        due_on=done_at.date() + dt.timedelta(days=rule.due_days),
                        raised_at=at,
                    )
                )
        if any(f.colour == FlagColour.RED for f in flags) and business.status == (
            BusinessStatus.ACTIVE
        ):
            business.status = BusinessStatus.AT_RISK
            business.updated_at = at
            business.save(update_fields=["status", "updated_at"])
        if attachments:
            visit_attach(visit=visit, attachments=attachments, by=by, at=at)
    return visit, flags


# --- Visit attachments ----------------------------------------------------------------------


@dataclass(frozen=True)
class CleanAttachment:
    name: str
    content_type: str
    data: bytes


def _attachment_name(raw: str, content_type: str) -> str:
    stem = os.path.splitext(os.path.basename(raw or ""))[0]
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in " ._-")[:80].strip() or "file"
    return stem + (".pdf" if content_type == "application/pdf" else ".jpg")


def attachment_clean(upload: UploadedFile) -> CleanAttachment:
    """A visit's photo (re-encoded without EXIF/GPS, as case photos are) or PDF, or a
    ValidationError saying what is wrong with it. Nothing else is kept."""
    name = upload.name or ""
    if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {
                "attachments": [
                    _("“%(name)s” is larger than %(mb)d MB.")
                    % {"name": name, "mb": MAX_ATTACHMENT_BYTES // 2**20}
                ]
            }
        )
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        data = upload.read(MAX_ATTACHMENT_BYTES + 1)
        return CleanAttachment(_attachment_name(name, "application/pdf"), "application/pdf", data)
    try:
        photo = clean_photo(upload)
    except PhotoError:
        raise ValidationError(
            {
                "attachments": [
                    _("“%(name)s” is not a photo (JPEG, PNG, WebP, GIF) or a PDF.") % {"name": name}
                ]
            }
        ) from None
    return CleanAttachment(_attachment_name(name, "image/jpeg"), "image/jpeg", photo.data)


def visit_attach(
    *,
    visit: Visit,
    attachments: Sequence[CleanAttachment],
    by: Any,
    at: dt.datetime | None = None,
) -> list[VisitAttachment]:
    """Keep cleaned files with a visit (at most MAX_ATTACHMENTS per visit)."""
    _require(by, "bre.change_visit")
    at = at or timezone.now()
    with transaction.atomic():
        Visit.objects.select_for_update().filter(pk=visit.pk).first()
        if VisitAttachment.objects.filter(visit=visit).count() + len(attachments) > MAX_ATTACHMENTS:
            raise ValidationError(
                {"attachments": [_("A visit keeps at most %(n)d files.") % {"n": MAX_ATTACHMENTS}]}
            )
        return [
            VisitAttachment.objects.create(
                visit=visit,
                token=secrets.token_hex(16),
                original_name=a.name,
                content_type=a.content_type,
                size=len(a.data),
                data=a.data,
                uploaded_by=by if getattr(by, "pk", None) else None,
                uploaded_at=at,
            )
            for a in attachments
        ]


# --- Flags and opportunities ----------------------------------------------------------------


def flag_raise(
    *,
    business: Business,
    colour: str,
    title: str,
    owner: Any,
    due_on: dt.date,
    by: Any,
    visit: Visit | None = None,
    at: dt.datetime | None = None,
) -> Flag:
    """A flag raised by hand."""
    _require(by, "bre.add_flag")
    return Flag.objects.create(
        business=business,
        visit=visit,
        colour=_choice(colour, FlagColour.values, "colour"),
        title=_clean_text(title, field="title", limit=200, required=True),
        owner=owner,
        due_on=due_on,
        raised_by=by,
        raised_at=at or timezone.now(),
    )


def flag_respond(
    *, flag: Flag, response: str, resolve: bool, by: Any, at: dt.datetime | None = None
) -> Flag:
    _require(by, "bre.change_flag")
    at = at or timezone.now()
    flag.response = _clean_text(response, field="response", limit=MAX_NOTES, required=True)
    if resolve:
        flag.status = FlagStatus.RESOLVED
        flag.resolved_at = at
    flag.save(update_fields=["response", "status", "resolved_at"])
    return flag


def opportunity_add(
    *,
    business: Business,
    kind: str,
    description: str,
    by: Any,
    jobs_expected: int = 0,
    investment_expected: Decimal = Decimal(0),
    at: dt.datetime | None = None,
) -> Opportunity:
    _require(by, "bre.add_opportunity")
    if jobs_expected < 0 or investment_expected < 0:
        raise ValidationError({"jobs_expected": [_("Enter zero or more.")]})
    return Opportunity.objects.create(
        business=business,
        kind=_choice(kind, OpportunityKind.values, "kind"),
        description=_clean_text(description, field="description", limit=500, required=True),
        jobs_expected=jobs_expected,
        investment_expected=investment_expected,
        created_at=at or timezone.now(),
    )


def opportunity_record_outcome(
    *,
    opportunity: Opportunity,
    status: str,
    on: dt.date,
    by: Any,
    jobs_created: int = 0,
    jobs_retained: int = 0,
    investment_actual: Decimal = Decimal(0),
) -> Opportunity:
    _require(by, "bre.change_opportunity")
    if status not in (OpportunityStatus.WON, OpportunityStatus.LOST):
        raise ValidationError({"status": [_("An outcome is won or lost.")]})
    if min(jobs_created, jobs_retained) < 0 or investment_actual < 0:
        raise ValidationError({"jobs_created": [_("Enter zero or more.")]})
    opportunity.status = status
    opportunity.outcome_on = on
    opportunity.jobs_created = jobs_created
    opportunity.jobs_retained = jobs_retained
    opportunity.investment_actual = investment_actual
    opportunity.save()
    return opportunity


# --- Follow-up actions become cases ---------------------------------------------------------


def action_file(
    *,
    business: Business,
    service: Service,
    summary: str,
    by: Any,
    description: str = "",
    answers: Mapping[str, Any] | None = None,
    visit: Visit | None = None,
    at: dt.datetime | None = None,
) -> Action:
    """File a follow-up as a case on channel "bre" at the business's address: the case
    goes to the service's department with the standard's promised dates, and its status
    shows on the business through the Action."""
    _require(by, "bre.add_action")
    if service.jurisdiction_id != business.jurisdiction_id:
        raise ValidationError({"service": [_("Choose a service of the business's city.")]})
    summary = _clean_text(summary, field="summary", limit=200, required=True)
    description = _clean_text(description, field="description", limit=MAX_NOTES)
    with transaction.atomic():
        case = case_create(
            service=service,
            channel=Channel.BRE,
            description=f"{summary}\n\n{description}".strip() if description else summary,
            answers=answers or {},
            address=business.address,
            zipcode=business.zipcode,
            lat=business.lat,
            long=business.long,
            actor=by,
            at=at,
        )
        return Action.objects.create(
            business=business,
            visit=visit,
            case=case,
            summary=summary,
            filed_by=by,
            created_at=case.created_at,
        )


# --- Macro-issues ---------------------------------------------------------------------------


def macro_issue_create(
    *,
    title: str,
    owner: Any,
    by: Any,
    description: str = "",
    plan: str = "",
    businesses: Iterable[Business] = (),
    cases: Iterable[Case] = (),
    source_key: str = "",
    at: dt.datetime | None = None,
) -> MacroIssue:
    _require(by, "bre.add_macroissue")
    with transaction.atomic():
        issue = MacroIssue.objects.create(
            title=_clean_text(title, field="title", limit=200, required=True),
            description=_clean_text(description, field="description", limit=MAX_NOTES),
            plan=_clean_text(plan, field="plan", limit=MAX_NOTES),
            owner=owner,
            source_key=source_key[:120],
            created_at=at or timezone.now(),
        )
        issue.businesses.add(*businesses)
        issue.cases.add(*cases)
    return issue


def macro_issue_link(
    *,
    issue: MacroIssue,
    by: Any,
    businesses: Iterable[Business] = (),
    cases: Iterable[Case] = (),
) -> MacroIssue:
    _require(by, "bre.change_macroissue")
    issue.businesses.add(*businesses)
    issue.cases.add(*cases)
    return issue


def macro_issue_update_plan(*, issue: MacroIssue, plan: str, status: str, by: Any) -> MacroIssue:
    _require(by, "bre.change_macroissue")
    issue.plan = _clean_text(plan, field="plan", limit=MAX_NOTES)
    issue.status = _choice(status, IssueStatus.values, "status")
    issue.save(update_fields=["plan", "status"])
    return issue


# --- Goals and time -------------------------------------------------------------------------


def goal_set(*, year: int, by: Any, **targets: int) -> Goal:
    _require(by, "bre.manage_programme")
    allowed = {
        "visits_target",
        "key_companies_target_pct",
        "red_flag_days",
        "red_flags_within_target_pct",
        "jobs_retained_target",
        "jobs_created_target",
    }
    if set(targets) - allowed:
        raise ValidationError({"targets": [_("Unknown goal.")]})
    goal, _created = Goal.objects.get_or_create(year=year)
    for name, value in targets.items():
        setattr(goal, name, value)
    goal.full_clean()
    goal.save()
    return goal


def allocation_plan(*, year: int, activity: str, planned_hours: Decimal, by: Any) -> TimeAllocation:
    _require(by, "bre.manage_programme")
    _choice(activity, Activity.values, "activity")
    if planned_hours < 0:
        raise ValidationError({"planned_hours": [_("Enter zero or more.")]})
    allocation, _created = TimeAllocation.objects.update_or_create(
        year=year, activity=activity, defaults={"planned_hours": planned_hours}
    )
    return allocation


def allocations_plan(*, year: int, hours: Mapping[str, Decimal], by: Any) -> list[TimeAllocation]:
    """A year's planned officer hours for several activities, all or none."""
    with transaction.atomic():
        return [
            allocation_plan(year=year, activity=activity, planned_hours=planned, by=by)
            for activity, planned in hours.items()
        ]


def time_log(
    *, officer: Any, on: dt.date, activity: str, hours: Decimal, by: Any, note: str = ""
) -> TimeEntry:
    """An officer logs their own time (a manager may log for them)."""
    _require(by, "bre.add_timeentry")
    if officer != by and not by.has_perm("bre.manage_programme"):
        raise PermissionDenied(_("You may log only your own time."))
    entry = TimeEntry(
        officer=officer,
        on=on,
        activity=_choice(activity, Activity.values, "activity"),
        hours=hours,
        note=_clean_text(note, field="note", limit=200),
    )
    entry.full_clean(exclude=["officer"])
    entry.save()
    return entry
