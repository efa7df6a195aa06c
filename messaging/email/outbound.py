"""Renamed `messaging/email/transport.py` (every channel has a transport.py); kept for old imports.

`notifications` still imports it from here until the outbox work (issue 12)
moves sending into the per-channel sender registry; then this module can go.
"""

from messaging.email.transport import NoEmailAddress, build_case_email, message_id_domain

__all__ = ["NoEmailAddress", "build_case_email", "message_id_domain"]
