"""The programme's standard interview and the flag rules on its answers: one source for
the demo (bre/demo.py), the tests (tests/bre/conftest.py) and a city starting out.

Questions are Open311-like (`singlevaluelist`, `multivaluelist`, `number`, `date`,
`text`); a new version keeps the codes of the questions it keeps, so answers compare
across years (bre.services.instrument_publish).
"""

from __future__ import annotations

from typing import Any

from bre.models import FlagRule

INTERVIEW_V1: list[dict[str, Any]] = [
    {
        "code": "plans",
        "text": "Plans for the next three years",
        "text_es": "Planes para los próximos tres años",
        "datatype": "singlevaluelist",
        "required": True,
        "options": [
            {"key": "expand", "name": "Expand here", "name_es": "Crecer aquí"},
            {"key": "stay", "name": "Stay as we are", "name_es": "Seguir igual"},
            {"key": "downsize", "name": "Downsize", "name_es": "Reducir"},
            {"key": "relocate", "name": "Considering relocation", "name_es": "Pensando en mudarse"},
            {"key": "sell", "name": "Sell or close", "name_es": "Vender o cerrar"},
        ],
    },
    {
        "code": "employees",
        "text": "Employees at this site",
        "text_es": "Empleados en este sitio",
        "datatype": "number",
    },
    {
        "code": "hiring",
        "text": "Hard-to-fill positions",
        "text_es": "Puestos difíciles de cubrir",
        "datatype": "multivaluelist",
        "options": [
            {"key": "skilled_trades", "name": "Skilled trades", "name_es": "Oficios calificados"},
            {"key": "drivers", "name": "Drivers", "name_es": "Conductores"},
            {"key": "it", "name": "IT and software", "name_es": "Informática"},
            {"key": "health", "name": "Health care staff", "name_es": "Personal de salud"},
            {
                "key": "hospitality",
                "name": "Hospitality staff",
                "name_es": "Personal de hostelería",
            },
        ],
    },
    {
        "code": "barriers",
        "text": "Barriers to doing business here",
        "text_es": "Obstáculos para hacer negocios aquí",
        "datatype": "multivaluelist",
        "options": [
            {"key": "parking", "name": "Parking and loading", "name_es": "Estacionamiento y carga"},
            {"key": "broadband", "name": "Broadband", "name_es": "Banda ancha"},
            {"key": "skills", "name": "Finding skilled staff", "name_es": "Personal calificado"},
            {
                "key": "permits",
                "name": "Permits and inspections",
                "name_es": "Permisos e inspecciones",
            },
            {"key": "space", "name": "No room to grow", "name_es": "Sin espacio para crecer"},
            {"key": "taxes", "name": "Taxes and fees", "name_es": "Impuestos y tasas"},
        ],
    },
    {
        "code": "city_services",
        "text": "Satisfaction with city services (1 to 5)",
        "text_es": "Satisfacción con los servicios de la ciudad (1 a 5)",
        "datatype": "number",
    },
    {
        "code": "lease_ends",
        "text": "When the lease or mortgage term ends",
        "text_es": "Cuándo termina el arrendamiento o la hipoteca",
        "datatype": "date",
    },
    {
        "code": "needs",
        "text": "Anything the city could help with",
        "text_es": "¿En qué puede ayudar la ciudad?",
        "datatype": "text",
    },
]
# Version 2 (this year) adds a question on sales outside the region; the other codes
# are unchanged, so their answers compare with last year's.
INTERVIEW_V2: list[dict[str, Any]] = [
    *INTERVIEW_V1[:4],
    {
        "code": "exports",
        "text": "Share of sales outside the region",
        "text_es": "Parte de las ventas fuera de la región",
        "datatype": "singlevaluelist",
        "options": [
            {"key": "none", "name": "None", "name_es": "Ninguna"},
            {"key": "some", "name": "Under a quarter", "name_es": "Menos de una cuarta parte"},
            {"key": "most", "name": "A quarter or more", "name_es": "Una cuarta parte o más"},
        ],
    },
    *INTERVIEW_V1[4:],
]

RULES = [
    ("plans", "is", "relocate", "red", "Considering relocation", "Pensando en mudarse", 14),
    ("plans", "is", "sell", "red", "Selling or closing", "Venta o cierre", 14),
    ("plans", "is", "downsize", "yellow", "Plans to downsize", "Planea reducirse", 30),
    ("city_services", "below", "3", "yellow", "Unhappy with city services",
     "Insatisfecha con los servicios municipales", 30),
    ("barriers", "includes", "space", "yellow", "No room to grow here",
     "Sin espacio para crecer", 45),
]  # fmt: skip


def flag_rules_install() -> list[FlagRule]:
    """The standard flag rules (e.g. "considering relocation" is red), once each."""
    return [
        FlagRule.objects.get_or_create(
            question_code=code,
            operator=op,
            value=value,
            defaults={"colour": colour, "title": title, "title_es": title_es, "due_days": days},
        )[0]
        for code, op, value, colour, title, title_es, days in RULES
    ]
