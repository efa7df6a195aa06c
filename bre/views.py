"""BRE pages for officers and their manager. Each view parses input, calls a service or
selector, and renders; who may do what is checked again in bre/services.py."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.models import AuditKind
from audit.services import audit_record
from bre import selectors, services
from bre.forms import (
    ActionForm,
    AllocationForm,
    AttachmentForm,
    BusinessEditForm,
    BusinessForm,
    ContactEditForm,
    ContactForm,
    FlagForm,
    GoalForm,
    IssueForm,
    IssuePlanForm,
    OpportunityForm,
    OutcomeForm,
    ReferralCloseForm,
    ReferralForm,
    RegisterFilterForm,
    RespondForm,
    ScheduleForm,
    StakeholderForm,
    TimeForm,
    VisitForm,
)
from bre.models import (
    Activity,
    Business,
    BusinessContact,
    Flag,
    Goal,
    Instrument,
    MacroIssue,
    Opportunity,
    Referral,
    ReferralStatus,
    Stakeholder,
    TimeAllocation,
    Visit,
    VisitStatus,
)
from cases.models import Case
from cases.tracking import normalise_tracking_number
from catalogue.models import Service
from core.params import parse_id
from notifications.selectors import unread_count


def bre_required(
    perm: str = "bre.view_business",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not user.is_authenticated:
                login = resolve_url(settings.LOGIN_URL)
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            if not user.has_perm(perm):
                raise PermissionDenied(_("Your role does not include this BRE page."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _ctx(request: HttpRequest, section: str, **context: Any) -> dict[str, Any]:
    context.setdefault("unread_count", unread_count(request.user))
    context["section"] = section
    return context


def _today() -> dt.date:
    return timezone.localdate()


def _errors_into(form: Any, exc: ValidationError, prefix: str = "") -> None:
    for name, problems in exc.message_dict.items():
        field = f"{prefix}{name}"
        form.add_error(field if field in form.fields else None, problems)


def _business(request: HttpRequest, pk: int) -> Business:
    business = selectors.business_for(request.user, pk)
    if business is None:
        raise Http404
    return business


# --- Home and register ----------------------------------------------------------------------


@bre_required()
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "bre/home.html",
        _ctx(
            request, "home", **selectors.officer_home(request.user, today=_today()), today=_today()
        ),
    )


@bre_required()
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data["q"],
            "sector": data["sector"],
            "status": data["status"],
            "key_only": data["key"],
            "mine": data["mine"],
        }
    page = selectors.register_page(
        selectors.register(request.user, **filters), request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "bre/register.html",
        _ctx(request, "register", form=form, page=page, query=query.urlencode()),
    )


@bre_required("bre.add_business")
@require_http_methods(["GET", "POST"])
def business_new(request: HttpRequest) -> HttpResponse:
    form = BusinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            business = services.business_create(
                officer=request.user,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The business is on the register."))
            return redirect("bre:business", business.pk)
    return render(request, "bre/business_form.html", _ctx(request, "register", form=form))


@bre_required("bre.change_business")
@require_http_methods(["GET", "POST"])
def business_edit(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    initial = {
        name: getattr(business, name)
        for name in BusinessEditForm.base_fields
        if name != "jurisdiction" and hasattr(business, name)
    }
    form = BusinessEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.business_update(business=business, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The register entry is updated."))
            return redirect("bre:business", business.pk)
    return render(
        request,
        "bre/business_form.html",
        _ctx(request, "register", form=form, business=business),
    )


@bre_required()
@require_GET
def business_detail(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    return render(
        request,
        "bre/business.html",
        _ctx(
            request,
            "register",
            business=business,
            contacts=selectors.contacts_for(request.user, business),
            may_see_contacts=selectors.may_see_contacts(request.user),
            picture=selectors.business_picture(business),
            nearby=selectors.cases_near(business, page=request.GET.get("cases_page")),
            contact_form=ContactForm(),
            flag_form=FlagForm(initial={"due_on": _today() + dt.timedelta(days=14)}),
            opportunity_form=OpportunityForm(),
            schedule_form=ScheduleForm(),
            referral_form=ReferralForm(),
            referral_statuses=ReferralStatus.choices,
            today=_today(),
        ),
    )


@bre_required("bre.add_businesscontact")
@require_POST
def contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_add(business=business, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Contact added."))
    else:
        messages.error(
            request, _("Check the contact: a name is needed and the email must be valid.")
        )
    return redirect("bre:business", business.pk)


@bre_required("bre.change_businesscontact")
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(BusinessContact, pk=pk)
    business = _business(request, contact.business_id)
    initial = {name: getattr(contact, name) for name in ContactEditForm.base_fields}
    form = ContactEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Contact updated."))
            return redirect("bre:business", business.pk)
    return render(
        request,
        "bre/contact_form.html",
        _ctx(request, "register", form=form, business=business, contact=contact),
    )


# --- Partners and referrals -----------------------------------------------------------------

PARTNERS_PAGE = 50


@bre_required("bre.view_stakeholder")
@require_http_methods(["GET", "POST"])
def stakeholders(request: HttpRequest) -> HttpResponse:
    form = StakeholderForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("bre.add_stakeholder"):
            raise PermissionDenied(_("Only the programme manager adds partners."))
        if form.is_valid():
            try:
                services.stakeholder_add(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, _("Partner added."))
                return redirect("bre:stakeholders")
    page = Paginator(
        Stakeholder.objects.annotate(referral_count=Count("referrals")).order_by("name", "id"),
        PARTNERS_PAGE,
    ).get_page(request.GET.get("page"))
    return render(request, "bre/stakeholders.html", _ctx(request, "partners", form=form, page=page))


@bre_required("bre.add_referral")
@require_POST
def referral_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    form = ReferralForm(request.POST)
    if form.is_valid():
        try:
            services.referral_make(business=business, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Referral sent to %(partner)s.") % {"partner": form.cleaned_data["stakeholder"]},
            )
    else:
        messages.error(request, _("Choose the partner and say what they are asked to help with."))
    return redirect(f"{reverse('bre:business', args=[business.pk])}#h-refs")


@bre_required("bre.change_referral")
@require_POST
def referral_close(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(Referral, pk=pk)
    business = _business(request, referral.business_id)
    form = ReferralCloseForm(request.POST)
    if form.is_valid():
        services.referral_close(referral=referral, by=request.user, **form.cleaned_data)
        messages.success(request, _("Referral updated."))
    else:
        messages.error(request, _("Choose the referral's status."))
    return redirect(f"{reverse('bre:business', args=[business.pk])}#h-refs")


# --- Visits ---------------------------------------------------------------------------------


@bre_required("bre.add_visit")
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    instrument = Instrument.objects.filter(is_current=True).prefetch_related("questions").first()
    if instrument is None:
        messages.error(request, _("The programme has no interview yet."))
        return redirect("bre:business", business.pk)
    # Recording a visit that was scheduled completes that visit rather than adding one.
    raw = request.GET.get("visit", "")
    scheduled = (
        Visit.objects.filter(pk=int(raw), business=business, status=VisitStatus.SCHEDULED).first()
        if raw.isdigit()
        else None
    )
    form = VisitForm(
        request.POST or None,
        request.FILES or None,
        instrument=instrument,
        initial={"done_on": _today()},
    )
    attachments = _cleaned_uploads(form, request.FILES.getlist("attachments"))
    if request.method == "POST" and form.is_valid():
        done_on = form.cleaned_data["done_on"]
        done_at = timezone.make_aware(dt.datetime.combine(done_on, dt.time(12, 0)))
        if done_on == _today():
            done_at = timezone.now()
        try:
            _visit, flags = services.visit_record(
                business=business,
                officer=request.user,
                done_at=done_at,
                answers=form.answers(),
                notes=form.cleaned_data["notes"],
                instrument=instrument,
                attachments=attachments,
                visit=scheduled,
                by=request.user,
            )
        except ValidationError as exc:
            _errors_into(form, exc, prefix="q_")
        else:
            messages.success(request, _("Visit recorded."))
            for flag in flags:
                messages.warning(
                    request,
                    _("%(colour)s flag raised: %(title)s (respond by %(due)s).")
                    % {
                        "colour": flag.get_colour_display(),
                        "title": flag.title_in(get_language() or "en"),
                        "due": flag.due_on,
                    },
                )
            return redirect("bre:business", business.pk)
    return render(
        request,
        "bre/visit_form.html",
        _ctx(
            request,
            "register",
            business=business,
            form=form,
            instrument=instrument,
            scheduled=scheduled,
        ),
    )


def _cleaned_uploads(form: Any, uploads: list[Any]) -> list[services.CleanAttachment]:
    """Each upload checked and cleaned; a problem goes onto the form's `attachments` field."""
    cleaned = []
    if len(uploads) > services.MAX_ATTACHMENTS:
        form.add_error(
            "attachments",
            _("A visit keeps at most %(n)d files.") % {"n": services.MAX_ATTACHMENTS},
        )
        return []
    for upload in uploads:
        try:
            cleaned.append(services.attachment_clean(upload))
        except ValidationError as exc:
            form.add_error("attachments", exc.message_dict.get("attachments", exc.messages))
    return cleaned


@bre_required("bre.change_visit")
@require_POST
def visit_attach(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(Visit.objects.select_related("business"), pk=pk)
    business = _business(request, visit.business_id)
    form = AttachmentForm(request.POST, request.FILES)
    uploads = request.FILES.getlist("attachments")
    attachments = _cleaned_uploads(form, uploads)
    if not uploads:
        messages.error(request, _("Choose a photo or a PDF to attach."))
    elif form.errors:
        messages.error(request, " ".join(str(e) for e in form.errors.get("attachments", [])))
    else:
        try:
            services.visit_attach(visit=visit, attachments=attachments, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attached to the visit."))
    return redirect(f"{reverse('bre:business', args=[business.pk])}#visit-{visit.pk}")


@bre_required("bre.view_businesscontact")
@require_GET
def attachment(request: HttpRequest, token: str) -> HttpResponse:
    """A visit's file, for the BRE team only (it may show people; privacy.py covers it)."""
    item = selectors.attachment_for(request.user, token)
    if item is None:
        raise Http404
    response = HttpResponse(bytes(item.data), content_type=item.content_type)
    disposition = "inline" if item.is_photo else "attachment"
    ascii_name = item.original_name.encode("ascii", "ignore").decode() or "file"
    response["Content-Disposition"] = f'{disposition}; filename="{ascii_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@bre_required("bre.add_visit")
@require_POST
def visit_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        services.visit_schedule(
            business=business,
            officer=request.user,
            scheduled_for=form.cleaned_data["scheduled_for"],
            by=request.user,
        )
        messages.success(request, _("Visit scheduled."))
    else:
        messages.error(request, _("Give the date and time of the visit."))
    return redirect("bre:business", business.pk)


# --- Flags ----------------------------------------------------------------------------------


@bre_required("bre.add_flag")
@require_POST
def flag_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("A flag needs a colour, what the concern is and a date to respond by.")
        )
        return redirect("bre:business", business.pk)
    services.flag_raise(business=business, owner=request.user, by=request.user, **form.cleaned_data)
    messages.success(request, _("Flag raised."))
    return redirect("bre:business", business.pk)


@bre_required("bre.view_flag")
@require_GET
def flags(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    colour = request.GET.get("colour", "")
    status = status if status in ("open", "resolved", "") else "open"
    colour = colour if colour in ("red", "yellow") else ""
    page = selectors.flags_page(status=status, colour=colour, page=request.GET.get("page"))
    return render(
        request,
        "bre/flags.html",
        _ctx(request, "flags", page=page, status=status, colour=colour, today=_today()),
    )


@bre_required("bre.change_flag")
@require_http_methods(["GET", "POST"])
def flag_respond(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(Flag.objects.select_related("business", "owner"), pk=pk)
    form = RespondForm(request.POST or None, initial={"response": flag.response})
    if request.method == "POST" and form.is_valid():
        services.flag_respond(flag=flag, by=request.user, **form.cleaned_data)
        messages.success(request, _("Response saved."))
        return redirect("bre:business", flag.business_id)
    return render(request, "bre/flag_respond.html", _ctx(request, "flags", flag=flag, form=form))


# --- Opportunities --------------------------------------------------------------------------


@bre_required("bre.add_opportunity")
@require_POST
def opportunity_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    form = OpportunityForm(request.POST)
    if form.is_valid():
        services.opportunity_add(business=business, by=request.user, **form.cleaned_data)
        messages.success(request, _("Opportunity added."))
    else:
        messages.error(
            request, _("An opportunity needs a kind and a description; numbers are zero or more.")
        )
    return redirect("bre:business", business.pk)


@bre_required("bre.change_opportunity")
@require_POST
def opportunity_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(Opportunity, pk=pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.opportunity_record_outcome(
                opportunity=opportunity, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Outcome recorded."))
    else:
        messages.error(
            request, _("An outcome needs won or lost, a date, and numbers of zero or more.")
        )
    return redirect("bre:business", opportunity.business_id)


# --- Follow-up actions ----------------------------------------------------------------------


def _service_answers(request: HttpRequest, service: Service | None) -> dict[str, Any]:
    if service is None:
        return {}
    answers: dict[str, Any] = {}
    for question in service.questions.filter(variable=True):
        name = f"answer_{question.code}"
        if question.datatype == "multivaluelist":
            values = request.POST.getlist(name)
            if values:
                answers[question.code] = values
        elif request.POST.get(name, "").strip():
            answers[question.code] = request.POST[name].strip()
    return answers


@bre_required("bre.add_action")
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    form = ActionForm(request.POST or None, jurisdiction_id=business.jurisdiction_id)
    service: Service | None = None
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        try:
            action = services.action_file(
                business=business,
                service=service,
                summary=form.cleaned_data["summary"],
                description=form.cleaned_data["description"],
                answers=_service_answers(request, service),
                by=request.user,
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(
                request,
                _("Filed as case %(number)s with %(department)s; promised by %(due)s.")
                % {
                    "number": action.case.tracking_number,
                    "department": action.case.department,
                    "due": date_format(timezone.localtime(action.case.resolution_due), "l j F Y"),
                },
            )
            return redirect("bre:business", business.pk)
    questions = (
        list(service.questions.filter(variable=True).prefetch_related("options")) if service else []
    )
    return render(
        request,
        "bre/action_form.html",
        _ctx(
            request,
            "register",
            business=business,
            form=form,
            questions=questions,
            posted=request.POST,
        ),
    )


# --- Macro-issues ---------------------------------------------------------------------------


@bre_required("bre.view_macroissue")
@require_GET
def issues(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "bre/issues.html",
        _ctx(
            request,
            "issues",
            page=selectors.issues_page(page=request.GET.get("page")),
            suggestions=selectors.suggestions(today=_today(), language=get_language() or "en"),
            form=IssueForm(),
        ),
    )


@bre_required("bre.add_macroissue")
@require_POST
def issue_new(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A macro-issue needs a title."))
        return redirect("bre:issues")
    business_ids = [i for b in request.POST.getlist("business") if (i := parse_id(b))][:500]
    case_ids = [i for c in request.POST.getlist("case") if (i := parse_id(c))][:500]
    from cases.models import Case

    issue = services.macro_issue_create(
        owner=request.user,
        by=request.user,
        businesses=Business.objects.filter(pk__in=business_ids),
        cases=Case.objects.filter(pk__in=case_ids),
        **form.cleaned_data,
    )
    messages.success(request, _("Macro-issue opened."))
    return redirect("bre:issue", issue.pk)


@bre_required("bre.view_macroissue")
@require_http_methods(["GET", "POST"])
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(MacroIssue.objects.select_related("owner"), pk=pk)
    form = IssuePlanForm(request.POST or None, initial={"plan": issue.plan, "status": issue.status})
    if request.method == "POST":
        if not request.user.has_perm("bre.change_macroissue"):
            raise PermissionDenied
        if form.is_valid():
            services.macro_issue_update_plan(issue=issue, by=request.user, **form.cleaned_data)
            messages.success(request, _("Plan saved."))
            return redirect("bre:issue", issue.pk)
    return render(
        request,
        "bre/issue.html",
        _ctx(
            request,
            "issues",
            issue=issue,
            form=form,
            businesses=list(issue.businesses.all()[:200]),
            cases=list(
                issue.cases.select_related("service", "department").order_by("-created_at")[:200]
            ),
        ),
    )


@bre_required("bre.change_macroissue")
@require_POST
def issue_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link one more business (by its name) or 311 case (by tracking number) to an issue."""
    issue = get_object_or_404(MacroIssue, pk=pk)
    name = " ".join(request.POST.get("business", "").split())[:200]
    number = normalise_tracking_number(request.POST.get("case", "")[:40])
    if not name and not number:
        messages.error(request, _("Give a business's name or a case's tracking number."))
        return redirect("bre:issue", issue.pk)
    businesses: list[Business] = []
    cases: list[Case] = []
    if name:
        found = list(
            selectors.businesses_visible_to(request.user).filter(
                Q(legal_name__iexact=name) | Q(trading_name__iexact=name)
            )[:2]
        )
        if len(found) != 1:
            messages.error(
                request,
                _("No business is called “%(name)s”.") % {"name": name}
                if not found
                else _("Several businesses are called “%(name)s”; link it from the register.")
                % {"name": name},
            )
            return redirect("bre:issue", issue.pk)
        businesses = found
    if number:
        case = Case.objects.filter(tracking_number=number).first()
        if case is None:
            messages.error(request, _("No case %(number)s.") % {"number": number})
            return redirect("bre:issue", issue.pk)
        cases = [case]
    services.macro_issue_link(issue=issue, by=request.user, businesses=businesses, cases=cases)
    messages.success(request, _("Linked to the issue."))
    return redirect("bre:issue", issue.pk)


# --- Time and plan against actual -----------------------------------------------------------


@bre_required("bre.add_timeentry")
@require_http_methods(["GET", "POST"])
def time_log(request: HttpRequest) -> HttpResponse:
    form = TimeForm(request.POST or None, initial={"on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.time_log(officer=request.user, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Time logged."))
            return redirect("bre:time")
    from bre.models import TimeEntry

    entries = list(TimeEntry.objects.filter(officer_id=request.user.pk).order_by("-on", "-id")[:20])
    return render(request, "bre/time.html", _ctx(request, "time", form=form, entries=entries))


def _plan_forms(year: int) -> tuple[GoalForm, AllocationForm]:
    goal = Goal.objects.filter(year=year).first() or Goal(year=year)
    goal_form = GoalForm(
        initial={name: getattr(goal, name) for name in GoalForm.base_fields}, prefix="goal"
    )
    planned = {a.activity: a.planned_hours for a in TimeAllocation.objects.filter(year=year)}
    allocation_form = AllocationForm(
        initial={"year": year, **{f"hours_{k}": v for k, v in planned.items()}}, prefix="time"
    )
    return goal_form, allocation_form


@bre_required("bre.manage_programme")
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    """Plan beside actual, year by year; the manager sets a year's goals and planned time."""
    today = _today()
    goal_form, allocation_form = _plan_forms(today.year)
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "goal":
            goal_form = GoalForm(request.POST, prefix="goal")
            if goal_form.is_valid():
                targets = dict(goal_form.cleaned_data)
                year = targets.pop("year")
                try:
                    services.goal_set(year=year, by=request.user, **targets)
                except ValidationError as exc:
                    _errors_into(goal_form, exc)
                else:
                    messages.success(request, _("Goals for %(year)s saved.") % {"year": year})
                    return redirect(f"{reverse('bre:plan')}#plan-{year}")
        elif which == "time":
            allocation_form = AllocationForm(request.POST, prefix="time")
            if allocation_form.is_valid():
                year = allocation_form.cleaned_data["year"]
                services.allocations_plan(year=year, hours=allocation_form.hours(), by=request.user)
                messages.success(request, _("Planned time for %(year)s saved.") % {"year": year})
                return redirect(f"{reverse('bre:plan')}#plan-{year}")
        else:
            raise Http404
        status = 400
    years = selectors.programme_years(today)
    return render(
        request,
        "bre/plan.html",
        _ctx(
            request,
            "plan",
            years=[selectors.plan_vs_actual(y) for y in years],
            goal_form=goal_form,
            allocation_form=allocation_form,
            activities=Activity.choices,
        ),
        status=status,
    )


# --- Exports --------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_response(rows: Iterator[list[Any]], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(r) for r in rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe(value: Any) -> str:
    """No spreadsheet formulas from user text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bre_required()
@require_GET
def export_register(request: HttpRequest) -> StreamingHttpResponse:
    with_contacts = selectors.may_export_contacts(request.user)
    audit_record(
        kind=AuditKind.EXPORT,
        request=request,
        target="BRE register",
        detail={"contacts": with_contacts},
    )

    def rows() -> Iterator[list[Any]]:
        header = [
            "id",
            "legal_name",
            "trading_name",
            "address",
            "zipcode",
            "lat",
            "long",
            "naics_code",
            "sector",
            "employees_band",
            "ownership",
            "key_company",
            "status",
            "officer",
        ]
        if with_contacts:
            header += ["contact_name", "contact_role", "contact_email", "contact_phone"]
        yield header
        businesses = Business.objects.select_related("officer").order_by("legal_name", "id")
        if with_contacts:
            businesses = businesses.prefetch_related("contacts")
        for b in businesses.iterator(chunk_size=500):
            row = [
                b.pk,
                _safe(b.legal_name),
                _safe(b.trading_name),
                _safe(b.address),
                b.zipcode,
                b.lat if b.lat is not None else "",
                b.long if b.long is not None else "",
                b.naics_code,
                b.get_sector_display(),
                b.employees_band,
                b.ownership,
                "yes" if b.is_key_company else "no",
                b.status,
                b.officer.username if b.officer else "",
            ]
            if with_contacts:
                primary = next(iter(b.contacts.all()), None)
                row += (
                    [
                        _safe(primary.full_name),
                        _safe(primary.role_title),
                        primary.email,
                        primary.phone,
                    ]
                    if primary
                    else ["", "", "", ""]
                )
            yield row

    return _csv_response(rows(), "bre-register.csv")


@bre_required("bre.view_visit")
@require_GET
def export_answers(request: HttpRequest) -> StreamingHttpResponse:
    # Free-text answers may name people: only roles that may export contacts get them.
    with_text = selectors.may_export_contacts(request.user)
    audit_record(
        kind=AuditKind.EXPORT, request=request, target="BRE answers", detail={"text": with_text}
    )

    def rows() -> Iterator[list[Any]]:
        yield [
            "business_id",
            "business",
            "visit_id",
            "done_on",
            "instrument",
            "version",
            "question_code",
            "question",
            "answer",
        ]
        for a in selectors.answers_for_export():
            value = a.value
            if a.question.datatype == "text" and not with_text:
                value = "(withheld)"
            yield [
                a.visit.business_id,
                _safe(a.visit.business.legal_name),
                a.visit_id,
                a.visit.done_at.date().isoformat() if a.visit.done_at else "",
                a.visit.instrument.name if a.visit.instrument else "",
                a.visit.instrument.version if a.visit.instrument else "",
                a.code,
                a.question.text,
                _safe(";".join(map(str, value)) if isinstance(value, list) else value),
            ]

    return _csv_response(rows(), "bre-interview-answers.csv")
