"""Errors the REST API answers as {"detail": ..., "errors": {field: [messages]}}."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ApiError(Exception):
    def __init__(
        self, status: int, detail: str, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors

    @classmethod
    def from_validation(cls, exc: ValidationError) -> ApiError:
        """A service's ValidationError (keyed by field or question code) as a 400."""
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        first = next(iter(errors.values()))[0] if errors else "Invalid input."
        return cls(400, first, errors)
