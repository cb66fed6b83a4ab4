"""Statistics of an area over a period, for coordinators, superiors and the public.

Every figure is one SQL aggregate (GROUP BY, windowed percentiles, range joins against the
period's calendar buckets), the same on SQLite and PostgreSQL: no Python loop touches the
rows. The caller's scope is a set of region paths (`Area`); a period is a half-open range
of local calendar days (`Period`), turned into UTC instants once.

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
from collections.abc import Callable, Iterable, Sequence
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
    or_,
    select,
    text,
    true,
    union,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.db import UTCDateTime, utcnow
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


def percentiles(
    session: Session,
    source: Select[Any],
    value: str,
    group: str | None,
    *,
    scale: float = 1.0,
) -> dict[Any, dict[str, Any]]:
    """Nearest-rank median and 90th percentile of `value` per `group` (None: overall) over a
    subquery's rows, with window functions: {group: {"n", "median", "p90"}}."""
    sub = source.subquery()
    col = sub.c[value]
    parts: list[Any] = [sub.c[group]] if group else []
    ranked = select(
        *(p.label("g") for p in parts),
        col.label("v"),
        func.row_number().over(partition_by=parts or None, order_by=col).label("rn"),
        func.count().over(partition_by=parts or None).label("n"),
    ).subquery()
    median_rank = (ranked.c.n + 1) // 2  # ceil(n / 2)
    p90_rank = (ranked.c.n * 9 + 9) // 10  # ceil(9n / 10)
    stmt = select(
        *([ranked.c.g] if group else []),
        func.max(ranked.c.n).label("n"),
        func.max(case((ranked.c.rn == median_rank, ranked.c.v))).label("median"),
        func.max(case((ranked.c.rn == p90_rank, ranked.c.v))).label("p90"),
    )
    if group:
        stmt = stmt.group_by(ranked.c.g)
    out: dict[Any, dict[str, Any]] = {}
    for row in session.execute(stmt):
        key = row.g if group else None
        out[key] = {
            "n": int(row.n or 0),
            "median": None if row.median is None else round(float(row.median) / scale, 1),
            "p90": None if row.p90 is None else round(float(row.p90) / scale, 1),
        }
    return out


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
            # 1 on one need of each child: summed, the children with needs in the area
            case(
                (func.row_number().over(partition_by=Need.child_id, order_by=Need.id) == 1, 1),
                else_=0,
            ).label("first"),
        )
        .join(Child, Child.id == Need.child_id)
        .where(*in_area)
        .subquery()
    )
    per_category = session.execute(
        select(
            needs.c.category,
            func.count(),
            func.count(func.distinct(needs.c.child_id)),
            func.sum(needs.c.new),
            func.sum(needs.c.first),
            *(func.sum(case((needs.c.status == s, 1), else_=0)) for s in statuses),
        )
        .group_by(needs.c.category)
        .order_by(needs.c.category)
    ).all()
    ordered = [
        {
            "category": code,
            "needs": int(n),
            "children": int(kids),
            "opened_in_period": int(new or 0),
        }
        | {s: int(v or 0) for s, v in zip(statuses, by_status, strict=True)}
        for code, n, kids, new, _first, *by_status in per_category
    ]
    measures = ("needs", "children", "opened_in_period", *statuses)
    total = {m: sum(r[m] for r in ordered) for m in measures if m != "children"}
    total["children"] = sum(int(row[4] or 0) for row in per_category)
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
    cat, value, kid = matched.c.category, matched.c.seconds, matched.c.child_id

    def once(*parts: Any) -> Any:
        """1 on one row of each `parts` group: summed, how many groups."""
        return case(
            (func.row_number().over(partition_by=list(parts), order_by=value) == 1, 1), else_=0
        )

    ranked = select(
        cat.label("category"),
        value.label("v"),
        func.row_number().over(partition_by=cat, order_by=value).label("rn"),
        func.count().over(partition_by=cat).label("n"),
        func.row_number().over(order_by=value).label("rn_all"),
        func.count().over().label("n_all"),
        kid.label("child_id"),
        once(kid).label("kid_all"),
    ).subquery()
    r = ranked.c
    timed = session.execute(
        select(
            r.category,
            func.max(r.n),
            func.max(case((r.rn == (r.n + 1) // 2, r.v))),  # nearest rank: ceil(n / 2)
            func.max(case((r.rn == (r.n * 9 + 9) // 10, r.v))),  # ceil(9n / 10)
            func.count(func.distinct(r.child_id)),
            func.max(r.n_all),
            func.max(case((r.rn_all == (r.n_all + 1) // 2, r.v))),
            func.max(case((r.rn_all == (r.n_all * 9 + 9) // 10, r.v))),
            func.sum(r.kid_all),
        )
        .group_by(r.category)
        .order_by(r.category)
    ).all()
    day = 86400.0

    def days(v: Any) -> float | None:
        return None if v is None else round(float(v) / day, 1)

    def present(values: Iterable[Any]) -> Any:
        found = [v for v in values if v is not None]
        return found[0] if found else None

    timing = Table(
        "time_to_matched",
        ("category",),
        ("matched", "children", "median_days", "p90_days"),
        [
            {
                "category": code,
                "matched": int(n),
                "children": int(kids),
                "median_days": days(median),
                "p90_days": days(p90),
            }
            for code, n, median, p90, kids, *_overall in timed
        ],
        counts=("matched", "children"),
        basis="children",
        # the overall median and p90 each fall on one category's row
        total={
            "matched": int(timed[0][5]) if timed else 0,
            "children": sum(int(row[8]) for row in timed),
            "median_days": days(present(row[6] for row in timed)),
            "p90_days": days(present(row[7] for row in timed)),
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
        .where(_in_service(q), Need.child_id.in_(_area_children(q)))
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


def _in_period(q: Query) -> list[ColumnElement[bool]]:
    """Visits to the area's children within the period."""
    return [
        Visit.occurred_at >= _at(q.start_at),
        Visit.occurred_at < _at(q.end_at),
        Visit.child_id.in_(_area_children(q)),
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


def _visit_figures(q: Query, session: Session) -> dict[str, Any]:
    """Everything the visits and hours tables count per child, in one pass over the
    period's visits (asked by two sections: kept in the query's memo).

    The visits are first reduced to one row per child: its visits of each kind, and as bit
    sets the kinds, the authors' roles, the calendar months over by now that hold a visit
    (contacts count any kind) and those that hold an in-person one. One pass over the area's
    files then counts, by risk level, what is due (each month or quarter that began after
    the file was opened) and done (such a month, or a quarter one of whose months holds an
    in-person visit), and sums the per-child figures."""
    key = "visit_figures"
    if key in q.memo:
        return q.memo[key]  # type: ignore[no-any-return]
    months = _over(q, 1)
    kinds = list(VisitKind)
    roles = list(Role)
    # which month over by now a visit falls in, as a bit (months fit: a period spans at
    # most 37 months); its kind and its author's role as bits of their own
    month_bit = (
        case(
            *(
                (and_(Visit.occurred_at >= _at(a), Visit.occurred_at < _at(b)), _bit(i))
                for i, (a, b) in enumerate(months)
            ),
            else_=_bit(None),
        )
        if months
        else _bit(None)
    )
    kind_bits = case({k: _bit(i) for i, k in enumerate(kinds)}, value=Visit.kind, else_=_bit(None))
    role_bits = case({r: _bit(i) for i, r in enumerate(roles)}, value=User.role, else_=_bit(None))
    per_child = (
        select(
            Visit.child_id.label("child_id"),
            *(func.sum(case((Visit.kind == k, 1), else_=0)).label(f"k_{k.value}") for k in kinds),
            bits_or(kind_bits).label("kinds"),
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
            func.sum(case((has(c.kinds, i), 1), else_=0)).label(f"kc_{k.value}")
            for i, k in enumerate(kinds)
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
    q.memo[key] = out
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
    per = percentiles(session, timed, "seconds", "danger", scale=hour)
    overall = percentiles(session, timed, "seconds", None, scale=hour).get(None)
    rows = []
    for danger, n, h, closed in counted:
        stats = per.get(danger, {"median": None, "p90": None})
        rows.append(
            {
                "danger": danger,
                "reports": int(n),
                "handled": int(h),
                "closed": int(closed),
                "median_hours": stats["median"],
                "p90_hours": stats["p90"],
            }
        )
    total = {
        "reports": sum(r["reports"] for r in rows),
        "handled": sum(r["handled"] for r in rows),
        "closed": sum(r["closed"] for r in rows),
        "median_hours": overall["median"] if overall else None,
        "p90_hours": overall["p90"] if overall else None,
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


def providers_section(q: Query, *, session: Session) -> list[Table]:
    """Volunteers, agencies and organisations: registered in the area, and active in it."""
    end = _at(q.end_at)
    # the providers who served the area's children in the period, once (a CTE: PostgreSQL
    # computes it one time for the three counts)
    paired = (
        select(Pairing.provider_type.label("kind"), Pairing.provider_id.label("id"))
        .where(
            _in_service(q),
            Pairing.need_id.in_(select(Need.id).where(Need.child_id.in_(_area_children(q)))),
        )
        .distinct()
        .cte("paired")
    )
    visiting = select(Volunteer.id.label("id")).where(
        Volunteer.owner_id.in_(select(Visit.author_id).where(*_in_period(q)))
    )
    active_volunteers = union(
        select(paired.c.id).where(paired.c.kind == ProviderType.volunteer), visiting
    ).subquery()
    n_volunteers_active, n_agencies_active, n_orgs_active = session.execute(
        select(
            select(func.count()).select_from(active_volunteers).scalar_subquery(),
            select(func.count())
            .select_from(paired)
            .where(paired.c.kind == ProviderType.agency)
            .scalar_subquery(),
            select(func.count(func.distinct(Resource.organization_id)))
            .join(paired, and_(paired.c.kind == ProviderType.resource, paired.c.id == Resource.id))
            .scalar_subquery(),
        )
    ).one()
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
            "active": int(n_volunteers_active or 0),
        },
        {
            "provider": "agency",
            "registered": int(agencies or 0),
            "cleared": None,
            "active": int(n_agencies_active or 0),
        },
        {
            "provider": "organization",
            "registered": int(organisations or 0),
            "cleared": None,
            "active": int(n_orgs_active or 0),
        },
    ]
    return [Table("providers", ("provider",), ("registered", "cleared", "active"), rows)]


def delivery_section(q: Query, *, session: Session) -> list[Table]:
    """Service hours by the author's role; goods and funds given by donors."""
    start, end = _at(q.start_at), _at(q.end_at)
    minutes = {
        status: func.sum(case((Visit.hours_status == status, Visit.duration_minutes), else_=0))
        for status in (HoursStatus.confirmed, HoursStatus.pending)
    }
    # one row per author first (a few thousand), then their roles
    authors = (
        select(
            Visit.author_id.label("author_id"),
            func.count().label("n"),
            minutes[HoursStatus.confirmed].label("confirmed"),
            minutes[HoursStatus.pending].label("pending"),
        )
        .where(*_in_period(q))
        .group_by(Visit.author_id)
        .subquery()
    )
    per_role = session.execute(
        select(
            User.role,
            func.sum(authors.c.n),
            func.count(),
            func.sum(authors.c.confirmed),
            func.sum(authors.c.pending),
        )
        .join(authors, authors.c.author_id == User.id)
        .group_by(User.role)
        .order_by(User.role)
    ).all()
    children_of = _visit_figures(q, session)["roles"]
    hours_rows = [
        (role, n, children_of[_value(role)], people, c or 0, p or 0)
        for role, n, people, c, p in per_role
    ]
    hours = Table(
        "service_hours",
        ("role",),
        ("visits", "children", "people", "hours_confirmed", "hours_pending"),
        [
            {
                "role": _value(role),
                "visits": int(n),
                "children": int(kids),
                "people": int(people),
                "hours_confirmed": round(int(c) / 60.0, 1),
                "hours_pending": round(int(p) / 60.0, 1),
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


def compute(
    q: Query,
    *,
    session: Session,
    sections: Iterable[str] = tuple(SECTIONS),
    published: bool = False,
) -> Figures:
    """The chosen sections' tables; `published` blanks cells under 5 children."""
    import time

    _tune(session)
    tables: list[Table] = []
    timings: dict[str, float] = {}
    for name in sections:
        tick = time.perf_counter()
        made = {**SECTIONS, **PUBLIC_SECTIONS}[name](q, session=session)
        timings[name] = round(time.perf_counter() - tick, 4)
        tables.extend(suppress(t) if published else t for t in made)
    return Figures(q.area, q.period, published, tables, timings)


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
