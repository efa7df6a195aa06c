"""Twilio's WhatsApp webhook: validate the signature, hand the message to the service, answer.

Copied from `sms/views.py` and changed; the signature check is SMS's (both are
Twilio's, signed with the same auth token over the public URL and the form).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from messaging.sms.views import twilio_signature_is_valid
from messaging.whatsapp.inbound import BadWebhook, parse_twilio_whatsapp_form
from messaging.whatsapp.services import handle_inbound_whatsapp

logger = logging.getLogger(__name__)


@csrf_exempt  # authenticated by Twilio's signature instead
@require_POST
def twilio_whatsapp_inbound(request: HttpRequest) -> HttpResponse:
    if not twilio_signature_is_valid(request):
        logger.warning("Rejected a WhatsApp webhook with a bad or missing Twilio signature")
        return HttpResponseForbidden("Invalid signature.", content_type="text/plain")
    try:
        message = parse_twilio_whatsapp_form(request.POST)
    except BadWebhook as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    result = handle_inbound_whatsapp(message)
    twiml = render_to_string("messaging/whatsapp/twiml.xml", {"message": result.reply})
    return HttpResponse(twiml, content_type="text/xml; charset=utf-8")
