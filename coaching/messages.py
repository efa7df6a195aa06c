"""What the coach tells the agent, in the agent's language (the active translation).

The suggestions are in the reply's language and come from the rules files;
these messages explain the finding to the person writing and name the service
standard it comes from (docs/coaching.md lists them all).
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def blame() -> str:
    return _(
        "This sentence dwells on what the resident did wrong. Say what happens now "
        "instead (“Don't Harp on the Customer's Mistake”)."
    )


def missing_empathy() -> str:
    return _(
        "Nothing here acknowledges the resident's situation. Show you heard them before "
        "the answer (LEAD: listen and empathize)."
    )


def missing_ownership() -> str:
    return _(
        "This sends the resident somewhere else. Take the next step for them and say so "
        "(LEAD: accept responsibility; “How to Fix Other People's Problems”)."
    )


def no_next_step() -> str:
    return _("The resident is not told what happens next (“Tell Customers What's Next”).")


def no_date(promise: str) -> str:
    if promise:
        return _(
            "No concrete date. Tell the resident the day to expect: the promised date on "
            "this case is %(date)s."
        ) % {"date": promise}
    return _("No concrete date. Tell the resident the day to expect, not a duration.")


def vague_timeframe(phrase: str, promise: str) -> str:
    message = _(
        "“%(phrase)s” is heard as the earliest day, not the latest. Give one concrete date "
        "(“How the Customer Perceives a Truth as a Lie”)."
    ) % {"phrase": phrase}
    if promise:
        message += " " + _("This case's promised date is %(date)s.") % {"date": promise}
    return message


def wrong_date_invalid(phrase: str) -> str:
    return _("“%(phrase)s” is not a real date.") % {"phrase": phrase}


def wrong_date_weekday(phrase: str, actual: str) -> str:
    return _("“%(phrase)s” names the wrong day of the week: that date is %(actual)s.") % {
        "phrase": phrase,
        "actual": actual,
    }


def wrong_date_closed(phrase: str, next_day: str) -> str:
    return _(
        "%(phrase)s is not a working day on this case's calendar; the next working day is %(next)s."
    ) % {"phrase": phrase, "next": next_day}


def wrong_date_late(phrase: str, promise: str) -> str:
    return _(
        "%(phrase)s is later than the date promised to the resident (%(promise)s). Keep "
        "the promise, or say why it has moved."
    ) % {"phrase": phrase, "promise": promise}


def placeholder_blank(token: str) -> str:
    return _(
        "“%(token)s” is a blank to fill in: the resident must not receive it "
        "(“Don't Turn the Customer into the QA Department”)."
    ) % {"token": token}


def placeholder_tracking(token: str, expected: str) -> str:
    return _("%(token)s is not this case's tracking number, which is %(expected)s.") % {
        "token": token,
        "expected": expected,
    }


def placeholder_name(token: str) -> str:
    return _(
        "“%(token)s” is not the name of the resident on this case. Check who you are writing to."
    ) % {"token": token}


def no_alternative() -> str:
    return _(
        "This says no without offering anything else. Add what you can do instead "
        "(“When You Can't Say Yes to the Address”)."
    )


def customer_as_qa() -> str:
    return _(
        "This asks the resident to check our work. Check it yourself and tell them it is "
        "right (“Don't Turn the Customer into the QA Department”)."
    )


def hard_to_read(metric: str, value: float, target: float, words: int) -> str:
    return _(
        "Hard to read (%(metric)s %(value)s; aim for %(target)s). The longest sentence has "
        "%(words)s words: split it."
    ) % {"metric": metric, "value": f"{value:.0f}", "target": f"{target:.0f}", "words": words}


def hard_to_read_metric(name: str) -> str:
    names = {
        "flesch_kincaid_grade": _("Flesch–Kincaid grade"),
        "fernandez_huerta": _("Fernández-Huerta ease"),
        "szigriszt_pazos": _("Szigriszt-Pazos ease"),
    }
    return names.get(name, name)


def jargon(term: str, plain: str) -> str:
    if plain:
        return _("“%(term)s” is internal language. Say “%(plain)s” instead.") % {
            "term": term,
            "plain": plain,
        }
    return _("“%(term)s” is legalese; leave it out.") % {"term": term}


def shouting() -> str:
    return _(
        "Capitals and rows of exclamation marks read as shouting "
        "(“Avoid Making a Bad Situation Worse”)."
    )
