"""Pay a bill by its reference number (a tax instalment, a fine, a permit fee).

Thin: the bill is found by payments.selectors and paid through payments.services;
a wrong reference and a paid bill get the same answer, so the form cannot be used
to learn which references exist. Rate-limited by the real client address.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.ratelimit import client_ip, hit
from payments.selectors import unpaid_bill
from payments.services import bill_payment_start
from portal.views.base import portal_view, render_page

LOOKUPS_PER_HOUR = 20


class BillForm(forms.Form):
    reference = forms.RegexField(
        label=gettext_lazy("Bill reference"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9\-]{2,39}$",
        max_length=40,
        help_text=gettext_lazy("It is printed at the top of your bill, e.g. TAX-2026-000123."),
        error_messages={
            "required": gettext_lazy("Enter the reference printed on your bill."),
            "invalid": gettext_lazy("Enter the reference as printed, e.g. TAX-2026-000123."),
        },
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address for the receipt"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter your email address."),
            "invalid": gettext_lazy("Enter an email address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@require_http_methods(["GET", "POST"])
@portal_view
def pay_bill(request: HttpRequest) -> HttpResponse:
    form = BillForm(request.POST or None)
    if request.method == "POST":
        if not hit("bills-lookup", client_ip(request), limit=LOOKUPS_PER_HOUR, window_seconds=3600):
            return render_page(request, "portal/too_many.html", {}, status=429)
        if form.is_valid():
            bill = unpaid_bill(request.jurisdiction, form.cleaned_data["reference"])  # type: ignore[attr-defined]
            if bill is None:
                form.add_error(
                    "reference",
                    _(
                        "We could not find an unpaid bill with that reference. "
                        "Check it and try again."
                    ),
                )
            else:
                try:
                    payment = bill_payment_start(
                        bill=bill,
                        payer_email=form.cleaned_data["email"],
                        language=get_language() or "en",
                    )
                except ValidationError as exc:
                    form.add_error("reference", exc.messages[0])
                else:
                    return HttpResponseRedirect(reverse("payments:pay", args=[payment.token]))
    status = 400 if request.method == "POST" else 200
    return render_page(request, "portal/pay_bill.html", {"form": form}, status=status)
