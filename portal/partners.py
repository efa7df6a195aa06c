"""Residents as partners, the portal's pages: the public map, a public report with
follow and "me too", the follower's links, "already reported nearby" and "still not
fixed". Thin: parse, call engagement's services or selectors, render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Case, Status
from catalogue.models import Service
from core.languages import Localised, localised
from core.ratelimit import client_ip, hit
from engagement import selectors as eng
from engagement.models import Follow, FollowChannel
from engagement.services import (
    EngagementError,
    follow_confirm,
    follow_start,
    follow_unsubscribe,
    me_too_add,
    me_too_key,
    not_fixed_report,
    not_fixed_window_open,
)
from portal import selectors
from portal.dates import format_day
from portal.forms import MessageForm, parse_photos, without_nul
from portal.models import VerifiedEmail
from portal.photos import MAX_PHOTOS
from portal.views.base import (
    case_for_session as _case_for_session,
)
from portal.views.base import (
    page_language as _language,
)
from portal.views.base import (
    portal_url as _url,
)
from portal.views.base import (
    portal_view,
)
from portal.views.base import (
    remember_case as _remember_case,
)
from portal.views.base import (
    render_page as _page,
)
from portal.views.base import (
    service_or_404 as _service_or_404,
)
from residents.models import Resident

# --- Views of cases for the public ----------------------------------------------------------


@dataclass(frozen=True)
class PublicCase:
    """What anyone may see of a case: no description, address or contact; a rounded point."""

    number: str
    service_name: Localised
    service_code: str
    status: str
    status_label: str
    is_open: bool
    reported: str
    promised: str
    overdue: bool
    point: tuple[float, float] | None
    me_too_count: int
    follower_count: int
    distance_m: int | None = None


def _service_name(service: Service, language: str) -> Localised:
    if hasattr(service, "_prefetched_objects_cache") and "translations" in getattr(
        service, "_prefetched_objects_cache", {}
    ):
        return localised(service, language, "name")
    return localised(
        Service.objects.prefetch_related("translations").get(pk=service.pk), language, "name"
    )


def public_view(
    case: Case,
    language: str,
    *,
    now: dt.datetime,
    counts: tuple[int, int] | None = None,
    distance_m: int | None = None,
) -> PublicCase:
    jurisdiction = case.jurisdiction
    if counts is None:
        interest = getattr(case, "interest", None) if _loaded(case, "interest") else None
        counts = (interest.me_too_count, interest.follower_count) if interest else (0, 0)
    return PublicCase(
        number=case.tracking_number,
        service_name=_service_name(case.service, language),
        service_code=case.service.service_code,
        status=case.status,
        status_label=str(Status(case.status).label),
        is_open=case.is_open,
        reported=format_day(case.created_at, jurisdiction),
        promised=format_day(case.resolution_due, jurisdiction),
        overdue=case.is_open and case.resolution_due < now,
        point=eng.public_point(case.lat, case.long),
        me_too_count=counts[0],
        follower_count=counts[1],
        distance_m=distance_m,
    )


def _loaded(case: Case, name: str) -> bool:
    return name in case._state.fields_cache


# --- The map --------------------------------------------------------------------------------


def _outline(points: list[tuple[float, float]], center: str) -> dict[str, Any]:
    """A static outline: the page's reports as dots in a box, drawn by the server (no tiles,
    no script), so the map says something even offline."""
    width, height, pad = 600, 360, 20
    if not points:
        return {"width": width, "height": height, "dots": []}
    lats = [p[0] for p in points]
    longs = [p[1] for p in points]
    span_lat = max(max(lats) - min(lats), 0.01)
    span_long = max(max(longs) - min(longs), 0.01)
    dots = []
    for lat, long in points:
        x = pad + (long - min(longs)) / span_long * (width - 2 * pad)
        y = pad + (max(lats) - lat) / span_lat * (height - 2 * pad)
        dots.append((round(x, 1), round(y, 1)))
    return {"width": width, "height": height, "dots": dots}


@require_GET
@portal_view
def public_map(request: HttpRequest) -> HttpResponse:

    language = _language(request)
    jurisdiction = request.jurisdiction  # type: ignore[attr-defined]
    services = eng.public_services(jurisdiction)
    codes = {s.service_code for s in services}
    service_code = request.GET.get("service", "")
    service_code = service_code if service_code in codes else ""
    status = request.GET.get("status", "all")
    status = status if status in eng.MAP_STATUSES else "all"
    try:
        number = max(1, min(int(request.GET.get("page", "1")), 400))
    except ValueError:
        number = 1
    size = settings.ENGAGEMENT_MAP_PAGE_SIZE
    now = timezone.now()
    rows = list(
        eng.map_cases(
            jurisdiction=jurisdiction, service_code=service_code, status=status, now=now
        ).prefetch_related("service__translations")[(number - 1) * size : number * size + 1]
    )
    has_next = len(rows) > size
    rows = rows[:size]
    for case in rows:
        case.jurisdiction = jurisdiction
    items = [public_view(c, language, now=now) for c in rows]
    query = QueryDict(mutable=True)
    if service_code:
        query["service"] = service_code
    if status != "all":
        query["status"] = status
    base = query.urlencode()

    def page_url(n: int) -> str:
        q = query.copy()
        q["page"] = str(n)
        return "?" + q.urlencode()

    named = Service.objects.filter(pk__in=[s.pk for s in services]).prefetch_related("translations")
    return _page(
        request,
        "portal/map.html",
        {
            "items": items,
            "services": [(s.service_code, localised(s, language, "name")) for s in named],
            "service_code": service_code,
            "status": status,
            "statuses": [
                ("all", _("Open and recently fixed")),
                ("open", _("Open")),
                ("overdue", _("Overdue")),
                ("resolved", _("Fixed recently")),
            ],
            "page_number": number,
            "next_url": page_url(number + 1) if has_next else "",
            "prev_url": page_url(number - 1) if number > 1 else "",
            "filtered": bool(base),
            "outline": _outline([i.point for i in items if i.point], settings.PORTAL_MAP_CENTER),
            "map_tiles": settings.MAP_TILES,
            "map_attribution": settings.MAP_TILES_ATTRIBUTION,
            "resolved_days": settings.ENGAGEMENT_MAP_RESOLVED_DAYS,
        },
    )


# --- One public report: follow and "me too" -------------------------------------------------


def _public_case_or_404(number: str) -> Case:
    case = eng.public_case(number)
    if case is None or not eng.is_on_map(case):
        raise Http404(_("There is no public report with this number."))
    return case


def _signed_in_resident(request: HttpRequest) -> tuple[Resident | None, bool]:
    """The signed-in resident (web only) and whether their address is verified."""
    if getattr(request, "kiosk", False) or not request.user.is_authenticated:
        return None, False
    resident = Resident.objects.filter(user=request.user).first()
    verified = VerifiedEmail.objects.filter(user=request.user).exists()
    return resident, bool(resident and resident.email and verified)


def report_context(
    request: HttpRequest, case: Case, *, errors: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:

    language = _language(request)
    counts = eng.interest_counts([case.pk]).get(case.pk, (0, 0))
    _resident, verified = _signed_in_resident(request)
    return {
        "report": public_view(case, language, now=timezone.now(), counts=counts),
        "errors": errors or {},
        "values": extra.pop("values", {"channel": "email", "language": language}),
        "signed_in_verified": verified,
        "follow_channels": FollowChannel.choices,
        **extra,
    }


@require_GET
@portal_view
def public_report(request: HttpRequest, number: str) -> HttpResponse:

    case = _public_case_or_404(number)
    return _page(request, "portal/report.html", report_context(request, case))


@require_POST
@portal_view
def report_follow(request: HttpRequest, number: str) -> HttpResponse:

    case = _public_case_or_404(number)
    if not hit("portal-follow", client_ip(request), limit=20, window_seconds=3600):
        return _page(request, "portal/too_many.html", {}, status=429)
    language = _language(request)
    channel = request.POST.get("channel", "email")
    email = without_nul(request.POST.get("email", ""))[:254].strip()
    phone = without_nul(request.POST.get("phone", ""))[:40].strip()
    values = {"channel": channel, "email": email, "phone": phone, "language": language}
    resident, verified = _signed_in_resident(request)
    if resident is not None and not verified and channel == "email" and not email:
        email = resident.email  # a link to the account's address still proves it
    errors: dict[str, str] = {}
    follow: Follow | None = None
    try:
        if verified and request.POST.get("as_account"):
            follow = follow_start(
                case=case, channel=FollowChannel.EMAIL, resident=resident, verified=True,
                language=language,
            )  # fmt: skip
        else:
            follow = follow_start(
                case=case, channel=channel, email=email, phone=phone, language=language
            )
        if request.POST.get("me_too"):
            me_too_add(case=case, key=me_too_key(resident_id=follow.resident_id))
    except ValidationError as exc:
        errors = {k: v[0] for k, v in exc.message_dict.items()}
    except EngagementError as exc:
        errors = {"follow": str(exc)}
    if errors or follow is None:
        context = report_context(request, case, errors=errors, values=values)
        return _page(request, "portal/report.html", context, status=400)
    if follow.is_active:
        return HttpResponseRedirect(reverse("portal:follow_manage", args=[follow.token]))
    if follow.channel == FollowChannel.SMS:
        # The code page: its address is the follow's link, useless without the texted code.
        return HttpResponseRedirect(reverse("portal:follow_confirm", args=[follow.token]))
    return _page(
        request,
        "portal/follow_check.html",
        {"report": report_context(request, case)["report"], "channel": follow.channel},
    )


@require_POST
@portal_view
def report_me_too(request: HttpRequest, number: str) -> HttpResponse:

    case = _public_case_or_404(number)
    if not hit("portal-me-too", client_ip(request), limit=30, window_seconds=3600):
        return _page(request, "portal/too_many.html", {}, status=429)
    resident, _verified = _signed_in_resident(request)
    if resident is not None:
        key = me_too_key(resident_id=resident.pk)
    else:
        if not request.session.session_key:
            request.session.save()
        key = me_too_key(session_key=request.session.session_key or "")
    try:
        counted = me_too_add(case=case, key=key, resident=resident)
    except EngagementError as exc:
        context = report_context(request, case, errors={"me_too": str(exc)})
        return _page(request, "portal/report.html", context, status=400)
    context = report_context(request, case, me_too_done=True, me_too_counted=counted)
    return _page(request, "portal/report.html", context)


# --- "Already reported nearby" --------------------------------------------------------------


def nearby_for(request: HttpRequest, service: Service, lat: Any, long: Any) -> list[PublicCase]:

    try:
        lat_f, long_f = float(lat), float(long)
    except (TypeError, ValueError):
        return []
    if not (-90 <= lat_f <= 90 and -180 <= long_f <= 180):
        return []
    now = timezone.now()
    language = _language(request)
    found = eng.nearby_open_cases(service=service, lat=lat_f, long=long_f, now=now)
    out = []
    for item in found:
        item.case.jurisdiction = request.jurisdiction  # type: ignore[attr-defined]
        out.append(
            public_view(
                item.case,
                language,
                now=now,
                counts=(item.me_too_count, 0),
                distance_m=item.distance_m,
            )
        )
    return out


@require_GET
@portal_view
def service_nearby(request: HttpRequest, code: str) -> HttpResponse:
    """The "already reported nearby" fragment for the request form's script (map.js)."""

    if not hit("portal-nearby", client_ip(request), limit=600, window_seconds=600):
        return HttpResponse(status=429)
    service = _service_or_404(request, code)
    offers = nearby_for(request, service, request.GET.get("lat"), request.GET.get("long"))
    return _page(request, "portal/_nearby.html", {"offers": offers, "live": True})


def hidden_copy(post: QueryDict, skip: set[str]) -> list[tuple[str, str]]:
    """The submitted form as hidden fields, to send it again unchanged ("send anyway")."""
    return [
        (name, value)
        for name, values in post.lists()
        if name not in skip and name != "csrfmiddlewaretoken"
        for value in values
    ]


# --- The follower's links ---------------------------------------------------------------------


def _follow_or_404(token: str) -> Follow:
    follow = eng.follow_by_token(token)
    if follow is None:
        raise Http404(_("This link is not valid. It may have been replaced by a newer one."))
    return follow


@require_http_methods(["GET", "POST"])
@portal_view
def follow_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the page with one button (a link scanner's visit confirms nothing); POST: confirm.
    A text-message follow types the code it was sent here."""

    follow = _follow_or_404(token)
    report = public_view(follow.case, _language(request), now=timezone.now())
    error = ""
    if request.method == "POST":
        if not hit("portal-follow-code", client_ip(request), limit=30, window_seconds=3600):
            return _page(request, "portal/too_many.html", {}, status=429)
        try:
            follow = follow_confirm(follow=follow, code=request.POST.get("code", "")[:20])
        except EngagementError as exc:
            error = str(exc)
        else:
            return HttpResponseRedirect(reverse("portal:follow_manage", args=[follow.token]))
    return _page(
        request,
        "portal/follow_confirm.html",
        {"follow": follow, "report": report, "error": error, "needs_code": bool(follow.code_hash)},
        status=400 if error else 200,
    )


@require_GET
@portal_view
def follow_manage(request: HttpRequest, token: str) -> HttpResponse:

    follow = _follow_or_404(token)
    if not follow.is_active and follow.unsubscribed_at is None:
        return HttpResponseRedirect(reverse("portal:follow_confirm", args=[token]))
    return _page(request, "portal/follow_manage.html", follow_context(follow, _language(request)))


def follow_context(follow: Follow, language: str, **extra: Any) -> dict[str, Any]:
    case = follow.case
    return {
        "follow": follow,
        "report": public_view(case, language, now=timezone.now()),
        "can_say_not_fixed": follow.is_active and not_fixed_window_open(case),
        "not_fixed_days": settings.ENGAGEMENT_NOT_FIXED_DAYS,
        "max_photos": MAX_PHOTOS,
        "not_fixed_url": reverse("portal:follow_not_fixed", args=[follow.token]),
        **extra,
    }


@csrf_exempt  # RFC 8058 one-click: a mail client POSTs with no form of ours; the token is the proof
@require_http_methods(["GET", "POST"])
@portal_view
def follow_unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:

    follow = _follow_or_404(token)
    if request.method == "POST":
        follow = follow_unsubscribe(follow=follow)
        return _page(request, "portal/follow_stopped.html", {"follow": follow, "done": True})
    return _page(request, "portal/follow_stopped.html", {"follow": follow, "done": False})


def _not_fixed(request: HttpRequest, case: Case, resident: Resident | None) -> tuple[str, Any]:
    """Parse and file a "still not fixed"; (error, report)."""
    body = without_nul(request.POST.get("details", ""))[:4000]
    photos, photo_error = parse_photos(request.FILES)
    if photo_error:
        return photo_error, None
    try:
        report = not_fixed_report(case=case, body=body, photos=photos, resident=resident)
    except (EngagementError, ValidationError) as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        return message, None
    return "", report


@require_POST
@portal_view
def follow_not_fixed(request: HttpRequest, token: str) -> HttpResponse:

    follow = _follow_or_404(token)
    if not follow.is_active:
        raise Http404(_("This link is not valid. It may have been replaced by a newer one."))
    if not hit("portal-not-fixed", client_ip(request), limit=10, window_seconds=3600):
        return _page(request, "portal/too_many.html", {}, status=429)
    error, report = _not_fixed(request, follow.case, follow.resident)
    follow.case.refresh_from_db()
    context = follow_context(
        follow, _language(request), not_fixed_error=error, not_fixed_report=report
    )
    return _page(request, "portal/follow_manage.html", context, status=400 if error else 200)


@require_POST
@portal_view
def case_not_fixed(request: HttpRequest, number: str) -> HttpResponse:
    """The reporter's "still not fixed", from their tracking page."""

    case = _case_for_session(request, number)
    if not hit("portal-not-fixed", client_ip(request), limit=10, window_seconds=3600):
        return _page(request, "portal/too_many.html", {}, status=429)
    error, report = _not_fixed(request, case, case.resident)
    if error:
        view = selectors.tracking_view(case, _language(request))
        return _page(
            request,
            "portal/case.html",
            {
                "track": view,
                "message_form": MessageForm(),
                "max_photos": MAX_PHOTOS,
                "not_fixed_error": error,
                "can_say_not_fixed": True,
                "not_fixed_days": settings.ENGAGEMENT_NOT_FIXED_DAYS,
            },
            status=400,
        )
    target = report.new_case or case
    if report.new_case is not None:
        _remember_case(request, report.new_case)
    return HttpResponseRedirect(_url(request, "case", target.tracking_number) + "?not_fixed=1")
