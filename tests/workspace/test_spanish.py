"""The staff side in Spanish: no interface string is left in English."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import Status
from cases.services import case_change_status, case_escalate
from insights.services import insights_refresh
from tests import factories

pytestmark = pytest.mark.django_db

CATALOGUES = [
    Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po",
    Path(settings.BASE_DIR) / "notifications/locale/es/LC_MESSAGES/django.po",
    Path(settings.BASE_DIR) / "insights/locale/es/LC_MESSAGES/django.po",
]


def po_entries(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of a .po file's singular, live entries (a small reader, no library)."""
    entries, current, field = [], {"msgid": "", "msgstr": ""}, ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current["msgid"]:
                entries.append((current["msgid"], current["msgstr"]))
            current, field = {"msgid": "", "msgstr": ""}, ""
        elif line.startswith(("msgid ", "msgstr ")):
            field, _sep, rest = line.partition(" ")
            current[field] = ast.literal_eval(rest)
        elif line.startswith('"') and field in current:
            current[field] += ast.literal_eval(line)
        elif not line.startswith("#"):
            field = ""  # msgid_plural, msgstr[n], msgctxt: not compared here
    return entries


def english_strings() -> set[str]:
    """Interface strings whose Spanish differs: none of them may show on a Spanish page."""
    found = set()
    for path in CATALOGUES:
        for msgid, msgstr in po_entries(path):
            if "%(" in msgid or "<" in msgid or len(msgid) < 3:
                continue
            if msgstr and msgstr != msgid:
                found.add(msgid)
    return found


def visible_text(page: str) -> str:
    """Text nodes plus the attributes people hear or see (labels, placeholders, titles)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attrs = re.findall(r'(?:aria-label|placeholder|title|alt|label)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *attrs]))


def english_left(page: str, strings: set[str]) -> list[str]:
    text = visible_text(page)
    return sorted(s for s in strings if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text))


def test_every_staff_page_is_spanish_through(city, login, dana, bree):
    strings = english_strings()
    case = factories.make_case(city.pothole, resident=city.rosa, address="Calle Mayor 1")
    other = factories.make_case(city.pothole, resident=city.rita, address="Calle Mayor 3")
    case_change_status(case=case, status=Status.IN_PROGRESS, by=city.sam)
    case_escalate(case=other, by=city.sam, reason="Urgente")
    closed = factories.make_case(city.pothole, address="Calle Mayor 5")
    case_change_status(case=closed, status=Status.DECLINED, by=city.sam, note="No procede")
    insights_refresh(full=True)
    sam = login(city.sam)
    pages = {
        "queue": reverse("workspace:queue"),
        "case": reverse("workspace:case", args=[case.tracking_number]),
        "closed case": reverse("workspace:case", args=[closed.tracking_number]),
        "compare": reverse("workspace:merge_compare", args=[case.tracking_number])
        + f"?into={other.tracking_number}",
        "intake": reverse("workspace:intake") + f"?service={city.pothole.pk}",
        "notices": reverse("notifications:list"),
        "dashboard": reverse("insights:dashboard"),
        "sign-in": reverse("workspace:login"),
    }
    left = {}
    for name, url in pages.items():
        client = sam if name != "sign-in" else login(city.sam).__class__()
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 200, name
        left[name] = english_left(response.text, strings)
    bree_client = login(bree)
    left["start"] = english_left(
        bree_client.get(reverse("workspace:home"), HTTP_ACCEPT_LANGUAGE="es").text, strings
    )
    forbidden = bree_client.get(pages["case"], HTTP_ACCEPT_LANGUAGE="es")
    assert forbidden.status_code == 403
    left["403"] = english_left(forbidden.text, strings)

    assert {name: words for name, words in left.items() if words} == {}
