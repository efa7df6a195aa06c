"""`{% chat_staff_online as online %}`: is anybody there to chat, as the page is drawn?

The widget's button says "Chat with us" only then; otherwise it says messages
are answered later (the panel offers to leave a request). Two small queries.
"""

from __future__ import annotations

from django import template

from messaging.channel_cases import default_service
from messaging.chat.presence import staff_online

register = template.Library()


@register.simple_tag
def chat_staff_online() -> bool:
    return staff_online(service=default_service())
