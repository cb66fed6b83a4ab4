"""Ledger import benchmark: a 5,000-row XLSX ledger with 20 planted errors.

    .venv/bin/python benchmarks/bench_import.py                      # SQLite, a temp file
    .venv/bin/python benchmarks/bench_import.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres

On PostgreSQL a scratch database is created beside the given one and dropped afterwards.
Steps: build the ledger (one row per need, 1-3 needs per child), dry-run it (must report
exactly the planted rows and write nothing), fix it, import it; export the county as XLSX
in the template's layout and in the national exchange layout; read the export back as a
dry run (every row must be unchanged). Prints the wall and CPU time of each step (CPU time
of this process: on PostgreSQL the server's work is beside it); the time the
script takes to build its workbook (plain Python, no database) is printed too, as a
yardstick of how loaded the machine is.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import create_app  # noqa: E402
from app.demo_data import _name, id_number  # noqa: E402
from app.services.ledger import COLUMNS  # noqa: E402

KEYS = [c.key for c in COLUMNS]
NEEDS = (
    ("学业辅导与结对帮扶", "hours"),
    ("亲情陪伴", "hours"),
    ("心理疏导", "hours"),
    ("物资帮扶", "goods"),
    ("资金资助", "funds"),
    ("家庭教育指导", "hours"),
)
GOODS_ITEM, FUNDS_PURPOSE = "书包文具", "助学（学费）"  # goods name their item, funds a purpose
NEED_P = (0.35, 0.3, 0.1, 0.12, 0.05, 0.08)
# (column, bad value, is it a child column)
PLANTS = (
    ("id_number", "check", True),
    ("region_code", "350581100201", True),  # no such village (and not the caller's area)
    ("birth_date", "2015-02-30", True),
    ("gender", "未知", True),
    ("risk_level", "极高", True),
    ("categories", "贫困生", True),
    ("disability_grade", "五级", True),
    ("need_category", "舞蹈", False),
    ("hours_per_week", "", False),  # a service need without hours
    ("in_person", "也许", False),
)


def build_rows(n_rows: int, villages: list[str], seed: int) -> list[list[dict[str, Any]]]:
    """Children, each a list of its rows (one per need), n_rows rows in all."""
    rng = np.random.default_rng(seed)
    today = date.today()
    children: list[list[dict[str, Any]]] = []
    seen: set[str] = set()
    total = 0
    i = 0
    while total < n_rows:
        k = min(int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15])), n_rows - total)
        gender = "male" if rng.random() < 0.53 else "female"
        birth = today - timedelta(days=int(rng.integers(200, 17 * 365)))
        sequence = (i * 2 + (1 if gender == "male" else 0)) % 1000  # odd for boys (GB 11643)
        ident = id_number("350582", birth, sequence)
        while ident in seen:  # two children born the same day: the next number of that day
            sequence = (sequence + 2) % 1000
            ident = id_number("350582", birth, sequence)
        seen.add(ident)
        name = _name(rng, gender)
        child = {
            "child_key": f"B{i:05d}",
            "name": name,
            "id_number": ident,
            "gender": "男" if gender == "male" else "女",
            "region_code": villages[int(rng.integers(len(villages)))],
            "categories": "留守儿童" if rng.random() < 0.6 else "家庭困境、残疾",
            "risk_level": str(rng.choice(["高", "中", "低"], p=[0.1, 0.3, 0.6])),
            "guardian_name": _name(rng, "female"),
            "guardian_relation": "祖母",
            "guardian_phone": f"139{int(rng.integers(0, 10**8)):08d}",
            "address": f"第{i % 50 + 1}组{i % 97 + 1}号",
        }
        if "残疾" in child["categories"]:
            child["disability_type"] = "肢体"
            child["disability_grade"] = "三级"
        if rng.random() < 0.85:  # signed after the birth, as a real form is
            signed = max(birth + timedelta(days=30), date(2024, 9, 1))
            child |= {"consent_date": signed.isoformat(), "consent_evidence": f"JJ-{i:05d}"}
        rows = []
        cats = rng.choice(len(NEEDS), k, replace=False, p=NEED_P)
        for j, c in enumerate(cats):
            label, load = NEEDS[int(c)]
            need: dict[str, Any] = {"need_category": label, "urgency": "一般"}
            if load == "hours":
                need["hours_per_week"] = 2
                need["in_person"] = "是" if rng.random() < 0.9 else "否"
            elif load == "goods":
                need |= {"item": GOODS_ITEM, "quantity": 1, "unit": "套"}
            else:
                need |= {"item": FUNDS_PURPOSE, "amount": 1000}
            base = child if j == 0 else {k2: child[k2] for k2 in ("child_key", "name")}
            rows.append({**base, **need})
        children.append(rows)
        total += k
        i += 1
    return children


def plant(children: list[list[dict[str, Any]]], count: int, seed: int) -> set[tuple[int, str]]:
    """Break `count` rows of distinct children; returns {(spreadsheet row, column key)}."""
    rng = np.random.default_rng(seed + 1)
    row_of: list[int] = []
    number = 2
    for rows in children:
        row_of.append(number)
        number += len(rows)
    chosen = rng.choice(len(children), count, replace=False)
    planted = set()
    for n, c in enumerate(sorted(int(x) for x in chosen)):
        key, bad, child_column = PLANTS[n % len(PLANTS)]
        rows = children[c]
        if key == "disability_grade":
            rows[0]["disability_type"] = "肢体"
        if child_column:
            target, at = rows[0], row_of[c]
        else:
            pick = int(rng.integers(len(rows)))
            target, at = rows[pick], row_of[c] + pick
            if key in ("hours_per_week", "in_person"):
                target |= {"need_category": "亲情陪伴", "hours_per_week": 2}
                for key_ in ("item", "quantity", "unit", "amount"):
                    target.pop(key_, None)
        if key == "id_number":
            good = target["id_number"]
            target["id_number"] = good[:17] + ("0" if good[17] != "0" else "1")
        elif bad == "":
            target.pop(key, None)
        else:
            target[key] = bad
        planted.add((at, key))
    return planted


def to_xlsx(children: list[list[dict[str, Any]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append([c.label for c in COLUMNS])
    for rows in children:
        for row in rows:
            sheet.append([row.get(k) for k in KEYS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def scratch_database(url: str | None) -> tuple[str, Any]:
    if not url:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: None
    base = make_url(url)
    name = f"tongxing_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--errors", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite temp file)")
    args = parser.parse_args()

    url, drop = scratch_database(args.database_url)
    try:
        run(url, args)
    finally:
        drop()


def run(url: str, args: argparse.Namespace) -> None:
    from app.demo import create_account, seed_regions
    from app.extensions import db
    from app.migrate import upgrade
    from app.models import Child, Need, Region, RegionLevel
    from app.services import ledger, users

    t0 = time.perf_counter()
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context(), db.session() as session:
        seed_regions(session, villages_per_township=21)
        user = create_account(
            session,
            role="coordinator",
            display_name="晋江",
            password="x" * 12,
            phone="13700000001",
            areas=("350582",),
        )
        user_id = user.id
        villages = sorted(
            session.scalars(
                select(Region.code).where(
                    Region.level == RegionLevel.village, Region.code.startswith("350582")
                )
            )
        )
    setup = time.perf_counter() - t0

    t0 = time.perf_counter()
    children = build_rows(args.rows, villages, args.seed)
    good = to_xlsx(children)
    planted = plant(children, args.errors, args.seed)
    bad = to_xlsx(children)
    build = time.perf_counter() - t0
    n_rows = sum(len(r) for r in children)
    print(
        f"database   {make_url(url).get_backend_name()}  (setup {setup:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(
        f"ledger     {n_rows} rows, {len(children)} children, {len(bad) / 1024:.0f} KiB XLSX, "
        f"{len(planted)} planted errors (built in {build:.1f} s)"
    )

    with app.app_context(), db.session() as session:
        actor = users.load_actor(user_id, session=session)
        t0, c0 = time.perf_counter(), time.process_time()
        report = ledger.import_file(
            bad, filename="bench.xlsx", actor=actor, session=session, dry_run=True
        )
        dry, dry_cpu = time.perf_counter() - t0, time.process_time() - c0
        found = {(e.row, e.key) for e in report.errors}
        written = session.scalar(select(func.count()).select_from(Child))
    ok = found == planted and written == 0 and not report.imported
    print(
        f"dry run    {dry:6.1f} s  (CPU {dry_cpu:.1f} s)  rows read {report.rows_read}, "
        f"valid {report.rows_valid}, "
        f"errors {len(report.errors)} on {len({r for r, _ in found})} rows; "
        f"exactly the planted ones: {found == planted}; children written: {written}"
    )
    if not ok:
        for e in report.errors:
            mark = "" if (e.row, e.key) in planted else "   <-- not planted"
            print(f"  row {e.row} {e.key}: {e.text}{mark}")
        for r, k in sorted(planted - found):
            print(f"  missed: row {r} {k}")

    with app.app_context(), db.session() as session:
        actor = users.load_actor(user_id, session=session)
        t0, c0 = time.perf_counter(), time.process_time()
        report = ledger.import_file(good, filename="bench.xlsx", actor=actor, session=session)
        ledger.audit_import(report, actor=actor, session=session, filename="bench.xlsx")
        t_import, import_cpu = time.perf_counter() - t0, time.process_time() - c0
    t_total = time.perf_counter() - t0
    with app.app_context(), db.session() as session:
        n_children = session.scalar(select(func.count()).select_from(Child))
        n_needs = session.scalar(select(func.count()).select_from(Need))
    print(
        f"import     {t_import:6.1f} s  (CPU {import_cpu:.1f} s; with commit {t_total:.1f} s)  "
        f"imported {report.imported}, "
        f"created {report.created}; in the database: {n_children} children, {n_needs} needs"
    )
    print(f"total      {dry + t_total:6.1f} s  dry run + import (target 5 s each)")
    if not ok or not report.imported or n_needs != n_rows:
        raise SystemExit("FAILED")

    exports = []
    for layout in ("template", "national"):
        with app.app_context(), db.session() as session:
            actor = users.load_actor(user_id, session=session)
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                content, _file, count = ledger.export_region(
                    "350582", actor=actor, session=session, layout=layout
                )
            except TypeError:  # before the exchange layout existed
                if layout != "template":
                    break
                content, _file, count = ledger.export_region("350582", actor=actor, session=session)
            t_export, export_cpu = time.perf_counter() - t0, time.process_time() - c0
            session.commit()
        exports.append(t_export)
        print(
            f"export     {t_export:6.1f} s  (CPU {export_cpu:.1f} s)  county XLSX, {layout} "
            "layout: "
            f"{count} children, "
            f"{len(content) / 1024:.0f} KiB (target 3 s)"
        )

    # The export read back: every row is what the files say (an update that changes nothing).
    with app.app_context(), db.session() as session:
        actor = users.load_actor(user_id, session=session)
        t0, c0 = time.perf_counter(), time.process_time()
        report = ledger.import_file(
            content, filename="export.xlsx", actor=actor, session=session, dry_run=True
        )
        t_again, again_cpu = time.perf_counter() - t0, time.process_time() - c0
    results = getattr(report, "results", None)
    if results is None:
        print(f"re-import  {t_again:6.1f} s  dry run of the export: {len(report.errors)} errors")
    else:
        unchanged = sum(1 for r in results if r.status == "unchanged")
        print(
            f"re-import  {t_again:6.1f} s  (CPU {again_cpu:.1f} s)  dry run of the export: "
            f"{unchanged} of "
            f"{len(results)} rows unchanged, {len(report.errors)} errors"
        )
        if report.errors or unchanged != len(results):
            raise SystemExit("FAILED")


if __name__ == "__main__":
    main()
