"""Errors the case rules raise; their messages are for the person who acted."""

from __future__ import annotations


class CaseError(ValueError):
    """A request to change a case that the rules refuse; the message is for the user."""
