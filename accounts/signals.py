"""Signals of the staff sign-in, for apps above this one (the audit trail listens)."""

from django.dispatch import Signal

# Sent with request, user and method ("totp", "recovery", "passkey") when a second
# factor is proved, and with request, user and method when one is refused.
second_factor_verified = Signal()
second_factor_failed = Signal()
