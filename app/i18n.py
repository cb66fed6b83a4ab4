"""Message catalogues: the `.po` files are the source; `.mo` files are compiled from them
when missing or older (they are build output, not committed)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def compile_catalogues() -> list[Path]:
    compiled = []
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            write_mo(handle, catalog)
        tmp.replace(mo_path)
        compiled.append(mo_path)
    return compiled
