"""Twilio's webhook: validate the signature, hand the text to the service, answer in TwiML."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator

from messaging.sms.inbound import BadWebhook, parse_twilio_form
from messaging.sms.services import handle_inbound_sms

logger = logging.getLogger(__name__)


def twilio_signature_is_valid(request: HttpRequest) -> bool:
    """Twilio signs the public URL it called plus the form fields with our auth token.

    The URL is rebuilt from SITE_URL, not from Host headers, so it is right behind
    a proxy and cannot be steered by the client.
    """
    token = settings.MESSAGING_TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = settings.SITE_URL + request.get_full_path()
    return bool(RequestValidator(token).validate(url, request.POST.dict(), signature))


@csrf_exempt  # authenticated by Twilio's signature instead
@require_POST
def twilio_inbound(request: HttpRequest) -> HttpResponse:
    if not twilio_signature_is_valid(request):
        logger.warning("Rejected an SMS webhook with a bad or missing Twilio signature")
        return HttpResponseForbidden("Invalid signature.", content_type="text/plain")
    try:
        sms = parse_twilio_form(request.POST)
    except BadWebhook as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    result = handle_inbound_sms(sms)
    twiml = render_to_string("messaging/sms/twiml.xml", {"message": result.reply})
    return HttpResponse(twiml, content_type="text/xml; charset=utf-8")
