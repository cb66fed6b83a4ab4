"""Regions: loading GB/T 2260 divisions, sub-county regions, and area scoping."""

from __future__ import annotations

import csv
import importlib.util
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, false, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from app.errors import Conflict, NotFound, ValidationFailed
from app.models import Region, RegionLevel

_MUNICIPALITIES = {"11", "12", "31", "50"}


def normalize_code(code: str) -> str:
    """Accept a 6-digit GB/T 2260 code, or a 9- or 12-digit statistical code."""
    code = code.strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        raise ValueError(code)
    return code.ljust(12, "0")


def level_of(code: str) -> RegionLevel:
    if code[2:] == "0" * 10:
        return RegionLevel.province
    if code[4:] == "0" * 8:
        return RegionLevel.city
    if code[6:] == "0" * 6:
        return RegionLevel.county
    if code[9:] == "000":
        return RegionLevel.township
    return RegionLevel.village


def gb2260_rows() -> list[tuple[str, str, float, float]]:
    """Province, city and county rows with centroids, from the `cpca` package's data file
    (read directly: importing cpca itself would load pandas)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    rows = []
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            lon, lat = (
                (record.get("longitude") or "").strip(),
                (record.get("latitude") or "").strip(),
            )
            if not lon or not lat:  # placeholders such as 市辖区 carry no centroid
                continue
            rows.append((record["adcode"].strip(), record["name"].strip(), float(lat), float(lon)))
    return rows


def load_gb2260(*, session: Session) -> int:
    """Insert the divisions that are missing; returns how many were added. Idempotent."""
    existing = set(session.scalars(select(Region.code)))
    rows = sorted(gb2260_rows(), key=lambda r: r[0])
    codes = {r[0] for r in rows}
    by_code: dict[str, Region] = {}
    added = 0
    for code, name, lat, lon in rows:
        level = level_of(code)
        parent: str | None = None
        if level is RegionLevel.city:
            parent = code[:2] + "0" * 10
        elif level is RegionLevel.county:
            city = code[:4] + "0" * 8
            parent = city if city in codes else code[:2] + "0" * 10
        path_parent = by_code[parent].path if parent and parent in by_code else "/"
        region = Region(
            code=code,
            name=name,
            level=level,
            parent_code=parent,
            path=f"{path_parent}{code}/",
            lat=lat,
            lon=lon,
        )
        by_code[code] = region
        if code not in existing:
            session.add(region)
            added += 1
    session.flush()
    return added


def get(code: str, *, session: Session) -> Region:
    try:
        key = normalize_code(code)
    except ValueError:
        raise NotFound() from None
    region = session.get(Region, key)
    if region is None:
        raise NotFound()
    return region


def path_of(code: str, *, session: Session, field: str = "region") -> str:
    """The path of a region named in a filter; an unknown one is a 422 on that field."""
    try:
        return get(code, session=session).path
    except NotFound:
        raise ValidationFailed({field: ["No such region."]}) from None


def create(
    *,
    session: Session,
    code: str,
    name: str,
    parent_code: str,
    lat: float | None = None,
    lon: float | None = None,
) -> Region:
    """Create a township (under a county) or a village (under a township)."""
    try:
        key = normalize_code(code)
    except ValueError:
        raise ValidationFailed({"code": ["A region code has 6, 9 or 12 digits."]}) from None
    level = level_of(key)
    if level not in (RegionLevel.township, RegionLevel.village):
        raise ValidationFailed({"code": ["Only townships and villages can be created."]})
    try:
        parent = get(parent_code, session=session)
    except NotFound:
        raise ValidationFailed({"parent_code": ["No such region."]}) from None
    expected = RegionLevel.county if level is RegionLevel.township else RegionLevel.township
    prefix = 6 if level is RegionLevel.township else 9
    if parent.level is not expected or parent.code[:prefix] != key[:prefix]:
        raise ValidationFailed({"parent_code": ["The code does not belong under this parent."]})
    if session.get(Region, key) is not None:
        raise Conflict("A region with this code already exists.", field="code")
    if lat is not None and lon is not None:
        check_place(parent, lat, lon, session=session)
    region = Region(
        code=key,
        name=name,
        level=level,
        parent_code=parent.code,
        path=f"{parent.path}{key}/",
        lat=lat if lat is not None else parent.lat,
        lon=lon if lon is not None else parent.lon,
    )
    session.add(region)
    session.flush()
    return region


def import_csv(text: str, *, session: Session) -> int:
    """Import townships and villages (columns: code,name,parent_code[,lat,lon]),
    parents first; all or nothing."""
    reader = csv.DictReader(io.StringIO(text))
    rows = sorted(reader, key=lambda r: (len((r.get("code") or "").rstrip("0")), r.get("code")))
    errors: dict[str, list[str]] = {}
    created = 0
    for line, row in enumerate(rows, start=2):
        try:
            with session.begin_nested():
                create(
                    session=session,
                    code=row.get("code") or "",
                    name=(row.get("name") or "").strip(),
                    parent_code=row.get("parent_code") or "",
                    lat=float(row["lat"]) if row.get("lat") else None,
                    lon=float(row["lon"]) if row.get("lon") else None,
                )
            created += 1
        except (ValidationFailed, Conflict, ValueError) as exc:
            fields = getattr(exc, "fields", None) or {"row": [str(exc)]}
            errors[f"row {line} ({row.get('code')})"] = [
                f"{k}: {'; '.join(v)}" for k, v in fields.items()
            ]
    if errors:
        raise ValidationFailed(errors, "Nothing was imported.")
    return created


# Plausible places. The regions table holds centroids, not outlines, so a county's bounds
# are the box around its townships' and villages' centroids widened by BOUNDS_TOLERANCE_KM
# (a village's fields and houses lie around its centre). A county whose townships are not
# loaded, and any region above a county, is the box around its own and its counties'
# centroids widened by COUNTY_RADIUS_KM, which holds all but the largest western counties.
BOUNDS_TOLERANCE_KM = 10.0
COUNTY_RADIUS_KM = 100.0
OUTSIDE = "The place lies outside {region}."


@dataclass(frozen=True)
class Bounds:
    south: float
    north: float
    west: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def county_of(region: Region) -> str:
    """The code of the county a region lies in (the region itself at county level or above)."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    for code in codes:
        if level_of(code) is RegionLevel.county:
            return code
    return region.code


def bounds(region: Region, *, session: Session) -> Bounds | None:
    """Where a point of `region` may plausibly lie (its county's box, see above); None when
    nothing of the region has coordinates."""
    anchor = session.get(Region, county_of(region)) or region
    within_anchor = Region.path.startswith(anchor.path, autoescape=True)
    box = func.min(Region.lat), func.max(Region.lat), func.min(Region.lon), func.max(Region.lon)
    margin = COUNTY_RADIUS_KM
    row = None
    if anchor.level is RegionLevel.county:
        row = session.execute(
            select(*box).where(
                within_anchor,
                Region.level.in_([RegionLevel.township, RegionLevel.village]),
                Region.lat.is_not(None),
                Region.lon.is_not(None),
            )
        ).one()
        margin = BOUNDS_TOLERANCE_KM
    if row is None or row[0] is None:
        row = session.execute(
            select(*box).where(
                within_anchor,
                Region.level.in_([RegionLevel.county, anchor.level]),
                Region.lat.is_not(None),
                Region.lon.is_not(None),
            )
        ).one()
        margin = COUNTY_RADIUS_KM
    if row[0] is None:
        return None
    south, north, west, east = (float(v) for v in row)
    dlat = margin / 111.0
    dlon = margin / (111.0 * max(math.cos(math.radians(max(abs(south), abs(north)))), 0.1))
    return Bounds(south - dlat, north + dlat, west - dlon, east + dlon)


def check_place(
    region: Region, lat: float, lon: float, *, session: Session, field: str = "lat"
) -> None:
    """A 422 on `field` when the point cannot lie in the region's county (e.g. (0, 0))."""
    box = bounds(region, session=session)
    if box is not None and not box.contains(lat, lon):
        anchor = session.get(Region, county_of(region)) or region
        raise ValidationFailed({field: [OUTSIDE.format(region=anchor.name)]})


def area_paths(codes: Iterable[str], *, session: Session) -> tuple[str, ...]:
    codes = list(codes)
    if not codes:
        return ()
    return tuple(sorted(session.scalars(select(Region.path).where(Region.code.in_(codes)))))


def path_within(path: str, area_paths: Sequence[str]) -> bool:
    """Python form of `within`: the region at `path` lies in one of the areas."""
    return any(path.startswith(p) for p in area_paths)


def within(
    path_column: QueryableAttribute[str] | ColumnElement[str], paths: Sequence[str]
) -> ColumnElement[bool]:
    """SQL condition: the region at `path_column` lies in one of the areas (`paths`)."""
    if not paths:
        return false()
    return or_(*(path_column.startswith(p, autoescape=True) for p in paths))


def search(
    *,
    session: Session,
    parent: str | None = None,
    level: RegionLevel | None = None,
    q: str | None = None,
):
    stmt = select(Region)
    if parent:
        stmt = stmt.where(Region.parent_code == normalize_code(parent))
    if level:
        stmt = stmt.where(Region.level == level)
    if q:
        stmt = stmt.where(or_(Region.name.contains(q, autoescape=True), Region.code.startswith(q)))
    return stmt.order_by(Region.code)


def count(*, session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Region)) or 0
