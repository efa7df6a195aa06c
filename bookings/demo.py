"""Demo data for bookings, for the demo loader (demo/) to call.

create_demo_resources() is idempotent: running the demo loader twice leaves
one copy of each resource and its rules.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from bookings.models import BookableResource, BookableResourceTranslation, OpeningRule
from catalogue.models import Service
from organisations.models import Jurisdiction

_EVERY_DAY = range(1, 8)
_WEEKDAYS = range(1, 6)

# slug, name, address, description, follows office calendar, lead hours, horizon days,
# weekdays, opens, closes, slot minutes; shelters: their fee per 4-hour block in cents
# (the catalogue's park-shelter service says fees run from $35 to $150).
_SHELTERS = [  # the same shelters the catalogue's park-shelter form and the KB name
    (
        "riverside-park-shelter-a",
        "Riverside Park – Shelter A",
        "Riverside Park, 200 River Road",
        "Covered shelter by the playground: 8 picnic tables, grills, power outlets. Seats 60.",
        7500,
    ),
    (
        "riverside-park-shelter-b",
        "Riverside Park – Shelter B",
        "Riverside Park, 200 River Road",
        "Small shelter near the boat ramp: 4 picnic tables and a grill. Seats 30.",
        3500,
    ),
    (
        "hillcrest-park-pavilion",
        "Hillcrest Park – Pavilion",
        "Hillcrest Park, 15 Summit Avenue",
        "Large pavilion with restrooms and accessible parking. Seats 120.",
        15000,
    ),
    (
        "mill-pond-park-gazebo",
        "Mill Pond Park – Gazebo",
        "Mill Pond Park, 3 Mill Lane",
        "Gazebo by the pond with 3 picnic tables. Seats 20.",
        3500,
    ),
]
# slug: the Spanish name and description (the place names stay as they are).
_SPANISH = {
    "riverside-park-shelter-a": (
        "Parque Riverside – Refugio A",
        "Refugio cubierto junto al parque infantil: 8 mesas de pícnic, parrillas y enchufes. "
        "Capacidad para 60 personas.",
    ),
    "riverside-park-shelter-b": (
        "Parque Riverside – Refugio B",
        "Refugio pequeño cerca de la rampa para botes: 4 mesas de pícnic y una parrilla. "
        "Capacidad para 30 personas.",
    ),
    "hillcrest-park-pavilion": (
        "Parque Hillcrest – Pabellón",
        "Pabellón grande con baños y estacionamiento accesible. Capacidad para 120 personas.",
    ),
    "mill-pond-park-gazebo": (
        "Parque Mill Pond – Glorieta",
        "Glorieta junto al estanque con 3 mesas de pícnic. Capacidad para 20 personas.",
    ),
    "building-inspection-north": (
        "Inspección de obras – Equipo Norte",
        "Un inspector visita su propiedad en el distrito Norte. Debe estar presente una "
        "persona mayor de 18 años.",
    ),
    "building-inspection-south": (
        "Inspección de obras – Equipo Sur",
        "Un inspector visita su propiedad en el distrito Sur. Debe estar presente una "
        "persona mayor de 18 años.",
    ),
}
_INSPECTION_TEAMS = [
    ("building-inspection-north", "Building inspection – North team", "North district"),
    ("building-inspection-south", "Building inspection – South team", "South district"),
]


def _rules(resource: BookableResource, weekdays: range, opens: int, closes: int, slot: int) -> None:
    if resource.opening_rules.exists():
        return
    OpeningRule.objects.bulk_create(
        OpeningRule(
            resource=resource,
            weekday=day,
            opens_at=dt.time(opens),
            closes_at=dt.time(closes),
            slot_minutes=slot,
        )
        for day in weekdays
    )


@transaction.atomic
def create_demo_resources(
    jurisdiction: Jurisdiction,
    service_for_shelters: Service,
    service_for_inspections: Service,
) -> list[BookableResource]:
    """Three park shelters (every day, 08:00–20:00 in 4-hour blocks, outside the
    office calendar) and two inspection diaries (working days only, 09:00–16:00
    in 1-hour slots, 2 days' notice)."""
    made = []
    for slug, name, address, description, fee_cents in _SHELTERS:
        resource, _ = BookableResource.objects.update_or_create(
            slug=slug,
            defaults={"fee_cents": fee_cents},
            create_defaults={
                "fee_cents": fee_cents,
                "service": service_for_shelters,
                "jurisdiction": jurisdiction,
                "name": name,
                "address": address,
                "description": description,
                "follows_office_calendar": False,
                "lead_time_hours": 24,
                "horizon_days": 180,
            },
        )
        _rules(resource, _EVERY_DAY, 8, 20, 240)
        made.append(resource)
    for slug, name, area in _INSPECTION_TEAMS:
        resource, _ = BookableResource.objects.get_or_create(
            slug=slug,
            defaults={
                "service": service_for_inspections,
                "jurisdiction": jurisdiction,
                "name": name,
                "address": "",
                "description": f"An inspector visits your property in the {area}. "
                "Someone aged 18 or over must be present.",
                "follows_office_calendar": True,
                "asks_for_address": True,
                "lead_time_hours": 48,
                "horizon_days": 60,
            },
        )
        _rules(resource, _WEEKDAYS, 9, 16, 60)
        made.append(resource)
    for resource in made:
        name, description = _SPANISH[resource.slug]
        BookableResourceTranslation.objects.update_or_create(
            resource=resource, language="es", defaults={"name": name, "description": description}
        )
    return made
