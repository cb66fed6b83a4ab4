"""Statistics of an area over a period, for coordinators, superiors and the public.

Every figure is one SQL aggregate (GROUP BY, percentiles, calendar buckets as bit sets),
the same figures on SQLite and PostgreSQL: no Python loop touches the rows. Where
PostgreSQL has a faster form (ROLLUP, ordered-set percentiles, `width_bucket`) it gets it,
SQLite the portable one; the tests run on both. On PostgreSQL a report's sections share two
connections (`compute`). The caller's scope is a set of region paths (`Area`); a period is a
half-open range of local calendar days (`Period`), turned into UTC instants once.

Each section answers `Table`s: rows of dimension values and measures, codes only (the edge
adds labels in the reader's language, the reports Chinese ones). Published figures
(`suppress`) blank every cell counting fewer than 5 children, and where one cell of a
column alone is blanked, the next smallest too, so no blank can be recovered from a total.

What counts:
- children: files opened before the period's end; risk level and categories as they are now
  (the file keeps their history, the statistics do not replay it); age on the last day.
- needs: opened before the period's end, with their status at the period's end (their last
  transition before it); time to matched is from opening to the first `matched`
  transition, for needs matched within the period (nearest-rank median and p90).
- served: a child with a pairing in service at some time in the period (approved before
  its end, not declined, not ended before its start).
- visits: the rhythm of 004 item 4 (`field.VISIT_EVERY`, `CONTACT_EVERY`): each calendar
  month (or quarter) that ended within the period and began after the file was opened is
  due once; it is done when an in-person visit (a contact, for contacts) falls in it.
- urgent reports: filed within the period; first handling is the first event that moved
  the report to handling or closed.
- providers: registered in the area before the period's end; active when they served a
  child of the area in the period (a pairing in service, or a visit recorded).
- hours: visits to the area's children within the period, by the author's role.
- goods and funds: parts accepted by the donor within the period (units of the need: goods
  in the need's unit, funds in yuan).
"""

from __future__ import annotations

import calendar
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Float,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    text,
    true,
    union,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.db import UTCDateTime, side_session, utcnow
from app.errors import NotFound, ValidationFailed
from app.models import (
    IN_PERSON_VISITS,
    Agency,
    CheckState,
    Child,
    ChildCategory,
    HoursStatus,
    Need,
    NeedCategory,
    NeedKind,
    NeedStatus,
    NeedTransition,
    Organization,
    Pairing,
    PairingStatus,
    ProviderType,
    Region,
    ReportEvent,
    ReportStatus,
    Resource,
    RiskLevel,
    Role,
    UrgentReport,
    User,
    Visit,
    VisitKind,
    Volunteer,
)
from app.services import children, regions
from app.services.field import CONTACT_EVERY, VISIT_EVERY
from app.services.users import Actor

DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
SMALL_CELL = 5  # published figures: cells counting fewer children are blanked
RISKS = (RiskLevel.high, RiskLevel.medium, RiskLevel.low)


# --- the period ---------------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$")


@dataclass(frozen=True)
class Period:
    """Local calendar days [start, end): a year, a quarter, a month or any range."""

    start: date
    end: date
    kind: str  # year | quarter | month | range

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2026`, `2026-Q3` or `2026-07`."""
        match = _PERIOD.match(text.strip())
        if not match:
            raise ValidationFailed({"period": ["Give a year, a quarter or a month."]})
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise ValidationFailed({"period": ["Give a year, a quarter or a month."]})
        if match.group(2):
            quarter = int(match.group(2))
            start = date(year, 3 * quarter - 2, 1)
            return cls(start, _add_months(start, 3), "quarter")
        if match.group(3):
            month = int(match.group(3))
            if not 1 <= month <= 12:
                raise ValidationFailed({"period": ["Give a year, a quarter or a month."]})
            start = date(year, month, 1)
            return cls(start, _add_months(start, 1), "month")
        return cls(date(year, 1, 1), date(year + 1, 1, 1), "year")

    @classmethod
    def between(cls, first: date, last: date) -> Period:
        """From `first` to `last`, both included."""
        if last < first:
            raise ValidationFailed({"end": ["The period ends before it starts."]})
        if (last - first).days > 3 * 366:
            raise ValidationFailed({"end": ["A period spans at most three years."]})
        return cls(first, last + timedelta(days=1), "range")

    @classmethod
    def current_quarter(cls, today: date) -> Period:
        return cls.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def code(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}..{self.last_day.isoformat()}"

    @property
    def title_zh(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}年"
        if self.kind == "quarter":
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        first, last = self.start, self.last_day
        return (
            f"{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日"
        )

    def instant(self, day: date, tz: ZoneInfo) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)

    def months(self, step: int) -> list[tuple[date, date]]:
        """Calendar buckets of `step` months (1: months, 3: quarters) inside the period."""
        first_month = ((self.start.month - 1) // step) * step + 1
        cursor = date(self.start.year, first_month, 1)
        out = []
        while cursor < self.end:
            following = _add_months(cursor, step)
            if cursor >= self.start and following <= self.end:
                out.append((cursor, following))
            cursor = following
        return out


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --- the area -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """Whose figures: the regions under `paths`, or everything (admins without a region)."""

    paths: tuple[str, ...]
    everything: bool = False
    region_code: str | None = None
    name: str = ""

    def where(self, column: Any) -> ColumnElement[bool]:
        if self.everything:
            return true()
        return regions.within(column, self.paths)


def area_for(actor: Actor, region_code: str | None, *, session: Session) -> Area:
    """The area a caller asks about: a region of theirs, or all their areas (admins: all).
    A region outside the caller's areas is refused like any other filter (422)."""
    if region_code:
        try:
            region = regions.get(region_code, session=session)
        except NotFound:
            raise ValidationFailed({"region": ["No such region."]}) from None
        if not actor.is_admin and not any(region.path.startswith(p) for p in actor.area_paths):
            raise ValidationFailed({"region": ["This region is outside your area."]})
        return Area((region.path,), region_code=region.code, name=_full_name(region, session))
    if actor.is_admin:
        return Area((), everything=True, name="全部地区")
    codes = [p.strip("/").split("/")[-1] for p in actor.area_paths]
    names = "、".join(
        session.scalars(select(Region.name).where(Region.code.in_(codes)).order_by(Region.code))
    )
    return Area(tuple(actor.area_paths), region_code=None, name=names)


def area_of_region(region: Region, *, session: Session) -> Area:
    return Area((region.path,), region_code=region.code, name=_full_name(region, session))


def _full_name(region: Region, session: Session) -> str:
    """The region's name with its county (安海镇 → 晋江市安海镇) where it is below one."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    rows = _mapping(session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))))
    chain = [rows[c] for c in codes if c in rows]
    return "".join(chain[-3:]) if len(chain) > 1 else region.name


# --- tables -------------------------------------------------------------------------------


@dataclass
class Table:
    """One breakdown: `dims` name the row keys, `measures` the figures. `counts` are the
    measures that count children (or their needs, visits, reports): those are the cells
    published figures blank when small; `basis` is the measure saying how many children
    stand behind a row (its other figures are blanked with it)."""

    name: str
    dims: tuple[str, ...]
    measures: tuple[str, ...]
    rows: list[dict[str, Any]]
    counts: tuple[str, ...] = ()
    basis: str | None = None
    total: dict[str, Any] | None = None
    suppressed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dims": list(self.dims),
            "measures": list(self.measures),
            "rows": self.rows,
            "total": self.total,
            "suppressed": self.suppressed,
        }


def suppress(table: Table, threshold: int = SMALL_CELL) -> Table:
    """Blank small cells (primary), then the smallest other cell of any column where one
    cell alone was blanked while a total is shown (secondary); a row whose children were
    blanked loses its derived figures too."""
    rows = [dict(r) for r in table.rows]
    blanked: list[set[str]] = [set() for _ in rows]

    def small(value: Any) -> bool:
        return isinstance(value, int | float) and 0 < value < threshold

    for row, gone in zip(rows, blanked, strict=True):
        for key in table.counts:
            if small(row.get(key)):
                gone.add(key)
    for key in table.counts:
        hit = [i for i, gone in enumerate(blanked) if key in gone]
        if len(hit) == 1 and len(rows) > 1 and table.total is not None:
            others = [
                (rows[i][key], i)
                for i in range(len(rows))
                if i != hit[0] and isinstance(rows[i].get(key), int | float) and rows[i][key] > 0
            ]
            if others:
                blanked[min(others)[1]].add(key)
    for row, gone in zip(rows, blanked, strict=True):
        basis_small = table.basis is not None and (
            table.basis in gone or small(row.get(table.basis))
        )
        if gone or basis_small:
            derived = [m for m in table.measures if m not in table.counts]
            gone.update(derived if basis_small or gone else ())
            if basis_small and table.basis:
                gone.add(table.basis)
        for key in gone:
            row[key] = None
        if gone:
            row["suppressed"] = sorted(gone)
    total = dict(table.total) if table.total else None
    if total is not None and any(small(total.get(key)) for key in table.counts):
        hidden = sorted(k for k in total if k in table.measures and total[k] is not None)
        total = {k: (None if k in hidden else v) for k, v in total.items()}
        total["suppressed"] = hidden
    count = sum(len(g) for g in blanked)
    return replace(table, rows=rows, total=total, suppressed=count)


# --- SQL helpers --------------------------------------------------------------------------


class seconds_between(FunctionElement[float]):  # noqa: N801 - an SQL function
    """`later - earlier` in seconds, on either database."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between)
def _seconds_pg(element: Any, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    # EXTRACT answers numeric (PostgreSQL 14 on), slow to sort and rank: seconds as a double
    span = f"{compiler.process(later, **kw)} - {compiler.process(earlier, **kw)}"
    return f"CAST(EXTRACT(EPOCH FROM ({span})) AS DOUBLE PRECISION)"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (
        f"((julianday({compiler.process(later, **kw)}) - "
        f"julianday({compiler.process(earlier, **kw)})) * 86400.0)"
    )


def _at(value: datetime) -> Any:
    return literal(value, UTCDateTime)


@dataclass(frozen=True)
class Ranks:
    """Nearest-rank median and 90th percentile of a value, how many rows, and how many
    distinct members (children) among them."""

    n: int = 0
    median: float | None = None
    p90: float | None = None
    members: int = 0

    def scaled(self, scale: float) -> Ranks:
        def one(v: float | None) -> float | None:
            return None if v is None else round(v / scale, 1)

        return replace(self, median=one(self.median), p90=one(self.p90))


# percentile_disc(f) takes row ceil(f * n) computed in floating point, where 0.9 * 70 is
# 63.00000000000001: just under 0.9 gives ceil(9n / 10) exactly for n below 10^8 (9n / 10
# is either a whole number or at least 0.1 above one).
_P90 = 0.9 - 1e-9


def ranks(
    session: Session,
    source: Select[Any],
    value: str,
    group: str | None,
    member: str | None = None,
) -> tuple[dict[Any, Ranks], Ranks]:
    """Per `group` and overall, over a subquery's rows: the nearest-rank median and 90th
    percentile of `value` (the row at rank ceil(n / 2), ceil(9n / 10)), the rows, and the
    distinct `member`s. One statement: on PostgreSQL ordered-set aggregates over
    ROLLUP(group); on SQLite, which has neither, window functions."""
    sub = source.subquery()
    v = sub.c[value]
    g = sub.c[group] if group else None
    m = sub.c[member] if member else None
    per: dict[Any, Ranks] = {}
    overall = Ranks()
    if session.get_bind().dialect.name == "postgresql":
        figures = [
            func.count(),
            func.percentile_disc(0.5).within_group(v),
            func.percentile_disc(_P90).within_group(v),
            func.count(func.distinct(m)) if m is not None else literal(0),
        ]
        if g is None:
            n, median, p90, members = session.execute(select(*figures)).one()
            return per, _ranks(n, median, p90, members)
        rows, total = grouped_and_total(session, g, figures)
        per = {key: _ranks(*values) for key, *values in rows}
        return per, _ranks(*total) if total else overall

    parts: list[Any] = [g] if g is not None else []

    def first_of(*by: Any) -> Any:
        """1 on one row of each `by` group: summed, how many groups."""
        return case((func.row_number().over(partition_by=list(by), order_by=v) == 1, 1), else_=0)

    ranked = select(
        *(p.label("g") for p in parts),
        v.label("v"),
        func.row_number().over(partition_by=parts or None, order_by=v).label("rn"),
        func.count().over(partition_by=parts or None).label("n"),
        func.row_number().over(order_by=v).label("rn_all"),
        func.count().over().label("n_all"),
        (first_of(*parts, m) if m is not None else literal(0)).label("member"),
        (first_of(m) if m is not None else literal(0)).label("member_all"),
    ).subquery()
    r = ranked.c
    stmt = select(
        *([r.g] if parts else []),
        func.max(r.n),
        func.max(case((r.rn == (r.n + 1) // 2, r.v))),  # ceil(n / 2)
        func.max(case((r.rn == (r.n * 9 + 9) // 10, r.v))),  # ceil(9n / 10)
        func.sum(r.member),
        func.max(r.n_all),
        func.max(case((r.rn_all == (r.n_all + 1) // 2, r.v))),
        func.max(case((r.rn_all == (r.n_all * 9 + 9) // 10, r.v))),
        func.sum(r.member_all),
    )
    if parts:
        stmt = stmt.group_by(r.g)
    found = False
    for row in session.execute(stmt):
        key, rest = (row[0], row[1:]) if parts else (None, row)
        n, median, p90, members, n_all, median_all, p90_all, members_all = rest
        if n is None:  # no rows at all (an aggregate without GROUP BY still answers one)
            continue
        if parts:
            per[key] = _ranks(n, median, p90, members)
        if not found:  # the overall figures fall on one group's row: kept from any
            overall, found = _ranks(n_all, None, None, 0), True
        overall = replace(
            overall,
            median=overall.median if median_all is None else float(median_all),
            p90=overall.p90 if p90_all is None else float(p90_all),
            members=overall.members + int(members_all or 0),
        )
    return per, overall


def _ranks(n: Any, median: Any, p90: Any, members: Any) -> Ranks:
    return Ranks(
        int(n or 0),
        None if median is None else float(median),
        None if p90 is None else float(p90),
        int(members or 0),
    )


def grouped_and_total(
    session: Session, group: Any, figures: Sequence[Any]
) -> tuple[list[tuple[Any, ...]], tuple[Any, ...] | None]:
    """Aggregates per `group` and over all rows, for figures that do not add up across
    groups (distinct counts): ([(group, *figures)], (*figures) or None without rows). On
    PostgreSQL one pass, GROUP BY ROLLUP; SQLite has no ROLLUP: the two aggregates."""
    if session.get_bind().dialect.name == "postgresql":
        per: list[tuple[Any, ...]] = []
        total: tuple[Any, ...] | None = None
        stmt = select(group, func.grouping(group), *figures).group_by(func.rollup(group))
        for key, is_total, *values in session.execute(stmt):
            if is_total:
                total = tuple(values)
            else:
                per.append((key, *values))
        return per, total if per else None
    per = [tuple(row) for row in session.execute(select(group, *figures).group_by(group))]
    return per, tuple(session.execute(select(*figures)).one()) if per else None


def _mapping(result: Any) -> dict[Any, Any]:
    """{first column: second column} of a two-column result."""
    return {row[0]: row[1] for row in result}


def _value(v: Any) -> Any:
    return v.value if hasattr(v, "value") else v


# --- the sections -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What is asked: an area, a period, now (for buckets not yet over) and the timezone."""

    area: Area
    period: Period
    now: datetime = field(default_factory=utcnow)
    tz: ZoneInfo = DEFAULT_TZ
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def start_at(self) -> datetime:
        return self.period.instant(self.period.start, self.tz)

    @property
    def end_at(self) -> datetime:
        return self.period.instant(self.period.end, self.tz)


_MEMO_LOCK = threading.Lock()


def _once(q: Query, key: str, make: Callable[[], Any]) -> Any:
    """What two sections both need, computed once per query: the sections may run on two
    threads (see `compute`), and the second to ask waits for the first."""
    with _MEMO_LOCK:
        lock = q.memo.setdefault(f"lock:{key}", threading.Lock())
    with lock:
        if key not in q.memo:
            q.memo[key] = make()
        return q.memo[key]


def _children_in(q: Query) -> list[ColumnElement[bool]]:
    return [q.area.where(Child.region_path), Child.created_at < _at(q.end_at)]


def children_section(q: Query, *, session: Session) -> list[Table]:
    """Children by risk level, category, township and age band: one pass over the area's
    files by risk level (categories and age bands as conditional sums), one by township."""
    where = _children_in(q)
    new = case((Child.created_at >= _at(q.start_at), 1), else_=0)
    as_text = Child.categories.cast(_text())
    # Age on the period's last day, from the birth date: band edges are dates.
    last = q.period.last_day
    bands = [*(f"{lo}-{hi}" for lo, hi in children.AGE_BANDS), "18+"]
    # aged at most `hi` on `last` ⇔ born after the day `hi + 1` years before it
    whens = [
        (Child.birth_date > _years_before(last, hi + 1), literal(label))
        for (_lo, hi), label in zip(children.AGE_BANDS, bands, strict=False)
    ]
    band = case(*whens, else_=literal("18+"))
    per_risk = session.execute(
        select(
            Child.risk_level,
            func.count(),
            func.sum(new),
            *(
                func.sum(case((as_text.contains(f'"{c.value}"'), 1), else_=0))
                for c in ChildCategory
            ),
            *(func.sum(case((band == b, 1), else_=0)) for b in bands),
        )
        .where(*where)
        .group_by(Child.risk_level)
    ).all()
    by_risk = {row[0]: row[1:] for row in per_risk}

    def summed(offset: int) -> int:
        return sum(int(v[offset] or 0) for v in by_risk.values())

    n_cat = len(ChildCategory)
    total, new_total = summed(0), summed(1)
    risk = Table(
        "children_by_risk",
        ("risk_level",),
        ("children", "new_in_period"),
        [
            {
                "risk_level": r.value,
                "children": int(by_risk[r][0]) if r in by_risk else 0,
                "new_in_period": int(by_risk[r][1] or 0) if r in by_risk else 0,
            }
            for r in RISKS
        ],
        counts=("children", "new_in_period"),
        basis="children",
        total={"children": total, "new_in_period": new_total},
    )
    category = Table(
        "children_by_category",
        ("category",),
        ("children",),
        [{"category": c.value, "children": summed(2 + i)} for i, c in enumerate(ChildCategory)],
        counts=("children",),
        basis="children",
        total={"children": total},  # a child may be in several categories
    )

    township = Table(
        "children_by_township",
        ("township_code", "township"),
        ("children", "high", "medium", "low"),
        [],
        counts=("children", "high", "medium", "low"),
        basis="children",
    )
    counted = (
        select(
            Child.township_code.label("code"),
            func.count().label("n"),
            *(func.sum(case((Child.risk_level == r, 1), else_=0)).label(r.value) for r in RISKS),
        )
        .where(*where)
        .group_by(Child.township_code)
        .subquery()
    )
    rows = session.execute(
        select(counted, Region.name)
        .join(Region, Region.code == counted.c.code)
        .order_by(counted.c.code)
    ).all()
    township.rows = [
        {
            "township_code": code,
            "township": name,
            "children": int(n),
            "high": int(h),
            "medium": int(m),
            "low": int(lo),
        }
        for code, n, h, m, lo, name in rows
    ]
    township.total = {
        "children": total,
        **{r.value: int(by_risk[r][0]) if r in by_risk else 0 for r in RISKS},
    }
    age = Table(
        "children_by_age",
        ("age_band",),
        ("children",),
        [{"age_band": b, "children": summed(2 + n_cat + i)} for i, b in enumerate(bands)],
        counts=("children",),
        basis="children",
        total={"children": total},
    )
    return [risk, category, township, age]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _text() -> Any:
    from sqlalchemy import Text

    return Text()


def needs_section(q: Query, *, session: Session) -> list[Table]:
    """Needs by category and status at the period's end; time from opening to matched.
    One pass over the area's needs for the first table, one over their first `matched`
    transitions for the second (percentiles per category and overall, and distinct
    children, from window functions over the same rows)."""
    end, start = _at(q.end_at), _at(q.start_at)
    in_area = [q.area.where(Child.region_path), Need.opened_at < end]
    # A need's status at the end is its status now, unless it moved since: then the last
    # transition before the end (looked up for those needs only).
    moved_since = (
        select(NeedTransition.id)
        .where(NeedTransition.need_id == Need.id, NeedTransition.at >= end)
        .exists()
    )
    status_then = (
        select(NeedTransition.to_status)
        .where(NeedTransition.need_id == Need.id, NeedTransition.at < end)
        .order_by(NeedTransition.at.desc(), NeedTransition.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    status = case((moved_since, func.coalesce(status_then, Need.status)), else_=Need.status)
    statuses = [s.value for s in NeedStatus]
    needs = (
        select(
            Need.category_code.label("category"),
            Need.child_id.label("child_id"),
            status.label("status"),
            case((Need.opened_at >= start, 1), else_=0).label("new"),
        )
        .join(Child, Child.id == Need.child_id)
        .where(*in_area)
        .subquery()
    )
    per_category, all_needs = grouped_and_total(
        session,
        needs.c.category,
        [
            func.count(),
            func.count(func.distinct(needs.c.child_id)),
            func.sum(needs.c.new),
            *(func.sum(case((needs.c.status == s, 1), else_=0)) for s in statuses),
        ],
    )
    ordered = [
        {
            "category": code,
            "needs": int(n),
            "children": int(kids),
            "opened_in_period": int(new or 0),
        }
        | {s: int(v or 0) for s, v in zip(statuses, by_status, strict=True)}
        for code, n, kids, new, *by_status in sorted(per_category, key=lambda r: r[0])
    ]
    measures = ("needs", "children", "opened_in_period", *statuses)
    total = {m: sum(r[m] for r in ordered) for m in measures if m != "children"}
    total["children"] = int(all_needs[1] or 0) if all_needs else 0
    status_table = Table(
        "needs_by_category",
        ("category",),
        measures,
        ordered,
        counts=("needs", "children", "opened_in_period", *statuses),
        basis="children",
        total=total,
    )

    first = func.min(NeedTransition.at)
    matched = (
        select(
            Need.category_code.label("category"),
            Need.child_id.label("child_id"),
            seconds_between(first, Need.opened_at).label("seconds"),
        )
        .join(Child, Child.id == Need.child_id)
        .join(NeedTransition, NeedTransition.need_id == Need.id)
        .where(
            q.area.where(Child.region_path),
            Need.opened_at < end,
            NeedTransition.to_status == NeedStatus.matched.value,
        )
        .group_by(Need.id, Need.category_code, Need.child_id, Need.opened_at)
        .having(and_(first >= start, first < end))
        .subquery()
    )
    per, overall = ranks(session, select(matched), "seconds", "category", "child_id")
    day = 86400.0
    timing = Table(
        "time_to_matched",
        ("category",),
        ("matched", "children", "median_days", "p90_days"),
        [
            {
                "category": code,
                "matched": r.n,
                "children": r.members,
                "median_days": r.median,
                "p90_days": r.p90,
            }
            for code, r in sorted((k, r.scaled(day)) for k, r in per.items())
        ],
        counts=("matched", "children"),
        basis="children",
        total={
            "matched": overall.n,
            "children": overall.members,
            "median_days": overall.scaled(day).median,
            "p90_days": overall.scaled(day).p90,
        },
    )
    return [status_table, timing]


def _in_service(q: Query) -> ColumnElement[bool]:
    """A pairing that served at some time in the period."""
    return and_(
        Pairing.status != PairingStatus.declined,
        Pairing.approved_at < _at(q.end_at),
        or_(Pairing.ended_at.is_(None), Pairing.ended_at >= _at(q.start_at)),
    )


def served_section(q: Query, *, session: Session) -> list[Table]:
    """Children with needs, and how many of them a pairing served, by risk level: one pass
    over the area's files, with the children its pairings served."""
    end = _at(q.end_at)
    with_needs = select(Need.child_id).where(Need.opened_at < end)
    served = (
        select(Need.child_id.label("child_id"))
        .join(Pairing, Pairing.need_id == Need.id)
        .where(_in_service(q), _of_area_children(q, Need.child_id))
        .group_by(Need.child_id)
        .subquery()
    )
    rows = {
        r: (int(n), int(s or 0))
        for r, n, s in session.execute(
            select(Child.risk_level, func.count(), func.count(served.c.child_id))
            .outerjoin(served, served.c.child_id == Child.id)
            .where(
                q.area.where(Child.region_path),
                Child.created_at < end,
                Child.id.in_(with_needs),
            )
            .group_by(Child.risk_level)
        )
    }
    out = []
    for r in RISKS:
        n, s = rows.get(r, (0, 0))
        out.append(
            {
                "risk_level": r.value,
                "with_needs": n,
                "served": s,
                "served_pct": round(100.0 * s / n, 1) if n else None,
            }
        )
    n_all = sum(v[0] for v in rows.values())
    s_all = sum(v[1] for v in rows.values())
    return [
        Table(
            "children_served",
            ("risk_level",),
            ("with_needs", "served", "served_pct"),
            out,
            counts=("with_needs", "served"),
            basis="with_needs",
            total={
                "with_needs": n_all,
                "served": s_all,
                "served_pct": round(100.0 * s_all / n_all, 1) if n_all else None,
            },
        )
    ]


def _step(days: int) -> int:
    """A rhythm in days as calendar months: 30 → every month, 90 → every quarter."""
    return max(1, round(days / 30))


def _over(q: Query, step: int) -> list[tuple[datetime, datetime]]:
    """The period's calendar buckets of `step` months that are over by now (UTC)."""
    spans = [
        (q.period.instant(a, q.tz), q.period.instant(b, q.tz)) for a, b in q.period.months(step)
    ]
    return [(a, b) for a, b in spans if b <= q.now]


def _index(column: Any, spans: Sequence[tuple[datetime, datetime]]) -> Any:
    """Which bucket an instant falls in (None outside them), as one CASE: no join."""
    return case(
        *((and_(column >= _at(a), column < _at(b)), literal(i)) for i, (a, b) in enumerate(spans)),
        else_=None,
    )


def _start_of(index: Any, spans: Sequence[tuple[datetime, datetime]]) -> Any:
    """The start of bucket `index` (an integer column)."""
    return case({i: _at(a) for i, (a, _b) in enumerate(spans)}, value=index, else_=None)


def _due(spans: Sequence[tuple[datetime, datetime]]) -> Any:
    """Buckets a child's file was open for from their start: each due once."""
    if not spans:
        return literal(0)
    return sum((case((Child.created_at < _at(a), 1), else_=0) for a, _b in spans), literal(0))


def _area_children(q: Query) -> Select[Any]:
    """The ids of the area's children (any file, as the visits' figures count them)."""
    return select(Child.id).where(q.area.where(Child.region_path))


def _of_area_children(q: Query, column: Any) -> ColumnElement[bool]:
    """`column`, a child's id, is one of the area's children: no condition at all when the
    area holds every child's file (a province's statistics on a province's database; see
    `_holds_every_child`), which spares joining the files to each of the period's visits."""
    if q.area.everything or q.memo.get("every_child"):
        return true()
    return column.in_(_area_children(q))


def _holds_every_child(q: Query, session: Session) -> bool:
    """No child's file lies outside the area (one look at the files, stopping at the first
    outside)."""
    outside = select(Child.id).where(not_(q.area.where(Child.region_path))).limit(1)
    return session.scalar(outside) is None


def _in_period(q: Query) -> list[ColumnElement[bool]]:
    """Visits to the area's children within the period."""
    return [
        Visit.occurred_at >= _at(q.start_at),
        Visit.occurred_at < _at(q.end_at),
        _of_area_children(q, Visit.child_id),
    ]


class bits_or(FunctionElement[int]):  # noqa: N801 - an SQL aggregate
    """The bitwise OR of a group's values: `bit_or` on PostgreSQL; on SQLite, which has no
    such aggregate, the sum of the distinct values, the same for single bits and 0."""

    type = BigInteger()
    inherit_cache = True
    name = "bits_or"


@compiles(bits_or)
def _bits_or_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"bit_or({compiler.process(element.clauses, **kw)})"


@compiles(bits_or, "sqlite")
def _bits_or_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"sum(DISTINCT {compiler.process(element.clauses, **kw)})"


def _bit(i: int | None) -> Any:
    """Bit `i` as a 64-bit integer literal (None: no bit, 0)."""
    return literal(0 if i is None else 1 << i, BigInteger)


class month_bit_of(FunctionElement[int]):  # noqa: N801 - an SQL expression
    """Bit `i` (as a 64-bit integer) when an instant falls in month `i` of contiguous
    months, 0 outside them. PostgreSQL finds the month by binary search over the months'
    bounds (`width_bucket`); SQLite tests them in turn."""

    type = BigInteger()
    inherit_cache = True
    name = "month_bit_of"

    def __init__(self, column: Any, spans: Sequence[tuple[datetime, datetime]]) -> None:
        if any(b != a for (_x, b), (a, _y) in zip(spans, spans[1:], strict=False)):
            raise ValueError("the months must follow one another")
        bounds = [a for a, _b in spans] + [spans[-1][1]] if spans else []
        super().__init__(column, *(_at(b) for b in bounds))


@compiles(month_bit_of)
def _month_bit_pg(element: Any, compiler: Any, **kw: Any) -> str:
    column, *bounds = list(element.clauses)
    if not bounds:
        return "CAST(0 AS BIGINT)"
    at = compiler.process(column, **kw)
    edges = ", ".join(compiler.process(b, **kw) for b in bounds)
    bits = ", ".join(str(1 << i) for i in range(len(bounds) - 1))
    # width_bucket answers 1..n inside the months, 0 before, n + 1 after: out of the
    # array's range, NULL
    return (
        f"COALESCE((ARRAY[{bits}]::BIGINT[])"
        f"[width_bucket({at}, ARRAY[{edges}]::TIMESTAMP WITH TIME ZONE[])], 0)"
    )


@compiles(month_bit_of, "sqlite")
def _month_bit_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    column, *bounds = list(element.clauses)
    if not bounds:
        return "0"
    at = compiler.process(column, **kw)
    edges = [compiler.process(b, **kw) for b in bounds]
    whens = " ".join(
        f"WHEN {at} >= {a} AND {at} < {b} THEN {1 << i}"
        for i, (a, b) in enumerate(zip(edges, edges[1:], strict=False))
    )
    return f"CASE {whens} ELSE 0 END"


def _visit_figures(q: Query, session: Session) -> dict[str, Any]:
    """Everything the visits and hours tables count per child, in one pass over the
    period's visits (asked by two sections: kept in the query's memo).

    The visits are first reduced to one row per child: its visits of each kind, and as bit
    sets the authors' roles, the calendar months over by now that hold a visit
    (contacts count any kind) and those that hold an in-person one. One pass over the area's
    files then counts, by risk level, what is due (each month or quarter that began after
    the file was opened) and done (such a month, or a quarter one of whose months holds an
    in-person visit), and sums the per-child figures."""
    return _once(q, "visit_figures", lambda: _count_visits(q, session))


def _count_visits(q: Query, session: Session) -> dict[str, Any]:
    months = _over(q, 1)
    kinds = list(VisitKind)
    roles = list(Role)
    # which month over by now a visit falls in, as a bit (months fit: a period spans at
    # most 37 months); its kind and its author's role as bits of their own
    month_bit = month_bit_of(Visit.occurred_at, months)
    role_bits = case({r: _bit(i) for i, r in enumerate(roles)}, value=User.role, else_=_bit(None))
    per_child = (
        select(
            Visit.child_id.label("child_id"),
            *(func.sum(case((Visit.kind == k, 1), else_=0)).label(f"k_{k.value}") for k in kinds),
            bits_or(role_bits).label("roles"),
            bits_or(month_bit).label("contacts"),
            bits_or(case((Visit.kind.in_(IN_PERSON_VISITS), month_bit), else_=_bit(None))).label(
                "visits"
            ),
        )
        .join(User, User.id == Visit.author_id)
        .where(*_in_period(q))
        .group_by(Visit.child_id)
        .subquery()
    )
    c = per_child.c

    def has(bits: Any, i: int) -> ColumnElement[bool]:
        return bits.op("&")(_bit(i)) != 0

    end = _at(q.end_at)
    steps = sorted(
        {_step(days) for every in (VISIT_EVERY, CONTACT_EVERY) for days in every.values()}
    )
    figures: list[Any] = [
        func.count().label("files"),
        func.sum(case((Child.created_at < end, 1), else_=0)).label("children"),
        func.count(c.child_id).label("visited"),
        *(func.sum(c[f"k_{k.value}"]).label(f"k_{k.value}") for k in kinds),
        *(
            func.sum(case((c[f"k_{k.value}"] > 0, 1), else_=0)).label(f"kc_{k.value}")
            for k in kinds
        ),
        *(
            func.sum(case((has(c.roles, i), 1), else_=0)).label(f"r_{r.value}")
            for i, r in enumerate(roles)
        ),
    ]
    for step in steps:
        spans = _over(q, step)
        figures.append(func.sum(_due(spans)).label(f"due_{step}"))
        for what in ("visits", "contacts"):
            done: Any = literal(0)
            for a, b in spans:
                inside = [i for i, (start, _e) in enumerate(months) if a <= start < b]
                held = or_(*(has(c[what], i) for i in inside)) if inside else false()
                done = done + case((and_(Child.created_at < _at(a), held), 1), else_=0)
            figures.append(func.sum(done).label(f"{what}_{step}"))
    rows = session.execute(
        select(Child.risk_level, *figures)
        .outerjoin(per_child, c.child_id == Child.id)
        .where(q.area.where(Child.region_path))
        .group_by(Child.risk_level)
    ).all()
    out: dict[str, Any] = {
        "risk": {},
        "kinds": {k.value: {"kind": k.value, "visits": 0, "children": 0} for k in kinds},
        "roles": {r.value: 0 for r in roles},
        "visited": 0,
    }
    for row in rows:
        risk = RiskLevel(_value(row[0]))
        n = _counter(row._mapping)

        out["risk"][risk.value] = {
            "children": n("children"),
            "visits_due": n(f"due_{_step(VISIT_EVERY[risk])}"),
            "visits_done": n(f"visits_{_step(VISIT_EVERY[risk])}"),
            "contacts_due": n(f"due_{_step(CONTACT_EVERY[risk])}"),
            "contacts_done": n(f"contacts_{_step(CONTACT_EVERY[risk])}"),
        }
        for k in kinds:
            out["kinds"][k.value]["visits"] += n(f"k_{k.value}")
            out["kinds"][k.value]["children"] += n(f"kc_{k.value}")
        for r in roles:
            out["roles"][r.value] += n(f"r_{r.value}")
        out["visited"] += n("visited")
    return out


def _counter(mapping: Any) -> Callable[[str], int]:
    """A reader of a result row's named counts (NULL sums are 0)."""
    return lambda name: int(mapping[name] or 0)


def visits_section(q: Query, *, session: Session) -> list[Table]:
    """Visits and contacts due vs done by risk level (004 item 4), and visits by kind."""
    got = _visit_figures(q, session)
    empty = {
        "children": 0,
        "visits_due": 0,
        "visits_done": 0,
        "contacts_due": 0,
        "contacts_done": 0,
    }
    rows_out: list[dict[str, Any]] = []
    for r in RISKS:
        row: dict[str, Any] = {"risk_level": r.value, **got["risk"].get(r.value, empty)}
        for what in ("visits", "contacts"):
            d, n = row[f"{what}_due"], row[f"{what}_done"]
            row[f"{what}_pct"] = round(100.0 * n / d, 1) if d else None
        rows_out.append(row)
    measures = (
        "children",
        "visits_due",
        "visits_done",
        "visits_pct",
        "contacts_due",
        "contacts_done",
        "contacts_pct",
    )
    total: dict[str, Any] = {
        m: sum(r[m] for r in rows_out) for m in measures if not m.endswith("_pct")
    }
    for what in ("visits", "contacts"):
        d, n = total[f"{what}_due"], total[f"{what}_done"]
        total[f"{what}_pct"] = round(100.0 * n / d, 1) if d else None
    rhythm = Table(
        "visit_rhythm",
        ("risk_level",),
        measures,
        rows_out,
        counts=("children", "visits_due", "visits_done", "contacts_due", "contacts_done"),
        basis="children",
        total=total,
    )
    kind_rows = [dict(got["kinds"][k.value]) for k in VisitKind]
    kind_table = Table(
        "visits_by_kind",
        ("kind",),
        ("visits", "children"),
        kind_rows,
        counts=("visits", "children"),
        basis="children",
        total={"visits": sum(r["visits"] for r in kind_rows), "children": got["visited"]},
    )
    return [rhythm, kind_table]


def _children_visited(q: Query, session: Session) -> int:
    """Children of the area visited or contacted in the period."""
    return int(_visit_figures(q, session)["visited"])


def child_rhythm(child_id: int, q: Query, *, session: Session) -> tuple[int, int]:
    """(visits due, visits done) of one child in the period, by the same rule as
    `visits_section`: calendar months (or quarters) over, after the file was opened."""
    risk, created = session.execute(
        select(Child.risk_level, Child.created_at).where(Child.id == child_id)
    ).one()
    due = done = 0
    for a, b in _over(q, _step(VISIT_EVERY[risk])):
        if created >= a:
            continue
        due += 1
        seen = session.scalar(
            select(func.count()).where(
                Visit.child_id == child_id,
                Visit.kind.in_(IN_PERSON_VISITS),
                Visit.occurred_at >= _at(a),
                Visit.occurred_at < _at(b),
            )
        )
        done += 1 if seen else 0
    return due, done


def urgent_reports_section(q: Query, *, session: Session) -> list[Table]:
    """Urgent reports (强制报告) filed in the period by danger, and time to first handling."""
    handled = (
        select(ReportEvent.report_id.label("report_id"), func.min(ReportEvent.at).label("at"))
        .where(ReportEvent.status.in_([ReportStatus.handling, ReportStatus.closed]))
        .group_by(ReportEvent.report_id)
        .subquery()
    )
    where = [
        q.area.where(UrgentReport.region_path),
        UrgentReport.created_at >= _at(q.start_at),
        UrgentReport.created_at < _at(q.end_at),
    ]
    counted = session.execute(
        select(
            UrgentReport.danger,
            func.count(),
            func.count(handled.c.report_id),
            func.coalesce(
                func.sum(case((UrgentReport.status == ReportStatus.closed, 1), else_=0)), 0
            ),
        )
        .outerjoin(handled, handled.c.report_id == UrgentReport.id)
        .where(*where)
        .group_by(UrgentReport.danger)
        .order_by(UrgentReport.danger)
    ).all()
    timed = (
        select(
            UrgentReport.danger.label("danger"),
            seconds_between(handled.c.at, UrgentReport.created_at).label("seconds"),
        )
        .join(handled, handled.c.report_id == UrgentReport.id)
        .where(*where)
    )
    hour = 3600.0
    per, overall = ranks(session, timed, "seconds", "danger")
    rows = []
    for danger, n, h, closed in counted:
        stats = per.get(danger, Ranks()).scaled(hour)
        rows.append(
            {
                "danger": danger,
                "reports": int(n),
                "handled": int(h),
                "closed": int(closed),
                "median_hours": stats.median,
                "p90_hours": stats.p90,
            }
        )
    total = {
        "reports": sum(r["reports"] for r in rows),
        "handled": sum(r["handled"] for r in rows),
        "closed": sum(r["closed"] for r in rows),
        "median_hours": overall.scaled(hour).median,
        "p90_hours": overall.scaled(hour).p90,
    }
    return [
        Table(
            "urgent_reports",
            ("danger",),
            ("reports", "handled", "closed", "median_hours", "p90_hours"),
            rows,
            counts=("reports", "handled", "closed"),
            basis="reports",
            total=total,
        )
    ]


def _activity(q: Query, session: Session) -> dict[str, Any]:
    """Who served the area's children in the period, in one statement (asked by the
    providers and delivery sections: kept in the query's memo): the period's visits reduced
    to one row per author (a few thousand), summed by the author's role; and the volunteers,
    agencies and organisations active, that is paired with the area's needs in the period or,
    for volunteers, visiting the area's children. One pass over the visits for both."""
    return _once(q, "activity", lambda: _count_activity(q, session))


def _count_activity(q: Query, session: Session) -> dict[str, Any]:
    minutes = {
        status: func.sum(case((Visit.hours_status == status, Visit.duration_minutes), else_=0))
        for status in (HoursStatus.confirmed, HoursStatus.pending)
    }
    authors = (
        select(
            Visit.author_id.label("author_id"),
            func.count().label("n"),
            minutes[HoursStatus.confirmed].label("confirmed"),
            minutes[HoursStatus.pending].label("pending"),
        )
        .where(*_in_period(q))
        .group_by(Visit.author_id)
        .cte("authors")
    )
    # the providers paired with the area's needs in the period, once
    paired = (
        select(Pairing.provider_type.label("kind"), Pairing.provider_id.label("id"))
        .where(
            _in_service(q),
            Pairing.need_id.in_(select(Need.id).where(_of_area_children(q, Need.child_id))),
        )
        .distinct()
        .cte("paired")
    )
    visiting = select(Volunteer.id.label("id")).where(
        Volunteer.owner_id.in_(select(authors.c.author_id))
    )
    active_volunteers = union(
        select(paired.c.id).where(paired.c.kind == ProviderType.volunteer), visiting
    ).subquery()
    per_role = (
        select(
            User.role.label("role"),
            func.sum(authors.c.n).label("n"),
            func.count().label("people"),
            func.sum(authors.c.confirmed).label("confirmed"),
            func.sum(authors.c.pending).label("pending"),
        )
        .join(authors, authors.c.author_id == User.id)
        .group_by(User.role)
    )
    # the active providers ride on a last row without a role
    providers = select(
        literal(None).label("role"),
        select(func.count()).select_from(active_volunteers).scalar_subquery(),
        select(func.count())
        .select_from(paired)
        .where(paired.c.kind == ProviderType.agency)
        .scalar_subquery(),
        select(func.count(func.distinct(Resource.organization_id)))
        .join(paired, and_(paired.c.kind == ProviderType.resource, paired.c.id == Resource.id))
        .scalar_subquery(),
        literal(None),
    )
    out: dict[str, Any] = {"roles": []}
    for role, a, b, c, d in session.execute(per_role.union_all(providers)):
        if role is None:
            out["volunteers"], out["agencies"], out["organisations"] = int(a), int(b), int(c)
        else:
            out["roles"].append((Role(_value(role)), int(a), int(b), int(c or 0), int(d or 0)))
    out["roles"].sort(key=lambda row: row[0].value)
    return out


def providers_section(q: Query, *, session: Session) -> list[Table]:
    """Volunteers, agencies and organisations: registered in the area, and active in it."""
    end = _at(q.end_at)
    active = _activity(q, session)
    volunteers, cleared = session.execute(
        select(
            func.count(),
            func.coalesce(
                func.sum(
                    case(
                        (
                            and_(
                                Volunteer.check_state == CheckState.cleared,
                                or_(
                                    Volunteer.check_expires_on.is_(None),
                                    Volunteer.check_expires_on >= q.period.last_day,
                                ),
                            ),
                            1,
                        ),
                        else_=0,
                    )
                ),
                0,
            ),
        ).where(
            q.area.where(Volunteer.region_path),
            Volunteer.active.is_(True),
            Volunteer.created_at < end,
        )
    ).one()
    agencies = session.scalar(
        select(func.count()).where(q.area.where(Agency.region_path), Agency.created_at < end)
    )
    organisations = session.scalar(
        select(func.count()).where(
            q.area.where(Organization.region_path), Organization.created_at < end
        )
    )
    rows = [
        {
            "provider": "volunteer",
            "registered": int(volunteers),
            "cleared": int(cleared),
            "active": active["volunteers"],
        },
        {
            "provider": "agency",
            "registered": int(agencies or 0),
            "cleared": None,
            "active": active["agencies"],
        },
        {
            "provider": "organization",
            "registered": int(organisations or 0),
            "cleared": None,
            "active": active["organisations"],
        },
    ]
    return [Table("providers", ("provider",), ("registered", "cleared", "active"), rows)]


def delivery_section(q: Query, *, session: Session) -> list[Table]:
    """Service hours by the author's role; goods and funds given by donors."""
    start, end = _at(q.start_at), _at(q.end_at)
    children_of = _visit_figures(q, session)["roles"]
    hours_rows = [
        (role, n, children_of[role.value], people, c, p)
        for role, n, people, c, p in _activity(q, session)["roles"]
    ]
    hours = Table(
        "service_hours",
        ("role",),
        ("visits", "children", "people", "hours_confirmed", "hours_pending"),
        [
            {
                "role": role.value,
                "visits": n,
                "children": kids,
                "people": people,
                "hours_confirmed": round(c / 60.0, 1),
                "hours_pending": round(p / 60.0, 1),
            }
            for role, n, kids, people, c, p in hours_rows
        ],
        counts=("visits", "children"),
        basis="children",
    )
    hours.total = {
        "visits": sum(r["visits"] for r in hours.rows),
        "children": _children_visited(q, session),
        "people": sum(r["people"] for r in hours.rows),
        "hours_confirmed": round(sum(r["hours_confirmed"] for r in hours.rows), 1),
        "hours_pending": round(sum(r["hours_pending"] for r in hours.rows), 1),
    }

    given = session.execute(
        select(
            NeedCategory.kind,
            Need.item_code,
            Need.unit,
            func.count(),
            func.count(func.distinct(Need.child_id)),
            func.coalesce(func.sum(Pairing.amount), 0),
        )
        .select_from(Pairing)
        .join(Need, Need.id == Pairing.need_id)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
        .join(Child, Child.id == Need.child_id)
        .where(
            q.area.where(Child.region_path),
            Pairing.provider_type == ProviderType.resource,
            Pairing.status.in_([PairingStatus.active, PairingStatus.ended]),
            Pairing.responded_at.is_not(None),
            Pairing.responded_at >= start,
            Pairing.responded_at < end,
            NeedCategory.kind.in_([NeedKind.goods, NeedKind.funds]),
        )
        .group_by(NeedCategory.kind, Need.item_code, Need.unit)
        .order_by(NeedCategory.kind, Need.item_code, Need.unit)
    ).all()
    goods = Table(
        "goods_and_funds",
        ("kind", "item", "unit"),
        ("deliveries", "children", "quantity"),
        [
            {
                "kind": _value(kind),
                "item": item,
                "unit": unit if _value(kind) == "goods" else "元",
                "deliveries": int(n),
                "children": int(kids),
                "quantity": int(amount),
            }
            for kind, item, unit, n, kids, amount in given
        ],
        counts=("deliveries", "children"),
        basis="children",
    )
    funds = [r for r in goods.rows if r["kind"] == "funds"]
    goods.total = {
        "deliveries": sum(r["deliveries"] for r in goods.rows),
        "children": None,
        "quantity": None,
        "funds_yuan": sum(r["quantity"] for r in funds),
    }
    return [hours, goods]


def organisations_section(q: Query, *, session: Session) -> list[Table]:
    """The published list of organisations (003): each agency and donor organisation that
    served children of the area in the period, with how many children and what it gave."""
    served = (
        select(
            Pairing.provider_type.label("kind"),
            Pairing.provider_id.label("provider_id"),
            Need.child_id.label("child_id"),
            Pairing.amount.label("amount"),
            NeedCategory.kind.label("need_kind"),
        )
        .join(Need, Need.id == Pairing.need_id)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
        .join(Child, Child.id == Need.child_id)
        .where(
            q.area.where(Child.region_path),
            _in_service(q),
            Pairing.provider_type.in_([ProviderType.agency, ProviderType.resource]),
        )
        .subquery()
    )
    funds = func.coalesce(
        func.sum(case((served.c.need_kind == NeedKind.funds, served.c.amount), else_=0)), 0
    )
    agencies = session.execute(
        select(Agency.id, Agency.name, func.count(func.distinct(served.c.child_id)))
        .join(served, and_(served.c.kind == ProviderType.agency, served.c.provider_id == Agency.id))
        .group_by(Agency.id, Agency.name)
    ).all()
    donors = session.execute(
        select(
            Organization.id,
            Organization.name,
            Organization.kind,
            func.count(func.distinct(served.c.child_id)),
            funds,
        )
        .join(Resource, Resource.organization_id == Organization.id)
        .join(
            served,
            and_(served.c.kind == ProviderType.resource, served.c.provider_id == Resource.id),
        )
        .group_by(Organization.id, Organization.name, Organization.kind)
    ).all()
    rows = [
        {"kind": "agency", "id": pk, "name": name, "children": int(n), "funds_yuan": None}
        for pk, name, n in agencies
    ] + [
        {"kind": _value(kind), "id": pk, "name": name, "children": int(n), "funds_yuan": int(f)}
        for pk, name, kind, n, f in donors
    ]
    rows.sort(key=lambda r: (-r["children"], r["kind"], r["name"]))
    return [
        Table(
            "organisations",
            ("kind", "id", "name"),
            ("children", "funds_yuan"),
            rows,
            counts=("children",),
            basis="children",
        )
    ]


SECTIONS: dict[str, Callable[..., list[Table]]] = {
    "children": children_section,
    "needs": needs_section,
    "served": served_section,
    "visits": visits_section,
    "urgent_reports": urgent_reports_section,
    "providers": providers_section,
    "delivery": delivery_section,
}
# Not in the report by default: the public list of organisations.
PUBLIC_SECTIONS: dict[str, Callable[..., list[Table]]] = {"organisations": organisations_section}


@dataclass
class Figures:
    """The statistics of one query: its tables, in order, and whether they are published."""

    area: Area
    period: Period
    published: bool
    tables: list[Table]
    timings: dict[str, float] = field(default_factory=dict)
    lanes: int = 1  # connections the sections ran on

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)


def _tune(session: Session) -> None:
    """On PostgreSQL, for the rest of the transaction: no JIT compilation (it costs these
    sub-second aggregates more than it saves, several hundred ms on a busy machine), and
    enough memory for a province's grouping to stay in one hash table instead of sorting
    on disk (the default is 4 MB)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '64MB'"))


# Rough cost of each section on the demo province (seconds on one PostgreSQL process, a
# year): how `compute` shares them between two connections.
COST = {
    "visits": 1.2,
    "providers": 0.9,
    "needs": 0.45,
    "served": 0.3,
    "children": 0.2,
    "organisations": 0.15,
    "delivery": 0.1,
    "urgent_reports": 0.01,
}


def _lanes(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """The sections split in two of about equal cost, heaviest first."""
    lanes: tuple[list[str], list[str]] = ([], [])
    load = [0.0, 0.0]
    for name in sorted(names, key=lambda n: -COST.get(n, 0.1)):
        i = 0 if load[0] <= load[1] else 1
        lanes[i].append(name)
        load[i] += COST.get(name, 0.1)
    return lanes


def _run(q: Query, names: Sequence[str], session: Session) -> dict[str, tuple[list[Table], float]]:
    out = {}
    for name in names:
        tick = time.perf_counter()
        made = {**SECTIONS, **PUBLIC_SECTIONS}[name](q, session=session)
        out[name] = (made, round(time.perf_counter() - tick, 4))
    return out


def compute(
    q: Query,
    *,
    session: Session,
    sections: Iterable[str] = tuple(SECTIONS),
    published: bool = False,
) -> Figures:
    """The chosen sections' tables; `published` blanks cells under 5 children.

    Several sections on PostgreSQL run on two connections at once when the transaction
    has written nothing (see `app.db.side_session`): each is one or two aggregates over
    the area's files, needs or visits, and a province's take about a second each."""
    names = list(sections)
    _tune(session)
    q.memo["every_child"] = q.area.everything or _holds_every_child(q, session)
    with side_session(session) if len(names) > 1 else nullcontext() as side:
        if side is None:
            done = _run(q, names, session)
        else:
            _tune(side)
            for one in (session, side):
                # the two connections are the parallelism: a statement that also started
                # parallel workers would compete with the other connection for the cores
                one.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
            here, there = _lanes(names)
            with ThreadPoolExecutor(max_workers=1) as pool:
                elsewhere = pool.submit(_run, q, there, side)
                done = _run(q, here, session)
                done |= elsewhere.result()
    tables: list[Table] = []
    for name in names:
        tables.extend(suppress(t) if published else t for t in done[name][0])
    timings = {name: done[name][1] for name in names}
    return Figures(q.area, q.period, published, tables, timings, lanes=1 if side is None else 2)


def period_from(period: str | None, start: date | None, end: date | None, *, today: date) -> Period:
    """A period named (`2026-Q3`), given by its first and last day, or this quarter."""
    if period and (start or end):
        raise ValidationFailed({"period": ["Give a period or a start and end, not both."]})
    if period:
        return Period.parse(period)
    if start or end:
        if not (start and end):
            raise ValidationFailed({"end" if start else "start": ["Give both start and end."]})
        return Period.between(start, end)
    return Period.current_quarter(today)


def section_names() -> Sequence[str]:
    return tuple(SECTIONS)
