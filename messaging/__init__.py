"""Channels into the one queue: email, SMS, social media (one sub-package each, same shape)."""
