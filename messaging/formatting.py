"""Moved to `calendars.formatting` (a domain helper every door uses); kept for old imports.

`notifications` still imports it from here until the outbox work moves sending
out of it (issue 12); then this module can go.
"""

from calendars.formatting import promised_day

__all__ = ["promised_day"]
