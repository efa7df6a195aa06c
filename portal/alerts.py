"""Area alerts, the resident's side: subscribe, confirm, unsubscribe, and the Atom feeds.

Thin: the rules are alerts.services; what a feed shows is alerts.selectors (public
fields only). The token in each link is the subscriber's key, so the one-click
unsubscribe (RFC 8058) is a POST without a CSRF token.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from alerts.models import AreaAlert
from alerts.selectors import AlertItem, alert_by_token, area_digest, area_feed
from alerts.services import (
    MAX_RADIUS_M,
    MIN_RADIUS_M,
    AreaChoice,
    alert_confirm,
    alert_subscribe,
    alert_unsubscribe,
)
from catalogue.models import Service
from core.languages import localised
from core.ratelimit import client_ip, hit
from portal.views.base import portal_view, render_page

SUBSCRIBES_PER_HOUR = 10
ZIP_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z \-]{1,10}$"


class AreaAlertForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter your email address."),
            "invalid": gettext_lazy("Enter an email address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    zipcode = forms.RegexField(
        label=gettext_lazy("ZIP code"),
        regex=ZIP_PATTERN,
        required=False,
        max_length=12,
        help_text=gettext_lazy("Reports in this ZIP code. Or leave it empty and give a point."),
        error_messages={"invalid": gettext_lazy("Enter a ZIP code like 12345.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    lat = forms.DecimalField(
        label=gettext_lazy("Latitude"),
        required=False,
        min_value=Decimal(-90),
        max_value=Decimal(90),
        max_digits=9,
        decimal_places=6,
        error_messages={"invalid": gettext_lazy("Enter a latitude like 41.878.")},
    )
    long = forms.DecimalField(
        label=gettext_lazy("Longitude"),
        required=False,
        min_value=Decimal(-180),
        max_value=Decimal(180),
        max_digits=9,
        decimal_places=6,
        error_messages={"invalid": gettext_lazy("Enter a longitude like -87.629.")},
    )
    radius_m = forms.IntegerField(
        label=gettext_lazy("Distance around the point, in metres"),
        required=False,
        min_value=MIN_RADIUS_M,
        max_value=MAX_RADIUS_M,
        error_messages={"invalid": gettext_lazy("Enter a whole number of metres.")},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        point = [data.get("lat"), data.get("long"), data.get("radius_m")]
        if not data.get("zipcode") and None in point and not self.errors:
            raise ValidationError(_("Give a ZIP code, or a latitude, a longitude and a distance."))
        return data


def _services(request: HttpRequest) -> list[Service]:
    return list(
        Service.objects.filter(jurisdiction=request.jurisdiction, is_active=True)  # type: ignore[attr-defined]
        .prefetch_related("translations")
        .order_by("name")
    )


def _alert_or_404(token: str) -> AreaAlert:
    alert = alert_by_token(token)
    if alert is None:
        raise Http404
    return alert


@require_http_methods(["GET", "POST"])
@portal_view
def subscribe(request: HttpRequest) -> HttpResponse:
    """Choose an area and services; a confirmation link is emailed."""
    services = _services(request)
    language = get_language() or "en"
    choices = [(str(s.pk), localised(s, language, "name")) for s in services]
    form = AreaAlertForm(request.POST or None)
    chosen = request.POST.getlist("services") if request.method == "POST" else []
    services_error = ""
    if request.method == "POST":
        if not hit(
            "alerts-subscribe", client_ip(request), limit=SUBSCRIBES_PER_HOUR, window_seconds=3600
        ):
            return render_page(request, "portal/too_many.html", {}, status=429)
        by_pk = {str(s.pk): s for s in services}
        picked = [by_pk[pk] for pk in chosen[:200] if pk in by_pk]
        if len(picked) != len(set(chosen[:200])):
            services_error = _("Choose services from the list.")
        if form.is_valid() and not services_error:
            data = form.cleaned_data
            try:
                alert_subscribe(
                    jurisdiction=request.jurisdiction,  # type: ignore[attr-defined]
                    email=data["email"],
                    language=language,
                    area=AreaChoice(
                        zipcode=(data.get("zipcode") or "").strip(),
                        lat=data.get("lat"),
                        long=data.get("long"),
                        radius_m=data.get("radius_m"),
                    ),
                    services=picked,
                )
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    if name == "services":
                        services_error = messages[0]
                    else:
                        form.add_error(name if name in form.fields else None, messages[0])
            else:
                return HttpResponseRedirect(reverse("alerts:sent"))
    status = 400 if request.method == "POST" else 200
    return render_page(
        request,
        "portal/alerts/subscribe.html",
        {
            "form": form,
            "service_choices": choices,
            "chosen": set(chosen),
            "services_error": services_error,
        },
        status=status,
    )


@require_GET
@portal_view
def sent(request: HttpRequest) -> HttpResponse:
    return render_page(request, "portal/alerts/sent.html", {})


@require_http_methods(["GET", "POST"])
@portal_view
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A button, not the link itself: mail scanners follow links, people press buttons."""
    alert = _alert_or_404(token)
    if request.method == "POST":
        alert_confirm(alert=alert)
        return render_page(request, "portal/alerts/confirmed.html", {"alert": alert})
    return render_page(request, "portal/alerts/confirm.html", {"alert": alert})


@csrf_exempt
@require_http_methods(["GET", "POST"])
@portal_view
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks; POST (a person's button or a mail client's one-click) removes it."""
    alert = alert_by_token(token)
    if request.method == "POST":
        if alert is not None:
            alert_unsubscribe(alert=alert)
        return render_page(request, "portal/alerts/unsubscribed.html", {})
    if alert is None:
        return render_page(request, "portal/alerts/unsubscribed.html", {})
    return render_page(request, "portal/alerts/unsubscribe.html", {"alert": alert})


def _atom(request: HttpRequest, *, title: str, items: list[AlertItem]) -> HttpResponse:
    feed = Atom1Feed(
        title=title,
        link=request.build_absolute_uri(reverse("portal:home")),
        description=title,
        language=get_language() or "en",
        feed_url=request.build_absolute_uri(),
    )
    for item in items:
        where = item.zipcode or _("no ZIP code")
        feed.add_item(
            title=f"{item.service_name}: {item.status_label} ({where})",
            link=request.build_absolute_uri(reverse("portal:home")),
            description=_("Opened %(opened)s. Promised by %(promised)s.")
            % {
                "opened": item.opened_at.date().isoformat(),
                "promised": item.promised_by.date().isoformat(),
            },
            unique_id=f"urn:civicdesk:request:{item.tracking_number}:{item.status}",
            updateddate=item.resolved_at or item.opened_at,
            pubdate=item.opened_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@require_GET
@portal_view
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """This subscription's area: what opened and resolved in the last two weeks."""
    alert = _alert_or_404(token)
    now = timezone.now()
    digest = area_digest(alert, since=now - dt.timedelta(days=14), until=now)
    items = sorted([*digest.opened, *digest.resolved], key=lambda i: i.opened_at, reverse=True)
    return _atom(request, title=_("Reports near you"), items=items)


@require_GET
@portal_view
def public_feed(request: HttpRequest) -> HttpResponse:
    """Anyone's feed of new reports, by ZIP code and service: no subscription needed."""
    zipcode = request.GET.get("zip", "")[:12]
    service_codes = request.GET.getlist("service")[:20]
    if zipcode and not re.match(ZIP_PATTERN, zipcode):
        return HttpResponse(
            _("Enter a ZIP code like 12345."), status=400, content_type="text/plain"
        )
    service_ids = list(
        Service.objects.filter(
            jurisdiction=request.jurisdiction,  # type: ignore[attr-defined]
            service_code__in=[code[:100] for code in service_codes],
        ).values_list("pk", flat=True)
    )
    if service_codes and not service_ids:
        return HttpResponse(_("No such service."), status=400, content_type="text/plain")
    items = area_feed(
        request.jurisdiction,  # type: ignore[attr-defined]
        zipcode=zipcode,
        service_ids=service_ids,
        now=timezone.now(),
        language=get_language() or "en",
    )
    return _atom(request, title=_("New reports"), items=items)
