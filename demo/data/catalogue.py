"""The demo service catalogue: what Riverton's residents can ask for.

Drawn from the services the product seeds name (bin orders, inspections, tax
questions, shelter reservations, class make-ups, complaints) and from real 311
catalogues. Each service has questions (Open311 attributes; the catalogue as a
whole uses every datatype) and a service standard with documented steps.

`samples` on a question and `descriptions` on a service are not stored: the
case generator draws answers and descriptions from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from demo.data.organisation import MILLBROOK, RIVERTON

H = "business_hours"
D = "business_days"


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    datatype: str
    description: str
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    datatype_description: str = ""
    # For string/text: example answers. For number: (low, high).
    samples: tuple[str, ...] = ()
    number_range: tuple[int, int] = (1, 10)


@dataclass(frozen=True)
class StepSpec:
    name: str
    amount: int
    unit: str
    description: str = ""


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: str
    department: str
    group: str
    description: str
    keywords: str
    what_to_provide: str
    needs_location: bool
    allows_anonymous: bool
    priority: str
    first_response: tuple[int, str]
    resolution: tuple[int, str]
    minimum_expectation: str
    steps: tuple[StepSpec, ...]
    questions: tuple[QuestionSpec, ...]
    descriptions: tuple[str, ...]
    # Relative share of demo cases.
    weight: int = 10
    jurisdiction_id: str = RIVERTON
    open311_type: str = "realtime"
    # How the request form asks where ("problem", "address", "none") and whether it
    # offers photos (catalogue.Service.location_prompt / asks_photos).
    location_prompt: str = "problem"
    asks_photos: bool = True


@dataclass(frozen=True)
class GroupSpec:
    slug: str
    name: str
    description: str
    order: int
    jurisdiction_id: str = RIVERTON


GROUPS = (
    GroupSpec("streets", "Streets & sidewalks", "Potholes, streetlights, sidewalks, snow.", 1),
    GroupSpec("trash", "Trash, recycling & compost", "Bins, pickups, bulk items, dumping.", 2),
    GroupSpec("water", "Water & sewer", "Leaks, breaks and water service.", 3),
    GroupSpec("parks", "Parks & recreation", "Shelters, classes, trees in parks.", 4),
    GroupSpec("neighbourhood", "Neighbourhood concerns", "Noise, vehicles, rodents, graffiti.", 5),
    GroupSpec("building", "Building & permits", "Inspections and permit questions.", 6),
    GroupSpec("taxes", "Taxes & licenses", "Property tax and business licenses.", 7),
    GroupSpec("general", "General", "Questions and complaints about any city service.", 8),
    GroupSpec("village", "Village services", "Streets and trash in Millbrook.", 1, MILLBROOK),
)

YES_NO = (("yes", "Yes"), ("no", "No"))

_TOPICS = (
    ("streets", "Streets, sidewalks and lights"),
    ("trash", "Trash and recycling"),
    ("water", "Water and sewer"),
    ("parks", "Parks and recreation"),
    ("taxes", "Taxes, bills and licenses"),
    ("other", "Something else"),
)

_PARKS = (
    ("riverside-a", "Riverside Park — Shelter A (60 people)"),
    ("riverside-b", "Riverside Park — Shelter B (30 people)"),
    ("hillcrest", "Hillcrest Park — Pavilion (120 people)"),
    ("mill-pond", "Mill Pond Park — Gazebo (20 people)"),
)

_POTHOLE = ServiceSpec(
    code="pothole",
    name="Pothole",
    department="streets",
    group="streets",
    description=(
        "Report a hole in a city street, bike lane or crosswalk. We inspect every report, "
        "patch dangerous holes first, and fill the rest on the next scheduled crew visit."
    ),
    keywords="pothole, hole, road damage, street, asphalt, bump, crater",
    what_to_provide=(
        "The nearest address or intersection, which lane it is in, and roughly how big it is. "
        "A photo helps the crew bring the right amount of asphalt."
    ),
    needs_location=True,
    allows_anonymous=True,
    priority="high",
    first_response=(8, H),
    resolution=(5, D),
    minimum_expectation=(
        "Someone from Streets looks at the hole within two working days, and a dangerous "
        "hole is marked or patched the same day it is inspected."
    ),
    steps=(
        StepSpec("We inspect the site", 2, D, "A crew leader checks size and danger."),
        StepSpec("We fill the pothole", 3, D, "A patch crew fills it with hot or cold mix."),
    ),
    questions=(
        QuestionSpec(
            "size",
            "singlevaluelist",
            "How big is the pothole?",
            required=True,
            options=(
                ("plate", "Smaller than a dinner plate"),
                ("tyre", "Between a plate and a car tyre"),
                ("large", "Larger than a car tyre"),
            ),
        ),
        QuestionSpec(
            "lane",
            "singlevaluelist",
            "Where on the road is it?",
            options=(
                ("travel", "In a travel lane"),
                ("bike", "In a bike lane"),
                ("crosswalk", "In a crosswalk"),
                ("curb", "Along the curb or shoulder"),
            ),
        ),
    ),
    descriptions=(
        "Deep pothole in the right lane, cars are swerving around it.",
        "Pothole at the crosswalk, a cyclist nearly fell this morning.",
        "Several potholes in a row after the last rain.",
        "Hole keeps coming back even though it was patched last month.",
        "Bache grande frente a la escuela, peligroso para las bicicletas.",
    ),
    weight=30,
)

_MISSED_TRASH = ServiceSpec(
    code="missed-trash",
    name="Missed trash or recycling pickup",
    department="sanitation",
    group="trash",
    description=(
        "Tell us if your cart was out on time but was not emptied. We check the route record "
        "and, if the crew missed you, send a truck back within one working day."
    ),
    keywords="missed pickup, trash, garbage, recycling, not collected, cart, collection",
    what_to_provide=(
        "Your address, which carts were missed, and when you put them out. Carts must be at "
        "the curb by 6:00 a.m. on your collection day."
    ),
    needs_location=True,
    allows_anonymous=False,
    priority="high",
    first_response=(4, H),
    resolution=(2, D),
    minimum_expectation=(
        "We tell you within half a working day whether a truck is coming back, and if the "
        "crew missed you, we collect within one working day."
    ),
    steps=(
        StepSpec("We check the route record", 4, H, "GPS and the driver's notes show the stop."),
        StepSpec("A crew returns to collect", 8, H),
    ),
    questions=(
        QuestionSpec(
            "carts",
            "multivaluelist",
            "Which carts were not emptied?",
            required=True,
            options=(
                ("trash", "Trash (black)"),
                ("recycling", "Recycling (blue)"),
                ("compost", "Compost (green)"),
                ("yard", "Yard waste bags"),
            ),
        ),
        QuestionSpec(
            "set_out_at",
            "datetime",
            "When did you put the carts out?",
            datatype_description="Date and time, e.g. 2026-03-04T06:30",
        ),
    ),
    descriptions=(
        "Whole street was skipped today, all carts still full.",
        "Recycling was not picked up again this week.",
        "My cart was out at 6 am and the truck drove past.",
        "No recogieron la basura esta semana.",
    ),
    weight=28,
)

SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        code="recycle-bin",
        name="Recycling cart order",
        department="sanitation",
        group="trash",
        description=(
            "Order a new, replacement or extra blue recycling cart. The first cart for a home "
            "is free; replacements for stolen or damaged carts are free; extra carts cost $40."
        ),
        keywords="recycling, recycle, blue bin, blue cart, new bin, replacement bin, container",
        what_to_provide="The delivery address and the cart size you want.",
        needs_location=True,
        location_prompt="address",
        asks_photos=False,
        allows_anonymous=False,
        priority="low",
        first_response=(2, D),
        resolution=(10, D),
        minimum_expectation=(
            "We confirm your order within two working days and deliver the cart on your "
            "collection day within two weeks."
        ),
        steps=(
            StepSpec("We confirm your order", 2, D),
            StepSpec("We schedule delivery with your collection route", 3, D),
            StepSpec("We deliver the cart on your collection day", 5, D),
        ),
        questions=(
            QuestionSpec(
                "cart_size",
                "singlevaluelist",
                "Which cart size do you want?",
                required=True,
                options=(
                    ("35", "35 gallons (small household)"),
                    ("65", "65 gallons (most homes)"),
                    ("95", "95 gallons (large household)"),
                ),
            ),
            QuestionSpec(
                "reason",
                "singlevaluelist",
                "Why do you need a cart?",
                required=True,
                options=(
                    ("new-home", "New home or new resident"),
                    ("damaged", "My cart is damaged"),
                    ("stolen", "My cart was stolen or lost"),
                    ("extra", "I want an extra cart ($40)"),
                ),
            ),
        ),
        descriptions=(
            "Just moved in, there is no recycling cart at the house.",
            "The lid broke off when the truck emptied it.",
            "Our cart disappeared after collection day.",
            "Necesitamos un contenedor de reciclaje más grande.",
        ),
        weight=14,
    ),
    ServiceSpec(
        code="compost-bin",
        name="Compost cart order",
        department="sanitation",
        group="trash",
        description=(
            "Join curbside composting: we deliver a green cart and a kitchen caddy, and collect "
            "food scraps and yard trimmings every week with your trash."
        ),
        keywords="compost, food scraps, organics, green bin, green cart, kitchen caddy",
        what_to_provide="The delivery address and how many people live there.",
        needs_location=True,
        allows_anonymous=False,
        priority="low",
        first_response=(2, D),
        resolution=(10, D),
        minimum_expectation=(
            "We confirm your sign-up within two working days and deliver the cart and caddy "
            "within two weeks, with a guide to what goes in."
        ),
        steps=(
            StepSpec("We confirm your sign-up", 2, D),
            StepSpec("We deliver the cart and kitchen caddy", 8, D),
        ),
        questions=(
            QuestionSpec(
                "cart_size",
                "singlevaluelist",
                "Which size?",
                required=True,
                options=(("32", "32 gallons"), ("64", "64 gallons (large yards)")),
            ),
            QuestionSpec(
                "household_size",
                "number",
                "How many people live at the address?",
                datatype_description="A whole number, e.g. 3",
                number_range=(1, 7),
            ),
        ),
        descriptions=(
            "We'd like to start composting, please send a cart.",
            "Queremos participar en el programa de compost.",
            "Please add a compost cart to our address.",
        ),
        weight=8,
    ),
    ServiceSpec(
        code="building-inspection",
        name="Building inspection request: we call you to schedule",
        department="building",
        group="building",
        description=(
            "Book an inspection for work under an open building permit: footings, framing, "
            "electrical, plumbing or final. Inspections happen on working days, 8:30–15:30."
        ),
        keywords="inspection, building permit, inspector, final inspection, framing, electrical",
        what_to_provide=(
            "Your permit number (on the permit card, e.g. BP-2026-01234), the type of "
            "inspection, and how the inspector gets in."
        ),
        needs_location=True,
        allows_anonymous=False,
        priority="normal",
        first_response=(4, H),
        resolution=(3, D),
        minimum_expectation=(
            "We confirm a time slot within half a working day, inspect within two working "
            "days, and record the result on your permit the next working day."
        ),
        steps=(
            StepSpec("We confirm the inspection slot", 4, H),
            StepSpec("The inspector visits", 2, D),
            StepSpec("We record the result on your permit", 1, D),
        ),
        questions=(
            QuestionSpec(
                "permit_number",
                "string",
                "Permit number",
                required=True,
                datatype_description="As printed on the permit card, e.g. BP-2026-01234",
                samples=("BP-2026-01234", "BP-2026-00871", "BP-2025-11902", "EP-2026-00412"),
            ),
            QuestionSpec(
                "inspection_type",
                "singlevaluelist",
                "Which inspection?",
                required=True,
                options=(
                    ("footing", "Footing / foundation"),
                    ("framing", "Framing"),
                    ("electrical", "Electrical rough-in"),
                    ("plumbing", "Plumbing rough-in"),
                    ("final", "Final inspection"),
                ),
            ),
            QuestionSpec(
                "preferred_date",
                "datetime",
                "Preferred date",
                datatype_description="A working day, e.g. 2026-03-04",
            ),
            QuestionSpec(
                "access_notes",
                "text",
                "How does the inspector get in?",
                samples=(
                    "Contractor on site from 8 am, side gate open.",
                    "Call me 30 minutes before, lockbox code will be given by phone.",
                    "Dog in the back yard, please knock at the front.",
                ),
            ),
        ),
        descriptions=(
            "Ready for framing inspection on the garage addition.",
            "Final inspection for the kitchen remodel please.",
            "Electrical rough-in done, drywall crew booked for next week.",
        ),
        weight=10,
    ),
    ServiceSpec(
        code="property-tax-question",
        name="Property tax question",
        department="finance",
        group="taxes",
        description=(
            "Ask about your property tax bill: due dates, ways to pay, the amount, exemptions, "
            "or late fees. A tax specialist answers in writing."
        ),
        keywords=(
            "property tax, tax bill, taxes, payment, due date, exemption, late fee, assessment"
        ),
        what_to_provide="Your parcel ID (top right of your tax bill) and your question.",
        needs_location=False,
        location_prompt="none",
        asks_photos=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(3, D),
        minimum_expectation=(
            "A tax specialist answers your question in writing within three working days; "
            "no late fee is charged for a bill while your question is open."
        ),
        steps=(
            StepSpec("A tax specialist reviews your question", 1, D),
            StepSpec("We answer you in writing", 2, D),
        ),
        questions=(
            QuestionSpec(
                "parcel_id",
                "string",
                "Parcel ID",
                datatype_description="On your tax bill, e.g. 14-0203-118",
                samples=("14-0203-118", "09-1120-004", "22-0417-061", "03-0098-230"),
            ),
            QuestionSpec(
                "topic",
                "singlevaluelist",
                "What is your question about?",
                required=True,
                options=(
                    ("due-dates", "Due dates"),
                    ("payment", "Ways to pay"),
                    ("amount", "The amount on my bill"),
                    ("exemptions", "Exemptions (senior, veteran, STAR)"),
                    ("late-fee", "A late fee"),
                ),
            ),
        ),
        descriptions=(
            "When is the second installment due?",
            "I paid online but the bill still shows a balance.",
            "Can I still apply for the senior exemption this year?",
            "¿Puedo pagar mis impuestos en efectivo?",
        ),
        weight=12,
    ),
    ServiceSpec(
        code="park-shelter",
        name="Park shelter request for all-day or large events",
        department="parks",
        group="parks",
        description=(
            "Reserve a picnic shelter or pavilion for a party, reunion or event. Shelters can "
            "be booked up to 12 months ahead; fees range from $35 to $150 a day."
        ),
        keywords="park shelter, pavilion, picnic, reservation, party, gazebo, book a park",
        what_to_provide="The park, the date, how many guests, and what you need on site.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(3, D),
        minimum_expectation=(
            "We tell you within one working day whether the shelter is free that day, and "
            "send the permit once it is paid."
        ),
        steps=(
            StepSpec("We check availability", 1, D),
            StepSpec("We confirm and send your permit", 2, D),
        ),
        questions=(
            QuestionSpec(
                "park", "singlevaluelist", "Which shelter?", required=True, options=_PARKS
            ),
            QuestionSpec(
                "event_date",
                "datetime",
                "Date of your event",
                required=True,
                datatype_description="e.g. 2026-06-20",
            ),
            QuestionSpec(
                "guests",
                "number",
                "How many guests?",
                required=True,
                number_range=(10, 110),
            ),
            QuestionSpec(
                "extras",
                "multivaluelist",
                "What do you need on site?",
                options=(
                    ("electricity", "Electricity"),
                    ("grill", "Charcoal grill"),
                    ("trash", "Extra trash cans"),
                    ("parking", "Accessible parking reserved"),
                ),
            ),
        ),
        descriptions=(
            "Birthday party for my daughter, about 40 people.",
            "Family reunion, we would like Shelter A if possible.",
            "Reunión familiar en el parque, unas 60 personas.",
            "Company picnic in the afternoon.",
        ),
        weight=10,
    ),
    _POTHOLE,
    ServiceSpec(
        code="streetlight-out",
        name="Streetlight out",
        department="traffic-lighting",
        group="streets",
        description=(
            "Report a streetlight that is out, flickering, on during the day, or a damaged pole."
        ),
        keywords="streetlight, street light, lamp, dark street, light out, flickering, pole",
        what_to_provide=(
            "The pole number (a metal tag about eye height) or the nearest address, and what "
            "is wrong."
        ),
        needs_location=True,
        allows_anonymous=True,
        priority="normal",
        first_response=(1, D),
        resolution=(10, D),
        minimum_expectation=(
            "We check the light within three working days; a knocked-down pole is made safe "
            "the same day."
        ),
        steps=(
            StepSpec("We check the light", 3, D),
            StepSpec("We repair it or order parts", 7, D),
        ),
        questions=(
            QuestionSpec(
                "pole_number",
                "string",
                "Pole number (if you can see it)",
                samples=("RL-10482", "RL-22915", "RL-07731", "RL-31006"),
            ),
            QuestionSpec(
                "problem",
                "singlevaluelist",
                "What is wrong?",
                required=True,
                options=(
                    ("out", "Light is out"),
                    ("flickering", "Flickering"),
                    ("daytime", "On during the day"),
                    ("damaged", "Pole or fixture damaged"),
                ),
            ),
        ),
        descriptions=(
            "The whole block is dark since Tuesday.",
            "Light flickers on and off all night.",
            "La luz de la calle está apagada desde hace una semana.",
            "Pole was hit by a car, wires showing.",
        ),
        weight=16,
    ),
    ServiceSpec(
        code="graffiti",
        name="Graffiti removal",
        department="streets",
        group="neighbourhood",
        description=(
            "Report graffiti on public property (signs, bridges, walls, sidewalks). Offensive "
            "graffiti is removed first. Owners of private walls can ask for free paint-over."
        ),
        keywords="graffiti, tagging, vandalism, spray paint, paint",
        what_to_provide="Where it is, what surface it is on, and whether it is offensive.",
        needs_location=True,
        allows_anonymous=True,
        priority="low",
        first_response=(2, D),
        resolution=(10, D),
        minimum_expectation=(
            "Offensive graffiti is covered within two working days; other graffiti on public "
            "property within two weeks."
        ),
        steps=(
            StepSpec("We inspect the site", 3, D),
            StepSpec("We remove or paint over it", 7, D),
        ),
        questions=(
            QuestionSpec(
                "surface",
                "singlevaluelist",
                "What is it on?",
                required=True,
                options=(
                    ("sign", "Street sign"),
                    ("building", "Public building"),
                    ("bridge", "Bridge or underpass"),
                    ("private-wall", "Private wall (owner agrees)"),
                    ("sidewalk", "Sidewalk or street"),
                ),
            ),
            QuestionSpec("offensive", "singlevaluelist", "Is it offensive?", options=YES_NO),
        ),
        descriptions=(
            "Fresh tags on the underpass by the river trail.",
            "Offensive words painted on the bus shelter.",
            "Graffiti on the stop sign, hard to read.",
        ),
        weight=8,
    ),
    _MISSED_TRASH,
    ServiceSpec(
        code="noise-complaint",
        name="Noise complaint",
        department="code-enforcement",
        group="neighbourhood",
        description=(
            "Report ongoing noise that breaks the city's quiet hours (22:00–7:00 on weekdays, "
            "23:00–8:00 on weekends) or construction outside permitted hours. For noise "
            "happening right now at night, call the police non-emergency line."
        ),
        keywords="noise, loud music, party, construction noise, barking dog, quiet hours",
        what_to_provide="The address the noise comes from, what it is, and when it happens.",
        needs_location=True,
        allows_anonymous=True,
        priority="normal",
        first_response=(1, D),
        resolution=(5, D),
        minimum_expectation=(
            "An officer reviews every report within one working day and contacts the property "
            "owner or visits within a week."
        ),
        steps=(
            StepSpec("An officer reviews the report", 1, D),
            StepSpec("We contact the property or visit", 4, D),
        ),
        questions=(
            QuestionSpec(
                "source",
                "singlevaluelist",
                "What is the noise?",
                required=True,
                options=(
                    ("music", "Music or a party"),
                    ("construction", "Construction"),
                    ("dog", "Barking dog"),
                    ("vehicle", "Vehicle or engine"),
                    ("equipment", "Business equipment (fans, compressors)"),
                ),
            ),
            QuestionSpec(
                "started_at",
                "datetime",
                "When did it start (most recent time)?",
                datatype_description="e.g. 2026-03-04T23:15",
            ),
        ),
        descriptions=(
            "Construction starts at 6 am every day, before allowed hours.",
            "Loud music every weekend until 2 am.",
            "El perro del vecino ladra toda la noche.",
            "Rooftop compressor on the restaurant runs all night.",
        ),
        weight=10,
    ),
    ServiceSpec(
        code="aquatics-makeup",
        name="Swim class make-up registration",
        department="aquatics",
        group="parks",
        description=(
            "Missed a swim lesson? Register for a make-up class in the same level. Each "
            "session allows up to two make-ups, depending on open spots."
        ),
        keywords="swim, swimming lesson, pool, aquatics, make-up class, missed class",
        what_to_provide="The class name and session from your receipt, and the date you missed.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(3, D),
        minimum_expectation=(
            "We reply within one working day with the open make-up times for your level, and "
            "confirm your spot within three."
        ),
        steps=(
            StepSpec("We check open spots in your level", 1, D),
            StepSpec("We register you and confirm", 2, D),
        ),
        questions=(
            QuestionSpec(
                "class_name",
                "string",
                "Class name and session",
                required=True,
                samples=("Guppy 2 — Tue/Thu 17:30", "Minnow 1 — Sat 9:00", "Adult Beginner"),
            ),
            QuestionSpec("missed_on", "datetime", "Date you missed", required=True),
            QuestionSpec("age", "number", "Swimmer's age", number_range=(4, 60)),
            QuestionSpec(
                "times",
                "multivaluelist",
                "Which times work for you?",
                options=(
                    ("weekday-am", "Weekday mornings"),
                    ("weekday-pm", "Weekday evenings"),
                    ("saturday", "Saturday"),
                    ("sunday", "Sunday"),
                ),
            ),
        ),
        descriptions=(
            "My son was sick last Tuesday and missed his lesson.",
            "We were away for a family event, can we make up the class?",
            "Mi hija faltó a su clase de natación.",
        ),
        weight=6,
    ),
    ServiceSpec(
        code="business-license-question",
        name="Business license question",
        department="finance",
        group="taxes",
        description=(
            "Questions about getting, renewing or changing a city business license, including "
            "home-based businesses and fees."
        ),
        keywords="business license, licence, permit to operate, renewal, home business, vendor",
        what_to_provide="The business name, its address, and your license number if you have one.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(5, D),
        minimum_expectation="A licensing clerk answers in writing within five working days.",
        steps=(
            StepSpec("A licensing clerk reviews your question", 2, D),
            StepSpec("We answer you in writing", 3, D),
        ),
        questions=(
            QuestionSpec(
                "business_name",
                "string",
                "Business name",
                required=True,
                samples=("Riverside Bakery", "Kim's Nail Studio", "Ortega Landscaping LLC"),
            ),
            QuestionSpec(
                "topic",
                "singlevaluelist",
                "What do you need?",
                required=True,
                options=(
                    ("new", "A new license"),
                    ("renewal", "Renewing a license"),
                    ("change", "Changing address or owner"),
                    ("home", "A home-based business"),
                    ("fees", "Fees"),
                ),
            ),
        ),
        descriptions=(
            "I am opening a food truck, which license do I need?",
            "Renewal notice never arrived.",
            "Quiero abrir un negocio desde mi casa.",
        ),
        weight=6,
    ),
    ServiceSpec(
        code="abandoned-vehicle",
        name="Abandoned vehicle",
        department="code-enforcement",
        group="neighbourhood",
        description=(
            "Report a vehicle parked on a city street for more than 72 hours, or one that is "
            "clearly abandoned (flat tyres, broken windows, no plates)."
        ),
        keywords="abandoned car, abandoned vehicle, junk car, parked too long, no plates",
        what_to_provide=(
            "Where it is parked, the make, colour and plate, and how long it has been there."
        ),
        needs_location=True,
        allows_anonymous=True,
        priority="normal",
        first_response=(2, D),
        resolution=(10, D),
        minimum_expectation=(
            "An officer checks and tags the vehicle within three working days; if it is not "
            "moved within 72 hours, we tow it."
        ),
        steps=(
            StepSpec("An officer checks and tags the vehicle", 3, D),
            StepSpec("The owner has 72 hours to move it", 3, D),
            StepSpec("We tow it if it is still there", 4, D),
        ),
        questions=(
            QuestionSpec(
                "vehicle",
                "string",
                "Make, model and colour",
                samples=("Grey Honda Civic", "White Ford van", "Red Toyota pickup"),
            ),
            QuestionSpec(
                "plate",
                "string",
                "License plate (if any)",
                samples=("KDX-4471", "HTR-2208", "none"),
            ),
            QuestionSpec(
                "days_parked",
                "number",
                "About how many days has it been there?",
                number_range=(3, 30),
            ),
            QuestionSpec(
                "condition",
                "multivaluelist",
                "What do you see?",
                options=(
                    ("flat", "Flat tyres"),
                    ("windows", "Broken windows"),
                    ("expired", "Expired registration"),
                    ("no-plates", "No plates"),
                ),
            ),
        ),
        descriptions=(
            "Car has not moved in three weeks, covered in leaves.",
            "Van with no plates parked in front of the school.",
            "Carro abandonado con las llantas ponchadas.",
        ),
        weight=7,
    ),
    ServiceSpec(
        code="sidewalk-repair",
        name="Sidewalk repair",
        department="streets",
        group="streets",
        description=(
            "Report a broken, lifted or missing sidewalk slab that is a trip hazard. We mark "
            "hazards the week we inspect and repair them in order of risk."
        ),
        keywords="sidewalk, trip hazard, broken sidewalk, curb, ramp, slab, concrete",
        what_to_provide="The address, what is wrong, and a photo if you can.",
        needs_location=True,
        allows_anonymous=True,
        priority="low",
        first_response=(3, D),
        resolution=(30, D),
        minimum_expectation=(
            "We inspect within a week and mark any trip hazard with paint the same day; "
            "repairs are scheduled by risk, within six weeks."
        ),
        steps=(
            StepSpec("We inspect and mark the hazard", 5, D),
            StepSpec("We add it to the concrete schedule", 5, D),
            StepSpec("A crew repairs the sidewalk", 20, D),
        ),
        questions=(
            QuestionSpec(
                "hazard",
                "singlevaluelist",
                "What is wrong?",
                required=True,
                options=(
                    ("lifted", "A slab is lifted (trip hazard)"),
                    ("crumbling", "Crumbling or cracked"),
                    ("missing", "A section is missing"),
                    ("ramp", "Curb ramp damaged"),
                ),
            ),
        ),
        descriptions=(
            "Tree roots pushed the slab up two inches, my neighbour tripped.",
            "Curb ramp is broken, wheelchair cannot get up.",
            "La acera está rota frente a mi casa.",
        ),
        weight=7,
    ),
    ServiceSpec(
        code="tree-trimming",
        name="Tree trimming",
        department="forestry",
        group="parks",
        description=(
            "Ask for a city tree (street or park) to be trimmed: low branches over a sidewalk, "
            "branches blocking signs or lights, dead limbs."
        ),
        keywords="tree, branch, trimming, pruning, limb, dead tree, overhanging",
        what_to_provide="Where the tree is and what the problem is.",
        needs_location=True,
        allows_anonymous=True,
        priority="normal",
        first_response=(2, D),
        resolution=(20, D),
        minimum_expectation=(
            "An arborist inspects within a week; a dangerous limb is removed at once, other "
            "trimming is scheduled within four weeks."
        ),
        steps=(
            StepSpec("An arborist inspects the tree", 5, D),
            StepSpec("We schedule and trim it", 15, D),
        ),
        questions=(
            QuestionSpec(
                "where",
                "singlevaluelist",
                "Where is the tree?",
                required=True,
                options=(
                    ("street", "Between sidewalk and street"),
                    ("park", "In a park"),
                    ("private", "On private land, hanging over public space"),
                ),
            ),
            QuestionSpec(
                "issues",
                "multivaluelist",
                "What is the problem?",
                options=(
                    ("sign", "Blocking a sign or light"),
                    ("low", "Low branches over the sidewalk"),
                    ("dead", "Dead branches"),
                    ("wires", "Touching wires"),
                ),
            ),
        ),
        descriptions=(
            "Branches hang so low we have to duck on the sidewalk.",
            "Large dead limb over the playground.",
            "The stop sign is hidden by branches.",
        ),
        weight=7,
    ),
    ServiceSpec(
        code="illegal-dumping",
        name="Illegal dumping",
        department="sanitation",
        group="trash",
        description=(
            "Report trash, furniture, tyres or debris dumped on a street, alley, park or vacant "
            "lot. If you saw who did it, say so: fines are up to $1,500."
        ),
        keywords="illegal dumping, dumped, mattress, tyres, debris, trash pile, fly tipping",
        what_to_provide="Where it is, what was dumped, and roughly how much.",
        needs_location=True,
        allows_anonymous=True,
        priority="high",
        first_response=(1, D),
        resolution=(5, D),
        minimum_expectation=(
            "We inspect within one working day and clear public land within a week; "
            "hazardous material is cleared first."
        ),
        steps=(
            StepSpec("We inspect and look for evidence", 1, D),
            StepSpec("A crew clears the site", 3, D),
        ),
        questions=(
            QuestionSpec(
                "items",
                "multivaluelist",
                "What was dumped?",
                required=True,
                options=(
                    ("furniture", "Furniture"),
                    ("mattress", "Mattress"),
                    ("tyres", "Tyres"),
                    ("construction", "Construction debris"),
                    ("bags", "Bags of trash"),
                    ("appliances", "Appliances"),
                ),
            ),
            QuestionSpec(
                "amount",
                "singlevaluelist",
                "How much?",
                options=(
                    ("few", "A few items"),
                    ("truck", "A pickup-truck load"),
                    ("more", "More than a truck load"),
                ),
            ),
            QuestionSpec("hazardous", "singlevaluelist", "Could it be hazardous?", options=YES_NO),
        ),
        descriptions=(
            "Someone dumped a couch and mattresses in the alley overnight.",
            "Pile of tyres behind the community garden.",
            "Dejaron escombros de construcción en el lote vacío.",
        ),
        weight=9,
    ),
    ServiceSpec(
        code="water-leak",
        name="Water leak or main break",
        department="water",
        group="water",
        description=(
            "Report water running in the street, bubbling up through the pavement, or leaking "
            "near a meter. For flooding or no water at all, call 311 at any hour."
        ),
        keywords="water leak, main break, flooding, water in street, meter leak, hydrant",
        what_to_provide="Exactly where the water is, and how much is flowing.",
        needs_location=True,
        allows_anonymous=True,
        priority="urgent",
        first_response=(2, H),
        resolution=(2, D),
        minimum_expectation=(
            "A crew checks every leak within half a working day; a main break is shut off "
            "as soon as the crew arrives."
        ),
        steps=(
            StepSpec("A crew checks the leak", 4, H),
            StepSpec("We shut off and repair, or schedule the repair", 8, H),
        ),
        questions=(
            QuestionSpec(
                "where",
                "singlevaluelist",
                "Where is the water?",
                required=True,
                options=(
                    ("street", "In the street"),
                    ("sidewalk", "On the sidewalk"),
                    ("meter", "Near a meter or curb box"),
                    ("hydrant", "At a fire hydrant"),
                ),
            ),
            QuestionSpec(
                "flow",
                "singlevaluelist",
                "How much water?",
                required=True,
                options=(
                    ("drip", "Dripping or damp"),
                    ("steady", "A steady flow"),
                    ("flooding", "Flooding"),
                ),
            ),
        ),
        descriptions=(
            "Water bubbling up through the asphalt at the corner.",
            "Hydrant leaking steadily for two days.",
            "Hay agua saliendo de la calle frente a mi casa.",
        ),
        weight=6,
    ),
    ServiceSpec(
        code="dead-animal",
        name="Dead animal pickup",
        department="sanitation",
        group="trash",
        description=(
            "Ask us to remove a dead animal from a street, sidewalk or park. For a pet on your "
            "own property, we can collect it from the curb."
        ),
        keywords="dead animal, deer, roadkill, dead cat, dead dog, carcass",
        what_to_provide="Where it is and what kind of animal.",
        needs_location=True,
        allows_anonymous=True,
        priority="high",
        first_response=(4, H),
        resolution=(1, D),
        minimum_expectation="We collect from public places within one working day.",
        steps=(StepSpec("A crew collects the animal", 8, H),),
        questions=(
            QuestionSpec(
                "animal",
                "singlevaluelist",
                "What kind of animal?",
                required=True,
                options=(
                    ("deer", "Deer"),
                    ("pet", "Dog or cat"),
                    ("small", "Raccoon, opossum or squirrel"),
                    ("bird", "Bird"),
                    ("other", "Other"),
                ),
            ),
        ),
        descriptions=(
            "Deer hit by a car on the shoulder.",
            "Dead raccoon on the sidewalk near the bus stop.",
            "Hay un animal muerto en la calle.",
        ),
        weight=5,
    ),
    ServiceSpec(
        code="bulk-pickup",
        name="Bulk item pickup",
        department="sanitation",
        group="trash",
        description=(
            "Book a free pickup of large items: furniture, mattresses, appliances, carpet. Up to "
            "five items per pickup, four pickups a year per household."
        ),
        keywords="bulk pickup, large items, furniture, mattress, appliance, couch, sofa",
        what_to_provide="Your address and a list of the items.",
        needs_location=True,
        allows_anonymous=False,
        priority="low",
        first_response=(2, D),
        resolution=(10, D),
        minimum_expectation=(
            "We give you a pickup day within two working days; the crew collects on that day."
        ),
        steps=(
            StepSpec("We schedule your pickup day", 2, D),
            StepSpec("We collect on your pickup day", 5, D),
        ),
        questions=(
            QuestionSpec(
                "items",
                "multivaluelist",
                "What will you put out?",
                required=True,
                options=(
                    ("sofa", "Sofa or chair"),
                    ("mattress", "Mattress or box spring"),
                    ("appliance", "Appliance"),
                    ("table", "Table"),
                    ("carpet", "Carpet (rolled, tied)"),
                ),
            ),
            QuestionSpec("count", "number", "How many items in total?", number_range=(1, 5)),
            QuestionSpec(
                "notes",
                "text",
                "Anything the crew should know?",
                samples=(
                    "Items will be at the side of the driveway.",
                    "Fridge doors have been removed.",
                    "Please ring the bell, the items are heavy.",
                ),
            ),
        ),
        descriptions=(
            "Old sofa and a mattress after moving.",
            "Necesito recoger un refrigerador viejo.",
            "Clearing out my mother's house, several pieces of furniture.",
        ),
        weight=8,
    ),
    ServiceSpec(
        code="snow-removal",
        name="Snow and ice",
        department="streets",
        group="streets",
        description=(
            "Report a street not plowed 24 hours after snow stops, an icy patch, an uncleared "
            "public sidewalk, or damage by a plow."
        ),
        keywords="snow, plow, plough, ice, icy, salt, sidewalk not shoveled",
        what_to_provide="The street or address and what the problem is.",
        needs_location=True,
        allows_anonymous=True,
        priority="high",
        first_response=(4, H),
        resolution=(2, D),
        minimum_expectation=(
            "Main roads are plowed during a storm; every street within 24 hours after snow "
            "stops. Reports of ice are salted within one working day."
        ),
        steps=(
            StepSpec("We send a plow or salt truck", 8, H),
            StepSpec("A supervisor checks the street", 1, D),
        ),
        questions=(
            QuestionSpec(
                "problem",
                "singlevaluelist",
                "What is the problem?",
                required=True,
                options=(
                    ("not-plowed", "Street not plowed"),
                    ("ice", "Icy patch"),
                    ("sidewalk", "Public sidewalk not cleared"),
                    ("damage", "Damage from a plow"),
                ),
            ),
            QuestionSpec(
                "hours",
                "number",
                "Hours since the snow stopped",
                number_range=(2, 48),
            ),
        ),
        descriptions=(
            "Our street has not been plowed since the storm.",
            "Plow knocked over our mailbox.",
            "Sheet of ice at the bus stop.",
        ),
        weight=5,
    ),
    ServiceSpec(
        code="rodent-complaint",
        name="Rats or rodents",
        department="code-enforcement",
        group="neighbourhood",
        description=(
            "Report rats, burrows or droppings outdoors. An inspector finds the cause (food, "
            "trash, shelter) and baits public land or orders the owner to fix it."
        ),
        keywords="rats, rodents, mice, burrows, droppings, pest",
        what_to_provide="Where you saw signs, and what you saw.",
        needs_location=True,
        allows_anonymous=True,
        priority="normal",
        first_response=(2, D),
        resolution=(10, D),
        minimum_expectation=(
            "An inspector visits within a week; we tell you what we found and what happens next."
        ),
        steps=(
            StepSpec("An inspector visits", 3, D),
            StepSpec("We bait public land or order the owner to act", 7, D),
        ),
        questions=(
            QuestionSpec(
                "seen",
                "multivaluelist",
                "What did you see?",
                required=True,
                options=(
                    ("rats", "Live rats"),
                    ("burrows", "Burrows"),
                    ("droppings", "Droppings"),
                ),
            ),
            QuestionSpec(
                "place",
                "singlevaluelist",
                "Where?",
                options=(
                    ("yard", "A yard"),
                    ("alley", "An alley"),
                    ("restaurant", "Behind a restaurant"),
                    ("vacant", "A vacant lot or building"),
                ),
            ),
            QuestionSpec(
                "details",
                "text",
                "Anything else?",
                samples=(
                    "Overflowing dumpsters behind the restaurant every weekend.",
                    "Burrows under the shed next door.",
                ),
            ),
        ),
        descriptions=(
            "Rats running along the alley every evening.",
            "Burrows in the vacant lot next door.",
            "Hay ratas en el callejón detrás del restaurante.",
        ),
        weight=6,
    ),
    ServiceSpec(
        code="general-complaint",
        name="Complaint about a city service",
        department="contact-centre",
        group="general",
        description=(
            "Tell us when a city service or staff member let you down. A manager of the "
            "department reads every complaint and answers you."
        ),
        keywords="complaint, feedback, unhappy, staff, rude, service quality",
        what_to_provide="What happened, when, and what you would like us to do.",
        needs_location=False,
        allows_anonymous=True,
        priority="normal",
        first_response=(1, D),
        resolution=(10, D),
        minimum_expectation=(
            "A manager reads your complaint within one working day and answers you with what "
            "we will change, within two weeks."
        ),
        steps=(
            StepSpec("We pass your complaint to the department manager", 1, D),
            StepSpec("The manager looks into it and answers you", 7, D),
        ),
        questions=(
            QuestionSpec(
                "topic",
                "singlevaluelist",
                "What is it about?",
                required=True,
                options=(
                    ("staff", "How staff treated me"),
                    ("quality", "The quality of a service"),
                    ("delay", "A delay"),
                    ("policy", "A city rule or policy"),
                    ("other", "Something else"),
                ),
            ),
            QuestionSpec(
                "details",
                "text",
                "What happened?",
                required=True,
                samples=(
                    "I called three times and nobody called back.",
                    "The crew left the street a mess after the repair.",
                    "I was told two different answers by two people.",
                ),
            ),
        ),
        descriptions=(
            "Very disappointed with how long this took.",
            "Nadie me ha respondido después de dos semanas.",
            "The person at the counter was dismissive.",
        ),
        weight=8,
    ),
    ServiceSpec(
        code="general-question",
        name="Ask a question",
        department="contact-centre",
        group="general",
        description=(
            "Ask anything about city services. If the answer is in our help articles, we send "
            "it; otherwise we find the right person."
        ),
        keywords="question, information, help, how do I, contact",
        what_to_provide="Your question, and how you would like the answer.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(3, D),
        minimum_expectation="We answer within three working days, or tell you who will.",
        steps=(StepSpec("We find the answer and reply", 3, D),),
        questions=(
            QuestionSpec(
                "question",
                "text",
                "Your question",
                required=True,
                samples=(
                    "Is the transfer station open on Saturdays?",
                    "How do I get a copy of my water bill?",
                    "Where can I drop off old paint?",
                ),
            ),
        ),
        descriptions=(
            "Question about city services.",
            "Tengo una pregunta sobre el reciclaje.",
        ),
        weight=8,
    ),
    ServiceSpec(
        code="general-enquiry",
        name="General enquiry",
        department="contact-centre",
        group="general",
        description=(
            "Anything you send us by email, text message, social media or live chat starts "
            "here. The 311 team reads it, answers you, or passes it to the department that can."
        ),
        keywords="message, email, text, chat, enquiry, contact us, general",
        what_to_provide="Your message, and an address if it is about a place.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(3, D),
        minimum_expectation=(
            "A person reads your message within one working day and answers you, or tells you "
            "which team has it and when they will answer."
        ),
        steps=(
            StepSpec("The 311 team reads your message", 1, D),
            StepSpec("We answer you, or the right team does", 2, D),
        ),
        questions=(QuestionSpec("topic", "singlevaluelist", "What is it about?", options=_TOPICS),),
        descriptions=(
            "Hi, who do I talk to about the broken bench in the park?",
            "The streetlight outside 14 Oak Street has been flickering for a week.",
            "When is bulk pickup on my street?",
            "Can someone call me about my water bill? It doubled this month.",
            "Hola, ¿cuándo recogen los muebles viejos en mi calle?",
            "There's a big branch hanging over the sidewalk on Elm Street.",
            "Thanks for fixing the pothole so fast!",
            "¿Dónde puedo pagar la multa de estacionamiento?",
        ),
        # Not drawn by weight: the demo history opens these from the messaging channels.
        weight=0,
    ),
    ServiceSpec(
        code="shelter-booking",
        name="Book a park shelter online (4-hour blocks)",
        department="parks",
        group="parks",
        description=(
            "Book one of the bookable park shelters online for a four-hour block. Pick a time "
            "shown as free and it is yours at once; we then send your permit."
        ),
        keywords="book a shelter, shelter booking, pavilion, picnic, online booking",
        what_to_provide="Your name and email; the calendar shows which blocks are free.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(2, D),
        minimum_expectation=(
            "Your block is held the moment you book it; the permit follows within two working days."
        ),
        steps=(StepSpec("We send your shelter permit", 2, D),),
        # Bookable resources (bookings.demo) need a service without required questions:
        # the booking form asks for contact details only.
        questions=(QuestionSpec("guests", "number", "How many guests?", number_range=(10, 110)),),
        descriptions=("Shelter booking.",),
        # Opened by bookings.services.booking_create in the demo history, not by a form.
        weight=6,
    ),
    ServiceSpec(
        code="inspection-booking",
        name="Inspection appointment: pick a time online",
        department="building",
        group="building",
        description=(
            "Book a one-hour inspection slot with the North or South inspection team on a "
            "working day, at least two days ahead. Someone aged 18 or over must be present."
        ),
        keywords="inspection appointment, book an inspection, inspector visit, slot",
        what_to_provide="The address to visit and, if you have one, your permit number.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(4, H),
        resolution=(3, D),
        minimum_expectation=(
            "The inspector comes in the slot you booked and records the result the next "
            "working day."
        ),
        steps=(
            StepSpec("We confirm what the inspector needs", 4, H),
            StepSpec("We record the inspection result", 3, D),
        ),
        questions=(
            QuestionSpec(
                "permit_number",
                "string",
                "Permit number, if you have one",
                datatype_description="As printed on the permit card, e.g. BP-2026-01234",
                samples=("BP-2026-01234", "BP-2026-00871"),
            ),
        ),
        descriptions=("Inspection booking.",),
        weight=5,
    ),
    # --- Village of Millbrook: a small second jurisdiction -----------------------------
    ServiceSpec(
        code="pothole",
        name="Pothole",
        department="village-services",
        group="village",
        description="Report a hole in a village street.",
        keywords=_POTHOLE.keywords,
        what_to_provide=_POTHOLE.what_to_provide,
        needs_location=True,
        allows_anonymous=True,
        priority="normal",
        first_response=(1, D),
        resolution=(5, D),
        minimum_expectation="We look at every reported hole within a week.",
        steps=(StepSpec("We inspect and patch", 5, D),),
        questions=_POTHOLE.questions[:1],
        descriptions=_POTHOLE.descriptions,
        weight=2,
        jurisdiction_id=MILLBROOK,
    ),
    ServiceSpec(
        code="missed-trash",
        name="Missed trash pickup",
        department="village-services",
        group="village",
        description="Tell us if your cart was out on time but not emptied.",
        keywords=_MISSED_TRASH.keywords,
        what_to_provide=_MISSED_TRASH.what_to_provide,
        needs_location=True,
        allows_anonymous=False,
        priority="high",
        first_response=(4, H),
        resolution=(1, D),
        minimum_expectation="We collect missed carts within one working day.",
        steps=(StepSpec("A crew returns to collect", 1, D),),
        questions=_MISSED_TRASH.questions[:1],
        descriptions=_MISSED_TRASH.descriptions,
        weight=2,
        jurisdiction_id=MILLBROOK,
    ),
    ServiceSpec(
        code="general-enquiry",
        name="General enquiry",
        department="village-services",
        group="village",
        description="Email, text or message the village office about anything.",
        keywords="message, email, text, enquiry, contact us",
        what_to_provide="Your message, and an address if it is about a place.",
        needs_location=False,
        allows_anonymous=False,
        priority="normal",
        first_response=(1, D),
        resolution=(3, D),
        minimum_expectation="The village office answers within three working days.",
        steps=(StepSpec("The village office answers you", 3, D),),
        questions=(QuestionSpec("topic", "singlevaluelist", "What is it about?", options=_TOPICS),),
        descriptions=(
            "Is the village hall open on Friday?",
            "Our street was not plowed this morning.",
            "¿Cuándo pasa el camión de la basura?",
        ),
        weight=0,
        jurisdiction_id=MILLBROOK,
    ),
)
