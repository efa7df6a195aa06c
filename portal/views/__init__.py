"""Resident pages, one module per responsibility. Thin: parse, call a selector or service,
render.

- `base`: what every page shares (`portal_view`, `render_page`, the page language,
  which cases this visitor may see);
- `home`: home, the catalogue and its search, a service's page;
- `new_request`: the request form and its confirmation;
- `tracking`: finding a request, its page, a resident's message;
- `knowledge`: the knowledge base;
- `accounts`: sign up, in and out, "my requests", email verification, forgotten passwords;
- `kiosk`: the kiosk's own pages (language, reset, text receipt).

The URL conf (portal/urls.py) names the views through this package.
"""

from portal.views.accounts import (
    my_cases,
    password_reset,
    password_reset_complete,
    password_reset_confirm,
    password_reset_done,
    resend_verification,
    sign_in,
    sign_out,
    sign_up,
    verify_email,
)
from portal.views.base import portal_view
from portal.views.home import catalogue, home, service_detail
from portal.views.kiosk import kiosk_language, kiosk_reset, kiosk_text_receipt_view
from portal.views.knowledge import kb_article, kb_index, kb_suggest, kb_vote
from portal.views.new_request import request_form, submitted
from portal.views.surveys import case_survey, performance, survey_link
from portal.views.tracking import case_detail, case_message, case_photo, track

__all__ = [
    "case_detail",
    "case_message",
    "case_photo",
    "case_survey",
    "catalogue",
    "home",
    "kb_article",
    "kb_index",
    "kb_suggest",
    "kb_vote",
    "kiosk_language",
    "kiosk_reset",
    "kiosk_text_receipt_view",
    "my_cases",
    "password_reset",
    "password_reset_complete",
    "password_reset_confirm",
    "password_reset_done",
    "performance",
    "portal_view",
    "request_form",
    "resend_verification",
    "service_detail",
    "sign_in",
    "sign_out",
    "sign_up",
    "submitted",
    "survey_link",
    "track",
    "verify_email",
]
