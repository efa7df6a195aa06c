"""Out to the sockets: live chat's transport is the Channels layer.

Services write first (the reply is on the case's timeline), then push the event
to a group once the transaction commits; the consumers in each web process
deliver it to their sockets.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def push(group: str, message: dict[str, Any]) -> None:
    """Send `message` to every socket in `group` (a chat session, or every staff panel)."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, message)
