"""One way out: only the outbox worker sends to residents, through the senders the channels
register, and notifications imports no channel (the arrow that ran back up). A static
check of the imports."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[2]
CHANNELS = ("email", "sms", "whatsapp")
DOORS = ["workspace", "api", "open311", "messaging", "bookings", "portal"]
# What sends a message: allowed only in the modules that define the transports.
SENDING_NAMES = {
    "send_mail",
    "send_mass_mail",
    "build_case_email",
    "send_case_sms",
    "send_case_whatsapp",
    "send_sms",
}
SENDING_MODULES = {"notifications.outbox", *(f"messaging.{c}.sender" for c in CHANNELS)}
# The channels' senders: the outbox worker's way out, the only callers of a transport.
SENDERS = {f"messaging/{channel}/sender.py" for channel in CHANNELS}
ALLOWED = {
    # account email verification is not a case message (it goes to the address typed)
    ("portal/services.py", "send_mail"),
    # MessagingConfig.ready() registers each channel's sender in notifications SENDERS
    *(("messaging/apps.py", "send_" + name) for name in ("email", "text", "whatsapp")),
}


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every `from module import name` and `import module`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
    return found


def _files(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def test_notifications_does_not_import_messaging():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in _files("notifications")
        for module, _name in _imports(path)
        if module == "messaging" or module.startswith("messaging.")
    ]
    assert offenders == []


def test_messaging_takes_only_the_sender_registry_from_notifications():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in _files("messaging")
        for module, _name in _imports(path)
        if module.startswith("notifications") and module != "notifications.transports"
    ]
    assert offenders == []


def test_every_channel_registers_its_sender():
    from notifications.transports import SENDERS as registered

    assert set(CHANNELS) <= set(registered)


def test_no_door_sends_to_a_resident_itself():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}.{name}"
        for app in DOORS
        for path in _files(app)
        for module, name in _imports(path)
        if (name in SENDING_NAMES or module in SENDING_MODULES)
        and str(path.relative_to(ROOT)) not in SENDERS
        and (str(path.relative_to(ROOT)), name) not in ALLOWED
    ]
    assert offenders == []
