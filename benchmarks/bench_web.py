"""Gzipped size of each front-end's first route: the entry script, everything it imports
statically, the sign-in view a signed-out visitor lands on (its own chunk, or in the entry),
and their CSS, read from the Vite manifests in web/dist (run `scripts/bootstrap` first).

    .venv/bin/python benchmarks/bench_web.py
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

DIST = Path(__file__).resolve().parents[1] / "web" / "dist"
# app folder -> (entry, first route's view, target in KB gzipped)
APPS = {
    "console": ("index.html", "features/signin/SignInView.vue", 350),
    "mobile": ("index.html", "features/signin/SignInView.vue", 200),
}


def _closure(manifest: dict, keys: list[str]) -> tuple[set[str], set[str]]:
    """Files of the chunks and their static imports, JS and CSS apart."""
    js: set[str] = set()
    css: set[str] = set()
    todo = list(keys)
    seen: set[str] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        chunk = manifest[key]
        js.add(chunk["file"])
        css.update(chunk.get("css", []))
        todo.extend(chunk.get("imports", []))
    return js, css


def _gzip_kb(root: Path, files: set[str]) -> tuple[float, float]:
    raw = sum((root / f).stat().st_size for f in files)
    packed = sum(len(gzip.compress((root / f).read_bytes(), 9)) for f in files)
    return raw / 1024, packed / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=DIST)
    args = parser.parse_args()
    print(f"{'app':8} {'first route':>14} {'JS gz':>9} {'CSS gz':>8} {'total gz':>9} {'target':>7}")
    for app, (entry, view, target) in APPS.items():
        root = args.dist / app
        manifest = json.loads((root / ".vite" / "manifest.json").read_text())
        js, css = _closure(manifest, [entry] + ([view] if view in manifest else []))
        _, js_gz = _gzip_kb(root, js)
        _, css_gz = _gzip_kb(root, css)
        everything = {c["file"] for c in manifest.values() if c["file"].endswith(".js")}
        _, all_gz = _gzip_kb(root, everything)
        verdict = "ok" if js_gz <= target else "OVER"
        print(
            f"{app:8} {len(js):>8} files {js_gz:>7.1f}KB {css_gz:>6.1f}KB "
            f"{js_gz + css_gz:>7.1f}KB {target:>4}KB {verdict}  (all JS {all_gz:.1f}KB gz)"
        )


if __name__ == "__main__":
    main()
