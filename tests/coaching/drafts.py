"""A labelled set of draft replies, English and Spanish, good and bad, written from the
source posts' own examples (seeds/): the codes each draft must raise and must not raise.

All are reviewed on Tuesday 1 December 2026 against a case promised for Tuesday
8 December, on a Monday–Friday calendar closed on Friday 25 December, for the
resident Rita Moreno (English) or Rosa Díaz (Spanish), case 7KQ3M-9XRT2.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = frozenset(
    {
        "placeholder",
        "wrong_date",
        "blame",
        "missing_empathy",
        "missing_ownership",
        "no_next_step",
        "no_date",
        "vague_timeframe",
        "no_alternative",
        "customer_as_qa",
        "shouting",
        "hard_to_read",
        "jargon",
    }
)


@dataclass(frozen=True)
class Labelled:
    name: str
    language: str
    text: str
    must: frozenset[str]
    must_not: frozenset[str]


def good(name: str, language: str, text: str) -> Labelled:
    return Labelled(name, language, text, frozenset(), ALL)


def bad(name: str, language: str, text: str, must: set[str], must_not: set[str]) -> Labelled:
    assert not must & must_not, name
    return Labelled(name, language, text, frozenset(must), frozenset(must_not))


DRAFTS: list[Labelled] = [
    # --- Good replies: LEAD, a next step, a concrete date -------------------------------
    good(
        "en-good-pothole",
        "en",
        "Hello Rita,\n\nThank you for reporting the pothole on Elm Street, and I'm sorry it "
        "has been a nuisance. Our crew will fill it by Tuesday 8 December, and I will write "
        "to you when it is done.",
    ),
    good(
        "en-good-bin",
        "en",
        "Hi Rita, thanks for letting us know your recycling bin was damaged. A new bin will "
        "be delivered on Friday 4 December. You can leave the old one at the kerb and we "
        "will take it away.",
    ),
    good(
        "en-good-cannot-say-yes",
        "en",
        "Dear Rita,\n\nI understand how much you were counting on the Riverside shelter. "
        "We cannot book it on Saturday because it is already reserved. What we can do is "
        "hold the Oak Park shelter for you, which is five minutes away. I will keep it for "
        "you until Monday 7 December.",
    ),
    good(
        "en-good-transfer",
        "en",
        "Hello Rita,\n\nI'm sorry for the trouble with the streetlight. Streetlights are "
        "looked after by the Utilities team, so I have passed your request to them with all "
        "the details. They will contact you by Tuesday 8 December.",
    ),
    good(
        "en-good-make-up-class",
        "en",
        "Hi Rita,\n\nThank you for your message about Sarah's swim class. I have booked her "
        "into the make-up session on Thursday 3 December at 4 pm. You will get a reminder "
        "the day before.",
    ),
    good(
        "en-good-refund",
        "en",
        "Hello Rita,\n\nThank you for returning the permit. Your refund will be paid into "
        "your account on Monday 7 December. If it is not there by then, reply to this "
        "message and I will chase it for you.",
    ),
    good(
        "en-good-fixed",
        "en",
        "Hello Rita, thank you for your patience. The crew repaired the water leak this "
        "morning. We will come back on Thursday 3 December to check the road surface.",
    ),
    good(
        "en-good-inspection",
        "en",
        "Dear Rita,\n\nThanks for getting in touch about the inspection. An inspector will "
        "visit on Wednesday 2 December between 9 and 11 am. I have checked your form and "
        "everything is in order.",
    ),
    good(
        "en-good-delay-explained",
        "en",
        "Hello Rita,\n\nI'm sorry, the repair has moved to Wednesday 9 December because the "
        "part we ordered is delayed. I will call you the moment it arrives.",
    ),
    good(
        "en-good-angry",
        "en",
        "Hello Rita,\n\nI can see why you are frustrated: this is the third time the "
        "collection has been missed. I have asked the crew supervisor to collect your bins "
        "tomorrow, and I will check with you on Thursday 3 December that it was done.",
    ),
    good(
        "es-good-bache",
        "es",
        "Hola Rosa:\n\nGracias por avisarnos del bache en la calle Olmo y lamento las "
        "molestias. Nuestro equipo lo arreglará el martes 8 de diciembre y le escribiré "
        "cuando esté listo.",
    ),
    good(
        "es-good-contenedor",
        "es",
        "Hola Rosa, gracias por contarnos que su contenedor de reciclaje está roto. Le "
        "llevaremos uno nuevo el viernes 4 de diciembre. Puede dejar el viejo en la acera y "
        "lo recogeremos.",
    ),
    good(
        "es-good-no-podemos",
        "es",
        "Estimada Rosa:\n\nEntiendo que contaba con el refugio del parque Riverside. No "
        "podemos reservarlo el sábado porque ya está ocupado. Lo que sí podemos hacer es "
        "guardarle el refugio del parque Oak, a cinco minutos. Se lo guardaré hasta el lunes "
        "7 de diciembre.",
    ),
    good(
        "es-good-traslado",
        "es",
        "Hola Rosa:\n\nLamento el problema con la farola. De las farolas se ocupa el equipo "
        "de Servicios, así que ya les he pasado su solicitud con todos los datos. Le "
        "contactarán antes del martes 8 de diciembre.",
    ),
    good(
        "es-good-clase",
        "es",
        "Hola Rosa:\n\nGracias por su mensaje sobre la clase de natación de su hija. La he "
        "apuntado a la clase de recuperación del jueves 3 de diciembre a las 4. Recibirá un "
        "recordatorio el día anterior.",
    ),
    good(
        "es-good-reembolso",
        "es",
        "Hola Rosa:\n\nGracias por devolver el permiso. Le ingresaremos el reembolso el "
        "lunes 7 de diciembre. Si no lo ve ese día, responda a este mensaje y lo reclamaré "
        "por usted.",
    ),
    good(
        "es-good-arreglado",
        "es",
        "Hola Rosa, gracias por su paciencia. El equipo reparó la fuga de agua esta mañana. "
        "Volveremos el jueves 3 de diciembre para revisar el asfalto.",
    ),
    good(
        "es-good-inspeccion",
        "es",
        "Estimada Rosa:\n\nGracias por escribirnos sobre la inspección. Un inspector irá el "
        "miércoles 2 de diciembre entre las 9 y las 11. He revisado su formulario y todo "
        "está en orden.",
    ),
    good(
        "es-good-retraso",
        "es",
        "Hola Rosa:\n\nLo siento, la reparación pasa al miércoles 9 de diciembre porque la "
        "pieza que pedimos viene con retraso. Le llamaré en cuanto llegue.",
    ),
    good(
        "es-good-enfadada",
        "es",
        "Hola Rosa:\n\nEntiendo su enfado: es la tercera vez que no pasamos a recoger. He "
        "pedido al supervisor que recoja sus contenedores mañana y le preguntaré el jueves "
        "3 de diciembre si se hizo.",
    ),
    # --- blame ("Don't Harp on the Customer's Mistake") -----------------------------------
    bad(
        "en-blame-wrong-date",
        "en",
        "Hello Rita, you filled in the wrong date on the form, so the class was not booked. "
        "We will book the make-up session on Thursday 3 December. Sorry for the confusion.",
        {"blame"},
        {"placeholder", "wrong_date", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-blame-should-have-known",
        "en",
        "Hello Rita, thank you for writing. As you should have known, make-up classes must be "
        "booked online. I will book Thursday 3 December for you.",
        {"blame"},
        {"placeholder", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-blame-obviously",
        "en",
        "Hi Rita, thanks for your message. Obviously the bins go out on Monday night, "
        "everyone knows that. We will collect yours on Thursday 3 December.",
        {"blame"},
        {"placeholder", "no_next_step", "no_date"},
    ),
    bad(
        "en-blame-as-we-told-you",
        "en",
        "Hello Rita, sorry for the trouble. As we already told you, the permit needs a "
        "signature. I will post you a new form on Wednesday 2 December.",
        {"blame"},
        {"placeholder", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-blame-mal",
        "es",
        "Hola Rosa, usted llenó mal la fecha del formulario y por eso no se reservó la clase. "
        "La apuntaremos el jueves 3 de diciembre. Disculpe la confusión.",
        {"blame"},
        {"placeholder", "wrong_date", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-blame-deberia",
        "es",
        "Hola Rosa, gracias por escribir. Debería haberlo sabido: las clases se reservan por "
        "internet. Le reservaré el jueves 3 de diciembre.",
        {"blame"},
        {"placeholder", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-blame-como-le-dijimos",
        "es",
        "Hola Rosa, lamento las molestias. Como ya le dijimos, el permiso necesita una firma. "
        "Le enviaré un formulario nuevo el miércoles 2 de diciembre.",
        {"blame"},
        {"placeholder", "no_next_step", "no_date", "missing_empathy"},
    ),
    # --- missing_empathy ----------------------------------------------------------------
    bad(
        "en-no-empathy-problem",
        "en",
        "Hello Rita,\n\nThe broken streetlight on Oak Avenue will be repaired by Tuesday "
        "8 December.",
        {"missing_empathy"},
        {"placeholder", "wrong_date", "blame", "no_next_step", "no_date"},
    ),
    bad(
        "en-no-empathy-refusal",
        "en",
        "Rita, we cannot replace the bin for free. Instead you can buy one at the depot, and "
        "we will deliver it on Friday 4 December.",
        {"missing_empathy"},
        {"placeholder", "no_alternative", "no_next_step", "no_date"},
    ),
    bad(
        "es-no-empathy-problem",
        "es",
        "Hola Rosa:\n\nLa farola rota de la avenida Roble se reparará antes del martes 8 de "
        "diciembre.",
        {"missing_empathy"},
        {"placeholder", "wrong_date", "blame", "no_next_step", "no_date"},
    ),
    bad(
        "es-no-empathy-refusal",
        "es",
        "Rosa, no podemos cambiarle el contenedor gratis. En su lugar puede comprar uno en el "
        "depósito y se lo llevaremos el viernes 4 de diciembre.",
        {"missing_empathy"},
        {"placeholder", "no_alternative", "no_next_step", "no_date"},
    ),
    # --- missing_ownership ("How to Fix Other People's Problems") -----------------------
    bad(
        "en-not-our-department",
        "en",
        "Hello Rita, sorry to hear about the tree. That is not our department, you will have "
        "to call Parks.",
        {"missing_ownership"},
        {"placeholder", "blame", "customer_as_qa"},
    ),
    bad(
        "en-nothing-we-can-do",
        "en",
        "Hi Rita, thanks for writing. There is nothing we can do about the noise from the "
        "building site.",
        {"missing_ownership"},
        {"placeholder", "blame", "shouting"},
    ),
    bad(
        "es-no-es-nuestro",
        "es",
        "Hola Rosa, lamento lo del árbol. No es nuestro departamento, tendrá que llamar a Parques.",
        {"missing_ownership"},
        {"placeholder", "blame", "customer_as_qa"},
    ),
    bad(
        "es-no-podemos-hacer-nada",
        "es",
        "Hola Rosa, gracias por escribir. No podemos hacer nada con el ruido de la obra.",
        {"missing_ownership"},
        {"placeholder", "blame", "shouting"},
    ),
    # --- no_next_step ("Tell Customers What's Next") --------------------------------------
    bad(
        "en-no-next-step",
        "en",
        "Hello Rita, thank you for your message about the graffiti on the library wall. We "
        "have received your report.",
        {"no_next_step", "no_date"},
        {"placeholder", "wrong_date", "blame", "missing_empathy", "shouting"},
    ),
    bad(
        "es-no-next-step",
        "es",
        "Hola Rosa, gracias por su mensaje sobre la pintada en la pared de la biblioteca. "
        "Hemos recibido su aviso.",
        {"no_next_step", "no_date"},
        {"placeholder", "wrong_date", "blame", "missing_empathy", "shouting"},
    ),
    # --- vague_timeframe and no_date ("How the Customer Perceives a Truth as a Lie") -------
    bad(
        "en-7-10-days",
        "en",
        "Hello Rita, thank you for returning the item. The refund process takes 7-10 days.",
        {"vague_timeframe"},
        {"placeholder", "wrong_date", "blame", "no_date", "missing_empathy"},
    ),
    bad(
        "en-3-5-business-days",
        "en",
        "Hi Rita, sorry for the wait. Your new bin will arrive in 3-5 business days.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date"},
    ),
    bad(
        "en-asap",
        "en",
        "Hello Rita, thanks for letting us know. We will send someone as soon as possible.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-shortly",
        "en",
        "Hello Rita, thank you for your patience. An inspector will contact you shortly.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-couple-of-weeks",
        "en",
        "Hello Rita, sorry about the pothole. The crew will fix it within a couple of weeks.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-no-date",
        "en",
        "Hello Rita, thank you for reporting the pothole. Our crew will fill it and I will "
        "let you know when it is done.",
        {"no_date"},
        {"placeholder", "wrong_date", "blame", "no_next_step", "missing_empathy", "shouting"},
    ),
    bad(
        "es-7-10-dias",
        "es",
        "Hola Rosa, gracias por devolver el artículo. El reembolso tarda 7-10 días hábiles.",
        {"vague_timeframe"},
        {"placeholder", "wrong_date", "blame", "no_date", "missing_empathy"},
    ),
    bad(
        "es-lo-antes-posible",
        "es",
        "Hola Rosa, gracias por avisarnos. Enviaremos a alguien lo antes posible.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-en-breve",
        "es",
        "Hola Rosa, gracias por su paciencia. Un inspector le contactará en breve.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-un-par-de-semanas",
        "es",
        "Hola Rosa, lamento lo del bache. El equipo lo arreglará dentro de un par de semanas.",
        {"vague_timeframe"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-sin-fecha",
        "es",
        "Hola Rosa, gracias por avisarnos del bache. Nuestro equipo lo arreglará y le "
        "avisaré cuando esté listo.",
        {"no_date"},
        {"placeholder", "wrong_date", "blame", "no_next_step", "missing_empathy", "shouting"},
    ),
    # --- wrong_date ---------------------------------------------------------------------
    bad(
        "en-saturday",
        "en",
        "Hello Rita, thank you for your patience. The crew will come on Saturday 5 December.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-after-promise",
        "en",
        "Hello Rita, thanks for reporting it. We will fix the pothole by Friday 11 December.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-wrong-weekday",
        "en",
        "Hello Rita, thank you for writing. The inspector will visit on Monday 8 December.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-christmas",
        "en",
        "Hello Rita, thanks for your message. Your permit will be ready on December 25.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-sabado",
        "es",
        "Hola Rosa, gracias por su paciencia. El equipo irá el sábado 5 de diciembre.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-despues-de-la-promesa",
        "es",
        "Hola Rosa, gracias por avisarnos. Arreglaremos el bache el viernes 11 de diciembre.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-dia-equivocado",
        "es",
        "Hola Rosa, gracias por escribir. El inspector irá el lunes 8 de diciembre.",
        {"wrong_date"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    # --- placeholder ("Don't Turn the Customer into the QA Department") -------------------
    bad(
        "en-braces",
        "en",
        "Hello {resident}, thank you for your request {{case_number}}. We will call you on "
        "Thursday 3 December.",
        {"placeholder"},
        {"blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-date-blank",
        "en",
        "Hello Rita, thanks for your patience. The crew will come on [DATE] to fix it.",
        {"placeholder"},
        {"blame", "no_next_step", "missing_empathy"},
    ),
    bad(
        "en-xxxx",
        "en",
        "Hello Rita, thank you for writing. Your permit number is XXXX and it will be posted "
        "on Wednesday 2 December.",
        {"placeholder"},
        {"blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-wrong-name",
        "en",
        "Hello Margaret,\n\nThank you for your patience. The crew will come on Thursday "
        "3 December.",
        {"placeholder"},
        {"blame", "no_next_step", "no_date", "missing_empathy", "wrong_date"},
    ),
    bad(
        "en-wrong-number",
        "en",
        "Hello Rita, thank you for reporting it. Your request 4ZZ9A-B7C8D will be fixed by "
        "Thursday 3 December.",
        {"placeholder"},
        {"blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-llaves",
        "es",
        "Hola {nombre}, gracias por su solicitud {{numero}}. Le llamaremos el jueves 3 de "
        "diciembre.",
        {"placeholder"},
        {"blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-fecha-en-blanco",
        "es",
        "Hola Rosa, gracias por su paciencia. El equipo irá el ____ para arreglarlo.",
        {"placeholder"},
        {"blame", "no_next_step", "missing_empathy"},
    ),
    bad(
        "es-nombre-equivocado",
        "es",
        "Hola Margarita:\n\nGracias por su paciencia. El equipo irá el jueves 3 de diciembre.",
        {"placeholder"},
        {"blame", "no_next_step", "no_date", "missing_empathy", "wrong_date"},
    ),
    # --- no_alternative ("When You Can't Say Yes to the Address") -------------------------
    bad(
        "en-no-alternative",
        "en",
        "Hello Rita, I'm sorry, but we cannot book the Riverside shelter on Saturday. I will "
        "keep your request on file until Monday 7 December.",
        {"no_alternative"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-denied",
        "en",
        "Hello Rita, thank you for applying. Unfortunately, we are unable to approve the "
        "permit for the block party. We will close the request on Wednesday 2 December.",
        {"no_alternative"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-sin-alternativa",
        "es",
        "Hola Rosa, lo siento, pero no podemos reservar el refugio de Riverside el sábado. "
        "Guardaré su solicitud hasta el lunes 7 de diciembre.",
        {"no_alternative"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-denegada",
        "es",
        "Hola Rosa, gracias por su solicitud. Lamentablemente, no es posible aprobar el "
        "permiso para la fiesta. Cerraremos la solicitud el miércoles 2 de diciembre.",
        {"no_alternative"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    # --- customer_as_qa -----------------------------------------------------------------
    bad(
        "en-double-check",
        "en",
        "Hello Rita, thank you for opening the account. Please double-check the dates we "
        "entered on the form and sign it. We will start the service on Monday 7 December.",
        {"customer_as_qa"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-let-us-know-if-wrong",
        "en",
        "Hi Rita, thanks for your patience. Your account is set up; let us know if anything "
        "is wrong. The first bill will come on Friday 4 December.",
        {"customer_as_qa"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-revise-los-datos",
        "es",
        "Hola Rosa, gracias por abrir la cuenta. Por favor, revise los datos que pusimos en "
        "el formulario y fírmelo. Empezaremos el servicio el lunes 7 de diciembre.",
        {"customer_as_qa"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-avisenos-si-hay-error",
        "es",
        "Hola Rosa, gracias por su paciencia. Su cuenta está lista; avísenos si hay algún "
        "error. La primera factura llegará el viernes 4 de diciembre.",
        {"customer_as_qa"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    # --- hard_to_read and jargon --------------------------------------------------------
    bad(
        "en-hard-to-read",
        "en",
        "Hello Rita, thank you for your correspondence regarding the aforementioned "
        "infrastructure deficiency, which has been documented, categorised, prioritised and "
        "subsequently allocated to the appropriate maintenance organisation for "
        "investigation, evaluation and eventual remediation in accordance with applicable "
        "departmental operational procedures and municipal regulations. The crew will attend "
        "on Thursday 3 December.",
        {"hard_to_read", "jargon"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "en-jargon",
        "en",
        "Hello Rita, thanks for your message. Your SR has a WO now and the crew will follow "
        "the SOP on Thursday 3 December.",
        {"jargon"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy", "shouting"},
    ),
    bad(
        "en-pursuant",
        "en",
        "Hello Rita, thank you for writing. Pursuant to the bylaw, the crew will trim the "
        "tree on Thursday 3 December.",
        {"jargon"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-dificil",
        "es",
        "Hola Rosa, gracias por su comunicación relativa a la deficiencia infraestructural "
        "anteriormente mencionada, que ha sido documentada, categorizada, priorizada y "
        "posteriormente asignada a la organización de mantenimiento correspondiente para su "
        "investigación, evaluación y eventual subsanación de conformidad con los "
        "procedimientos operativos departamentales aplicables. El equipo irá el jueves 3 de "
        "diciembre.",
        {"hard_to_read", "jargon"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-jerga",
        "es",
        "Hola Rosa, gracias por su mensaje. Su SR ya tiene OT y el equipo seguirá el SOP el "
        "jueves 3 de diciembre.",
        {"jargon"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy", "shouting"},
    ),
    # --- shouting ("Avoid Making a Bad Situation Worse") ----------------------------------
    bad(
        "en-shouting",
        "en",
        "Hello Rita, thank you for writing. PLEASE DO NOT put glass in the green bin!!! We "
        "will collect it on Thursday 3 December.",
        {"shouting"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
    bad(
        "es-gritos",
        "es",
        "Hola Rosa, gracias por escribir. ¡¡NO PONGA vidrio en el contenedor verde!! Lo "
        "recogeremos el jueves 3 de diciembre.",
        {"shouting"},
        {"placeholder", "blame", "no_next_step", "no_date", "missing_empathy"},
    ),
]
