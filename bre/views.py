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
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bre import selectors, services
from bre.forms import (
    ActionForm,
    BusinessForm,
    ContactForm,
    FlagForm,
    IssueForm,
    IssuePlanForm,
    OpportunityForm,
    OutcomeForm,
    RegisterFilterForm,
    RespondForm,
    ScheduleForm,
    TimeForm,
    VisitForm,
)
from bre.models import Business, Flag, Instrument, MacroIssue, Opportunity
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


# --- Visits ---------------------------------------------------------------------------------


@bre_required("bre.add_visit")
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = _business(request, pk)
    instrument = Instrument.objects.filter(is_current=True).prefetch_related("questions").first()
    if instrument is None:
        messages.error(request, _("The programme has no interview yet."))
        return redirect("bre:business", business.pk)
    form = VisitForm(request.POST or None, instrument=instrument, initial={"done_on": _today()})
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
        _ctx(request, "register", business=business, form=form, instrument=instrument),
    )


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


@bre_required("bre.manage_programme")
@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    years = selectors.programme_years(_today())
    return render(
        request,
        "bre/plan.html",
        _ctx(request, "plan", years=[selectors.plan_vs_actual(y) for y in years]),
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
