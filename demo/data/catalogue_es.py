"""The demo catalogue in Spanish: every resident-facing text of demo/data/catalogue.py
(groups, services, steps, questions, options), keyed by its English text.

demo/city.py writes these as the portal's translation rows; a text missing here
would be shown in English (marked lang="en"), and tests/demo/test_demo_spanish.py
fails on it.
"""

# ruff: noqa: E501 - the keys are the English texts, whole

from __future__ import annotations

SPANISH: dict[str, str] = {
    # Groups
    "Streets & sidewalks": "Calles y aceras",
    "Potholes, streetlights, sidewalks, snow.": "Baches, alumbrado público, aceras, nieve.",
    "Trash, recycling & compost": "Basura, reciclaje y compost",
    "Bins, pickups, bulk items, dumping.": "Contenedores, recogidas, objetos grandes, vertidos.",
    "Water & sewer": "Agua y alcantarillado",
    "Leaks, breaks and water service.": "Fugas, roturas y servicio de agua.",
    "Parks & recreation": "Parques y recreación",
    "Shelters, classes, trees in parks.": "Refugios, clases, árboles en los parques.",
    "Neighbourhood concerns": "Problemas del vecindario",
    "Noise, vehicles, rodents, graffiti.": "Ruido, vehículos, roedores, grafitis.",
    "Building & permits": "Construcción y permisos",
    "Inspections and permit questions.": "Inspecciones y preguntas sobre permisos.",
    "Taxes & licenses": "Impuestos y licencias",
    "Property tax and business licenses.": "Impuesto predial y licencias comerciales.",
    "General": "General",
    "Questions and complaints about any city service.": (
        "Preguntas y quejas sobre cualquier servicio de la ciudad."
    ),
    "Village services": "Servicios del pueblo",
    "Streets and trash in Millbrook.": "Calles y basura en Millbrook.",
    # Recycling cart
    "Recycling cart order": "Pedido de contenedor de reciclaje",
    "Order a new, replacement or extra blue recycling cart. The first cart for a home is free; replacements for stolen or damaged carts are free; extra carts cost $40.": (
        "Pida un contenedor azul de reciclaje nuevo, de reemplazo o adicional. El primer "
        "contenedor de cada vivienda es gratis; reemplazar uno robado o dañado es gratis; "
        "un contenedor adicional cuesta $40."
    ),
    "The delivery address and the cart size you want.": (
        "La dirección de entrega y el tamaño de contenedor que desea."
    ),
    "We confirm your order within two working days and deliver the cart on your collection day within two weeks.": (
        "Confirmamos su pedido en un plazo de dos días hábiles y entregamos el contenedor "
        "en su día de recogida dentro de dos semanas."
    ),
    "We confirm your order": "Confirmamos su pedido",
    "We schedule delivery with your collection route": (
        "Programamos la entrega con su ruta de recogida"
    ),
    "We deliver the cart on your collection day": (
        "Entregamos el contenedor en su día de recogida"
    ),
    "Which cart size do you want?": "¿Qué tamaño de contenedor desea?",
    "35 gallons (small household)": "35 galones (hogar pequeño)",
    "65 gallons (most homes)": "65 galones (la mayoría de los hogares)",
    "95 gallons (large household)": "95 galones (hogar grande)",
    "Why do you need a cart?": "¿Por qué necesita un contenedor?",
    "New home or new resident": "Vivienda nueva o nuevo residente",
    "My cart is damaged": "Mi contenedor está dañado",
    "My cart was stolen or lost": "Me robaron o perdí el contenedor",
    "I want an extra cart ($40)": "Quiero un contenedor adicional ($40)",
    # Compost
    "Compost cart order": "Pedido de contenedor de compost",
    "Join curbside composting: we deliver a green cart and a kitchen caddy, and collect food scraps and yard trimmings every week with your trash.": (
        "Únase al compostaje en la acera: le entregamos un contenedor verde y un cubo de "
        "cocina, y recogemos los restos de comida y de jardín cada semana junto con su basura."
    ),
    "The delivery address and how many people live there.": (
        "La dirección de entrega y cuántas personas viven allí."
    ),
    "We confirm your sign-up within two working days and deliver the cart and caddy within two weeks, with a guide to what goes in.": (
        "Confirmamos su inscripción en un plazo de dos días hábiles y entregamos el "
        "contenedor y el cubo dentro de dos semanas, con una guía de lo que se puede echar."
    ),
    "We confirm your sign-up": "Confirmamos su inscripción",
    "We deliver the cart and kitchen caddy": "Entregamos el contenedor y el cubo de cocina",
    "Which size?": "¿Qué tamaño?",
    "32 gallons": "32 galones",
    "64 gallons (large yards)": "64 galones (jardines grandes)",
    "How many people live at the address?": "¿Cuántas personas viven en la dirección?",
    "A whole number, e.g. 3": "Un número entero, p. ej. 3",
    # Building inspection
    "Building inspection request": "Solicitud de inspección de obra",
    "Book an inspection for work under an open building permit: footings, framing, electrical, plumbing or final. Inspections happen on working days, 8:30–15:30.": (
        "Reserve una inspección para una obra con permiso de construcción vigente: "
        "cimientos, estructura, electricidad, fontanería o inspección final. Las "
        "inspecciones se hacen en días hábiles, de 8:30 a 15:30."
    ),
    "Your permit number (on the permit card, e.g. BP-2026-01234), the type of inspection, and how the inspector gets in.": (
        "Su número de permiso (en la tarjeta del permiso, p. ej. BP-2026-01234), el tipo "
        "de inspección y cómo entra el inspector."
    ),
    "We confirm a time slot within half a working day, inspect within two working days, and record the result on your permit the next working day.": (
        "Confirmamos un horario en medio día hábil, inspeccionamos en un plazo de dos días "
        "hábiles y anotamos el resultado en su permiso el siguiente día hábil."
    ),
    "We confirm the inspection slot": "Confirmamos el horario de la inspección",
    "The inspector visits": "El inspector hace la visita",
    "We record the result on your permit": "Anotamos el resultado en su permiso",
    "Permit number": "Número de permiso",
    "As printed on the permit card, e.g. BP-2026-01234": (
        "Tal como figura en la tarjeta del permiso, p. ej. BP-2026-01234"
    ),
    "Which inspection?": "¿Qué inspección?",
    "Footing / foundation": "Zapatas / cimientos",
    "Framing": "Estructura",
    "Electrical rough-in": "Instalación eléctrica (obra gruesa)",
    "Plumbing rough-in": "Fontanería (obra gruesa)",
    "Final inspection": "Inspección final",
    "Preferred date": "Fecha preferida",
    "A working day, e.g. 2026-03-04": "Un día hábil, p. ej. 2026-03-04",
    "How does the inspector get in?": "¿Cómo entra el inspector?",
    # Property tax
    "Property tax question": "Pregunta sobre el impuesto predial",
    "Ask about your property tax bill: due dates, ways to pay, the amount, exemptions, or late fees. A tax specialist answers in writing.": (
        "Pregunte sobre su factura del impuesto predial: fechas de vencimiento, formas de "
        "pago, el importe, exenciones o recargos por demora. Un especialista en impuestos "
        "le responde por escrito."
    ),
    "Your parcel ID (top right of your tax bill) and your question.": (
        "El número de parcela (arriba a la derecha de su factura) y su pregunta."
    ),
    "A tax specialist answers your question in writing within three working days; no late fee is charged for a bill while your question is open.": (
        "Un especialista en impuestos responde a su pregunta por escrito en un plazo de tres "
        "días hábiles; mientras su pregunta esté abierta no se cobra recargo por esa factura."
    ),
    "A tax specialist reviews your question": "Un especialista en impuestos revisa su pregunta",
    "We answer you in writing": "Le respondemos por escrito",
    "Parcel ID": "Número de parcela",
    "On your tax bill, e.g. 14-0203-118": "En su factura de impuestos, p. ej. 14-0203-118",
    "What is your question about?": "¿Sobre qué es su pregunta?",
    "Due dates": "Fechas de vencimiento",
    "Ways to pay": "Formas de pago",
    "The amount on my bill": "El importe de mi factura",
    "Exemptions (senior, veteran, STAR)": "Exenciones (personas mayores, veteranos, STAR)",
    "A late fee": "Un recargo por demora",
    # Park shelter
    "Park shelter reservation": "Reserva de refugio en el parque",
    "Reserve a picnic shelter or pavilion for a party, reunion or event. Shelters can be booked up to 12 months ahead; fees range from $35 to $150 a day.": (
        "Reserve un refugio de pícnic o un pabellón para una fiesta, reunión o evento. Los "
        "refugios se pueden reservar con hasta 12 meses de antelación; la tarifa va de $35 "
        "a $150 por día."
    ),
    "The park, the date, how many guests, and what you need on site.": (
        "El parque, la fecha, cuántos invitados vienen y qué necesita en el lugar."
    ),
    "We tell you within one working day whether the shelter is free that day, and send the permit once it is paid.": (
        "Le decimos en un día hábil si el refugio está libre ese día y le enviamos el "
        "permiso una vez pagado."
    ),
    "We check availability": "Comprobamos la disponibilidad",
    "We confirm and send your permit": "Confirmamos y le enviamos el permiso",
    "Which shelter?": "¿Qué refugio?",
    "Riverside Park — Shelter A (60 people)": "Parque Riverside — Refugio A (60 personas)",
    "Riverside Park — Shelter B (30 people)": "Parque Riverside — Refugio B (30 personas)",
    "Hillcrest Park — Pavilion (120 people)": "Parque Hillcrest — Pabellón (120 personas)",
    "Mill Pond Park — Gazebo (20 people)": "Parque Mill Pond — Glorieta (20 personas)",
    "Date of your event": "Fecha de su evento",
    "e.g. 2026-06-20": "p. ej. 2026-06-20",
    "How many guests?": "¿Cuántos invitados?",
    "What do you need on site?": "¿Qué necesita en el lugar?",
    "Electricity": "Electricidad",
    "Charcoal grill": "Parrilla de carbón",
    "Extra trash cans": "Cubos de basura adicionales",
    "Accessible parking reserved": "Estacionamiento accesible reservado",
    # Pothole
    "Pothole": "Bache",
    "Report a hole in a city street, bike lane or crosswalk. We inspect every report, patch dangerous holes first, and fill the rest on the next scheduled crew visit.": (
        "Informe de un bache en una calle, un carril bici o un paso de peatones de la "
        "ciudad. Inspeccionamos cada aviso, reparamos primero los baches peligrosos y "
        "rellenamos los demás en la siguiente visita programada de la cuadrilla."
    ),
    "The nearest address or intersection, which lane it is in, and roughly how big it is. A photo helps the crew bring the right amount of asphalt.": (
        "La dirección o el cruce más cercano, en qué carril está y más o menos qué tamaño "
        "tiene. Una foto ayuda a la cuadrilla a traer la cantidad justa de asfalto."
    ),
    "Someone from Streets looks at the hole within two working days, and a dangerous hole is marked or patched the same day it is inspected.": (
        "Alguien de Calles revisa el bache en un plazo de dos días hábiles, y un bache "
        "peligroso se señaliza o se repara el mismo día de la inspección."
    ),
    "We inspect the site": "Inspeccionamos el lugar",
    "A crew leader checks size and danger.": "Un jefe de cuadrilla revisa el tamaño y el peligro.",
    "We fill the pothole": "Rellenamos el bache",
    "A patch crew fills it with hot or cold mix.": (
        "Una cuadrilla lo rellena con asfalto en caliente o en frío."
    ),
    "How big is the pothole?": "¿Qué tamaño tiene el bache?",
    "Smaller than a dinner plate": "Más pequeño que un plato llano",
    "Between a plate and a car tyre": "Entre un plato y una rueda de coche",
    "Larger than a car tyre": "Más grande que una rueda de coche",
    "Where on the road is it?": "¿En qué parte de la calle está?",
    "In a travel lane": "En un carril de circulación",
    "In a bike lane": "En un carril bici",
    "In a crosswalk": "En un paso de peatones",
    "Along the curb or shoulder": "Junto al bordillo o el arcén",
    # Streetlight
    "Streetlight out": "Farola apagada",
    "Report a streetlight that is out, flickering, on during the day, or a damaged pole.": (
        "Informe de una farola apagada, que parpadea o que está encendida de día, o de un "
        "poste dañado."
    ),
    "The pole number (a metal tag about eye height) or the nearest address, and what is wrong.": (
        "El número del poste (una placa metálica a la altura de los ojos) o la dirección "
        "más cercana, y qué le pasa."
    ),
    "We check the light within three working days; a knocked-down pole is made safe the same day.": (
        "Revisamos la farola en un plazo de tres días hábiles; un poste derribado se "
        "asegura el mismo día."
    ),
    "We check the light": "Revisamos la farola",
    "We repair it or order parts": "La reparamos o pedimos las piezas",
    "Pole number (if you can see it)": "Número del poste (si lo ve)",
    "What is wrong?": "¿Qué le pasa?",
    "Light is out": "La luz está apagada",
    "Flickering": "Parpadea",
    "On during the day": "Encendida de día",
    "Pole or fixture damaged": "Poste o luminaria dañados",
    # Graffiti
    "Graffiti removal": "Eliminación de grafitis",
    "Report graffiti on public property (signs, bridges, walls, sidewalks). Offensive graffiti is removed first. Owners of private walls can ask for free paint-over.": (
        "Informe de grafitis en propiedad pública (señales, puentes, muros, aceras). Los "
        "grafitis ofensivos se eliminan primero. Los dueños de muros privados pueden pedir "
        "que los pintemos gratis."
    ),
    "Where it is, what surface it is on, and whether it is offensive.": (
        "Dónde está, sobre qué superficie y si es ofensivo."
    ),
    "Offensive graffiti is covered within two working days; other graffiti on public property within two weeks.": (
        "Los grafitis ofensivos se tapan en un plazo de dos días hábiles; los demás grafitis "
        "en propiedad pública, en dos semanas."
    ),
    "We remove or paint over it": "Lo eliminamos o lo pintamos",
    "What is it on?": "¿Dónde está pintado?",
    "Street sign": "Señal de tráfico",
    "Public building": "Edificio público",
    "Bridge or underpass": "Puente o paso subterráneo",
    "Private wall (owner agrees)": "Muro privado (con permiso del dueño)",
    "Sidewalk or street": "Acera o calle",
    "Is it offensive?": "¿Es ofensivo?",
    "Yes": "Sí",
    "No": "No",
    # Service names as main renamed them (issue 11: overlapping services told apart)
    "Building inspection request: we call you to schedule": (
        "Solicitud de inspección de obra: le llamamos para concertarla"
    ),
    "Park shelter request for all-day or large events": (
        "Solicitud de refugio en el parque para eventos de todo el día o grandes"
    ),
    "Book a park shelter online (4-hour blocks)": (
        "Reserve en línea un refugio en el parque (bloques de 4 horas)"
    ),
    "Inspection appointment: pick a time online": "Cita de inspección: elija la hora en línea",
    # Missed pickup
    "Missed trash or recycling pickup": "Recogida de basura o reciclaje no realizada",
    "Tell us if your cart was out on time but was not emptied. We check the route record and, if the crew missed you, send a truck back within one working day.": (
        "Avísenos si sacó su contenedor a tiempo y no lo vaciaron. Revisamos el registro "
        "de la ruta y, si la cuadrilla no pasó, enviamos un camión en un día hábil."
    ),
    "Your address, which carts were missed, and when you put them out. Carts must be at the curb by 6:00 a.m. on your collection day.": (
        "Su dirección, qué contenedores no se vaciaron y cuándo los sacó. Los contenedores "
        "deben estar en la acera antes de las 6:00 del día de recogida."
    ),
    "We tell you within half a working day whether a truck is coming back, and if the crew missed you, we collect within one working day.": (
        "Le decimos en medio día hábil si vuelve un camión y, si la cuadrilla no pasó, "
        "recogemos en un día hábil."
    ),
    "We check the route record": "Revisamos el registro de la ruta",
    "GPS and the driver's notes show the stop.": (
        "El GPS y las notas del conductor muestran la parada."
    ),
    "A crew returns to collect": "Una cuadrilla vuelve a recoger",
    "Which carts were not emptied?": "¿Qué contenedores no se vaciaron?",
    "Trash (black)": "Basura (negro)",
    "Recycling (blue)": "Reciclaje (azul)",
    "Compost (green)": "Compost (verde)",
    "Yard waste bags": "Bolsas de restos de jardín",
    "When did you put the carts out?": "¿Cuándo sacó los contenedores?",
    "Date and time, e.g. 2026-03-04T06:30": "Fecha y hora, p. ej. 2026-03-04T06:30",
    # Noise
    "Noise complaint": "Queja por ruido",
    "Report ongoing noise that breaks the city's quiet hours (22:00–7:00 on weekdays, 23:00–8:00 on weekends) or construction outside permitted hours. For noise happening right now at night, call the police non-emergency line.": (
        "Informe de un ruido continuo que no respeta las horas de silencio de la ciudad "
        "(de 22:00 a 7:00 entre semana, de 23:00 a 8:00 los fines de semana) o de obras "
        "fuera del horario permitido. Si el ruido ocurre ahora mismo de noche, llame a la "
        "línea de la policía para casos que no son emergencias."
    ),
    "The address the noise comes from, what it is, and when it happens.": (
        "La dirección de donde viene el ruido, qué es y cuándo ocurre."
    ),
    "An officer reviews every report within one working day and contacts the property owner or visits within a week.": (
        "Un agente revisa cada aviso en un día hábil y se pone en contacto con el dueño de "
        "la propiedad o la visita en una semana."
    ),
    "An officer reviews the report": "Un agente revisa el aviso",
    "We contact the property or visit": "Contactamos con la propiedad o la visitamos",
    "What is the noise?": "¿Qué ruido es?",
    "Music or a party": "Música o una fiesta",
    "Construction": "Obras",
    "Barking dog": "Un perro que ladra",
    "Vehicle or engine": "Un vehículo o un motor",
    "Business equipment (fans, compressors)": "Equipos de un negocio (ventiladores, compresores)",
    "When did it start (most recent time)?": "¿Cuándo empezó (la última vez)?",
    "e.g. 2026-03-04T23:15": "p. ej. 2026-03-04T23:15",
    # Swim
    "Swim class make-up registration": "Inscripción a clase de natación de recuperación",
    "Missed a swim lesson? Register for a make-up class in the same level. Each session allows up to two make-ups, depending on open spots.": (
        "¿Faltó a una clase de natación? Inscríbase en una clase de recuperación del mismo "
        "nivel. Cada temporada permite hasta dos recuperaciones, según las plazas libres."
    ),
    "The class name and session from your receipt, and the date you missed.": (
        "El nombre de la clase y la temporada que figuran en su recibo, y la fecha en que faltó."
    ),
    "We reply within one working day with the open make-up times for your level, and confirm your spot within three.": (
        "Le respondemos en un día hábil con los horarios de recuperación libres para su "
        "nivel y confirmamos su plaza en tres."
    ),
    "We check open spots in your level": "Buscamos plazas libres en su nivel",
    "We register you and confirm": "Le inscribimos y se lo confirmamos",
    "Class name and session": "Nombre de la clase y temporada",
    "Date you missed": "Fecha en que faltó",
    "Swimmer's age": "Edad del nadador",
    "Which times work for you?": "¿Qué horarios le vienen bien?",
    "Weekday mornings": "Mañanas entre semana",
    "Weekday evenings": "Tardes entre semana",
    "Saturday": "Sábado",
    "Sunday": "Domingo",
    # Business license
    "Business license question": "Pregunta sobre licencias comerciales",
    "Questions about getting, renewing or changing a city business license, including home-based businesses and fees.": (
        "Preguntas sobre cómo obtener, renovar o cambiar una licencia comercial de la "
        "ciudad, incluidos los negocios en casa y las tarifas."
    ),
    "The business name, its address, and your license number if you have one.": (
        "El nombre del negocio, su dirección y su número de licencia si lo tiene."
    ),
    "A licensing clerk answers in writing within five working days.": (
        "Un empleado de licencias le responde por escrito en un plazo de cinco días hábiles."
    ),
    "A licensing clerk reviews your question": "Un empleado de licencias revisa su pregunta",
    "Business name": "Nombre del negocio",
    "What do you need?": "¿Qué necesita?",
    "A new license": "Una licencia nueva",
    "Renewing a license": "Renovar una licencia",
    "Changing address or owner": "Cambiar la dirección o el dueño",
    "A home-based business": "Un negocio en casa",
    "Fees": "Tarifas",
    # Abandoned vehicle
    "Abandoned vehicle": "Vehículo abandonado",
    "Report a vehicle parked on a city street for more than 72 hours, or one that is clearly abandoned (flat tyres, broken windows, no plates).": (
        "Informe de un vehículo estacionado en una calle de la ciudad durante más de 72 "
        "horas, o claramente abandonado (ruedas pinchadas, ventanas rotas, sin placas)."
    ),
    "Where it is parked, the make, colour and plate, and how long it has been there.": (
        "Dónde está estacionado, la marca, el color y la placa, y cuánto tiempo lleva allí."
    ),
    "An officer checks and tags the vehicle within three working days; if it is not moved within 72 hours, we tow it.": (
        "Un agente revisa y marca el vehículo en un plazo de tres días hábiles; si no se "
        "mueve en 72 horas, lo remolcamos."
    ),
    "An officer checks and tags the vehicle": "Un agente revisa y marca el vehículo",
    "The owner has 72 hours to move it": "El dueño tiene 72 horas para moverlo",
    "We tow it if it is still there": "Lo remolcamos si sigue allí",
    "Make, model and colour": "Marca, modelo y color",
    "License plate (if any)": "Placa (si tiene)",
    "About how many days has it been there?": "¿Más o menos cuántos días lleva allí?",
    "What do you see?": "¿Qué ve?",
    "Flat tyres": "Ruedas pinchadas",
    "Broken windows": "Ventanas rotas",
    "Expired registration": "Registro vencido",
    "No plates": "Sin placas",
    # Sidewalk
    "Sidewalk repair": "Reparación de aceras",
    "Report a broken, lifted or missing sidewalk slab that is a trip hazard. We mark hazards the week we inspect and repair them in order of risk.": (
        "Informe de una losa de acera rota, levantada o que falta y que puede hacer "
        "tropezar. Señalizamos el peligro la semana de la inspección y reparamos por orden "
        "de riesgo."
    ),
    "The address, what is wrong, and a photo if you can.": (
        "La dirección, qué pasa y una foto si puede."
    ),
    "We inspect within a week and mark any trip hazard with paint the same day; repairs are scheduled by risk, within six weeks.": (
        "Inspeccionamos en una semana y marcamos con pintura cualquier peligro de tropiezo "
        "el mismo día; las reparaciones se programan por riesgo, en seis semanas."
    ),
    "We inspect and mark the hazard": "Inspeccionamos y señalizamos el peligro",
    "We add it to the concrete schedule": "Lo añadimos al calendario de hormigonado",
    "A crew repairs the sidewalk": "Una cuadrilla repara la acera",
    "A slab is lifted (trip hazard)": "Una losa está levantada (peligro de tropiezo)",
    "Crumbling or cracked": "Desmoronada o agrietada",
    "A section is missing": "Falta un tramo",
    "Curb ramp damaged": "Rampa del bordillo dañada",
    # Tree
    "Tree trimming": "Poda de árboles",
    "Ask for a city tree (street or park) to be trimmed: low branches over a sidewalk, branches blocking signs or lights, dead limbs.": (
        "Pida la poda de un árbol de la ciudad (en la calle o en un parque): ramas bajas "
        "sobre la acera, ramas que tapan señales o farolas, ramas secas."
    ),
    "Where the tree is and what the problem is.": "Dónde está el árbol y cuál es el problema.",
    "An arborist inspects within a week; a dangerous limb is removed at once, other trimming is scheduled within four weeks.": (
        "Un arboricultor inspecciona en una semana; una rama peligrosa se quita enseguida "
        "y las demás podas se programan en cuatro semanas."
    ),
    "An arborist inspects the tree": "Un arboricultor inspecciona el árbol",
    "We schedule and trim it": "Programamos la poda y lo podamos",
    "Where is the tree?": "¿Dónde está el árbol?",
    "Between sidewalk and street": "Entre la acera y la calle",
    "In a park": "En un parque",
    "On private land, hanging over public space": (
        "En un terreno privado, con ramas sobre el espacio público"
    ),
    "What is the problem?": "¿Cuál es el problema?",
    "Blocking a sign or light": "Tapa una señal o una farola",
    "Low branches over the sidewalk": "Ramas bajas sobre la acera",
    "Dead branches": "Ramas secas",
    "Touching wires": "Toca los cables",
    # Dumping
    "Illegal dumping": "Vertido ilegal",
    "Report trash, furniture, tyres or debris dumped on a street, alley, park or vacant lot. If you saw who did it, say so: fines are up to $1,500.": (
        "Informe de basura, muebles, neumáticos o escombros tirados en una calle, un "
        "callejón, un parque o un solar. Si vio quién lo hizo, díganoslo: las multas llegan "
        "a $1,500."
    ),
    "Where it is, what was dumped, and roughly how much.": (
        "Dónde está, qué se tiró y más o menos cuánto."
    ),
    "We inspect within one working day and clear public land within a week; hazardous material is cleared first.": (
        "Inspeccionamos en un día hábil y limpiamos el terreno público en una semana; el "
        "material peligroso se retira primero."
    ),
    "We inspect and look for evidence": "Inspeccionamos y buscamos pruebas",
    "A crew clears the site": "Una cuadrilla limpia el lugar",
    "What was dumped?": "¿Qué se tiró?",
    "Furniture": "Muebles",
    "Mattress": "Colchón",
    "Tyres": "Neumáticos",
    "Construction debris": "Escombros de obra",
    "Bags of trash": "Bolsas de basura",
    "Appliances": "Electrodomésticos",
    "How much?": "¿Cuánto?",
    "A few items": "Unos pocos objetos",
    "A pickup-truck load": "Una carga de camioneta",
    "More than a truck load": "Más de una carga de camión",
    "Could it be hazardous?": "¿Podría ser peligroso?",
    # Water
    "Water leak or main break": "Fuga de agua o rotura de tubería",
    "Report water running in the street, bubbling up through the pavement, or leaking near a meter. For flooding or no water at all, call 311 at any hour.": (
        "Informe de agua que corre por la calle, que brota del pavimento o que gotea cerca "
        "de un contador. Si hay una inundación o no tiene nada de agua, llame al 311 a "
        "cualquier hora."
    ),
    "Exactly where the water is, and how much is flowing.": (
        "Dónde está exactamente el agua y cuánta sale."
    ),
    "A crew checks every leak within half a working day; a main break is shut off as soon as the crew arrives.": (
        "Una cuadrilla revisa cada fuga en medio día hábil; una rotura de tubería principal "
        "se cierra en cuanto llega la cuadrilla."
    ),
    "A crew checks the leak": "Una cuadrilla revisa la fuga",
    "We shut off and repair, or schedule the repair": (
        "Cerramos el agua y reparamos, o programamos la reparación"
    ),
    "Where is the water?": "¿Dónde está el agua?",
    "In the street": "En la calle",
    "On the sidewalk": "En la acera",
    "Near a meter or curb box": "Cerca de un contador o una llave de paso",
    "At a fire hydrant": "En una boca de incendios",
    "How much water?": "¿Cuánta agua?",
    "Dripping or damp": "Gotea o hay humedad",
    "A steady flow": "Un chorro continuo",
    "Flooding": "Inundación",
    # Dead animal
    "Dead animal pickup": "Recogida de animales muertos",
    "Ask us to remove a dead animal from a street, sidewalk or park. For a pet on your own property, we can collect it from the curb.": (
        "Pídanos retirar un animal muerto de una calle, una acera o un parque. Si es una "
        "mascota en su propiedad, podemos recogerla en la acera."
    ),
    "Where it is and what kind of animal.": "Dónde está y qué animal es.",
    "We collect from public places within one working day.": (
        "Lo recogemos de los lugares públicos en un día hábil."
    ),
    "A crew collects the animal": "Una cuadrilla recoge el animal",
    "What kind of animal?": "¿Qué animal es?",
    "Deer": "Ciervo",
    "Dog or cat": "Perro o gato",
    "Raccoon, opossum or squirrel": "Mapache, zarigüeya o ardilla",
    "Bird": "Pájaro",
    "Other": "Otro",
    # Bulk
    "Bulk item pickup": "Recogida de objetos grandes",
    "Book a free pickup of large items: furniture, mattresses, appliances, carpet. Up to five items per pickup, four pickups a year per household.": (
        "Reserve una recogida gratuita de objetos grandes: muebles, colchones, "
        "electrodomésticos, alfombras. Hasta cinco objetos por recogida y cuatro recogidas "
        "al año por hogar."
    ),
    "Your address and a list of the items.": "Su dirección y una lista de los objetos.",
    "We give you a pickup day within two working days; the crew collects on that day.": (
        "Le damos un día de recogida en un plazo de dos días hábiles; la cuadrilla recoge ese día."
    ),
    "We schedule your pickup day": "Programamos su día de recogida",
    "We collect on your pickup day": "Recogemos en su día de recogida",
    "What will you put out?": "¿Qué va a sacar?",
    "Sofa or chair": "Sofá o sillón",
    "Mattress or box spring": "Colchón o somier",
    "Appliance": "Electrodoméstico",
    "Table": "Mesa",
    "Carpet (rolled, tied)": "Alfombra (enrollada y atada)",
    "How many items in total?": "¿Cuántos objetos en total?",
    "Anything the crew should know?": "¿Algo que deba saber la cuadrilla?",
    # Snow
    "Snow and ice": "Nieve y hielo",
    "Report a street not plowed 24 hours after snow stops, an icy patch, an uncleared public sidewalk, or damage by a plow.": (
        "Informe de una calle sin despejar 24 horas después de que deje de nevar, de una "
        "placa de hielo, de una acera pública sin limpiar o de daños causados por una "
        "quitanieves."
    ),
    "The street or address and what the problem is.": (
        "La calle o la dirección y cuál es el problema."
    ),
    "Main roads are plowed during a storm; every street within 24 hours after snow stops. Reports of ice are salted within one working day.": (
        "Las vías principales se despejan durante la tormenta; todas las calles, en las 24 "
        "horas siguientes a que deje de nevar. Los avisos de hielo se salan en un día hábil."
    ),
    "We send a plow or salt truck": "Enviamos una quitanieves o un camión de sal",
    "A supervisor checks the street": "Un supervisor revisa la calle",
    "Street not plowed": "Calle sin despejar",
    "Icy patch": "Placa de hielo",
    "Public sidewalk not cleared": "Acera pública sin limpiar",
    "Damage from a plow": "Daños de una quitanieves",
    "Hours since the snow stopped": "Horas desde que dejó de nevar",
    # Rats
    "Rats or rodents": "Ratas o roedores",
    "Report rats, burrows or droppings outdoors. An inspector finds the cause (food, trash, shelter) and baits public land or orders the owner to fix it.": (
        "Informe de ratas, madrigueras o excrementos al aire libre. Un inspector busca la "
        "causa (comida, basura, refugio) y pone cebo en el terreno público u ordena al "
        "dueño que lo solucione."
    ),
    "Where you saw signs, and what you saw.": "Dónde vio señales y qué vio.",
    "An inspector visits within a week; we tell you what we found and what happens next.": (
        "Un inspector hace la visita en una semana; le contamos qué encontramos y qué pasa después."
    ),
    "An inspector visits": "Un inspector hace la visita",
    "We bait public land or order the owner to act": (
        "Ponemos cebo en el terreno público u ordenamos al dueño que actúe"
    ),
    "What did you see?": "¿Qué vio?",
    "Live rats": "Ratas vivas",
    "Burrows": "Madrigueras",
    "Droppings": "Excrementos",
    "Where?": "¿Dónde?",
    "A yard": "Un jardín",
    "An alley": "Un callejón",
    "Behind a restaurant": "Detrás de un restaurante",
    "A vacant lot or building": "Un solar o un edificio vacío",
    "Anything else?": "¿Algo más?",
    # Complaint
    "Complaint about a city service": "Queja sobre un servicio de la ciudad",
    "Tell us when a city service or staff member let you down. A manager of the department reads every complaint and answers you.": (
        "Cuéntenos cuándo un servicio o un empleado de la ciudad le falló. Un responsable "
        "del departamento lee cada queja y le responde."
    ),
    "What happened, when, and what you would like us to do.": (
        "Qué pasó, cuándo y qué le gustaría que hiciéramos."
    ),
    "A manager reads your complaint within one working day and answers you with what we will change, within two weeks.": (
        "Un responsable lee su queja en un día hábil y le responde, en dos semanas, con lo "
        "que vamos a cambiar."
    ),
    "We pass your complaint to the department manager": (
        "Pasamos su queja al responsable del departamento"
    ),
    "The manager looks into it and answers you": "El responsable lo investiga y le responde",
    "What is it about?": "¿De qué se trata?",
    "How staff treated me": "Cómo me trató el personal",
    "The quality of a service": "La calidad de un servicio",
    "A delay": "Un retraso",
    "A city rule or policy": "Una norma o política de la ciudad",
    "Something else": "Otra cosa",
    "What happened?": "¿Qué pasó?",
    # Question
    "Ask a question": "Hacer una pregunta",
    "Ask anything about city services. If the answer is in our help articles, we send it; otherwise we find the right person.": (
        "Pregunte lo que quiera sobre los servicios de la ciudad. Si la respuesta está en "
        "nuestros artículos de ayuda, se la enviamos; si no, buscamos a la persona indicada."
    ),
    "Your question, and how you would like the answer.": (
        "Su pregunta y cómo le gustaría recibir la respuesta."
    ),
    "We answer within three working days, or tell you who will.": (
        "Respondemos en un plazo de tres días hábiles, o le decimos quién lo hará."
    ),
    "We find the answer and reply": "Buscamos la respuesta y le contestamos",
    "Your question": "Su pregunta",
    # General enquiry
    "General enquiry": "Consulta general",
    "Anything you send us by email, text message, social media or live chat starts here. The 311 team reads it, answers you, or passes it to the department that can.": (
        "Todo lo que nos envíe por correo electrónico, mensaje de texto, redes sociales o "
        "chat empieza aquí. El equipo del 311 lo lee, le responde o lo pasa al departamento "
        "que puede ayudarle."
    ),
    "Your message, and an address if it is about a place.": (
        "Su mensaje y una dirección si se trata de un lugar."
    ),
    "A person reads your message within one working day and answers you, or tells you which team has it and when they will answer.": (
        "Una persona lee su mensaje en un día hábil y le responde, o le dice qué equipo lo "
        "tiene y cuándo le responderá."
    ),
    "The 311 team reads your message": "El equipo del 311 lee su mensaje",
    "We answer you, or the right team does": "Le respondemos nosotros o el equipo indicado",
    "Streets, sidewalks and lights": "Calles, aceras y alumbrado",
    "Trash and recycling": "Basura y reciclaje",
    "Water and sewer": "Agua y alcantarillado",
    "Parks and recreation": "Parques y recreación",
    "Taxes, bills and licenses": "Impuestos, facturas y licencias",
    # Shelter booking
    "Park shelter booking": "Reserva en línea de refugio en el parque",
    "Book one of the bookable park shelters online for a four-hour block. Pick a time shown as free and it is yours at once; we then send your permit.": (
        "Reserve en línea uno de los refugios del parque por un bloque de cuatro horas. "
        "Elija un horario que aparezca libre y es suyo al instante; después le enviamos el "
        "permiso."
    ),
    "Your name and email; the calendar shows which blocks are free.": (
        "Su nombre y su correo electrónico; el calendario muestra qué bloques están libres."
    ),
    "Your block is held the moment you book it; the permit follows within two working days.": (
        "Su bloque queda reservado en el momento en que lo reserva; el permiso llega en un "
        "plazo de dos días hábiles."
    ),
    "We send your shelter permit": "Le enviamos el permiso del refugio",
    # Inspection booking
    "Inspection appointment": "Cita de inspección",
    "Book a one-hour inspection slot with the North or South inspection team on a working day, at least two days ahead. Someone aged 18 or over must be present.": (
        "Reserve una cita de inspección de una hora con el equipo Norte o Sur en un día "
        "hábil, con al menos dos días de antelación. Debe estar presente una persona mayor "
        "de 18 años."
    ),
    "The address to visit and, if you have one, your permit number.": (
        "La dirección que hay que visitar y, si lo tiene, su número de permiso."
    ),
    "The inspector comes in the slot you booked and records the result the next working day.": (
        "El inspector viene en el horario que reservó y anota el resultado el siguiente día hábil."
    ),
    "We confirm what the inspector needs": "Confirmamos lo que necesita el inspector",
    "We record the inspection result": "Anotamos el resultado de la inspección",
    "Permit number, if you have one": "Número de permiso, si lo tiene",
    # Millbrook
    "Report a hole in a village street.": "Informe de un bache en una calle del pueblo.",
    "We look at every reported hole within a week.": (
        "Revisamos cada bache del que nos avisan en una semana."
    ),
    "We inspect and patch": "Inspeccionamos y reparamos",
    "Missed trash pickup": "Recogida de basura no realizada",
    "Tell us if your cart was out on time but not emptied.": (
        "Avísenos si sacó su contenedor a tiempo y no lo vaciaron."
    ),
    "We collect missed carts within one working day.": (
        "Recogemos los contenedores pendientes en un día hábil."
    ),
    "Email, text or message the village office about anything.": (
        "Escriba a la oficina del pueblo por correo, mensaje de texto o chat sobre cualquier tema."
    ),
    "The village office answers within three working days.": (
        "La oficina del pueblo responde en un plazo de tres días hábiles."
    ),
    "The village office answers you": "La oficina del pueblo le responde",
}
