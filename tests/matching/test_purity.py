"""The engine is pure domain code: importing it pulls in neither Flask nor SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import sys
import app.matching, app.matching.synthetic, app.matching.validate
from app.matching import MatchProblem, solve
solve(MatchProblem(needs=[], providers=[]))
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("flask", "sqlalchemy"))
assert not bad, bad
print("ok")
"""


def test_import_pulls_no_web_or_db_framework() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
