"""The email channel's transport, at the path every channel has: `messaging/<channel>/transport.py`.

The builder itself (our Message-ID, threading, loop-safe headers) is
`outbound.py`, whose name predates the common shape; it stays there so work in
flight that changes it merges cleanly. Import from here in new code.
"""

from messaging.email.outbound import (
    NoEmailAddress,
    build_case_email,
    message_id_domain,
    new_message_id,
    reply_address,
    subject_with_tracking,
)

__all__ = [
    "NoEmailAddress",
    "build_case_email",
    "message_id_domain",
    "new_message_id",
    "reply_address",
    "subject_with_tracking",
]
