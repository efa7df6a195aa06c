"""The demo BRE programme for Riverton: a register of 64 businesses across sectors, two
years of visits with interview answers (two versions of the instrument), flags from the
programme's rules, opportunities won and lost, follow-ups filed as cases, a macro-issue
linking Main Street businesses and cases, goals and planned time against logged time.

Called once from demo.services.load_demo (`load_bre_demo`); everything goes through
bre.services, as a real programme's would. A re-run leaves an existing register alone.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from bre import services
from bre.interview import INTERVIEW_V1, INTERVIEW_V2, flag_rules_install
from bre.models import Business, Instrument, Stakeholder, TimeEntry
from cases.models import Case, Status
from cases.services import case_acknowledge, case_change_status
from catalogue.models import Service
from organisations.models import Jurisdiction

MANAGER_USERNAME = "marta"
MANAGER_PASSWORD = "civicdesk-demo-bre-manager"  # noqa: S105 - demo only, printed by load_demo

STAKEHOLDERS = [
    ("Riverton Chamber of Commerce", "chamber"),
    ("Mid-Hudson Workforce Board", "workforce"),
    ("Riverton Gas & Electric", "utility"),
    ("State Economic Development Agency", "state"),
    ("Riverton Community College", "college"),
    ("Hudson Valley Small Business Fund", "lender"),
]

# (legal name, trading name, NAICS, employees band, ownership, key company, street)
BUSINESSES = [
    (
        "Riverton Bread Company LLC",
        "Main Street Bakery",
        "311812",
        "10-49",
        "family",
        False,
        "Main Street",
    ),
    ("Hudson Precision Machining Inc.", "", "332710", "50-249", "local", True, "Mill Road"),
    (
        "Valley Fresh Foods Corp.",
        "Valley Fresh",
        "311991",
        "250-999",
        "regional",
        True,
        "River Road",
    ),
    ("Riverton Steel Fabricators LLC", "", "332312", "50-249", "family", True, "Mill Pond Road"),
    (
        "Northline Logistics Inc.",
        "Northline",
        "493110",
        "250-999",
        "national",
        True,
        "North Avenue",
    ),
    ("Mill Pond Brewing Co.", "", "312120", "10-49", "local", False, "Mill Pond Road"),
    (
        "Riverton Regional Medical Group PC",
        "",
        "621111",
        "250-999",
        "nonprofit",
        True,
        "College Avenue",
    ),
    ("Cannon Street Dental PLLC", "", "621210", "10-49", "local", False, "Cannon Street"),
    (
        "Oak Street Hardware Inc.",
        "Oak Street Hardware",
        "444130",
        "10-49",
        "family",
        False,
        "Oak Street",
    ),
    (
        "Grand Avenue Grocers LLC",
        "Grand Grocers",
        "445110",
        "50-249",
        "local",
        False,
        "Grand Avenue",
    ),
    ("Riverside Plastics Corp.", "", "326199", "250-999", "foreign", True, "Riverside Drive"),
    (
        "Academy Software Labs Inc.",
        "Academy Labs",
        "541511",
        "50-249",
        "local",
        True,
        "Academy Street",
    ),
    ("Hudson Valley Credit Union", "", "522130", "50-249", "cooperative", True, "Market Street"),
    ("Market Street Books LLC", "The Book Nook", "451211", "1-9", "local", False, "Market Street"),
    ("Maple Avenue Auto Repair Inc.", "", "811111", "10-49", "family", False, "Maple Avenue"),
    ("Riverton Print & Sign Co.", "", "323111", "10-49", "local", False, "Union Street"),
    ("Church Street Café LLC", "Café Iglesia", "722515", "10-49", "local", False, "Main Street"),
    ("Liberty Street Architects PC", "", "541310", "10-49", "local", False, "Liberty Street"),
    ("Garden Street Florist", "", "453110", "1-9", "family", False, "Garden Street"),
    ("Riverton Cold Storage Inc.", "", "493120", "50-249", "regional", True, "River Road"),
    (
        "Pine Street Daycare Center",
        "Little Pines",
        "624410",
        "10-49",
        "nonprofit",
        False,
        "Pine Street",
    ),
    ("Cedar Lane Senior Living LLC", "", "623312", "50-249", "national", False, "Cedar Lane"),
    ("Hudson Electrical Contractors Inc.", "", "238210", "50-249", "family", False, "Mill Road"),
    ("Orchard Lane Farms LLC", "", "111331", "10-49", "family", False, "Orchard Lane"),
    ("Riverton Paper Products Corp.", "", "322211", "250-999", "national", True, "Mill Pond Road"),
    ("Fairview Insurance Agency", "", "524210", "1-9", "local", False, "Fairview Avenue"),
    ("Washington Street Pharmacy Inc.", "", "456110", "10-49", "local", False, "Washington Street"),
    (
        "Spring Street Fitness LLC",
        "Spring Fitness",
        "713940",
        "10-49",
        "local",
        False,
        "Spring Street",
    ),
    (
        "Riverton Hotel Partners LLC",
        "The Riverton Inn",
        "721110",
        "50-249",
        "regional",
        True,
        "Main Street",
    ),
    ("Hillcrest Veterinary Clinic", "", "541940", "10-49", "local", False, "Hillcrest Drive"),
    ("Elm Street Tailors", "", "811490", "1-9", "family", False, "Elm Street"),
    ("Riverton Concrete Supply Inc.", "", "327320", "50-249", "regional", False, "North Avenue"),
    ("Hudson Biotech Inc.", "", "325414", "50-249", "foreign", True, "College Avenue"),
    ("Union Street Legal Services PC", "", "541110", "10-49", "local", False, "Union Street"),
    ("Main Street Music Hall LLC", "", "711310", "10-49", "local", False, "Main Street"),
    ("Riverton Waste & Recycling Inc.", "", "562111", "50-249", "regional", False, "River Road"),
    ("Academy Tutoring Center", "", "611691", "1-9", "local", False, "Academy Street"),
    ("Grand Avenue Furniture Co.", "", "442110", "10-49", "family", False, "Grand Avenue"),
    ("Riverton Home Health Care Inc.", "", "621610", "250-999", "local", True, "Washington Street"),
    ("Mill Road Cabinetry LLC", "", "337110", "10-49", "family", False, "Mill Road"),
    ("Riverside Marina LLC", "", "713930", "1-9", "family", False, "Riverside Drive"),
    ("Hudson Valley Engineering PC", "", "541330", "50-249", "local", False, "Liberty Street"),
    ("North Avenue Truck Center Inc.", "", "423110", "50-249", "regional", False, "North Avenue"),
    (
        "Riverton Solar Installers LLC",
        "SunRiver",
        "238220",
        "10-49",
        "local",
        False,
        "Spring Street",
    ),
    ("Main Street Optical", "", "446130", "1-9", "local", False, "Main Street"),
    ("Cannon Street Deli", "", "722513", "1-9", "family", False, "Main Street"),
    ("Riverton Data Center LLC", "", "518210", "10-49", "national", True, "Mill Pond Road"),
    ("Maple Leaf Bakery Wholesale Inc.", "", "311812", "50-249", "family", False, "Maple Avenue"),
    ("Oak Street Realty Group", "", "531210", "10-49", "local", False, "Oak Street"),
    ("Riverton Machine Tool Corp.", "", "333517", "250-999", "family", True, "Mill Road"),
    ("Church Street Thrift", "", "453310", "1-9", "nonprofit", False, "Church Street"),
    ("Hudson Staffing Solutions Inc.", "", "561320", "10-49", "local", False, "Market Street"),
    ("Riverton Coffee Roasters", "", "311920", "10-49", "local", False, "Main Street"),
    ("College Avenue Bookstore", "", "451211", "10-49", "cooperative", False, "College Avenue"),
    ("Riverton Ice Arena LLC", "", "713940", "10-49", "local", False, "Hillcrest Drive"),
    ("Valley Textile Mills Inc.", "", "313210", "50-249", "family", True, "River Road"),
    ("Liberty Accounting Group", "", "541211", "10-49", "local", False, "Liberty Street"),
    ("Riverton Bus Lines Inc.", "", "485210", "50-249", "regional", False, "North Avenue"),
    ("Garden Street Nursery School", "", "611110", "10-49", "nonprofit", False, "Garden Street"),
    ("Hudson Craft Distillery LLC", "", "312140", "1-9", "local", False, "Mill Pond Road"),
    ("Riverton Hospital Supply Co.", "", "423450", "50-249", "national", False, "College Avenue"),
    ("Main Street Hair Studio", "", "812112", "1-9", "local", False, "Main Street"),
    ("Riverton Broadcasting LLC", "WRVT Radio", "515112", "10-49", "local", False, "Union Street"),
    ("Orchard Cider Works", "", "312130", "1-9", "family", False, "Orchard Lane"),
]

CONTACT_FIRST = [
    "Ana", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Hector", "Irene", "Jamal", "Keiko",
    "Luis",
]  # fmt: skip
CONTACT_LAST = [
    "Alvarez", "Brooks", "Chen", "Donovan", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
]  # fmt: skip
ROLES = ["Owner", "General manager", "Plant manager", "Operations director", "HR manager"]

# Main Street is where parking and loading is the macro-issue: a block around here.
MAIN_STREET = (41.7004, -73.9210)


def _manager(*, language: str = "es") -> User:
    user = User.objects.filter(username=MANAGER_USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            username=MANAGER_USERNAME, email=f"{MANAGER_USERNAME}@riverton.example.gov"
        )
        user.password = make_password(MANAGER_PASSWORD)
    user.first_name, user.last_name = "Marta", "Quiroga"
    user.preferred_language = language
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=Role.BRE_MANAGER)])
    return user


def _service_answers(service: Service, rng: random.Random, at: dt.datetime) -> dict[str, Any]:
    """Answers to the service's required questions, so the case files."""
    answers: dict[str, Any] = {}
    for q in service.questions.filter(variable=True, required=True).prefetch_related("options"):
        options = [o.key for o in q.options.all()]
        if q.datatype == "singlevaluelist" and options:
            answers[q.code] = options[0]
        elif q.datatype == "multivaluelist" and options:
            answers[q.code] = [options[0]]
        elif q.datatype == "number":
            answers[q.code] = "1"
        elif q.datatype == "datetime":
            answers[q.code] = at.isoformat()
        else:
            answers[q.code] = "At the business's premises."
    return answers


def _answers(
    rng: random.Random,
    *,
    at_risk: bool,
    v2: bool,
    main_street: bool,
    employees: int,
    industrial: bool,
) -> dict[str, Any]:
    plans = rng.choices(
        ["expand", "stay", "downsize", "relocate", "sell"], weights=[25, 55, 8, 7, 3]
    )[0]
    if at_risk:
        plans = rng.choice(["relocate", "downsize", "relocate"])
    barriers = set(rng.sample(["skills", "permits", "taxes", "space"], k=rng.randint(0, 2)))
    if main_street and rng.random() < 0.85:
        barriers.add("parking")
    if industrial and rng.random() < 0.7:
        barriers.add("broadband")
    answers: dict[str, Any] = {
        "plans": plans,
        "employees": str(max(1, employees + rng.randint(-3, 5))),
        "hiring": rng.sample(
            ["skilled_trades", "drivers", "it", "health", "hospitality"], k=rng.randint(0, 2)
        ),
        "barriers": sorted(barriers),
        "city_services": str(rng.choices([1, 2, 3, 4, 5], weights=[3, 7, 25, 40, 25])[0]),
    }
    if rng.random() < 0.4:
        answers["lease_ends"] = (
            dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        ).isoformat()
    if v2:
        answers["exports"] = rng.choice(["none", "none", "some", "most"])
    return answers


_BAND_EMPLOYEES = {"1-9": 5, "10-49": 25, "50-249": 120, "250-999": 400, "1000+": 1200}
_INDUSTRIAL = ("Mill Road", "Mill Pond Road", "River Road", "North Avenue")


def load_bre_demo(
    *,
    jurisdiction: Jurisdiction,
    seed: int = 17,
    now: dt.datetime | None = None,
    cases: bool = True,
) -> list[tuple[str, str, str, str, str]]:
    """Load the demo programme once; returns the manager's login for load_demo to print.

    With `cases=False` (load_demo --cases 0) no follow-up is filed as a case, so a demo
    without case history has no cases at all."""

    now = now or timezone.now()
    manager = _manager()
    # (username, password, role, name, departments): demo.city.Login's fields, built there.
    login = (MANAGER_USERNAME, MANAGER_PASSWORD, Role.BRE_MANAGER, "Marta Quiroga", "")
    bruno = User.objects.filter(username="bruno").first()
    if bruno is None or Business.objects.filter(jurisdiction=jurisdiction).exists():
        return [login]
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    this_year, last_year = now.year, now.year - 1
    start = dt.datetime(last_year, 1, 12, 15, 0, tzinfo=dt.UTC)

    # The programme's reference data: the interview (two versions), its flag rules, partners.
    v1 = Instrument.objects.filter(
        name="Riverton BRE interview", version=1
    ).first() or services.instrument_publish(
        name="Riverton BRE interview", questions=INTERVIEW_V1, by=manager, on=start.date()
    )
    v2_on = dt.date(this_year, 1, 5)
    v2 = services.instrument_publish(
        name="Riverton BRE interview", questions=INTERVIEW_V2, by=manager, on=v2_on
    )
    flag_rules_install()
    partners = [
        Stakeholder.objects.get_or_create(name=n, defaults={"kind": k})[0] for n, k in STAKEHOLDERS
    ]

    # Goals the programme set at the start, and the time it planned.
    services.goal_set(
        year=last_year,
        by=manager,
        visits_target=80,
        key_companies_target_pct=100,
        red_flag_days=30,
        red_flags_within_target_pct=90,
        jobs_retained_target=300,
        jobs_created_target=120,
    )
    services.goal_set(
        year=this_year,
        by=manager,
        visits_target=90,
        key_companies_target_pct=100,
        red_flag_days=30,
        red_flags_within_target_pct=90,
        jobs_retained_target=350,
        jobs_created_target=150,
    )
    for year in (last_year, this_year):
        for activity, hours in (
            ("visits", 900),
            ("follow_up", 600),
            ("events", 250),
            ("reporting", 150),
            ("other", 100),
        ):
            services.allocation_plan(
                year=year, activity=activity, planned_hours=Decimal(hours), by=manager
            )

    officers = [bruno, manager]
    businesses: list[Business] = []
    for n, (legal, trading, naics, band, ownership, key, street) in enumerate(BUSINESSES):
        on_main = street == "Main Street"
        if on_main:
            lat = MAIN_STREET[0] + rng.uniform(-0.0012, 0.0012)
            long = MAIN_STREET[1] + rng.uniform(-0.0015, 0.0015)
        else:
            lat = MAIN_STREET[0] + rng.uniform(-0.03, 0.03)
            long = MAIN_STREET[1] + rng.uniform(-0.04, 0.04)
        created = start - dt.timedelta(days=rng.randint(30, 900))
        business = services.business_create(
            jurisdiction=jurisdiction,
            legal_name=legal,
            trading_name=trading,
            address=f"{rng.randrange(2, 400)} {street}",
            zipcode=f"12{rng.randrange(400, 460)}",
            lat=Decimal(f"{lat:.6f}"),
            long=Decimal(f"{long:.6f}"),
            naics_code=naics,
            employees_band=band,
            ownership=ownership,
            is_key_company=key,
            officer=bruno if n % 3 else manager,
            by=manager,
            at=created,
        )
        first, last = rng.choice(CONTACT_FIRST), rng.choice(CONTACT_LAST)
        services.contact_add(
            business=business,
            full_name=f"{first} {last}",
            role_title=rng.choice(ROLES),
            email=f"{first.lower()}.{last.lower()}@{legal.split()[0].lower()}-{n}.example.com",
            phone=f"+1845555{n:04d}",
            is_primary=True,
            by=manager,
        )
        businesses.append(business)

    # Visits over two years: key companies twice a year, the others about once.
    at_risk = set(rng.sample(range(len(businesses)), k=6))
    for n, business in enumerate(businesses):
        count = 4 if business.is_key_company else rng.choice([1, 1, 2, 2, 3])
        for i in range(count):
            when = start + dt.timedelta(
                days=rng.randint(0, (now - start).days - 3), hours=rng.randint(-5, 2)
            )
            if i == count - 1 and n in at_risk:
                when = now - dt.timedelta(days=rng.randint(20, 70))
            officer = business.officer or bruno
            version = v2 if when.date() >= v2_on else v1
            _visit, flags = services.visit_record(
                business=business,
                officer=officer,
                done_at=when,
                by=officer,
                at=when,
                instrument=version,
                answers=_answers(
                    rng,
                    at_risk=(n in at_risk and i == count - 1),
                    v2=version == v2,
                    main_street="Main Street" in business.address,
                    employees=_BAND_EMPLOYEES[business.employees_band],
                    industrial=any(s in business.address for s in _INDUSTRIAL),
                ),
                notes=rng.choice(
                    [
                        "",
                        "Met the owner on the shop floor.",
                        "Toured the new line.",
                        "Asked about the workforce grant.",
                    ]
                ),
            )
            for flag in flags:
                # Most flags get a response; older ones are mostly resolved.
                age = (now - when).days
                if age > 20 and rng.random() < 0.8:
                    took = rng.randint(3, 45)
                    services.flag_respond(
                        flag=flag,
                        by=officer,
                        resolve=True,
                        at=min(now, when + dt.timedelta(days=took)),
                        response=rng.choice(
                            [
                                "Met with the owner and the landlord; staying for now.",
                                "Referred to the Small Business Fund for a bridge loan.",
                                "Found a larger unit in the industrial park.",
                                "Workforce Board set up a hiring event.",
                            ]
                        ),
                    )
    # A few upcoming visits on officers' calendars.
    for business in rng.sample(businesses, k=6):
        services.visit_schedule(
            business=business,
            officer=business.officer or bruno,
            by=manager,
            scheduled_for=now + dt.timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 6)),
            at=now,
        )
    # A flag raised by hand.
    services.flag_raise(
        business=businesses[1],
        colour="yellow",
        title="Owner retiring, no succession plan",
        owner=bruno,
        due_on=(now + dt.timedelta(days=21)).date(),
        by=bruno,
        at=now - dt.timedelta(days=9),
    )

    # Growth opportunities and their outcomes.
    for business in rng.sample(businesses, k=22):
        created = start + dt.timedelta(days=rng.randint(0, (now - start).days - 30))
        kind = rng.choice(["expansion", "hiring", "new_site", "export", "retention"])
        opp = services.opportunity_add(
            business=business,
            kind=kind,
            by=bruno,
            at=created,
            description={
                "expansion": "Add a second production line",
                "hiring": "Hire a second shift",
                "new_site": "Second location in Riverton",
                "export": "First export order",
                "retention": "Keep the plant in Riverton",
            }[kind],
            jobs_expected=rng.randint(3, 40),
            investment_expected=Decimal(rng.randrange(50, 3000) * 1000),
        )
        outcome_on = (created + dt.timedelta(days=rng.randint(30, 240))).date()
        if outcome_on < now.date() and rng.random() < 0.75:
            won = rng.random() < 0.7
            services.opportunity_record_outcome(
                opportunity=opp,
                status="won" if won else "lost",
                on=outcome_on,
                by=bruno,
                jobs_created=rng.randint(2, 35) if won and kind != "retention" else 0,
                jobs_retained=rng.randint(10, 150) if won else 0,
                investment_actual=Decimal(rng.randrange(20, 2500) * 1000) if won else Decimal(0),
            )

    # Referrals to partners.
    for business in rng.sample(businesses, k=14):
        referral = services.referral_make(
            business=business,
            stakeholder=rng.choice(partners),
            by=bruno,
            reason=rng.choice(
                [
                    "Hiring help",
                    "Export advice",
                    "Energy efficiency rebate",
                    "Bridge loan",
                    "Apprenticeships",
                ]
            ),
            at=start + dt.timedelta(days=rng.randint(0, (now - start).days)),
        )
        if rng.random() < 0.5:
            services.referral_close(
                referral=referral, status="done", outcome="Partner followed up.", by=bruno
            )

    # Follow-ups that need a department, filed as cases on channel "bre".
    follow_ups = [
        ("streetlight-out", "Streetlight out at the loading dock"),
        ("pothole", "Pothole at the delivery entrance"),
        ("sidewalk-repair", "Broken sidewalk in front of the shop"),
        ("graffiti", "Graffiti on the side wall"),
        ("illegal-dumping", "Dumping behind the building"),
        ("tree-trimming", "Tree blocking the sign"),
        ("abandoned-vehicle", "Abandoned van in the customer lot"),
    ]
    agent = User.objects.filter(username="gus").first() or manager
    main_street = [b for b in businesses if "Main Street" in b.address]
    actions = []
    for i, business in enumerate((rng.sample(businesses, k=12) + main_street[:4]) if cases else []):
        code, summary = follow_ups[i % len(follow_ups)]
        service = Service.objects.filter(
            jurisdiction=jurisdiction, service_code=code, is_active=True
        ).first()
        if service is None:
            continue
        filed = now - dt.timedelta(days=rng.randint(1, 200))
        action = services.action_file(
            business=business,
            service=service,
            summary=summary,
            by=bruno,
            at=filed,
            answers=_service_answers(service, rng, filed),
        )
        actions.append(action)
        age = (now - filed).days
        if age > 10:
            # Someone of the department the case went to works it (cases/permissions.py).
            worker = (
                User.objects.filter(
                    departments=action.case.department, groups__name__in=["agent", "supervisor"]
                )
                .order_by("pk")
                .first()
                or agent
            )
            case = case_acknowledge(case=action.case, by=worker, at=filed + dt.timedelta(hours=20))
            if age > 25 and rng.random() < 0.75:
                case_change_status(
                    case=case,
                    status=Status.RESOLVED,
                    by=worker,
                    note="Fixed.",
                    at=filed + dt.timedelta(days=rng.randint(3, 20)),
                )

    # The macro-issue: parking and loading on Main Street, with its businesses and cases.
    box = Decimal("0.004")
    near_main = list(
        Case.objects.filter(
            jurisdiction=jurisdiction,
            lat__range=(Decimal(str(MAIN_STREET[0])) - box, Decimal(str(MAIN_STREET[0])) + box),
            long__range=(Decimal(str(MAIN_STREET[1])) - box, Decimal(str(MAIN_STREET[1])) + box),
        ).order_by("-created_at")[:12]
    )
    services.macro_issue_create(
        title="Parking and loading on Main Street",
        description=(
            "Shops, the inn and the cafés on Main Street all name parking and loading in "
            "their interviews; deliveries double-park and customers circle the block."
        ),
        plan=(
            "1. Parking study with Public Works (spring).\n"
            "2. Two loading zones by the bakery and the inn.\n"
            "3. Two-hour limit on the 100 and 200 blocks.\n"
            "4. Report back to the Chamber in the autumn."
        ),
        owner=manager,
        by=manager,
        source_key="barriers=parking",
        businesses=main_street,
        cases=[a.case for a in actions if a.business in main_street] + near_main,
        at=now - dt.timedelta(days=60),
    )

    # Officers' logged time: about what they planned last year, less on visits this year.
    entries = []
    day = start.date()
    while day < now.date():
        if day.weekday() < 5:
            for officer in officers:
                weights = [30, 35, 12, 13, 10] if day.year == this_year else [42, 28, 12, 10, 8]
                activity = rng.choices(
                    ["visits", "follow_up", "events", "reporting", "other"], weights=weights
                )[0]
                entries.append(
                    TimeEntry(
                        officer=officer,
                        on=day,
                        activity=activity,
                        hours=Decimal(rng.choice(["2.0", "3.0", "3.5", "4.0"])),
                    )
                )
        day += dt.timedelta(days=1)
    TimeEntry.objects.bulk_create(entries, batch_size=500)
    return [login]
