"""Staff pages. Each view parses input, calls a selector or service, and renders.

Every page needs a signed-in staff member who may see cases; every case page
and action looks the case up through ``cases_visible_to`` so a case of another
department is a 404, whatever its tracking number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import signed_in_user, staff_required
from accounts.models import User
from audit.services import audit_case_view
from cases.media import attachment_for_staff, attachment_response
from cases.models import Case, Status
from cases.selectors import cases_visible_to
from cases.services import (
    CaseError,
    case_add_internal_note,
    case_complete_step,
    case_transfer,
)
from catalogue.models import Service
from coaching.panel import panel_context
from coaching.services import ReplyBlocked
from core.params import MAX_SMALL, parse_id
from engagement.selectors import interest_counts, suggested_duplicates
from knowledge.models import ArticleTranslation
from knowledge.selectors import answers_matching
from organisations.models import Department
from workspace import services
from workspace.forms import IntakeForm, QueueFilterForm, SavedViewForm, _departments_for
from workspace.models import SavedView
from workspace.queue import queue_page
from workspace.replies import (
    PLACEHOLDERS,
    ReplyNotReady,
    final_reply,
    insert_standard_answer,
    standard_answers,
)
from workspace.selectors import (
    PRESETS,
    case_context,
    case_for_staff,
    merge_comparison,
    saved_views_for,
)

KEEP_PARAMS = ("q", "channel", "service", "status", "priority", "owner", "department", "due")
DATE_PARAMS = (
    "created_from",
    "created_to",
    "resolved_from",
    "resolved_to",
    "responded_from",
    "responded_to",
    "replied_from",
    "replied_to",
)


def _base(request: HttpRequest, **context: Any) -> dict[str, Any]:
    return context  # the unread-notice count: notifications.context_processors


class StaffLoginView(LoginView):
    template_name = "workspace/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        from bre.selectors import landing_for  # BRE officers land on their own home page

        # A role with no cases to work lands on its own home (BRE) or its start page.
        return landing_for(self.request.user) or reverse(
            "workspace:queue" if works_cases(self.request.user) else "workspace:home"
        )


def works_cases(user: Any) -> bool:
    return bool(user.is_superuser or user.has_perm("cases.view_case"))


def catalogue_admin_url(user: Any) -> str:
    """Where this person edits the catalogue in the admin, or "" if their role cannot."""
    if not (user.is_superuser or user.has_perm("catalogue.change_service")):
        return ""
    return reverse("admin:catalogue_service_changelist")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The start page of a staff member whose role has no queue: what they can open."""
    if works_cases(request.user):
        return redirect("workspace:queue")
    return render(
        request,
        "workspace/home.html",
        _base(request, catalogue_url=catalogue_admin_url(request.user)),
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect(settings.LOGIN_URL)


# --- Queue -------------------------------------------------------------------------------------


def _filter_query(data: QueryDict) -> str:
    """The query string of the filters alone (no page cursor), for links and saved views."""
    kept = QueryDict(mutable=True)
    for key in (*KEEP_PARAMS, *DATE_PARAMS, "outcome", "sort"):
        value = data.get(key, "")
        if value:
            kept[key] = value
    return kept.urlencode()


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The queue; a signed-in role that works no cases is sent to its start page."""
    if request.user.is_authenticated and not works_cases(request.user):
        return redirect("workspace:home")
    return _queue(request)


@staff_required
def _queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        messages.warning(request, _("Some filters were not valid and were ignored."))
    page = queue_page(
        request.user,
        form.filters(),
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    for warning in page.warnings:
        messages.warning(request, warning)
    query = _filter_query(request.GET)
    staff = list(
        User.objects.filter(
            departments__in=_departments_for(request.user), is_active=True
        ).distinct()
    )
    return render(
        request,
        "workspace/queue.html",
        _base(
            request,
            form=form,
            page=page,
            query=query,
            presets=PRESETS,
            saved_views=saved_views_for(request.user),
            save_form=SavedViewForm(initial={"query": query}),
            staff=staff,
            can_reassign=request.user.has_perm("cases.reassign_case"),
        ),
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@staff_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    back = _safe_next(request, reverse("workspace:queue"))
    numbers = request.POST.getlist("case")
    action = request.POST.get("action", "")
    if not numbers:
        messages.error(request, _("Tick at least one case first."))
        return redirect(back)
    owner = None
    if action == "assign":
        raw = request.POST.get("owner", "")
        if raw == "me":
            owner = signed_in_user(request)
        elif (owner_id := parse_id(raw)) is not None:
            owner = User.objects.filter(pk=owner_id, is_active=True).first()
        if owner is None and raw != "none":
            messages.error(request, _("Choose who gets the cases."))
            return redirect(back)
    elif action == "reply":
        if not request.POST.get("message", "").strip():
            messages.error(request, _("Write the reply to send to the residents."))
            return redirect(back)
    elif action != "status":
        messages.error(request, _("Choose what to do with the ticked cases."))
        return redirect(back)
    result = services.bulk_apply(
        user=signed_in_user(request),
        tracking_numbers=numbers,
        action=action,
        owner=owner,
        status=request.POST.get("status", ""),
        note=request.POST.get("note", "")[:2_000],
        message=request.POST.get("message", "")[:20_000],
        override_reason=request.POST.get("override_reason", "")[:500],
    )
    if result.done:
        messages.success(
            request,
            _("Updated %(n)d case(s): %(numbers)s.")
            % {"n": len(result.done), "numbers": ", ".join(result.done)},
        )
    for number, reason in result.failed:
        messages.error(
            request,
            _("%(number)s not updated: %(reason)s")
            % {
                "number": number,
                "reason": reason,
            },
        )
    return redirect(back)


@staff_required
@require_POST
def saved_view_create(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the view a name (80 characters at most)."))
        return redirect("workspace:queue")
    query = _filter_query(QueryDict(form.cleaned_data["query"]))
    try:
        with transaction.atomic():
            SavedView.objects.create(
                user=cast(User, request.user), name=form.cleaned_data["name"].strip(), query=query
            )
    except IntegrityError:
        messages.error(request, _("You already have a view with that name."))
    else:
        messages.success(request, _("View saved."))
    return redirect(f"{reverse('workspace:queue')}?{query}")


@staff_required
@require_POST
def saved_view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    deleted, _details = SavedView.objects.filter(user=cast(User, request.user), pk=pk).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("View removed."))
    return redirect("workspace:queue")


# --- Case view -----------------------------------------------------------------------------------


def _case_or_404(request: HttpRequest, tracking_number: str) -> Case:
    case = case_for_staff(request.user, tracking_number)
    if case is None:
        raise Http404(_("No such case in your queue."))
    return case


def _render_case(
    request: HttpRequest,
    case: Case,
    *,
    draft: str = "",
    preview: str = "",
    status: int = 200,
    status_note: dict[str, Any] | None = None,
) -> HttpResponse:
    user = request.user
    context = case_context(user, case)
    return render(
        request,
        "workspace/case.html",
        _base(
            request,
            c=context,
            case=case,
            answers=standard_answers(case),
            staff=services.assignable_staff(case),
            draft=draft,
            preview=preview,
            status_note=status_note,
            placeholders=PLACEHOLDERS,
            can_reassign=user.has_perm("cases.reassign_case"),
            can_merge=user.has_perm("cases.merge_case"),
            can_escalate=user.has_perm("cases.escalate_case"),
            suggested=_suggested_duplicates(user, case),
            interest=interest_counts([case.pk]).get(case.pk, (0, 0)),
        ),
        status=status,
    )


def _suggested_duplicates(user: Any, case: Case) -> list[dict[str, Any]]:
    """Open cases near this one of the same or a related service (engagement), that this
    user may see; each with the compare page that merges the newer into the older."""
    found = suggested_duplicates(case)
    if not found:
        return []  # no query to build (an empty pk__in sends nothing, but compiles)
    visible = set(
        cases_visible_to(user)
        .filter(pk__in=[f.case.pk for f in found])
        .values_list("pk", flat=True)
    )
    rows = []
    for item in found:
        other = item.case
        if other.pk not in visible:
            continue
        newer, older = (case, other) if case.created_at >= other.created_at else (other, case)
        rows.append(
            {
                "case": other,
                "distance_m": item.distance_m,
                "me_too_count": item.me_too_count,
                "compare_url": reverse("workspace:merge_compare", args=[newer.tracking_number])
                + "?into="
                + older.tracking_number,
                "this_is_newer": newer.pk == case.pk,
            }
        )
    return rows


@staff_required
@require_GET
def case_photo(request: HttpRequest, token: str) -> HttpResponse:
    """A case's photo, for staff who may see the case (cases/media.py); else 404."""
    attachment = attachment_for_staff(request.user, token)
    if attachment is None:
        raise Http404(_("There is no such photo."))
    # A file response (streamed, or headers for the front server): typed as a page here.
    return cast(HttpResponse, attachment_response(attachment))


@staff_required
@require_GET
def case_detail(request: HttpRequest, tracking_number: str) -> HttpResponse:
    case = _case_or_404(request, tracking_number)
    if case.tracking_number != tracking_number:
        return redirect("workspace:case", tracking_number=case.tracking_number)
    audit_case_view(request=request, case=case)
    return _render_case(request, case)


def _department(case: Case, raw: str) -> Department:
    department_id = parse_id(raw)
    department = (
        Department.objects.filter(pk=department_id, jurisdiction_id=case.jurisdiction_id).first()
        if department_id is not None
        else None
    )
    if department is None:
        raise CaseError(_("Choose the department to transfer to."))
    return department


# One function per case action: given the case, who acts and the POST, do it and say what
# was done (or answer with a page of its own, as a merge not yet confirmed does).
ActionResult = str | HttpResponse


def _acknowledge(case: Case, user: User, post: QueryDict) -> ActionResult:
    # The note goes to the resident: coached like a reply (services.change_status).
    services.change_status(
        case=case,
        status=Status.ACKNOWLEDGED,
        by=user,
        note=post.get("note", "")[:2_000],
        override_reason=post.get("override_reason", "")[:500],
    )
    return _("Acknowledged.")


def _take(case: Case, user: User, post: QueryDict) -> ActionResult:
    services.assign(case=case, owner=user, by=user)
    return _("The case is yours.")


def _assign(case: Case, user: User, post: QueryDict) -> ActionResult:
    raw = post.get("owner", "")
    owner_id = parse_id(raw)
    owner = User.objects.filter(pk=owner_id).first() if owner_id is not None else None
    if owner is None and raw != "none":
        raise CaseError(_("Choose who gets the case."))
    if not user.has_perm("cases.reassign_case"):
        raise PermissionDenied
    services.assign(case=case, owner=owner, by=user)
    return _("Assigned.")


def _transfer(case: Case, user: User, post: QueryDict) -> ActionResult:
    to = _department(case, post.get("department", ""))
    case_transfer(case=case, to_department=to, by=user, note=post.get("note", ""))
    return _("Transferred to %(department)s with your handover note.") % {"department": to}


def _status(case: Case, user: User, post: QueryDict) -> ActionResult:
    services.change_status(
        case=case,
        status=post.get("status", ""),
        by=user,
        note=post.get("note", "")[:2_000],
        override_reason=post.get("override_reason", "")[:500],
        publish=post.get("publish") == "on",
    )
    return _("Status changed.")


def _merge(case: Case, user: User, post: QueryDict) -> ActionResult:
    if not user.has_perm("cases.merge_case"):
        raise PermissionDenied
    if post.get("confirm") != "yes":
        # A merge is shown side by side and confirmed first (the compare page).
        compare = reverse("workspace:merge_compare", args=[case.tracking_number])
        return redirect(f"{compare}?{urlencode({'into': post.get('into', '')})}")
    duplicate = services.merge(duplicate=case, into_number=post.get("into", ""), by=user)
    return _("Merged into %(number)s; the resident has been told.") % {
        "number": duplicate.merged_into.tracking_number if duplicate.merged_into else ""
    }


def _reopen(case: Case, user: User, post: QueryDict) -> ActionResult:
    services.reopen(case=case, by=user, reason=post.get("reason", ""))
    return _("Reopened.")


def _escalate(case: Case, user: User, post: QueryDict) -> ActionResult:
    if not user.has_perm("cases.escalate_case"):
        raise PermissionDenied
    services.escalate(case=case, by=user, reason=post.get("reason", ""))
    return _("Escalated to a supervisor.")


def _note(case: Case, user: User, post: QueryDict) -> ActionResult:
    case_add_internal_note(case=case, by=user, body=post.get("body", ""))
    return _("Note added.")


def _step(case: Case, user: User, post: QueryDict) -> ActionResult:
    if not case.is_open:
        raise CaseError(_("This case is finished; reopen it before marking steps done."))
    order = parse_id(post.get("order", ""), maximum=MAX_SMALL)
    if order is None:
        raise CaseError(_("Choose the step that is done."))
    case_complete_step(case=case, order=order, by=user)
    return _("Step marked done.")


CASE_ACTIONS: dict[str, Callable[[Case, User, QueryDict], ActionResult]] = {
    "acknowledge": _acknowledge,
    "take": _take,
    "assign": _assign,
    "transfer": _transfer,
    "status": _status,
    "merge": _merge,
    "reopen": _reopen,
    "escalate": _escalate,
    "note": _note,
    "step": _step,
}


@staff_required
@require_POST
def case_action(request: HttpRequest, tracking_number: str, action: str) -> HttpResponse:
    """One action on one case, as a plain form POST; rule errors are shown, not raised."""
    act = CASE_ACTIONS.get(action)
    if act is None:
        raise Http404
    case = _case_or_404(request, tracking_number)
    user = signed_in_user(request)
    here = reverse("workspace:case", args=[case.tracking_number])
    try:
        done = act(case, user, request.POST)
    except ReplyBlocked as exc:
        # The note goes to the resident: show the coach's findings beside it, keep the text.
        messages.error(request, str(exc))
        return _render_case(
            request,
            case,
            status=400,
            status_note={
                "status": request.POST.get("status", Status.ACKNOWLEDGED),
                "note": request.POST.get("note", "")[:2_000],
                **panel_context(
                    exc.review, request.POST.get("note", "")[:2_000], prefix="note-finding"
                ),
            },
        )
    except services.USER_ERRORS as exc:
        messages.error(request, services.error_text(exc))
        return redirect(here)
    if isinstance(done, HttpResponse):
        return done
    messages.success(request, done)
    if case_for_staff(user, case.tracking_number) is None:
        # Transferred out of this person's departments: the queue, not a 404.
        return redirect("workspace:queue")
    return redirect(here)


@staff_required
@require_GET
def merge_compare(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The duplicate and the case it would go under, side by side, with a confirm button."""
    case = _case_or_404(request, tracking_number)
    if not request.user.has_perm("cases.merge_case"):
        raise PermissionDenied(_("Only supervisors can merge cases."))
    here = reverse("workspace:case", args=[case.tracking_number])
    raw = " ".join(request.GET.get("into", "").split())[:40]
    into = case_for_staff(request.user, raw) if raw else None
    problem = ""
    if case.merged_into_id:
        problem = _("%(number)s was already merged.") % {"number": case.tracking_number}
    elif into is None:
        problem = (
            _("No case %(number)s in your queue.") % {"number": raw}
            if raw
            else _("Enter the tracking number of the case to merge into.")
        )
    elif into.pk == case.pk:
        problem = _("A case cannot be merged into itself.")
    elif into.merged_into_id:
        problem = _("%(number)s was itself merged; merge into the case it went to.") % {
            "number": into.tracking_number
        }
    if problem or into is None:
        messages.error(request, problem)
        return redirect(here)
    return render(
        request,
        "workspace/merge.html",
        _base(
            request,
            case=case,
            into=into,
            sides=[
                (heading, side, facts)
                for heading, (side, facts) in zip(
                    [_("This duplicate"), _("Goes on under")],
                    merge_comparison(case, into),
                    strict=True,
                )
            ],
        ),
    )


@staff_required
@require_POST
def case_reply(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The composer: insert a standard answer, preview, or send (no JavaScript needed)."""
    case = _case_or_404(request, tracking_number)
    if not case.is_open:
        messages.error(request, _("This case is finished; reopen it to reply to the resident."))
        return redirect("workspace:case", tracking_number=case.tracking_number)
    draft = request.POST.get("draft", "")[:20_000]
    op = request.POST.get("op", "preview")
    if op == "insert":
        chosen = request.POST.get("article", "")
        answer = next((a for a in standard_answers(case) if str(a.article.pk) == chosen), None)
        if answer is None:
            messages.error(request, _("Choose a standard answer to insert."))
        else:
            draft = insert_standard_answer(case, draft, answer)
            if answer.is_fallback:
                messages.warning(
                    request,
                    _("This answer has no version in the resident's language; edit it first."),
                )
        return _render_case(request, case, draft=draft)
    try:
        text = final_reply(case, draft)
    except ReplyNotReady as exc:
        messages.error(request, str(exc))
        return _render_case(request, case, draft=draft, status=400)
    if op == "preview":
        return _render_case(request, case, draft=text, preview=text)
    try:
        services.reply(
            case=case,
            by=signed_in_user(request),
            draft=text,
            override_reason=request.POST.get("override_reason", "")[:500],
        )
    except ReplyBlocked as exc:
        messages.error(request, str(exc))
        return _render_case(request, case, draft=draft, status=400)
    except services.USER_ERRORS as exc:
        messages.error(request, services.error_text(exc))
        return _render_case(request, case, draft=draft, status=400)
    messages.success(request, _("Reply sent to the resident."))
    return redirect("workspace:case", tracking_number=case.tracking_number)


# --- Intake -------------------------------------------------------------------------------------


def _intake_services(user: Any) -> Any:
    """Every active service of the jurisdictions the staff member works for.

    A 311 call-taker files requests for any department; the case goes to the
    service's department (and leaves their queue if that is not theirs).
    """
    jurisdictions = _departments_for(user).values("jurisdiction_id")
    return (
        Service.objects.filter(is_active=True, jurisdiction_id__in=jurisdictions)
        .select_related("department__parent")
        .order_by("name", "department__name", "pk")
    )


def _kb_hits(request: HttpRequest, text: str) -> list[ArticleTranslation]:
    """The one knowledge-base search (knowledge.selectors), in the staff member's jurisdictions."""
    jurisdiction_ids = _departments_for(request.user).values_list("jurisdiction_id", flat=True)
    return answers_matching(
        " ".join(text.split())[:100],
        language=request.LANGUAGE_CODE or "en",
        jurisdiction_ids=list(jurisdiction_ids),
        limit=8,
    )


def _posted_answers(data: QueryDict, questions: list[Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in questions:
        values = [v for v in data.getlist(f"answer-{question.code}") if v != ""]
        if values:
            answers[question.code] = values if question.datatype == "multivaluelist" else values[0]
    return answers


def _intake_submit(
    request: HttpRequest, form: IntakeForm, questions: list[Any], answer_errors: dict[str, Any]
) -> HttpResponse | None:
    """Log the contact; a redirect when done, None to show the form again with errors."""
    cleaned = form.cleaned_data
    try:
        if cleaned["mode"] == IntakeForm.MODE_EXISTING:
            event = services.intake_contact(
                by=signed_in_user(request),
                tracking_number=cleaned["tracking_number"],
                body=cleaned["description"],
                kind=cleaned["contact_kind"] or "resident",
                channel=cleaned["channel"],
            )
            messages.success(request, _("Contact added to the case."))
            return redirect("workspace:case", tracking_number=event.case.tracking_number)
        case = services.intake_new_case(
            by=signed_in_user(request),
            service=cleaned["service"],
            channel=cleaned["channel"],
            description=cleaned["description"],
            answers=_posted_answers(request.POST, questions),
            address=cleaned["address"],
            resident_details={k: cleaned[k] for k in RESIDENT_FIELDS},
            answered=cleaned["answered"],
            resolution_note=cleaned["resolution_note"],
        )
    except ReplyBlocked as exc:
        form.add_error("resolution_note", str(exc))
        return None
    except services.USER_ERRORS as exc:
        if hasattr(exc, "message_dict"):
            for key, errors in exc.message_dict.items():
                if key in form.fields:
                    form.add_error(key, errors)
                else:
                    answer_errors[key] = errors
        else:
            messages.error(request, services.error_text(exc))
        return None
    if cleaned["answered"]:
        text = _("Logged and resolved on first contact as %(number)s.")
    else:
        text = _("Logged as %(number)s.")
    messages.success(request, text % {"number": case.tracking_number})
    if case_for_staff(request.user, case.tracking_number) is None:
        messages.info(
            request,
            _("%(number)s went to %(department)s, who work that service.")
            % {"number": case.tracking_number, "department": case.department},
        )
        return redirect("workspace:intake")
    return redirect("workspace:case", tracking_number=case.tracking_number)


RESIDENT_FIELDS = ("full_name", "phone", "email", "preferred_language", "preferred_channel")


@dataclass(frozen=True)
class QuestionRow:
    """A question of the chosen service with what was already typed (kept across reloads)."""

    question: Any
    values: list[str]


INTAKE_RELOAD_OPS = ("choose", "kb")


@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    """Phone and walk-in intake.

    A POST with op=choose (show the service's questions) or op=kb (search the knowledge
    base from the sidebar) only shows the form again, everything typed kept: no JS needed.
    """
    available = _intake_services(request.user)
    data = request.POST if request.method == "POST" else None
    reloading = data is not None and data.get("op") in INTAKE_RELOAD_OPS
    raw_service = (data or request.GET).get("service", "")
    if reloading and data is not None:
        form = IntakeForm(None, services=available, initial=data.dict())
    else:
        service_id = parse_id(raw_service)
        initial = {"service": service_id} if service_id is not None else {}
        form = IntakeForm(data, services=available, initial=initial)
    chosen_id = parse_id(raw_service)
    chosen = available.filter(pk=chosen_id).first() if chosen_id is not None else None
    questions = list(chosen.questions.prefetch_related("options")) if chosen else []
    answer_errors: dict[str, list[str]] = {}
    if data is not None and not reloading and form.is_valid():
        response = _intake_submit(request, form, questions, answer_errors)
        if response is not None:
            return response
    failed = data is not None and not reloading
    kb_query = (data or request.GET).get("kb", "")
    mode = data.get("mode", IntakeForm.MODE_NEW) if data is not None else IntakeForm.MODE_NEW
    return render(
        request,
        "workspace/intake.html",
        _base(
            request,
            form=form,
            chosen=chosen,
            mode=mode,
            question_rows=[
                QuestionRow(q, data.getlist(f"answer-{q.code}") if data is not None else [])
                for q in questions
            ],
            answer_errors=answer_errors,
            other_errors={
                k: v for k, v in answer_errors.items() if k not in {q.code for q in questions}
            },
            kb_query=kb_query,
            kb_hits=_kb_hits(request, kb_query),
        ),
        status=400 if failed else 200,
    )
