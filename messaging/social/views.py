"""The social-media tool's webhook: verify, parse, hand to the service, answer JSON."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from messaging.social.inbound import BadEvent, BadSignature, parse_event, verify
from messaging.social.services import handle_social_event

logger = logging.getLogger(__name__)
MAX_BODY = 64 * 1024


@csrf_exempt  # authenticated by the HMAC signature instead
@require_POST
def social_webhook(request: HttpRequest) -> JsonResponse:
    body = request.body
    if len(body) > MAX_BODY:
        return JsonResponse({"error": "The event is too large."}, status=413)
    try:
        verify(
            secret=settings.MESSAGING_SOCIAL_SECRET,
            timestamp=request.headers.get("X-CivicDesk-Timestamp", ""),
            signature=request.headers.get("X-CivicDesk-Signature", ""),
            body=body,
            max_skew=settings.MESSAGING_SOCIAL_MAX_SKEW_SECONDS,
        )
    except BadSignature as exc:
        logger.warning("Rejected a social webhook: %s", exc)
        return JsonResponse({"error": str(exc)}, status=403)
    try:
        event = parse_event(body)
    except BadEvent as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    result = handle_social_event(event)
    return JsonResponse(
        {
            "outcome": result.outcome,
            "tracking_number": result.case.tracking_number if result.case else None,
        }
    )
