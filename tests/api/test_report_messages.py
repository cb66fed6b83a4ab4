"""Every message the reporting services raise has its zh_CN translation, and reaches the
caller in their language."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["statistics", "planning", "spot_checks", "documents", "reports"]


def _raised_messages(path: Path) -> set[str]:
    """String literals given to ValidationFailed({...: [...]}), Conflict(...), Forbidden(...)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        first = node.args[0] if node.args else None
        if (
            node.func.id in ("Conflict", "Forbidden", "NotFound")
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            found.add(first.value)
        if node.func.id == "ValidationFailed" and node.args and isinstance(node.args[0], ast.Dict):
            for value in node.args[0].values:
                if isinstance(value, ast.List):
                    found |= {e.value for e in value.elts if isinstance(e, ast.Constant)}
    return found


def test_every_message_has_a_translation():
    with (ROOT / "app/translations/zh_Hans_CN/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for module in MODULES:
        for message in _raised_messages(ROOT / "app/services" / f"{module}.py"):
            entry = catalog.get(message)
            if entry is None or not entry.string:
                missing.append((module, message))
    assert missing == []


def test_messages_in_both_languages(client, coord_headers):
    zh = client.get("/api/v1/stats/needs?period=2026&start=2026-01-01", headers=coord_headers)
    assert zh.json["errors"]["period"] == ["请给出统计期间或起止日期，二者选一。"]
    en = client.get(
        "/api/v1/stats/needs?period=2026&start=2026-01-01",
        headers={**coord_headers, "Accept-Language": "en"},
    )
    assert en.json["errors"]["period"] == ["Give a period or a start and end, not both."]
