"""What staff and residents write on the demo timelines, and how a year of requests is shaped.

Texts a resident sees (public replies, status notes) come in English and
Spanish and follow the firm's training: say what happens next and by when, and
when the answer is "no", offer an alternative. Placeholders are filled by
demo/history.py: {name} (the resident's first name), {department}, {step},
{date} (a concrete day, "Tuesday 4 March"), {number} (the tracking number of
another case). Internal notes and handover notes are for staff, in English.
"""

from __future__ import annotations

# --- Resident-facing ------------------------------------------------------------------

FIRST_REPLIES = {
    "en": (
        "Thank you for letting us know, {name}. {department} has your request. Next step: "
        "{step}, by {date}.",
        "Hello {name}, we have your request and it is with {department}. We will finish the "
        "next step ({step}) by {date} and update you here.",
        "Thanks, {name}. I have checked the details and passed them to {department}. You "
        "will hear from us by {date}.",
    ),
    # Step names are written in English, so the Spanish replies give only the date.
    "es": (
        "Gracias por avisarnos, {name}. {department} tiene su solicitud. El próximo paso "
        "estará listo a más tardar el {date}.",
        "Hola {name}, recibimos su solicitud y la tiene {department}. Terminaremos el "
        "próximo paso a más tardar el {date} y le avisaremos aquí.",
    ),
}

# Texts that depend on the kind of work: "place" services send someone out (potholes,
# lights, dumping); "desk" services are answered or arranged from an office (questions,
# orders, bookings, general enquiries).

RESOLVE_REPLIES = {
    "en": {
        "place": (
            "Done: the work is finished. Thank you for reporting it, {name}. If anything is "
            "still wrong, reply to this message and we will look again.",
            "The crew finished the work today. Thanks for your patience, {name}.",
            "Fixed today. Thank you, {name}, for helping us look after the neighbourhood.",
        ),
        "desk": (
            "We have answered your question below, {name}. If it does not cover everything, "
            "reply here and the same team will pick it up.",
            "All done, {name}: your request is complete and the confirmation is on its way by "
            "email.",
            "Thank you for your patience, {name}. Everything you asked for is arranged.",
        ),
    },
    "es": {
        "place": (
            "Listo: el trabajo está terminado. Gracias por avisarnos, {name}. Si algo sigue "
            "mal, responda a este mensaje y lo revisaremos.",
            "La cuadrilla terminó el trabajo hoy. Gracias por su paciencia, {name}.",
        ),
        "desk": (
            "Le respondimos abajo, {name}. Si falta algo, responda aquí y el mismo equipo lo "
            "retomará.",
            "Listo, {name}: su solicitud está completa y la confirmación va por correo.",
        ),
    },
}

# Asked when the case needs more from the resident ("waiting on resident"), each with the
# kind of answer residents give.
WAITING_MESSAGES = {
    "en": {
        "place": (
            "Could you send a photo and the nearest house number? It helps the crew find the "
            "spot. We will keep your request open until {date}.",
            "We went to the address but could not find it. Is it on the north or south side "
            "of the street? Please reply by {date}.",
        ),
        "desk": (
            "To finish this we need one more detail: the account, permit or parcel number on "
            "your papers. Please reply by {date} and we will take it from there.",
            "Could you tell us which day suits you? We will hold your request until {date}.",
        ),
    },
    "es": {
        "place": (
            "¿Podría enviarnos una foto y el número de casa más cercano? Así la cuadrilla "
            "encuentra el lugar. Mantendremos su solicitud abierta hasta el {date}.",
        ),
        "desk": (
            "Para terminar necesitamos un dato más: el número de cuenta, permiso o parcela que "
            "aparece en sus papeles. Por favor responda antes del {date}.",
        ),
    },
}

RESIDENT_REPLIES = {
    "en": {
        "place": (
            "Here is the photo, it is in front of number 42.",
            "It's on the south side, across from the bakery.",
            "North side, right by the bus stop.",
        ),
        "desk": (
            "The permit number is BP-2026-01234.",
            "Any weekday morning works for me. Thanks!",
            "Parcel ID is 14-0203-118.",
        ),
    },
    "es": {
        "place": (
            "Gracias, la dirección correcta es el número 118.",
            "Está frente a la panadería, lado sur de la calle.",
        ),
        "desk": (
            "El número de permiso es BP-2026-00871.",
            "Cualquier mañana entre semana me viene bien.",
        ),
    },
}

# "No", always with an alternative ("When You Can't Say Yes").
DECLINE_NOTES = {
    "en": {
        "place": (
            "This is on private property, so the city cannot do the work. The owner can hire a "
            "licensed contractor; our help article lists what the code requires, and Code "
            "Enforcement can follow up if nothing happens within 30 days.",
            "This road belongs to the county. We have forwarded your report to County Highways "
            "(555-0199), who will contact you; your reference there is this tracking number.",
        ),
        "desk": (
            "We cannot change this: the rule is set by state law. What we can do is set up a "
            "payment plan with no late fee; reply here and we will send the form.",
            "That date is already taken. The same slot the following week is free and we can "
            "hold it for you for three days; reply here to take it.",
        ),
    },
    "es": {
        "place": (
            "Esto está en propiedad privada, así que la ciudad no puede hacer el trabajo. El "
            "dueño puede contratar a un contratista con licencia; nuestro artículo de ayuda "
            "explica lo que exige el código.",
        ),
        "desk": (
            "No podemos cambiar esto: la regla la fija la ley estatal. Lo que sí podemos hacer "
            "es un plan de pagos sin recargo; responda aquí y le enviamos el formulario.",
        ),
    },
}

NO_REPLY_NOTES = {
    "en": (
        "We did not hear back, so we have finished this request with what we had. Reply any "
        "time and we will pick it up again.",
    ),
    "es": (
        "No recibimos respuesta, así que cerramos la solicitud con lo que teníamos. Responda "
        "cuando quiera y la retomaremos.",
    ),
}

CLOSE_NOTES = {
    "en": ("Closed after a week with no further questions. Thank you.",),
    "es": ("Cerrada tras una semana sin más preguntas. Gracias.",),
}

REOPEN_REASONS = {
    "en": {
        "place": (
            "You told us the problem came back, so we have reopened your request. New date: "
            "{date}.",
            "The repair did not hold after the rain. We have reopened this and will fix it "
            "again by {date}.",
            "You let us know the work was done at the wrong address. Sorry about that: a crew "
            "will come to the right one by {date}.",
        ),
        "desk": (
            "You told us our answer did not cover everything, so we have reopened your "
            "request. You will hear from us by {date}.",
            "Sorry, we sent the confirmation to the wrong address. We have reopened this and "
            "will put it right by {date}.",
        ),
    },
    "es": {
        "place": (
            "Nos dijo que el problema volvió, así que reabrimos su solicitud. Nueva fecha: {date}.",
        ),
        "desk": (
            "Nos dijo que nuestra respuesta no cubría todo, así que reabrimos su solicitud. Le "
            "responderemos a más tardar el {date}.",
        ),
    },
}

IN_PROGRESS_NOTES = {
    "en": {
        "place": ("", "", "A crew is scheduled.", "We are working on it."),
        "desk": ("", "", "We are looking into it.", "A specialist has your request."),
    },
    "es": {
        "place": ("", "", "Una cuadrilla está programada.", "Estamos trabajando en ello."),
        "desk": ("", "", "Estamos revisando su solicitud.", "Un especialista tiene su solicitud."),
    },
}

# --- Staff-only -------------------------------------------------------------------------

INTERNAL_NOTES = {
    "place": (
        "Checked GIS: location is city property.",
        "Called the resident, no answer; left a voicemail.",
        "Crew scheduled for the next available slot.",
        "Similar report last month at the same address, see history.",
        "Parts ordered from the supplier, about a week.",
        "Spoke with the property owner, they agreed to fix it.",
        "Photo confirms the problem; priority raised.",
        "Waiting for the contractor's schedule.",
        "Resident called to ask for an update; told them the promised date.",
    ),
    "desk": (
        "Called the resident, no answer; left a voicemail.",
        "Checked the account history; nothing unusual.",
        "Asked Finance to confirm before we answer.",
        "Same question as last month; used the standard answer.",
        "Resident called to ask for an update; told them the promised date.",
        "Confirmation letter printed and mailed.",
    ),
}

TRANSFER_NOTES = (
    "Not ours: this belongs to {department}. Resident already gave the address and photos; "
    "no need to call them again.",
    "Passing to {department}, who own this. Everything the resident told us is in the case.",
    "Checked on site: the problem is on {department}'s side. Resident has been told a team "
    "will be in touch.",
)

ESCALATION_REASONS = (
    "Past the promised date and the resident has called twice.",
    "Safety risk reported near a school.",
    "Resident asked for a supervisor.",
    "Repeat problem at the same address; needs a decision on a permanent fix.",
)

# Where a case may be handed on to, by the department that first has it.
TRANSFER_TARGETS = {
    "contact-centre": ("streets", "sanitation", "water", "parks", "finance", "code-enforcement"),
    "streets": ("traffic-lighting", "water", "forestry"),
    "traffic-lighting": ("streets",),
    "water": ("streets",),
    "sanitation": ("code-enforcement", "streets"),
    "code-enforcement": ("sanitation", "building"),
    "parks": ("forestry", "aquatics"),
    "aquatics": ("parks",),
    "forestry": ("parks", "streets"),
    "finance": ("building",),
    "building": ("code-enforcement", "finance"),
}

# A general enquiry's topic answer says which department the 311 team routes it to.
TOPIC_DEPARTMENTS = {
    "streets": "streets",
    "trash": "sanitation",
    "water": "water",
    "parks": "parks",
    "taxes": "finance",
}

# --- Shape of the year --------------------------------------------------------------------

# Relative volume by ISO weekday (Monday = 1).
WEEKDAY_WEIGHTS = {1: 1.15, 2: 1.05, 3: 1.0, 4: 1.0, 5: 0.9, 6: 0.45, 7: 0.35}

# Relative volume by local hour for channels open around the clock.
HOUR_WEIGHTS = (
    1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 9, 10, 10, 9, 9, 8, 8, 8, 7, 5, 3, 2,
)  # fmt: skip

# Channels that reach a person at an open office (staff enter the case).
OFFICE_HOURS_CHANNELS = frozenset({"phone", "walk_in"})
# Channels that arrive as a message and usually open a general enquiry.
MESSAGE_CHANNELS = frozenset({"email", "sms", "whatsapp", "social", "chat"})
# Channels a booking can come from.
BOOKING_CHANNELS = ("web", "web", "web", "phone", "api")

# Month multipliers (January first) for services with a season.
SEASONS = {
    "snow-removal": (6, 5, 3, 0.3, 0, 0, 0, 0, 0, 0, 0.5, 4),
    "pothole": (1.2, 1.5, 2.2, 2.0, 1.3, 0.9, 0.7, 0.6, 0.6, 0.7, 0.8, 1.0),
    "park-shelter": (0.1, 0.2, 0.6, 1.2, 2, 2.5, 2.5, 2.2, 1.4, 0.6, 0.2, 0.1),
    "shelter-booking": (0.1, 0.2, 0.6, 1.2, 2, 2.5, 2.5, 2.2, 1.4, 0.6, 0.2, 0.1),
    "aquatics-makeup": (0.5, 0.5, 0.6, 0.8, 1, 2, 2.5, 2, 0.8, 0.6, 0.5, 0.5),
    "tree-trimming": (0.4, 0.4, 0.7, 1.2, 1.5, 1.5, 1.4, 1.2, 1.0, 1.2, 0.8, 0.5),
    "noise-complaint": (0.6, 0.6, 0.8, 1, 1.2, 1.5, 1.7, 1.6, 1.1, 0.9, 0.7, 0.7),
    "property-tax-question": (2.5, 1.5, 0.7, 0.7, 0.5, 0.5, 0.6, 0.5, 0.5, 1.0, 1.5, 2.5),
    "bulk-pickup": (0.6, 0.6, 0.9, 1.5, 1.6, 1.4, 1.1, 1.1, 1.0, 0.9, 0.7, 0.9),
    "rodent-complaint": (0.4, 0.4, 0.6, 0.9, 1.3, 1.6, 1.8, 1.8, 1.3, 1.0, 0.6, 0.4),
}

# Storms: (days before today, [(service code, multiplier)…]) for three days after each.
STORMS = (
    (290, (("tree-trimming", 6), ("streetlight-out", 3), ("pothole", 2))),
    (75, (("tree-trimming", 5), ("sidewalk-repair", 2), ("water-leak", 3))),
)
