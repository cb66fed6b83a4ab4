"""The coordinator console's weight and speed, read from the build in web/dist/console (run
`scripts/bootstrap` first):

1. the gzipped JavaScript of its first route (the entry, its static imports and the sign-in
   view a signed-out visitor lands on; target 350 KB), and of each page after sign-in
   (the route's own chunks on top of the entry);
2. the time for the proposals page to render 100 rows in Debian's Chromium: the built
   console is served to the browser by Playwright's request interception, with the API's
   answers canned (one run, 100 proposals, categories, townships), so what is timed is the
   page alone: from navigation, and from the proposals response to the 100th row drawn.

    .venv/bin/python benchmarks/bench_console.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import statistics
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "web" / "dist" / "console"
CHROMIUM = "/usr/bin/chromium"
TARGET_KB = 350
ORIGIN = "http://console.bench"
PAGES = {
    "sign-in (first route)": "features/signin/SignInView.vue",
    "this week": "features/this-week/ThisWeekView.vue",
    "proposals": "features/proposals/ProposalsView.vue",
    "match runs": "features/runs/RunsView.vue",
    "map": "features/map/MapView.vue",
}


def _closure(manifest: dict[str, Any], keys: list[str], dynamic: bool = False) -> set[str]:
    files: set[str] = set()
    todo, seen = list(keys), set()
    while todo:
        key = todo.pop()
        if key in seen or key not in manifest:
            continue
        seen.add(key)
        chunk = manifest[key]
        files.add(chunk["file"])
        todo.extend(chunk.get("imports", []))
        if dynamic:
            todo.extend(chunk.get("dynamicImports", []))
    return files


def _gz_kb(files: set[str]) -> float:
    return sum(len(gzip.compress((DIST / f).read_bytes(), 9)) for f in files) / 1024


def sizes() -> None:
    manifest = json.loads((DIST / ".vite" / "manifest.json").read_text())
    entry = _closure(manifest, ["index.html"])
    layout = _closure(manifest, ["layout/ConsoleLayout.vue"])
    print(f"{'route':24} {'JS gz':>9}  {'of which own':>12}")
    for name, view in PAGES.items():
        own = _closure(manifest, [view])
        signed_in = set() if "sign-in" in name else layout
        total = entry | signed_in | own
        # ECharts is fetched by the map only once it draws (loadECharts), not with the route
        extra = ""
        if "map" in name:
            charts = _closure(manifest, ["charts/echarts-setup.ts"])
            extra = f"  (+ ECharts on demand {_gz_kb(charts - total):.1f} KB)"
        verdict = ""
        if "first route" in name:
            verdict = f"  target {TARGET_KB} KB: {'ok' if _gz_kb(total) <= TARGET_KB else 'OVER'}"
        print(f"{name:24} {_gz_kb(total):>7.1f}KB  {_gz_kb(own - entry):>10.1f}KB{extra}{verdict}")


# --- rendering 100 proposals ----------------------------------------------------------------

TOWNSHIPS = [
    (f"3505821{i:02d}000", name)
    for i, name in enumerate(
        [
            "安海镇",
            "磁灶镇",
            "陈埭镇",
            "池店镇",
            "东石镇",
            "金井镇",
            "龙湖镇",
            "内坑镇",
            "深沪镇",
            "永和镇",
        ]
    )
]
CATEGORIES = [
    ("tutoring", "课业辅导", "Tutoring", "services"),
    ("companionship", "陪伴关爱", "Companionship", "services"),
    ("school_supplies", "学习用品", "School supplies", "goods"),
]


def _proposal(i: int) -> dict[str, Any]:
    township = TOWNSHIPS[i % len(TOWNSHIPS)][0]
    category = CATEGORIES[i % len(CATEGORIES)][0]
    kind = ["volunteer", "agency", "resource"][i % 3]
    km = round(0.4 + (i * 0.37) % 18, 3)
    return {
        "id": 1000 + i,
        "run_id": 7,
        "version": 1,
        "need": {
            "id": 5000 + (i if i % 10 else i - 1),  # every tenth need comes in two parts
            "category_code": category,
            "status": "proposed",
            "child": {
                "id": 9000 + i,
                "code": f"C{i:07d}",
                "name": f"儿童{i:03d}",
                "risk_level": ["high", "medium", "low"][i % 3],
                "township_code": township,
                "region_code": township,
                "age_band": "10-13",
                "matchable": True,
            },
        },
        "provider_type": kind,
        "provider_id": 300 + i,
        "provider": {
            "name": f"服务方{i:03d}",
            "organization": "晋江爱心企业" if kind == "resource" else None,
            "region_code": township,
            "lat": 24.7,
            "lon": 118.5,
        },
        "amount": 1,
        "distance_km": km,
        "priority": 100000 - i,
        "kept": i % 4 == 0,
        "status": "pending",
        "explanation": {
            "code": "best_match" if i % 4 else "preferred_kept",
            "message": "",
            "details": {
                "distance_km": km,
                "skills_matched": ["math"] if category == "tutoring" else [],
                "attributes_matched": [],
                "remote": kind == "resource",
                "other_feasible_providers": i % 5,
            },
            "others": i % 5,
        },
        "created_at": "2026-11-23T18:00:00+00:00",
    }


def _api(path: str, query: str) -> tuple[Any, dict[str, str]]:
    user = {
        "id": 2,
        "display_name": "晋江市儿童督导员",
        "role": "coordinator",
        "area_codes": ["350582000000"],
    }
    run = {
        "id": 7,
        "region_code": "350582000000",
        "status": "succeeded",
        "trigger": "schedule",
        "created_at": "2026-11-23T18:00:00+00:00",
        "finished_at": "2026-11-23T18:00:09+00:00",
        "figures": {"proposals": 100},
        "summary": "",
    }
    if path == "/api/v1/auth/refresh":
        return {"access_token": "bench", "expires_in": 900, "user": user}, {}
    if path == "/api/v1/users/me":
        return user, {}
    if path == "/api/v1/need-categories/":
        return [
            {"code": c, "name_zh": zh, "name_en": en, "kind": k, "active": True}
            for c, zh, en, k in CATEGORIES
        ], {}
    if path == "/api/v1/regions/350582000000":
        return {"code": "350582000000", "name": "晋江市", "level": "county"}, {}
    if path == "/api/v1/regions/":
        rows = [{"code": c, "name": n, "level": "township"} for c, n in TOWNSHIPS]
        return rows, {"X-Pagination": json.dumps({"total": len(rows)})}
    if path == "/api/v1/match-runs/":
        return [run], {"X-Pagination": json.dumps({"total": 1})}
    if path == "/api/v1/proposals/":
        rows = [_proposal(i) for i in range(100)]
        return rows, {"X-Pagination": json.dumps({"total": 480})}
    return {"title": "not canned", "status": 404}, {}


def _serve(route: Any) -> None:
    url = urlparse(route.request.url)
    if url.path.startswith("/api/"):
        body, headers = _api(url.path, url.query)
        status = 404 if isinstance(body, dict) and body.get("status") == 404 else 200
        route.fulfill(
            status=status,
            headers={**headers, "Content-Type": "application/json"},
            body=json.dumps(body),
        )
        return
    relative = url.path.removeprefix("/console/")
    file = DIST / relative
    if not relative or not file.is_file():
        file = DIST / "index.html"
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    route.fulfill(status=200, headers={"Content-Type": kind}, body=file.read_bytes())


ROWS = "document.querySelectorAll('[data-testid=proposals-table] tbody tr').length === 100"
TIMES = """() => {
  const entry = performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/api/v1/proposals/')).pop();
  return { now: performance.now(), response: entry ? entry.responseEnd : null };
}"""


def render_time(repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    navigation: list[float] = []
    after_data: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        for _ in range(repeat + 1):  # the first one warms the disk cache, not counted
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            context.add_cookies([{"name": "csrf_refresh_token", "value": "bench", "url": ORIGIN}])
            context.route("**/*", _serve)
            page = context.new_page()
            page.goto(f"{ORIGIN}/console/proposals")
            page.wait_for_function(ROWS, polling="raf", timeout=60_000)
            times = page.evaluate(TIMES)
            navigation.append(times["now"])
            if times["response"] is not None:
                after_data.append(times["now"] - times["response"])
            context.close()
        browser.close()
    navigation, after_data = navigation[1:], after_data[1:]
    print(
        f"proposals page, 100 rows, Chromium 1366x768 ({repeat} runs): "
        f"navigation to 100 rows median {statistics.median(navigation):.0f} ms "
        f"(min {min(navigation):.0f}); proposals response to 100 rows drawn "
        f"median {statistics.median(after_data):.0f} ms (min {min(after_data):.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="sizes only")
    args = parser.parse_args()
    if not (DIST / ".vite" / "manifest.json").is_file():
        raise SystemExit("web/dist/console is not built: run scripts/bootstrap")
    started = time.monotonic()
    sizes()
    if not args.no_browser:
        render_time(args.repeat)
    print(f"({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
