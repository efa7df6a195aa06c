"""Riverton's knowledge base: the same answers for residents and for staff replies.

Articles marked `standard` are staff's standard replies. They may contain the
placeholders {resident_name}, {tracking_number} and {promised_date}, which the
reply composer fills in before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class ArticleSpec:
    slug: str
    category: str
    services: tuple[str, ...]
    en: Text
    es: Text
    standard: bool = False


CATEGORIES = (
    ("trash-recycling", "Trash, recycling & compost", "Basura, reciclaje y compost", 1),
    ("streets", "Streets & sidewalks", "Calles y aceras", 2),
    ("parks", "Parks & recreation", "Parques y recreación", 3),
    ("taxes-licenses", "Taxes & licenses", "Impuestos y licencias", 4),
    ("building", "Building & permits", "Construcción y permisos", 5),
    ("neighbourhood", "Neighbourhood", "Vecindario", 6),
    ("standard-replies", "Standard replies", "Respuestas estándar", 9),
)

ARTICLES = (
    ArticleSpec(
        slug="what-goes-in-recycling",
        category="trash-recycling",
        services=("recycle-bin", "missed-trash"),
        en=Text(
            "What goes in the blue recycling cart",
            "Clean paper, cardboard, cans, and plastic bottles and tubs. No bags.",
            "Yes, loose in the cart:\n"
            "- Paper, mail, newspapers, magazines, paper bags\n"
            "- Flattened cardboard boxes (cut large boxes to fit with the lid closed)\n"
            "- Metal cans and clean aluminium foil\n"
            "- Plastic bottles, jugs and tubs marked 1, 2 or 5\n"
            "- Glass bottles and jars\n\n"
            "No:\n"
            "- Plastic bags or film (return them to grocery stores)\n"
            "- Food-soiled paper, pizza boxes with grease (compost them)\n"
            "- Hoses, cords, batteries, needles, foam cups\n\n"
            "Rinse containers; they do not need to be spotless. When in doubt, leave it out: "
            "one wrong item can spoil a whole truck load.",
        ),
        es=Text(
            "Qué va en el contenedor azul de reciclaje",
            "Papel limpio, cartón, latas y botellas y envases de plástico. Sin bolsas.",
            "Sí, sueltos en el contenedor:\n"
            "- Papel, correo, periódicos, revistas, bolsas de papel\n"
            "- Cajas de cartón aplanadas (corte las grandes para que cierre la tapa)\n"
            "- Latas de metal y papel de aluminio limpio\n"
            "- Botellas, galones y envases de plástico con los números 1, 2 o 5\n"
            "- Botellas y frascos de vidrio\n\n"
            "No:\n"
            "- Bolsas o película de plástico (devuélvalas en los supermercados)\n"
            "- Papel sucio de comida o cajas de pizza con grasa (van al compost)\n"
            "- Mangueras, cables, baterías, agujas, vasos de espuma\n\n"
            "Enjuague los envases; no tienen que quedar perfectos. Si tiene dudas, déjelo "
            "fuera: un solo artículo equivocado puede arruinar la carga de un camión.",
        ),
    ),
    ArticleSpec(
        slug="cart-sizes",
        category="trash-recycling",
        services=("recycle-bin", "compost-bin"),
        en=Text(
            "Choosing a cart size",
            "Recycling carts come in 35, 65 and 95 gallons; compost carts in 32 and 64.",
            "Recycling carts:\n"
            "- 35 gallons: one or two people, fits in a small garage\n"
            "- 65 gallons: most homes (the standard size)\n"
            "- 95 gallons: large households, or if you often have cardboard\n\n"
            "Compost carts: 32 gallons for food scraps, 64 gallons if you add yard trimmings.\n\n"
            "Your first cart is free, and so is a replacement for a stolen or damaged cart. "
            "An extra recycling cart costs $40 once. You can swap sizes for free once a year: "
            "ask for a recycling cart order and choose 'new size'.",
        ),
        es=Text(
            "Cómo elegir el tamaño del contenedor",
            "Reciclaje: 35, 65 o 95 galones; compost: 32 o 64 galones.",
            "Contenedores de reciclaje:\n"
            "- 35 galones: una o dos personas, cabe en un garaje pequeño\n"
            "- 65 galones: la mayoría de los hogares (tamaño estándar)\n"
            "- 95 galones: familias grandes o si tiene mucho cartón\n\n"
            "Compost: 32 galones para restos de comida, 64 galones si añade restos del jardín.\n\n"
            "El primer contenedor es gratis, y también el reemplazo de uno robado o dañado. "
            "Un contenedor de reciclaje adicional cuesta $40 una sola vez. Puede cambiar de "
            "tamaño gratis una vez al año con una solicitud de contenedor de reciclaje.",
        ),
    ),
    ArticleSpec(
        slug="curbside-compost",
        category="trash-recycling",
        services=("compost-bin",),
        en=Text(
            "Curbside composting: what goes in the green cart",
            "Food scraps, food-soiled paper and yard trimmings, collected weekly.",
            "Put in the green cart: fruit and vegetable scraps, meat, fish and bones, eggshells, "
            "coffee grounds and filters, tea bags, bread, pasta, greasy pizza boxes, paper "
            "napkins, leaves, grass and small branches (under 4 inches thick).\n\n"
            "Keep out: plastic of any kind, including 'compostable' plastic bags and cutlery; "
            "pet waste; diapers; ash.\n\n"
            "Line the kitchen caddy with newspaper or a paper bag. Green carts are collected "
            "on your trash day every week, all year.",
        ),
        es=Text(
            "Compost en la acera: qué va en el contenedor verde",
            "Restos de comida, papel sucio de comida y restos del jardín, cada semana.",
            "Sí va: restos de frutas y verduras, carne, pescado y huesos, cáscaras de huevo, "
            "café y filtros, bolsitas de té, pan, pasta, cajas de pizza con grasa, servilletas "
            "de papel, hojas, césped y ramas pequeñas (menos de 4 pulgadas de grosor).\n\n"
            "No va: ningún plástico, tampoco bolsas ni cubiertos 'compostables'; excrementos de "
            "mascotas; pañales; ceniza.\n\n"
            "Forre el recipiente de cocina con periódico o una bolsa de papel. El contenedor "
            "verde se recoge el mismo día que la basura, todas las semanas del año.",
        ),
    ),
    ArticleSpec(
        slug="collection-day-holidays",
        category="trash-recycling",
        services=("missed-trash",),
        en=Text(
            "Collection day and holiday delays",
            "Carts out by 6:00 a.m.; a holiday moves the rest of that week by one day.",
            "Put your carts at the curb by 6:00 a.m. on your collection day, wheels toward "
            "the house, at least 3 feet apart and away from parked cars.\n\n"
            "When a city holiday falls on a weekday, collection for that day and the rest of "
            "the week moves one day later (Friday moves to Saturday).\n\n"
            "If your cart was out on time and not emptied by 6:00 p.m., report a missed "
            "pickup; we check the truck's route record and return within one working day.",
        ),
        es=Text(
            "Día de recolección y retrasos por feriados",
            "Contenedores afuera antes de las 6:00 a.m.; un feriado retrasa un día "
            "el resto de la semana.",
            "Saque sus contenedores a la acera antes de las 6:00 a.m. del día de recolección, "
            "con las ruedas hacia la casa, a 3 pies de distancia entre sí y lejos de los autos.\n\n"
            "Cuando un feriado de la ciudad cae entre semana, la recolección de ese día y del "
            "resto de la semana se hace un día después (el viernes pasa al sábado).\n\n"
            "Si su contenedor estaba afuera a tiempo y no se vació antes de las 6:00 p.m., "
            "reporte una recolección perdida; revisamos la ruta y volvemos en un día hábil.",
        ),
    ),
    ArticleSpec(
        slug="bulk-pickup-rules",
        category="trash-recycling",
        services=("bulk-pickup", "illegal-dumping"),
        en=Text(
            "Bulk item pickup: how it works",
            "Up to five large items, four times a year, free. Book first.",
            "Book a pickup online or by calling 311. We give you a pickup day within two "
            "working days. Put the items at the curb the night before, not earlier.\n\n"
            "Accepted: furniture, mattresses and box springs (wrapped in plastic), "
            "appliances (fridge and freezer doors removed), rolled and tied carpet.\n\n"
            "Not accepted: construction debris, tyres, paint, car parts. Take these to the "
            "transfer station on Mill Road (Tuesday–Saturday, 7:30–15:30).\n\n"
            "Items left out without a booking are illegal dumping and may be fined.",
        ),
        es=Text(
            "Recolección de artículos grandes: cómo funciona",
            "Hasta cinco artículos grandes, cuatro veces al año, gratis. Reserve primero.",
            "Reserve en línea o llamando al 311. Le damos un día de recolección en dos días "
            "hábiles. Saque los artículos a la acera la noche anterior, no antes.\n\n"
            "Aceptamos: muebles, colchones y bases (envueltos en plástico), electrodomésticos "
            "(sin las puertas del refrigerador o congelador), alfombras enrolladas y atadas.\n\n"
            "No aceptamos: escombros de construcción, llantas, pintura, piezas de auto. "
            "Llévelos a la estación de transferencia de Mill Road "
            "(martes a sábado, 7:30–15:30).\n\n"
            "Dejar artículos sin reserva es tirar basura ilegalmente y puede ser multado.",
        ),
    ),
    ArticleSpec(
        slug="property-tax-due-dates",
        category="taxes-licenses",
        services=("property-tax-question",),
        en=Text(
            "Property tax due dates and ways to pay",
            "Two installments: January 31 and July 31. Pay online, by mail, or in person.",
            "Riverton property tax is billed once a year and paid in two equal installments, "
            "due January 31 and July 31. If a due date falls on a weekend or holiday, the next "
            "working day counts.\n\n"
            "Ways to pay:\n"
            "- Online by bank transfer (free) or card (2.4% processing fee)\n"
            "- By mail: check to 'City of Riverton', postmarked by the due date\n"
            "- In person at City Hall, Finance counter, 8:00–17:00: cash, check or card\n"
            "- Drop box outside City Hall, open around the clock\n\n"
            "Late payments carry interest of 1% a month. If you cannot pay in full, ask about "
            "a payment plan before the due date.",
        ),
        es=Text(
            "Fechas de pago del impuesto predial y formas de pago",
            "Dos cuotas: 31 de enero y 31 de julio. Pague en línea, por correo o en persona.",
            "El impuesto predial de Riverton se factura una vez al año y se paga en dos cuotas "
            "iguales, con vencimiento el 31 de enero y el 31 de julio. Si la fecha cae en fin "
            "de semana o feriado, vale el siguiente día hábil.\n\n"
            "Formas de pago:\n"
            "- En línea por transferencia bancaria (gratis) o tarjeta (cargo del 2.4%)\n"
            "- Por correo: cheque a nombre de 'City of Riverton', "
            "con matasellos de la fecha límite\n"
            "- En persona en el Ayuntamiento, ventanilla de Finanzas, 8:00–17:00: efectivo, "
            "cheque o tarjeta\n"
            "- Buzón afuera del Ayuntamiento, abierto a toda hora\n\n"
            "Los pagos atrasados tienen un interés del 1% mensual. Si no puede pagar todo, "
            "pregunte por un plan de pagos antes de la fecha límite.",
        ),
    ),
    ArticleSpec(
        slug="property-tax-exemptions",
        category="taxes-licenses",
        services=("property-tax-question",),
        en=Text(
            "Property tax exemptions for seniors and veterans",
            "Apply by March 1 for next year's bill; renew seniors' exemptions every year.",
            "Exemptions lower the taxable value of your home:\n"
            "- Seniors 65+ with household income under $58,400: up to 50% off the city share\n"
            "- Veterans: a fixed reduction, larger for combat service or a disability rating\n"
            "- STAR (school tax relief): apply with the state, not the city\n\n"
            "Apply by March 1 with proof of age or service and last year's income. Seniors "
            "renew every year; we mail the renewal form in December.",
        ),
        es=Text(
            "Exenciones del impuesto predial para personas mayores y veteranos",
            "Solicítelas antes del 1 de marzo; las de personas mayores se renuevan cada año.",
            "Las exenciones reducen el valor imponible de su vivienda:\n"
            "- Mayores de 65 años con ingresos familiares menores de $58,400: hasta 50% menos "
            "en la parte de la ciudad\n"
            "- Veteranos: una reducción fija, mayor por servicio en combate o discapacidad\n"
            "- STAR (alivio del impuesto escolar): se solicita al estado, no a la ciudad\n\n"
            "Solicítela antes del 1 de marzo con prueba de edad o servicio y los ingresos del "
            "año anterior. Las personas mayores renuevan cada año; enviamos el formulario en "
            "diciembre.",
        ),
    ),
    ArticleSpec(
        slug="reserve-park-shelter",
        category="parks",
        services=("park-shelter",),
        en=Text(
            "How to reserve a park shelter",
            "Book up to 12 months ahead; fees from $35 to $150 a day; pay within 3 days.",
            "1. Pick a shelter and a date. Shelters seat: Riverside A 60, Riverside B 30, "
            "Hillcrest Pavilion 120, Mill Pond Gazebo 20.\n"
            "2. Request it online or at the Parks office. We confirm availability within one "
            "working day and hold the date for three days.\n"
            "3. Pay the fee (Riverton residents: $35–$90; others: $60–$150). We then send "
            "your permit; keep it with you on the day.\n\n"
            "Cancel at least 14 days ahead for a full refund. Amplified music needs a sound "
            "permit; alcohol is not allowed in any park.",
        ),
        es=Text(
            "Cómo reservar un refugio en el parque",
            "Reserve hasta con 12 meses; tarifas de $35 a $150 por día; pague en 3 días.",
            "1. Elija un refugio y una fecha. Capacidad: Riverside A 60, Riverside B 30, "
            "Pabellón Hillcrest 120, Glorieta Mill Pond 20.\n"
            "2. Solicítelo en línea o en la oficina de Parques. Confirmamos la disponibilidad "
            "en un día hábil y reservamos la fecha por tres días.\n"
            "3. Pague la tarifa (residentes de Riverton: $35–$90; otros: $60–$150). Luego le "
            "enviamos el permiso; llévelo con usted ese día.\n\n"
            "Cancele con 14 días de anticipación para un reembolso completo. La música "
            "amplificada necesita permiso de sonido; no se permite alcohol en los parques.",
        ),
    ),
    ArticleSpec(
        slug="swim-makeup-classes",
        category="parks",
        services=("aquatics-makeup",),
        en=Text(
            "Missed a swim lesson? Make-up classes",
            "Up to two make-ups per session, in the same level, while spots are open.",
            "Each swim session allows up to two make-up classes per swimmer, in the same level, "
            "within the same session. Make-ups depend on open spots, so ask early.\n\n"
            "Ask for a make-up with the class name from your receipt and the date you missed. "
            "We reply within one working day with the open times. Classes cancelled by the "
            "pool (weather, maintenance) are always made up or refunded.",
        ),
        es=Text(
            "¿Faltó a una clase de natación? Clases de recuperación",
            "Hasta dos recuperaciones por sesión, en el mismo nivel, si hay cupo.",
            "Cada sesión de natación permite hasta dos clases de recuperación por alumno, en el "
            "mismo nivel y dentro de la misma sesión. Dependen del cupo, así que pida pronto.\n\n"
            "Solicite la recuperación con el nombre de la clase de su recibo y la fecha que "
            "faltó. Respondemos en un día hábil con los horarios disponibles. Las clases que "
            "cancela la piscina (clima, mantenimiento) siempre se recuperan o se reembolsan.",
        ),
    ),
    ArticleSpec(
        slug="what-is-a-pothole",
        category="streets",
        services=("pothole", "sidewalk-repair"),
        en=Text(
            "What counts as a pothole, and how we fix them",
            "A hole in the road surface deeper than about 2 inches. Dangerous ones go first.",
            "A pothole is a hole in the asphalt, usually at least 2 inches deep and wider than "
            "a hand. Cracks, sunken utility covers and bumps are reported the same way.\n\n"
            "How we prioritise: holes in travel lanes, bike lanes and crosswalks, and any "
            "deeper than a tyre can cross safely, are patched first. A crew leader inspects "
            "within two working days and can patch a dangerous hole on the spot.\n\n"
            "In winter we use cold mix, which is temporary; we return with hot asphalt in "
            "spring. If a pothole damaged your car, you can file a claim with the City Clerk "
            "within 90 days.",
        ),
        es=Text(
            "Qué es un bache y cómo lo reparamos",
            "Un hoyo en el pavimento de más de unas 2 pulgadas. Los peligrosos van primero.",
            "Un bache es un hoyo en el asfalto, normalmente de al menos 2 pulgadas de profundidad "
            "y más ancho que una mano. Grietas, tapas hundidas y topes se reportan igual.\n\n"
            "Prioridad: primero se reparan los baches en carriles, ciclovías y cruces peatonales, "
            "y los que son peligrosos para una llanta. Un supervisor inspecciona en dos días "
            "hábiles y puede rellenar un bache peligroso en el momento.\n\n"
            "En invierno usamos mezcla en frío, que es temporal; volvemos con asfalto caliente "
            "en primavera. Si un bache dañó su auto, puede presentar un reclamo ante la "
            "Secretaría Municipal dentro de 90 días.",
        ),
    ),
    ArticleSpec(
        slug="streetlight-pole-number",
        category="streets",
        services=("streetlight-out",),
        en=Text(
            "Reporting a streetlight: find the pole number",
            "The metal tag at eye height (e.g. RL-10482) tells the crew exactly which light.",
            "Each city pole has a small metal tag about 5 feet up, with a number like RL-10482. "
            "Giving that number saves the crew a search at night.\n\n"
            "Lights on wooden poles with a green tag belong to the power company; we forward "
            "those reports to them. Lights in parking lots are private.\n\n"
            "A knocked-down pole or exposed wires is an emergency: keep away and call 911.",
        ),
        es=Text(
            "Reportar una luz de la calle: busque el número del poste",
            "La placa metálica a la altura de los ojos (p. ej. RL-10482) identifica la luz.",
            "Cada poste de la ciudad tiene una pequeña placa metálica a unos 5 pies de altura, "
            "con un número como RL-10482. Con ese número la cuadrilla no tiene que buscar de "
            "noche.\n\n"
            "Las luces en postes de madera con placa verde son de la compañía eléctrica; les "
            "reenviamos esos reportes. Las luces de estacionamientos son privadas.\n\n"
            "Un poste caído o cables expuestos son una emergencia: aléjese y llame al 911.",
        ),
    ),
    ArticleSpec(
        slug="book-building-inspection",
        category="building",
        services=("building-inspection",),
        en=Text(
            "Booking a building inspection",
            "Book by 15:00 for an inspection within two working days; have the "
            "permit card on site.",
            "Request the inspection with your permit number and the inspection type. Requests "
            "in by 15:00 are confirmed the same day, with a two-hour window.\n\n"
            "Before the visit: the permit card must be posted and visible from the street, the "
            "approved plans must be on site, and the work must be uncovered (no drywall over "
            "rough-ins). Someone 18 or older must let the inspector in.\n\n"
            "If the work does not pass, the inspector leaves a correction list. Fix the items "
            "and book a re-inspection; the first re-inspection is free.",
        ),
        es=Text(
            "Cómo pedir una inspección de construcción",
            "Pida antes de las 15:00 para una inspección en dos días hábiles; "
            "tenga el permiso a la vista.",
            "Solicite la inspección con su número de permiso y el tipo de inspección. Las "
            "solicitudes recibidas antes de las 15:00 se confirman el mismo día, con una "
            "ventana de dos horas.\n\n"
            "Antes de la visita: el permiso debe estar colocado y visible desde la calle, los "
            "planos aprobados deben estar en la obra, y el trabajo debe estar descubierto. Una "
            "persona mayor de 18 años debe abrir al inspector.\n\n"
            "Si el trabajo no pasa, el inspector deja una lista de correcciones. Corríjalas y "
            "pida una reinspección; la primera es gratis.",
        ),
    ),
    ArticleSpec(
        slug="business-license-basics",
        category="taxes-licenses",
        services=("business-license-question",),
        en=Text(
            "Do I need a business license?",
            "Yes, if you do business in Riverton, including from home. Renew by June 30.",
            "Every business that operates in Riverton needs a city business license, including "
            "home-based businesses, food trucks and contractors based elsewhere who work here.\n\n"
            "Apply with your business name, address, owner details and state tax ID. The fee "
            "is $75 a year ($40 for home-based businesses with no customer visits). Licenses "
            "run July 1 to June 30; we mail renewal notices in May.\n\n"
            "Moving or changing owners? Tell us within 30 days; the change is free.",
        ),
        es=Text(
            "¿Necesito una licencia de negocio?",
            "Sí, si hace negocios en Riverton, incluso desde casa. Renueve antes del 30 de junio.",
            "Todo negocio que opera en Riverton necesita una licencia municipal, incluidos los "
            "negocios en casa, los camiones de comida y los contratistas de fuera que trabajan "
            "aquí.\n\n"
            "Solicítela con el nombre y la dirección del negocio, los datos del dueño y el número "
            "de impuestos estatal. Cuesta $75 al año ($40 para negocios en casa sin visitas de "
            "clientes). Las licencias van del 1 de julio al 30 de junio; enviamos los avisos de "
            "renovación en mayo.\n\n"
            "¿Se muda o cambia de dueño? Avísenos en 30 días; el cambio es gratis.",
        ),
    ),
    ArticleSpec(
        slug="sidewalk-snow-rules",
        category="streets",
        services=("snow-removal", "sidewalk-repair"),
        en=Text(
            "Snow: who clears what",
            "The city plows streets; owners clear the sidewalk in front of their "
            "property within 24 hours.",
            "The city plows main roads and bus routes first during a storm, then every other "
            "street within 24 hours after the snow stops.\n\n"
            "Property owners must clear the sidewalk and curb ramp in front of their property "
            "within 24 hours after snow stops, to a width of at least 3 feet. Do not push snow "
            "into the street.\n\n"
            "Seniors and residents with a disability can ask for free help through the Snow "
            "Buddies volunteer programme.",
        ),
        es=Text(
            "Nieve: quién limpia qué",
            "La ciudad limpia las calles; los dueños limpian la acera frente a su "
            "propiedad en 24 horas.",
            "Durante una tormenta la ciudad limpia primero las avenidas principales y las rutas "
            "de autobús, y luego todas las demás calles en las 24 horas después de que deja de "
            "nevar.\n\n"
            "Los dueños deben limpiar la acera y la rampa frente a su propiedad en 24 horas, con "
            "un ancho de al menos 3 pies. No empuje la nieve a la calle.\n\n"
            "Las personas mayores o con discapacidad pueden pedir ayuda gratuita al programa de "
            "voluntarios Snow Buddies.",
        ),
    ),
    ArticleSpec(
        slug="quiet-hours",
        category="neighbourhood",
        services=("noise-complaint",),
        en=Text(
            "Quiet hours and noise rules",
            "Quiet hours: 22:00–7:00 weekdays, 23:00–8:00 weekends. Construction "
            "7:00–19:00 weekdays.",
            "Between 22:00 and 7:00 on weekdays (23:00 and 8:00 on weekends), noise that can be "
            "heard inside a neighbour's home breaks the city code.\n\n"
            "Construction with a permit may run 7:00–19:00 on weekdays and 9:00–17:00 on "
            "Saturdays; not on Sundays or holidays.\n\n"
            "For noise happening now at night, call the police non-emergency line. For a pattern "
            "(every weekend, every morning), file a noise complaint with the dates and times: "
            "a log helps an officer act.",
        ),
        es=Text(
            "Horas de silencio y reglas de ruido",
            "Silencio: 22:00–7:00 entre semana, 23:00–8:00 fines de semana. Obras "
            "7:00–19:00 entre semana.",
            "Entre las 22:00 y las 7:00 entre semana (23:00 y 8:00 los fines de semana), el ruido "
            "que se oye dentro de la casa de un vecino viola el código de la ciudad.\n\n"
            "Las obras con permiso pueden trabajar de 7:00 a 19:00 entre semana y de 9:00 a 17:00 "
            "los sábados; no los domingos ni feriados.\n\n"
            "Para ruido que ocurre ahora de noche, llame a la línea de la policía que no es de "
            "emergencia. Para un problema repetido, presente una queja de ruido con fechas y "
            "horas: un registro ayuda al inspector a actuar.",
        ),
    ),
    ArticleSpec(
        slug="abandoned-vehicles",
        category="neighbourhood",
        services=("abandoned-vehicle",),
        en=Text(
            "When is a parked car 'abandoned'?",
            "Parked on a city street for 72+ hours, or clearly inoperable. Private "
            "lots are the owner's matter.",
            "A vehicle is abandoned if it has not moved from a city street for more than 72 "
            "hours, or is clearly inoperable (flat tyres, broken windows, no plates, expired "
            "registration for more than 60 days).\n\n"
            "An officer checks and places a 72-hour notice. If the owner does not move it, we "
            "tow it to the city lot. Vehicles on private property are the property owner's "
            "matter, unless they are a hazard.",
        ),
        es=Text(
            "¿Cuándo un auto estacionado está 'abandonado'?",
            "Estacionado en la calle 72+ horas o claramente inservible. En lotes "
            "privados decide el dueño.",
            "Un vehículo está abandonado si no se ha movido de una calle de la ciudad en más de "
            "72 horas, o si claramente no funciona (llantas ponchadas, vidrios rotos, sin placas, "
            "registro vencido hace más de 60 días).\n\n"
            "Un inspector lo revisa y coloca un aviso de 72 horas. Si el dueño no lo mueve, lo "
            "remolcamos al lote de la ciudad. Los vehículos en propiedad privada son asunto del "
            "dueño de la propiedad, salvo que sean un peligro.",
        ),
    ),
    # --- Standard replies for staff ---------------------------------------------------
    ArticleSpec(
        slug="reply-received",
        category="standard-replies",
        services=(),
        standard=True,
        en=Text(
            "We have your request",
            "Acknowledgement with the tracking number and the promised date.",
            "Hello {resident_name},\n\n"
            "Thank you for contacting the City of Riverton. Your request number is "
            "{tracking_number}. We will have it done by {promised_date}, and we will write to "
            "you if anything changes before then.\n\n"
            "You can follow every step on the tracking page with your request number.",
        ),
        es=Text(
            "Recibimos su solicitud",
            "Acuse de recibo con el número de seguimiento y la fecha prometida.",
            "Hola {resident_name}:\n\n"
            "Gracias por comunicarse con la Ciudad de Riverton. El número de su solicitud es "
            "{tracking_number}. La tendremos lista a más tardar el {promised_date} y le "
            "escribiremos si algo cambia antes.\n\n"
            "Puede seguir cada paso en la página de seguimiento con su número de solicitud.",
        ),
    ),
    ArticleSpec(
        slug="reply-need-information",
        category="standard-replies",
        services=(),
        standard=True,
        en=Text(
            "We need one more detail",
            "Ask the resident for missing information, saying exactly what and why.",
            "Hello {resident_name},\n\n"
            "We are working on request {tracking_number}. To finish it, we need one more "
            "detail from you: [what we need, and why]. Reply to this message and we will carry "
            "on the same day; your request stays open and keeps its place in line.",
        ),
        es=Text(
            "Necesitamos un dato más",
            "Pedir al residente la información que falta, diciendo qué y por qué.",
            "Hola {resident_name}:\n\n"
            "Estamos trabajando en la solicitud {tracking_number}. Para terminarla necesitamos "
            "un dato más: [qué necesitamos y por qué]. Responda a este mensaje y seguiremos el "
            "mismo día; su solicitud sigue abierta y conserva su lugar.",
        ),
    ),
    ArticleSpec(
        slug="reply-resolved",
        category="standard-replies",
        services=(),
        standard=True,
        en=Text(
            "Your request is done",
            "Tell the resident the work is finished and how to reopen it.",
            "Hello {resident_name},\n\n"
            "Request {tracking_number} is done. Thank you for telling us about it: reports "
            "like yours are how we find problems quickly.\n\n"
            "If the problem is not fixed, reply within 30 days and we will reopen the same "
            "request; you will not need to start again.",
        ),
        es=Text(
            "Su solicitud está resuelta",
            "Avisar que el trabajo terminó y cómo reabrirlo.",
            "Hola {resident_name}:\n\n"
            "La solicitud {tracking_number} está resuelta. Gracias por avisarnos: reportes como "
            "el suyo nos ayudan a encontrar los problemas a tiempo.\n\n"
            "Si el problema no quedó resuelto, responda en los próximos 30 días y reabriremos la "
            "misma solicitud; no tendrá que empezar de nuevo.",
        ),
    ),
    ArticleSpec(
        slug="reply-cannot-do-alternative",
        category="standard-replies",
        services=(),
        standard=True,
        en=Text(
            "We can't do this, but here is what we can do",
            "A 'no' with the reason and a concrete alternative.",
            "Hello {resident_name},\n\n"
            "About request {tracking_number}: we are not able to [what was asked], because "
            "[the reason, in one sentence].\n\n"
            "What we can do instead: [the alternative, with who, how and when]. If you would "
            "like that, reply to this message and we will set it up by {promised_date}.",
        ),
        es=Text(
            "No podemos hacer esto, pero sí podemos hacer esto otro",
            "Un 'no' con la razón y una alternativa concreta.",
            "Hola {resident_name}:\n\n"
            "Sobre la solicitud {tracking_number}: no podemos [lo que se pidió], porque [la "
            "razón, en una frase].\n\n"
            "Lo que sí podemos hacer: [la alternativa, con quién, cómo y cuándo]. Si le "
            "interesa, responda a este mensaje y lo dejaremos listo a más tardar el "
            "{promised_date}.",
        ),
    ),
    ArticleSpec(
        slug="reply-delayed",
        category="standard-replies",
        services=(),
        standard=True,
        en=Text(
            "We are late, and here is the new date",
            "Own the delay, explain it, and give a new concrete date.",
            "Hello {resident_name},\n\n"
            "We promised to finish request {tracking_number} earlier, and we have not. I am "
            "sorry: [the reason, in one sentence]. The new date is {promised_date}, and I am "
            "following it personally. I will write to you as soon as it is done.",
        ),
        es=Text(
            "Vamos con retraso; esta es la nueva fecha",
            "Asumir el retraso, explicarlo y dar una nueva fecha concreta.",
            "Hola {resident_name}:\n\n"
            "Prometimos terminar la solicitud {tracking_number} antes y no lo hicimos. Lo "
            "siento: [la razón, en una frase]. La nueva fecha es el {promised_date} y yo mismo "
            "le daré seguimiento. Le escribiré en cuanto esté terminada.",
        ),
    ),
)
