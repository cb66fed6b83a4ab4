"""Layers: api -> services -> models -> core. Services and models never import the API
(not even inside a function): found by reading every module's syntax tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "app":  # from app import api
                found += [(node.lineno, f"app.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def offences(package: str, root: Path = APP) -> list[str]:
    out = []
    for path in sorted((root / package).rglob("*.py")):
        for line, module in imported_modules(path):
            if module == "app.api" or module.startswith("app.api."):
                out.append(f"{path.relative_to(root.parent)}:{line} imports {module}")
    return out


@pytest.mark.parametrize("package", ["services", "models"])
def test_services_and_models_never_import_the_api(package):
    assert offences(package) == []


def test_the_scan_finds_an_import_of_the_api(tmp_path):
    """The check itself: a module importing the API, at the top or inside a function."""
    fake = tmp_path / "app" / "services"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text(
        "def f():\n    from app.api.common import cells_as_text\n"
        "from app import api\nimport app.api.children.schemas\n"
    )
    found = offences("services", tmp_path / "app")
    assert sorted(f.split(" imports ")[1] for f in found) == [
        "app.api",
        "app.api.children.schemas",
        "app.api.common",
    ]
