"""Resident pages. Thin: parse, call a selector or service, render.

The same views serve the kiosk (/kiosk/…); `kiosk=True` in the URL conf
switches on the kiosk's session rules (portal/kiosk.py) and its templates' large
targets and inactivity reset.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bookings.selectors import bookable_resources
from cases.models import Case, Channel
from cases.selectors import case_by_tracking_number
from cases.services import CaseError
from core.languages import Language
from core.ratelimit import client_ip, hit
from engagement.services import not_fixed_window_open
from knowledge.models import Article
from knowledge.search import search_articles
from knowledge.selectors import article_for_reading, articles_by_category, articles_for_service
from knowledge.services import article_vote
from organisations.models import Jurisdiction
from portal import selectors
from portal.forms import (
    HONEYPOT,
    MessageForm,
    ResidentPasswordResetForm,
    ResidentSetPasswordForm,
    SignUpForm,
    TrackForm,
    error_summary,
    errors_from_case_create,
    parse_photos,
    parse_request_form,
    without_nul,
)
from portal.models import VerifiedEmail
from portal.photos import MAX_PHOTOS
from portal.services import (
    contact_matches,
    email_verification_confirm,
    email_verification_send,
    kiosk_text_receipt,
    merged_duplicate_for_contact,
    request_submit,
    resident_reply,
    resident_sign_up,
)
from residents.models import ContactChannel

SESSION_CASES = "portal_cases"
SESSION_KIOSK_LANGUAGE = "kiosk_language"
SUGGESTIONS = 3


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


# --- Plumbing ---------------------------------------------------------------------------


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the jurisdiction and apply kiosk rules before the view runs."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: Any, kiosk: bool = False, **kwargs: Any
    ) -> HttpResponse:
        request.kiosk = kiosk  # type: ignore[attr-defined]
        request.portal_ns = "portal:kiosk" if kiosk else "portal"  # type: ignore[attr-defined]
        if kiosk:
            # Shared device: a short server-side session, language kept in it (no cookie).
            request.session.set_expiry(_setting("PORTAL_KIOSK_SESSION_SECONDS", 300))
            language = request.session.get(SESSION_KIOSK_LANGUAGE, settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = language
            with translation.override(language):
                response = _run_portal_view(view, request, *args, **kwargs)
                # Templates render lazily; render now so they use the kiosk language.
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
            response["Cache-Control"] = "no-store"
            return response
        return _run_portal_view(view, request, *args, **kwargs)

    return wrapper


def _run_portal_view(
    view: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    jurisdiction = selectors.portal_jurisdiction()
    if jurisdiction is None:
        return render(request, "portal/not_ready.html", status=503)
    request.jurisdiction = jurisdiction  # type: ignore[attr-defined]
    return view(request, *args, **kwargs)


def _language(request: HttpRequest) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] if language.split("-")[0] in Language.values else "en"


def _url(request: HttpRequest, name: str, *args: Any) -> str:
    return reverse(f"{request.portal_ns}:{name}", args=args)  # type: ignore[attr-defined]


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("jurisdiction", request.jurisdiction)  # type: ignore[attr-defined]
    context["kiosk"] = request.kiosk  # type: ignore[attr-defined]
    context["portal_ns"] = request.portal_ns  # type: ignore[attr-defined]
    context["kiosk_idle_seconds"] = _setting("PORTAL_KIOSK_IDLE_SECONDS", 90)
    return render(request, template, context, status=status)


def _remember_case(request: HttpRequest, case: Case) -> None:
    numbers = list(request.session.get(SESSION_CASES, []))
    if case.tracking_number not in numbers:
        numbers = [*numbers[-19:], case.tracking_number]
    request.session[SESSION_CASES] = numbers


def _may_see(request: HttpRequest, case: Case) -> bool:
    if case.tracking_number in request.session.get(SESSION_CASES, []):
        return True
    if request.kiosk or not case.resident_id:  # type: ignore[attr-defined]
        return False
    return case.resident_id in selectors.resident_ids_for_user(request.user)


# --- Home, catalogue, service ----------------------------------------------------------


@require_GET
@portal_view
def home(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    groups = selectors.catalogue_groups(request.jurisdiction, language)  # type: ignore[attr-defined]
    return _page(request, "portal/home.html", {"groups": groups})


@require_GET
@portal_view
def catalogue(request: HttpRequest) -> HttpResponse:
    """The service list, or search results across services and answers when `q` is given."""
    language = _language(request)
    query = without_nul(request.GET.get("q") or "").strip()[:200]
    jurisdiction: Jurisdiction = request.jurisdiction  # type: ignore[attr-defined]
    context: dict[str, Any] = {"query": query}
    if query:
        context["services"] = selectors.search_services(jurisdiction, query, language)
        context["articles"] = search_articles(query, language, jurisdiction, limit=10)
    else:
        context["groups"] = selectors.catalogue_groups(jurisdiction, language)
    return _page(request, "portal/catalogue.html", context)


def _service_or_404(request: HttpRequest, code: str) -> Any:
    service = selectors.service_for_code(request.jurisdiction, code)  # type: ignore[attr-defined]
    if service is None:
        raise Http404(_("There is no such service."))
    return service


@require_GET
@portal_view
def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    language = _language(request)
    service = _service_or_404(request, code)
    page = selectors.service_page(service, language)
    return _page(
        request,
        "portal/service.html",
        {
            "page": page,
            "articles": articles_for_service(service, language),
            "bookable_resources": list(bookable_resources().filter(service=service)),
        },
    )


# --- The request form -------------------------------------------------------------------


def _form_context(
    request: HttpRequest,
    page: selectors.ServicePage,
    values: dict[str, Any],
    errors: dict[str, str],
) -> dict[str, Any]:
    language = _language(request)
    description = values.get("description", "")
    suggestions = (
        search_articles(description, language, request.jurisdiction, limit=SUGGESTIONS)  # type: ignore[attr-defined]
        if description
        else []
    )
    answers = values.get("answers", {})
    fields = []
    for question in page.questions:
        raw = answers.get(question.code, "")
        selected = raw if isinstance(raw, list) else [raw]
        fields.append(
            {
                "q": question,
                "value": "" if isinstance(raw, list) else raw,
                "selected": [str(v) for v in selected if v],
                "error": errors.get(question.field_name, ""),
            }
        )
    return {
        "page": page,
        "fields": fields,
        "values": values,
        "errors": errors,
        "summary": error_summary(errors, page.questions),
        "suggestions": suggestions,
        "max_photos": MAX_PHOTOS,
        "channels": [(c.value, c.label) for c in ContactChannel if c != ContactChannel.PHONE],
        "languages": Language.choices,
        "map_center": getattr(settings, "PORTAL_MAP_CENTER", ""),
        "map_tiles": settings.MAP_TILES,
        "map_attribution": settings.MAP_TILES_ATTRIBUTION,
        "pin_label": _("Location of the problem"),
        "honeypot": HONEYPOT,
    }


@require_http_methods(["GET", "POST"])
@portal_view
def request_form(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1 (GET): describe the problem. Step 2 (POST of step 1): answers that may help,
    then the details. POST of step 2: submit, then redirect to the confirmation.

    The description travels in the POST body only, never in the URL, so it stays
    out of browser history, server logs and the kiosk's address bar.
    """
    language = _language(request)
    service = _service_or_404(request, code)
    if request.method == "GET":
        page = selectors.service_page(service, language)
        return _page(request, "portal/request_describe.html", {"page": page})
    if request.POST.get("step") == "describe":
        page = selectors.service_page(service, language)
        values: dict[str, Any] = {
            "description": without_nul(request.POST.get("description", ""))[:10_000].strip(),
            "channel": "email",
            "language": language,
        }
        return _page(request, "portal/request_form.html", _form_context(request, page, values, {}))

    if request.POST.get(HONEYPOT):
        # Only automated form fillers see and fill this field.
        return _page(request, "portal/refused.html", {}, status=400)
    limit = _setting("PORTAL_SUBMISSIONS_PER_HOUR", 20)
    if not hit("portal-submit", client_ip(request), limit=limit, window_seconds=3600):
        return _page(request, "portal/too_many.html", {}, status=429)

    form = parse_request_form(
        service=service,
        questions=selectors.question_views(service, language),
        post=request.POST,
        files=request.FILES,
        language=language,
        signed_in=request.user.is_authenticated and not request.kiosk,  # type: ignore[attr-defined]
    )
    if not form.errors and not request.POST.get("duplicates_seen"):
        # "Already reported nearby: follow it instead?" A confirmation step without JS;
        # map.js shows the same offers as the pin is placed and marks them seen.
        from portal import partners

        offers = partners.nearby_for(request, service, form.values["lat"], form.values["long"])
        if offers:
            contact = form.contact or {}
            return _page(
                request,
                "portal/request_duplicates.html",
                {
                    "page": selectors.service_page(service, language),
                    "offers": offers,
                    "hidden": partners.hidden_copy(request.POST, {HONEYPOT, "duplicates_seen"}),
                    "photos_chosen": bool(form.photos),
                    "max_photos": MAX_PHOTOS,
                    "contact": contact,
                    "follow_channel": "sms"
                    if contact.get("channel") == "sms" and contact.get("phone")
                    else "email",
                },
            )
    if not form.errors:
        try:
            case = request_submit(
                service=service,
                channel=Channel.KIOSK if request.kiosk else Channel.WEB,  # type: ignore[attr-defined]
                description=form.values["description"],
                answers=form.answers,
                address=form.values["address"],
                lat=form.values["lat"] or None,
                long=form.values["long"] or None,
                contact=form.contact,
                photos=form.photos,
                user=None if request.kiosk else request.user,  # type: ignore[attr-defined]
            )
        except ValidationError as exc:
            form.errors.update(errors_from_case_create(exc))
        else:
            _remember_case(request, case)
            return HttpResponseRedirect(_url(request, "submitted", case.tracking_number))
    if form.photos:
        form.add_error("photos", _("Please choose your photos again."))
    # The service page (promise, steps) only to draw the form again: a good POST skips it.
    page = selectors.service_page(service, language)
    context = _form_context(request, page, form.values, form.errors)
    return _page(request, "portal/request_form.html", context, status=400)


# --- Confirmation and tracking ----------------------------------------------------------


def _case_for_session(request: HttpRequest, number: str) -> Case:
    case = case_by_tracking_number(number)
    if case is None or not _may_see(request, case):
        raise Http404(_("Find your request with its tracking number first."))
    return case


@require_GET
@portal_view
def submitted(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for_session(request, number)
    view = selectors.tracking_view(case, _language(request))
    return _page(request, "portal/submitted.html", {"track": view, "message_form": MessageForm()})


@require_POST
@portal_view
def kiosk_text_receipt_view(request: HttpRequest, number: str) -> HttpResponse:
    """A kiosk request sent without contact details: text its number to a phone."""
    case = _case_for_session(request, number)
    if not hit("portal-text-receipt", client_ip(request), limit=10, window_seconds=3600):
        return _page(request, "portal/too_many.html", {}, status=429)
    error = ""
    sent = False
    try:
        sent = kiosk_text_receipt(
            case=case,
            phone=without_nul(request.POST.get("phone", ""))[:40],
            language=_language(request),
            tracking_url=request.build_absolute_uri(reverse("portal:track")),
        )
    except (ValidationError, CaseError) as exc:
        error = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
    case.refresh_from_db()
    view = selectors.tracking_view(case, _language(request))
    return _page(
        request,
        "portal/submitted.html",
        {
            "track": view,
            "receipt_error": error,
            "receipt_sent": sent,
            "receipt_failed": not sent and not error,
            "phone": "" if sent else request.POST.get("phone", "")[:40],
        },
        status=400 if error else 200,
    )


@require_GET
@portal_view
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for_session(request, number)
    view = selectors.tracking_view(case, _language(request))
    return _page(
        request,
        "portal/case.html",
        {
            "track": view,
            "message_form": MessageForm(),
            "max_photos": MAX_PHOTOS,
            "can_say_not_fixed": not_fixed_window_open(case),
            "not_fixed_days": settings.ENGAGEMENT_NOT_FIXED_DAYS,
            "not_fixed_done": request.GET.get("not_fixed") == "1",
        },
    )


@require_POST
@portal_view
def case_message(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for_session(request, number)
    form = MessageForm(request.POST)
    if form.is_valid():
        photos, photo_error = parse_photos(request.FILES)
        if photo_error:
            form.add_error("photos", photo_error)
        else:
            try:
                resident_reply(case=case, body=form.cleaned_data["body"], photos=photos)
            except (CaseError, ValidationError) as exc:
                form.add_error(
                    "body", exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                )
            else:
                return HttpResponseRedirect(
                    _url(request, "case", case.tracking_number) + "#timeline"
                )
    view = selectors.tracking_view(case, _language(request))
    return _page(
        request,
        "portal/case.html",
        {"track": view, "message_form": form, "max_photos": MAX_PHOTOS},
        status=400,
    )


@require_http_methods(["GET", "POST"])
@portal_view
def track(request: HttpRequest) -> HttpResponse:
    """Find a case by number and contact. Wrong number and wrong contact get the same answer."""
    if request.method == "GET":
        return _page(request, "portal/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    status = 400
    if form.is_valid():
        limit = _setting("PORTAL_TRACK_ATTEMPTS_PER_HOUR", 30)
        if not hit("portal-track", client_ip(request), limit=limit, window_seconds=3600):
            return _page(request, "portal/too_many.html", {}, status=429)
        case = case_by_tracking_number(form.cleaned_data["number"])
        contact = form.cleaned_data["contact"]
        if case is not None and not contact_matches(case, contact):
            # The number of the case theirs was joined with: their own page shows it.
            case = merged_duplicate_for_contact(case, contact)
        if case is not None:
            _remember_case(request, case)
            return HttpResponseRedirect(_url(request, "case", case.tracking_number))
        form.add_error(
            None,
            _(
                "We could not find a request with that tracking number and contact. "
                "Check both and try again."
            ),
        )
        status = 404
    return _page(request, "portal/track.html", {"form": form}, status=status)


# --- Knowledge base ---------------------------------------------------------------------


@require_GET
@portal_view
def kb_index(request: HttpRequest) -> HttpResponse:
    """Every answer, by category: for residents who would rather browse than search."""
    categories = articles_by_category(request.jurisdiction, _language(request))  # type: ignore[attr-defined]
    return _page(request, "portal/answers.html", {"categories": categories})


@require_GET
@portal_view
def kb_suggest(request: HttpRequest) -> HttpResponse:
    """An HTML fragment of answers for what the resident is typing (fetched by suggest.js)."""
    if not hit("kb-suggest", client_ip(request), limit=600, window_seconds=600):
        return HttpResponse(status=429)
    query = without_nul(request.GET.get("q") or "")[:500]
    hits = search_articles(query, _language(request), request.jurisdiction, limit=SUGGESTIONS)  # type: ignore[attr-defined]
    return _page(request, "portal/_suggestions.html", {"suggestions": hits, "live": True})


@require_GET
@portal_view
def kb_article(request: HttpRequest, slug: str) -> HttpResponse:
    view = article_for_reading(request.jurisdiction, slug, _language(request))  # type: ignore[attr-defined]
    if view is None:
        raise Http404(_("There is no such answer."))
    related = [
        selectors.service_card(s, _language(request))
        for s in view.article.related_services.all()
        if s.is_active
    ]
    paragraphs = [p.strip() for p in view.translation.body.split("\n\n") if p.strip()]
    return _page(
        request,
        "portal/article.html",
        {
            "view": view,
            "paragraphs": paragraphs,
            "related": related,
            "voted": request.GET.get("voted"),
        },
    )


@require_POST
@portal_view
def kb_vote(request: HttpRequest, slug: str) -> HttpResponse:
    jurisdiction: Jurisdiction = request.jurisdiction  # type: ignore[attr-defined]
    article = Article.objects.filter(
        jurisdiction=jurisdiction, slug=slug, is_published=True, is_standard_answer=False
    ).first()
    if article is None:
        raise Http404(_("There is no such answer."))
    helpful = request.POST.get("helpful") == "yes"
    counted = article_vote(article=article, helpful=helpful, client_key=client_ip(request))
    result = "thanks" if counted else "limit"
    return HttpResponseRedirect(f"{_url(request, 'article', slug)}?voted={result}#vote")


# --- Accounts ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@portal_view
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, _resident = resident_sign_up(
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                language=_language(request),
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                form.add_error(name, messages[0])
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            email_verification_send(user=user)
            return HttpResponseRedirect(reverse("portal:my_cases"))
    status = 400 if request.method == "POST" else 200
    return _page(request, "portal/sign_up.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@portal_view
def sign_in(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    form.fields["username"].label = _("Email address")
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = reverse("portal:my_cases")
        return HttpResponseRedirect(next_url)
    status = 400 if request.method == "POST" else 200
    return _page(
        request, "portal/sign_in.html", {"form": form, "next": request.GET.get("next", "")}, status
    )


@require_POST
@portal_view
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("portal:home"))


@require_GET
@portal_view
def my_cases(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(
            f"{reverse('portal:sign_in')}?next={reverse('portal:my_cases')}"
        )
    cases = list(selectors.cases_for_residents(selectors.resident_ids_for_user(request.user)))
    verified = VerifiedEmail.objects.filter(user=request.user).exists()
    language = _language(request)
    rows = [
        {
            "case": case,
            "service": selectors.localised(case.service, language, "name"),
            "due": selectors.format_promise_date(case.resolution_due, request.jurisdiction),  # type: ignore[attr-defined]
        }
        for case in cases
    ]
    return _page(request, "portal/my_cases.html", {"rows": rows, "verified": verified})


@require_GET
@portal_view
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('portal:sign_in')}?next={request.path}")
    try:
        email_verification_confirm(user=request.user, token=token)  # type: ignore[arg-type]
    except ValidationError as exc:
        return _page(request, "portal/verify_failed.html", {"message": exc.messages[0]}, 400)
    return HttpResponseRedirect(reverse("portal:my_cases"))


@require_POST
@portal_view
def resend_verification(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and hit(
        "portal-verify", str(request.user.pk), limit=5, window_seconds=3600
    ):
        email_verification_send(user=request.user)  # type: ignore[arg-type]
    return HttpResponseRedirect(reverse("portal:my_cases") + "?sent=1")


# --- Forgotten passwords (Django's views, rate-limited, in the portal's pages) ------------

_RESET_TEMPLATES = "portal/password_reset"


@require_http_methods(["GET", "POST"])
@portal_view
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same whether or not the address has an
    account, so the page cannot be used to find out who has one."""
    if request.method == "POST":
        limit = _setting("PORTAL_PASSWORD_RESETS_PER_HOUR", 5)
        if not hit("portal-password-reset", client_ip(request), limit=limit, window_seconds=3600):
            return _page(request, "portal/too_many.html", {}, status=429)
    return auth_views.PasswordResetView.as_view(  # type: ignore[return-value]
        form_class=ResidentPasswordResetForm,
        template_name=f"{_RESET_TEMPLATES}.html",
        email_template_name=f"{_RESET_TEMPLATES}_email.txt",
        subject_template_name=f"{_RESET_TEMPLATES}_subject.txt",
        success_url=reverse("portal:password_reset_done"),
        extra_context={"jurisdiction": request.jurisdiction},  # type: ignore[attr-defined]
    )(request)


@require_GET
@portal_view
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return _page(request, f"{_RESET_TEMPLATES}_done.html", {})


@require_http_methods(["GET", "POST"])
@portal_view
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    return auth_views.PasswordResetConfirmView.as_view(  # type: ignore[return-value]
        form_class=ResidentSetPasswordForm,
        template_name=f"{_RESET_TEMPLATES}_confirm.html",
        success_url=reverse("portal:password_reset_complete"),
        extra_context={"jurisdiction": request.jurisdiction},  # type: ignore[attr-defined]
    )(request, uidb64=uidb64, token=token)


@require_GET
@portal_view
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return _page(request, f"{_RESET_TEMPLATES}_complete.html", {})


# --- Kiosk ------------------------------------------------------------------------------


@require_POST
@portal_view
def kiosk_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language in Language.values:
        request.session[SESSION_KIOSK_LANGUAGE] = language
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}
    ) or not next_url.startswith("/kiosk/"):
        next_url = reverse("portal:kiosk:home")
    return HttpResponseRedirect(next_url)


@require_http_methods(["GET", "POST"])
def kiosk_reset(request: HttpRequest) -> HttpResponse:
    """End the kiosk session: nothing the last person typed or saw stays on the device."""
    request.session.flush()
    response = HttpResponseRedirect(reverse("portal:kiosk:home"))
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    response.delete_cookie(settings.CSRF_COOKIE_NAME)
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
