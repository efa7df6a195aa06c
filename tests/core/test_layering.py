"""Which app may import which: the layering check of docs/architecture.md, enforced.

Every module of every app is parsed (ast, imports inside functions too). The
rules: a foundation app imports only foundation; a domain app imports
foundation and domain, never a door; a door imports foundation and domain,
never another door; the assembly (project package, demo data, bench) may import
anything. Every app must be in the table, so a new app is placed deliberately.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FOUNDATION = {"core", "organisations", "accounts"}
DOMAIN = {
    "residents",
    "calendars",
    "catalogue",
    "cases",
    "knowledge",
    "bookings",
    "notifications",
    "insights",
    "coaching",
    "bre",
    "privacy",
    "alerts",
    "payments",
    "rootcauses",
    "audit",
    "surveys",
    "engagement",
}
DOORS = {"portal", "workspace", "api", "open311", "messaging"}
ASSEMBLY = {"civicdesk", "demo", "bench"}
LAYERS = {
    "foundation": FOUNDATION,
    "domain": DOMAIN,
    "door": DOORS,
    "assembly": ASSEMBLY,
}
MAY_IMPORT = {
    "foundation": FOUNDATION,
    "domain": FOUNDATION | DOMAIN,
    "door": FOUNDATION | DOMAIN,  # and itself, never another door
    "assembly": FOUNDATION | DOMAIN | DOORS | ASSEMBLY,
}

# Imports that break the rules today, each with the work that removes it. Drop the line
# when that lands (test_the_known_exceptions_are_still_real says when it has).
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _apps() -> set[str]:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    return apps | {"core", "civicdesk"}


def _layer(app: str) -> str:
    return next(name for name, members in LAYERS.items() if app in members)


def _imports(app: str) -> list[tuple[str, str, int]]:
    """(imported app, file, line) for every import of another first-party app."""
    known = _apps()
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in known and top != app:
                    found.append((top, str(path.relative_to(ROOT)), node.lineno))
    return found


def test_every_app_has_a_place_in_the_table():
    placed = set().union(*LAYERS.values())
    missing = _apps() - placed
    assert not missing, (
        f"{sorted(missing)}: add each new app to a layer here and in the layering table "
        "of docs/architecture.md"
    )


@pytest.mark.parametrize("app", sorted(_apps()))
def test_app_imports_only_what_its_layer_may(app):
    if app not in set().union(*LAYERS.values()):
        pytest.skip("not placed yet (see test_every_app_has_a_place_in_the_table)")
    allowed = MAY_IMPORT[_layer(app)]
    broken = [
        f"{where}:{line} imports {target} ({_layer(target)})"
        for target, where, line in _imports(app)
        if target not in allowed and (app, target) not in KNOWN_EXCEPTIONS
    ]
    assert not broken, f"{app} ({_layer(app)}) may import {sorted(allowed)} only:\n" + "\n".join(
        broken
    )


def test_the_known_exceptions_are_still_real():
    # When the work removing an exception lands, this fails until the line above goes.
    stale = [pair for pair in KNOWN_EXCEPTIONS if pair[1] not in {t for t, *_ in _imports(pair[0])}]
    assert not stale, f"no longer imported, drop from KNOWN_EXCEPTIONS: {stale}"


def test_the_architecture_page_states_the_same_table():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = page.split("## Layering check", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] in LAYERS:
            rows[cells[0]] = set(re.findall(r"`([a-z0-9_]+)`", cells[1]))
    assert rows == LAYERS
