"""The reply coach's figures: review_draft on drafts of 2,000 characters, no database.

The target is under 20 ms a draft (docs/coaching.md). Each draft is a little
different on every run (a counter in it), so textstat's own cache of results
does not do the work; the dictionaries are loaded once before timing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bench.stats import Result, time_ms
from calendars.arithmetic import WorkingCalendar

TARGET_CHARS = 2_000
TODAY = dt.date(2026, 12, 1)
PROMISE = dt.date(2026, 12, 8)

PARAGRAPHS = {
    "en": [
        "Hello Rita,\n\nThank you for reporting the pothole on Elm Street, and I'm sorry it "
        "has been a nuisance.",
        "You filled in the wrong address on the form, so the crew went to the wrong street.",
        "Our crew will fill it by Tuesday 8 December, and I will write to you when it is done.",
        "The refund process takes 7-10 days, and we will be in touch shortly about the "
        "permit that was mentioned in your SR.",
        "Please double-check the dates we entered on the form and let us know if anything "
        "is wrong.",
        "We cannot replace the bin this month. That is not our department, you will have "
        "to call Parks on Saturday 5 December!!",
        "Notwithstanding the considerable complexity of the administrative documentation "
        "requirements, the departmental evaluation of your application will conclude "
        "imminently, subsequent to which appropriate notification will be communicated.",
    ],
    "es": [
        "Hola Rosa:\n\nGracias por avisarnos del bache en la calle Olmo y lamento las molestias.",
        "Usted llenó mal la dirección del formulario, así que el equipo fue a otra calle.",
        "Nuestro equipo lo arreglará el martes 8 de diciembre y le escribiré cuando esté listo.",
        "El reembolso tarda 7-10 días hábiles y le contactaremos en breve sobre el permiso "
        "de su SR.",
        "Por favor, revise los datos que pusimos en el formulario y avísenos si hay algún error.",
        "No podemos cambiar el contenedor este mes. No es nuestro departamento, tendrá que "
        "llamar a Parques el sábado 5 de diciembre!!",
        "No obstante la considerable complejidad de los requisitos documentales "
        "administrativos, la evaluación departamental de su solicitud concluirá "
        "próximamente, tras lo cual se comunicará la correspondiente notificación.",
    ],
}


def draft(language: str, n: int) -> str:
    """About 2,000 characters of a mixed draft, with `n` in it so each run differs."""
    parts = [f"(ref {n})"]
    for paragraph in itertools.cycle(PARAGRAPHS[language]):
        parts.append(paragraph)
        if sum(len(p) + 1 for p in parts) >= TARGET_CHARS:
            break
    return " ".join(parts)[:TARGET_CHARS]


def _cpu_ms(call: Callable[[], object]) -> float:
    start = time.process_time()
    call()
    return (time.process_time() - start) * 1000


def run(repeat: int = 50, warmup: int = 3) -> list[Result]:
    from coaching.engine import review_draft
    from coaching.readability import warm_up

    warm_up()
    calendar = WorkingCalendar(zone=ZoneInfo("America/New_York"))
    results = []
    for language in ("en", "es"):
        counter = itertools.count()

        def call(language: str = language, counter: itertools.count[int] = counter) -> object:
            return review_draft(
                text=draft(language, next(counter)),
                language=language,
                promise=PROMISE,
                calendar=calendar,
                today=TODAY,
            )

        for _ in range(warmup):
            call()
        findings = len(call().findings)  # type: ignore[attr-defined]
        samples = [time_ms(call) for _ in range(repeat)]
        cpu = [_cpu_ms(call) for _ in range(repeat)]
        note = f"{findings} findings; target < 20 ms; no database"
        results.append(Result(f"coach: review 2,000 chars ({language})", "ms", samples, note=note))
        # CPU time of this process: what the figure is on a machine shared with others.
        results.append(Result(f"coach: same, CPU time ({language})", "cpu ms", cpu, note=note))
    return results
