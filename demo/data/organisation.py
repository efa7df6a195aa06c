"""Who runs the demo city: jurisdictions, their calendars, departments, teams and staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

RIVERTON = "riverton.example.gov"
MILLBROOK = "millbrook.example.gov"


@dataclass(frozen=True)
class JurisdictionSpec:
    jurisdiction_id: str
    name: str
    timezone: str
    email: str
    phone: str
    website: str
    working_weekdays: str
    opens_at: dt.time
    closes_at: dt.time
    holiday_country: str
    holiday_subdivision: str
    # (month, day, name): a local closing day, added for last, this and next year.
    closures: tuple[tuple[int, int, str], ...] = ()
    # Rough centre of town, for case coordinates.
    centre: tuple[float, float] = (0.0, 0.0)
    zip_prefix: str = ""


JURISDICTIONS = (
    JurisdictionSpec(
        jurisdiction_id=RIVERTON,
        name="City of Riverton",
        timezone="America/New_York",
        email="311@riverton.example.gov",
        phone="+15555550311",
        website="https://riverton.example.gov",
        working_weekdays="12345",
        opens_at=dt.time(8, 0),
        closes_at=dt.time(17, 0),
        holiday_country="US",
        holiday_subdivision="NY",
        closures=((6, 12, "Riverton Founders' Day (city offices closed)"),),
        centre=(41.7004, -73.9210),
        zip_prefix="126",
    ),
    JurisdictionSpec(
        jurisdiction_id=MILLBROOK,
        name="Village of Millbrook",
        timezone="America/Chicago",
        email="office@millbrook.example.gov",
        phone="+15555550420",
        website="https://millbrook.example.gov",
        # A four-day week, longer days: shows that promises follow each calendar.
        working_weekdays="1234",
        opens_at=dt.time(7, 0),
        closes_at=dt.time(17, 30),
        holiday_country="US",
        holiday_subdivision="IL",
        centre=(41.8890, -88.2012),
        zip_prefix="601",
    ),
)


@dataclass(frozen=True)
class DepartmentSpec:
    slug: str
    name: str
    jurisdiction_id: str = RIVERTON
    parent: str = ""
    email: str = ""
    phone: str = ""


DEPARTMENTS = (
    DepartmentSpec("contact-centre", "311 Contact Centre", phone="+15555550311"),
    DepartmentSpec("public-works", "Public Works", email="publicworks@riverton.example.gov"),
    DepartmentSpec("streets", "Streets & Sidewalks", parent="public-works"),
    DepartmentSpec("traffic-lighting", "Traffic & Streetlights", parent="public-works"),
    DepartmentSpec("water", "Water Utility", email="water@riverton.example.gov"),
    DepartmentSpec("sanitation", "Sanitation & Recycling", email="trash@riverton.example.gov"),
    DepartmentSpec("parks", "Parks & Recreation", email="parks@riverton.example.gov"),
    DepartmentSpec("aquatics", "Aquatics", parent="parks"),
    DepartmentSpec("forestry", "Urban Forestry", parent="parks"),
    DepartmentSpec("finance", "Finance & Tax", email="tax@riverton.example.gov"),
    DepartmentSpec("building", "Building & Inspections", email="permits@riverton.example.gov"),
    DepartmentSpec("code-enforcement", "Code Enforcement", email="code@riverton.example.gov"),
    DepartmentSpec("village-services", "Village Services", jurisdiction_id=MILLBROOK),
)


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    departments: tuple[str, ...] = field(default_factory=tuple)
    language: str = "en"


# One password per role, printed by load_demo. Demo only: long, not common words
# alone, and obviously not for production.
DEMO_PASSWORDS = {
    "administrator": "civicdesk-demo-admin",
    "department_admin": "civicdesk-demo-deptadmin",
    "supervisor": "civicdesk-demo-supervisor",
    "agent": "civicdesk-demo-agent",
    "bre_officer": "civicdesk-demo-bre",
}

_PW = ("public-works", "streets", "traffic-lighting")

STAFF = (
    StaffSpec("admin", "Adrienne", "Cole", "administrator"),
    StaffSpec("sam", "Sam", "Okafor", "supervisor", ("contact-centre", *_PW, "water")),
    StaffSpec("sofia", "Sofía", "Herrera", "supervisor", ("sanitation", "code-enforcement"), "es"),
    StaffSpec("dana", "Dana", "Whitfield", "department_admin", ("parks", "aquatics", "forestry")),
    StaffSpec("dmitri", "Dmitri", "Volkov", "department_admin", ("building", "finance")),
    StaffSpec("alex", "Alex", "Nguyen", "agent", ("contact-centre", *_PW)),
    StaffSpec("bea", "Beatriz", "Santos", "agent", ("sanitation", "contact-centre"), "es"),
    StaffSpec("carlos", "Carlos", "Mendoza", "agent", ("code-enforcement",), "es"),
    StaffSpec("devon", "Devon", "Price", "agent", ("building",)),
    StaffSpec("emma", "Emma", "Lindqvist", "agent", ("finance", "contact-centre")),
    StaffSpec("farah", "Farah", "Haddad", "agent", ("parks", "aquatics", "forestry")),
    StaffSpec("gus", "Gus", "Ferreira", "agent", _PW),
    StaffSpec("hana", "Hana", "Kim", "agent", ("water", "public-works")),
    StaffSpec("ivan", "Ivan", "Petrov", "agent", ("sanitation", "code-enforcement")),
    StaffSpec("bruno", "Bruno", "Reyes", "bre_officer"),
    StaffSpec("morgan", "Morgan", "Lee", "agent", ("village-services",)),
)
