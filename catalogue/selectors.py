"""Reads of the service catalogue that more than one door needs."""

from __future__ import annotations

from catalogue.models import Service


def service_by_code(
    *, jurisdiction_id: int, service_code: str, active_only: bool = False
) -> Service | None:
    """The service with this code in the jurisdiction, or None.

    `active_only=False` finds a retired one too, so the caller can say why it takes no
    requests (case_validate does) instead of "not found".
    """
    services = Service.objects.select_related("jurisdiction").filter(
        jurisdiction_id=jurisdiction_id, service_code=service_code
    )
    if active_only:
        services = services.filter(is_active=True)
    return services.first()
