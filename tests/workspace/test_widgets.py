"""QuickSelect draws the same <select> as Django's template-rendered Select."""

from __future__ import annotations

import re

import pytest
from django import forms

from workspace.widgets import QuickDateInput, QuickSelect, QuickTextInput

CHOICES = [("", "Any"), (1, 'Pot <hole> & "friends"'), (2, "Bins")]
GROUPED = [("Roads", [(1, "Pothole"), (2, "Streetlight")]), ("", "None")]


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", "1", 2, "3"])
def test_same_markup_as_django_select(value):
    attrs = {"id": "id_service", "required": True, "aria-describedby": "help"}

    ours = QuickSelect(choices=CHOICES).render("service", value, attrs)
    django = forms.Select(choices=CHOICES).render("service", value, attrs)

    assert _squeezed(ours) == _squeezed(django)


def test_labels_are_escaped_and_the_chosen_option_is_selected():
    html = QuickSelect(choices=CHOICES).render("service", "1")

    assert "Pot &lt;hole&gt; &amp; &quot;friends&quot;" in html
    assert '<option value="1" selected>' in html
    assert '<option value="2">' in html


def test_optgroups_match_django():
    ours = QuickSelect(choices=GROUPED).render("s", 2)
    django = forms.Select(choices=GROUPED).render("s", 2)

    assert _squeezed(ours) == _squeezed(django)
    assert '<optgroup label="Roads">' in ours


@pytest.mark.parametrize("value", [None, "", "2026-03-04", 'x" <b>'])
@pytest.mark.parametrize(
    ("ours", "django"),
    [
        (QuickTextInput(attrs={"maxlength": "200"}), forms.TextInput(attrs={"maxlength": "200"})),
        (QuickDateInput(attrs={"type": "date"}), forms.DateInput(attrs={"type": "date"})),
    ],
)
def test_inputs_have_the_same_markup_as_django(ours, django, value):
    attrs = {"id": "id_q", "required": True, "aria-describedby": "help", "disabled": False}

    assert ours.render("q", value, attrs) == django.render("q", value, attrs).strip()
