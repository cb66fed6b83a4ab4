"""Reading a region for a match run: its open needs, the providers within reach and what
they have left, last run's proposals and the coordinators' decisions, as the engine's
problem.

A run must never fail because of the state of some other object. The problem holds only
the needs the run may propose for (open or proposed, matchable, not yet covered); every
other pairing, and every pending proposal outside the region, is capacity used elsewhere.
What the read saw (each need's version, the last forbidden pair) is kept, so the write can
tell what coordinators decided while the engine worked.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import String, Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from app import matching as engine
from app.errors import NotFound
from app.models import (
    LIVE_PAIRINGS,
    Agency,
    AidItem,
    AidItemKind,
    CheckState,
    Child,
    ForbiddenPair,
    MatchRun,
    Need,
    NeedCategory,
    NeedKind,
    NeedStatus,
    Pairing,
    Proposal,
    ProposalStatus,
    ProviderType,
    Region,
    Resource,
    ResourceKind,
    ResourceStatus,
    RunStatus,
    Volunteer,
)
from app.services import needs
from app.services.needs import need_load
from app.services.priority import PriorityPolicy

MAX_REACH_KM = 50.0  # providers this far beyond the region's needs may still reach them
_PREFIX = {ProviderType.volunteer: "v", ProviderType.agency: "a", ProviderType.resource: "r"}
_TYPE = {v: k for k, v in _PREFIX.items()}
BOTH_GENDERS = frozenset({"gender:female", "gender:male"})
OTHER_GOODS = "other_goods"  # goods without a named item match only each other
UNSPECIFIED_USE = "unspecified"  # a funds need without a purpose takes unrestricted money


def provider_key(kind: ProviderType, pk: int) -> str:
    return f"{_PREFIX[kind]}{pk}"


def parse_provider_key(key: str) -> tuple[ProviderType, int]:
    return _TYPE[key[0]], int(key[1:])


def need_key(need_id: int) -> str:
    return f"n{need_id}"


@dataclass(frozen=True)
class MinParts:
    """The smallest part of a need donors may cover in parts: a share of the need, and never
    less than `funds_yuan` for money (unless the need, or what is left of it, is smaller)."""

    share: float = 0.1
    funds_yuan: int = 100

    def of(self, kind: NeedKind, load: int) -> int:
        least = math.ceil(self.share * load)
        if kind is NeedKind.funds:
            least = max(least, self.funds_yuan)
        return max(1, min(load, least))


@dataclass
class NeedInfo:
    id: int
    child_id: int
    risk: str
    category: str
    township: str
    status: str
    version: int
    lat: float
    lon: float
    in_person: bool
    load: int
    pinned: int = 0  # units already covered by approved parts


@dataclass
class PlanInputs:
    region_code: str
    region_path: str
    needs: list[engine.Need]
    providers: list[engine.Provider]
    pins: list[tuple[str, str, int]]
    forbidden: list[tuple[str, str]]
    preferred: list[tuple[str, str]]
    info: dict[int, NeedInfo]
    previous_pending: dict[tuple[int, str], int]  # (need, provider key) -> proposal id
    previous_run_id: int | None
    live_pairings: int  # approved pairings of the region's children, kept as they are
    forbidden_watermark: int  # the last forbidden pair the read saw
    skipped: dict[str, int] = field(default_factory=dict)  # needs left out of the problem


def resource_capacity(posts: int | None, quantity: float | None, amount: float | None) -> int:
    """What a resource can give, in the units needs are counted in (one rule, used by the
    run and by approval)."""
    if posts is not None:
        return max(0, posts)
    if quantity is not None:
        return max(0, math.floor(quantity))
    return max(0, math.floor(amount or 0))


def raw(column: Any) -> Any:
    """An enumeration read as its stored text (no enum object built per row)."""
    return type_coerce(column, String).label(column.key)


def as_text(column: Any) -> Any:
    """A JSON column read as its text: a province repeats a few hundred distinct lists
    across a hundred thousand rows, so they are decoded once each (`strings`)."""
    return cast(column, Text)


@lru_cache(maxsize=4096)
def strings(raw: str | None) -> frozenset[str]:
    """A JSON list of strings, as a set (decoded once per distinct text)."""
    return frozenset(json.loads(raw)) if raw else frozenset()


@lru_cache(maxsize=4096)
def skill_names(raw: str | None) -> frozenset[str]:
    """A volunteer's skills ([{"skill": ..., "verified": ...}]), as the set of names."""
    return frozenset(s["skill"] for s in json.loads(raw)) if raw else frozenset()


def _box(lats: np.ndarray, lons: np.ndarray, margin_km: float) -> tuple[float, float, float, float]:
    dlat = margin_km / 111.0
    mid = math.radians(float(np.mean(lats))) if len(lats) else 0.0
    dlon = margin_km / (111.0 * max(0.2, math.cos(mid)))
    return (
        float(lats.min()) - dlat,
        float(lats.max()) + dlat,
        float(lons.min()) - dlon,
        float(lons.max()) + dlon,
    )


def _in_box(model: Any, box: tuple[float, float, float, float]) -> Any:
    lat0, lat1, lon0, lon1 = box
    return (model.lat.between(lat0, lat1)) & (model.lon.between(lon0, lon1))


def in_region(path: str) -> Any:
    return Child.region_path.startswith(path, autoescape=True)


def read(
    region_code: str,
    *,
    session: Session,
    policy: PriorityPolicy,
    now: datetime,
    min_parts: MinParts | None = None,
) -> PlanInputs:
    region = session.get(Region, region_code)
    if region is None:
        raise NotFound()
    min_parts = min_parts or MinParts()
    today = now.date()
    inside = in_region(region.path)
    # First what decisions the read has seen: anything later is caught by the write.
    watermark = int(session.scalar(select(func.coalesce(func.max(ForbiddenPair.id), 0))) or 0)
    # Columns, not entities: no child's personal data is loaded (or decrypted) to match;
    # and through the connection, as plain rows (the ORM's loading adds nothing to columns).
    connection = session.connection()
    rows = connection.execute(
        select(
            Need.id,
            Need.child_id,
            Need.category_code,
            Need.item_code,
            raw(Need.status),
            Need.version,
            as_text(Need.skills).label("skills"),
            Need.in_person,
            Need.quantity,
            Need.amount,
            raw(Need.urgency),
            raw(Need.preferred_gender),
            as_text(Need.languages).label("languages"),
            Need.opened_at,
            raw(NeedCategory.kind),
            Child.lat,
            Child.lon,
            raw(Child.risk_level),
            Child.township_code,
        )
        .join(Child, Child.id == Need.child_id)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
        .where(
            inside,
            Need.status.in_([NeedStatus.open, NeedStatus.proposed]),
            needs.matchable_clause(),
        )
        .order_by(Need.id)
    ).all()
    # Approved pairings of the region: parts of needs still open are pinned in the problem;
    # all the others only take their providers' capacity.
    live = connection.execute(
        select(
            Pairing.need_id,
            Pairing.provider_type,
            Pairing.provider_id,
            func.sum(Pairing.amount).label("amount"),
        )
        .join(Need, Need.id == Pairing.need_id)
        .join(Child, Child.id == Need.child_id)
        .where(inside, Pairing.status.in_(LIVE_PAIRINGS))
        .group_by(Pairing.need_id, Pairing.provider_type, Pairing.provider_id)
    ).all()
    live_by_need: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for p in live:
        live_by_need[p.need_id].append(
            (provider_key(p.provider_type, p.provider_id), int(p.amount))
        )

    weights = policy.weigh([(r.risk_level, r.urgency, r.opened_at) for r in rows], now)
    engine_needs: list[engine.Need] = []
    info: dict[int, NeedInfo] = {}
    pins: list[tuple[str, str, int]] = []
    skipped: dict[str, int] = defaultdict(int)
    for row, weight in zip(rows, weights, strict=True):
        kind = NeedKind(row.kind)
        load, splittable = need_load(kind, row.quantity, row.amount)
        parts = live_by_need.get(row.id, [])
        pinned = sum(amount for _, amount in parts)
        if pinned and (not splittable or pinned >= load):
            skipped["covered"] += 1  # approved pairings cover it already: nothing to propose
            continue
        requires = _requires(kind, row.preferred_gender, row.languages, row.item_code)
        key = need_key(row.id)
        engine_needs.append(
            engine.Need(
                id=key,
                lat=row.lat,
                lon=row.lon,
                category=row.category_code,
                priority=weight,
                skills=strings(row.skills),
                load=load,
                in_person=row.in_person,
                requires=requires,
                splittable=splittable,
                min_part=min_parts.of(kind, load) if splittable else 1,
            )
        )
        info[row.id] = NeedInfo(
            id=row.id,
            child_id=row.child_id,
            risk=row.risk_level,
            category=row.category_code,
            township=row.township_code,
            status=row.status,
            version=row.version,
            lat=row.lat,
            lon=row.lon,
            in_person=row.in_person,
            load=load,
            pinned=pinned,
        )
        pins.extend((key, provider, amount) for provider, amount in parts)

    providers: list[engine.Provider] = []
    if engine_needs:
        lats = np.array([n.lat for n in engine_needs])
        lons = np.array([n.lon for n in engine_needs])
        providers = _providers(session, _box(lats, lons, MAX_REACH_KM), today)
    keys = {p.id for p in providers}
    pins = [pin for pin in pins if pin[1] in keys]  # a provider gone inactive keeps its pairing
    providers = _less_capacity_used_elsewhere(session, providers, pins, region.path)

    pinned_pairs = {(n, p) for n, p, _ in pins}
    forbidden = {
        (need_key(f.need_id), provider_key(f.provider_type, f.provider_id))
        for f in connection.execute(
            select(
                ForbiddenPair.need_id, raw(ForbiddenPair.provider_type), ForbiddenPair.provider_id
            )
            .join(Need, Need.id == ForbiddenPair.need_id)
            .join(Child, Child.id == Need.child_id)
            .where(inside, ForbiddenPair.id <= watermark)
        )
        if f.need_id in info and provider_key(f.provider_type, f.provider_id) in keys
    }
    # on a pinned pair, forbidden means no new units: the approved part stands
    forbidden |= set(_outside_contracts(session, info, providers))
    previous_run_id = session.scalar(
        select(MatchRun.id)
        .where(MatchRun.region_code == region.code, MatchRun.status == RunStatus.succeeded)
        .order_by(MatchRun.id.desc())
        .limit(1)
    )
    pending = connection.execute(
        select(Proposal.id, Proposal.need_id, raw(Proposal.provider_type), Proposal.provider_id)
        .join(Need, Need.id == Proposal.need_id)
        .join(Child, Child.id == Need.child_id)
        .where(inside, Proposal.status == ProposalStatus.pending)
    ).all()
    previous_pending = {
        (r.need_id, provider_key(r.provider_type, r.provider_id)): r.id for r in pending
    }
    preferred = sorted(
        (need_key(n), p)
        for (n, p) in previous_pending
        if n in info
        and p in keys
        and (need_key(n), p) not in forbidden
        and (need_key(n), p) not in pinned_pairs
    )
    return PlanInputs(
        region_code=region.code,
        region_path=region.path,
        needs=engine_needs,
        providers=providers,
        pins=pins,
        forbidden=sorted(forbidden),
        preferred=preferred,
        info=info,
        previous_pending=previous_pending,
        previous_run_id=previous_run_id,
        live_pairings=sum(len(v) for v in live_by_need.values()),
        forbidden_watermark=watermark,
        skipped=dict(skipped),
    )


@lru_cache(maxsize=4096)
def _requires(
    kind: NeedKind, gender: str | None, languages: str | None, item: str | None
) -> frozenset[str]:
    """What a need requires of its provider (a province repeats a few hundred of these)."""
    requires = {f"gender:{gender}"} if gender else set()
    requires |= {f"lang:{lang}" for lang in strings(languages)}
    if kind is NeedKind.goods:
        requires.add(f"item:{item or OTHER_GOODS}")
    elif kind is NeedKind.funds:
        requires.add(f"use:{item or UNSPECIFIED_USE}")
    return frozenset(requires)


@lru_cache(maxsize=4096)
def _attributes(gender: str | None, languages: str | None) -> frozenset[str]:
    """A volunteer's attributes: its languages and gender."""
    attributes = {f"lang:{lang}" for lang in strings(languages)}
    if gender:
        attributes.add(f"gender:{gender}")
    return frozenset(attributes)


def _fund_purposes(session: Session) -> frozenset[str]:
    codes = session.scalars(select(AidItem.code).where(AidItem.kind == AidItemKind.funds))
    return frozenset(f"use:{c}" for c in codes) | {f"use:{UNSPECIFIED_USE}"}


def _providers(
    session: Session, box: tuple[float, float, float, float], today: date
) -> list[engine.Provider]:
    out: list[engine.Provider] = []
    volunteers = session.connection().execute(
        select(
            Volunteer.id,
            Volunteer.lat,
            Volunteer.lon,
            Volunteer.travel_km,
            as_text(Volunteer.categories).label("categories"),
            as_text(Volunteer.skills).label("skills"),
            Volunteer.max_children,
            raw(Volunteer.gender),
            as_text(Volunteer.languages).label("languages"),
            raw(Volunteer.check_state),
            Volunteer.check_expires_on,
        ).where(Volunteer.active.is_(True), _in_box(Volunteer, box))
    )
    for v in volunteers:
        cleared = v.check_state == CheckState.cleared.value and (
            v.check_expires_on is None or v.check_expires_on >= today
        )
        out.append(
            engine.Provider(
                id=provider_key(ProviderType.volunteer, v.id),
                lat=v.lat,
                lon=v.lon,
                radius_km=v.travel_km,
                categories=strings(v.categories),
                skills=skill_names(v.skills),
                capacity=v.max_children,
                cleared=cleared,
                attributes=_attributes(v.gender, v.languages),
            )
        )
    agencies = session.execute(
        select(
            Agency.id,
            Agency.lat,
            Agency.lon,
            Agency.service_radius_km,
            Agency.categories,
            Agency.skills,
            Agency.caseload_capacity,
            Agency.contract_end,
        ).where(_in_box(Agency, box))
    )
    for a in agencies:
        if a.contract_end and a.contract_end < today:
            continue
        out.append(
            engine.Provider(
                id=provider_key(ProviderType.agency, a.id),
                lat=a.lat,
                lon=a.lon,
                radius_km=a.service_radius_km,
                categories=frozenset(a.categories),
                skills=frozenset(a.skills),
                capacity=a.caseload_capacity,
                cleared=True,
                attributes=BOTH_GENDERS,
            )
        )
    unrestricted: frozenset[str] | None = None
    resources = session.execute(
        select(
            Resource.id,
            Resource.kind,
            Resource.lat,
            Resource.lon,
            Resource.delivery_radius_km,
            Resource.category_code,
            Resource.item_code,
            Resource.allowed_uses,
            Resource.posts,
            Resource.quantity,
            Resource.amount,
        ).where(Resource.status == ResourceStatus.available, _in_box(Resource, box))
    )
    for r in resources:
        offers: frozenset[str] = BOTH_GENDERS
        if r.kind is ResourceKind.goods:
            offers = offers | {f"item:{r.item_code or OTHER_GOODS}"}
        elif r.kind is ResourceKind.funds:
            if r.allowed_uses:
                offers = offers | {f"use:{u}" for u in r.allowed_uses}
            else:
                if unrestricted is None:
                    unrestricted = _fund_purposes(session)
                offers = offers | unrestricted
        out.append(
            engine.Provider(
                id=provider_key(ProviderType.resource, r.id),
                lat=r.lat,
                lon=r.lon,
                radius_km=r.delivery_radius_km,
                categories=frozenset({r.category_code}),
                capacity=resource_capacity(r.posts, r.quantity, r.amount),
                cleared=True,
                attributes=offers,
            )
        )
    return out


def committed_capacity(
    session: Session, region_path: str, keys: set[str] | None = None
) -> dict[str, int]:
    """Units each provider has promised outside this run's reach: every live pairing, and
    every pending proposal for a child outside the region (another county's run). A region's
    own pending proposals are not counted: its run replaces them."""
    used: dict[str, int] = defaultdict(int)
    live = session.execute(
        select(Pairing.provider_type, Pairing.provider_id, func.sum(Pairing.amount))
        .where(Pairing.status.in_(LIVE_PAIRINGS))
        .group_by(Pairing.provider_type, Pairing.provider_id)
    ).all()
    pending = session.execute(
        select(Proposal.provider_type, Proposal.provider_id, func.sum(Proposal.amount))
        .join(Need, Need.id == Proposal.need_id)
        .join(Child, Child.id == Need.child_id)
        .where(Proposal.status == ProposalStatus.pending, ~in_region(region_path))
        .group_by(Proposal.provider_type, Proposal.provider_id)
    ).all()
    for kind, pk, total in (*live, *pending):
        key = provider_key(kind, pk)
        if keys is None or key in keys:
            used[key] += int(total or 0)
    return dict(used)


def _less_capacity_used_elsewhere(
    session: Session,
    providers: list[engine.Provider],
    pins: list[tuple[str, str, int]],
    region_path: str,
) -> list[engine.Provider]:
    """What a provider has left for this run: its capacity less what it has promised
    elsewhere. Pinned parts are in the problem and counted by the engine."""
    used = committed_capacity(session, region_path, {p.id for p in providers})
    pinned: dict[str, int] = defaultdict(int)
    for _, key, amount in pins:
        pinned[key] += amount
    out = []
    for p in providers:
        elsewhere = used.get(p.id, 0) - pinned.get(p.id, 0)
        # Approved parts stay even if the provider has since lowered its capacity.
        capacity = max(pinned.get(p.id, 0), p.capacity - max(0, elsewhere))
        out.append(replace(p, capacity=capacity) if capacity != p.capacity else p)
    return out


def _outside_contracts(
    session: Session, info: dict[int, NeedInfo], providers: list[engine.Provider]
) -> list[tuple[str, str]]:
    """Agencies serve in person only the townships they are contracted for: forbid the rest.
    Remote needs are left out: forbidding one of them would cost the engine a direct arc to
    every provider of its class instead of one arc to the class's hub."""
    agency_ids = [int(p.id[1:]) for p in providers if p.id.startswith("a")]
    if not agency_ids or not info:
        return []
    out: list[tuple[str, str]] = []
    grouped: dict[str, list[NeedInfo]] = defaultdict(list)
    for n in info.values():
        if n.in_person:
            grouped[n.category].append(n)
    # Per category: arrays of the needs, so each agency looks only at those in its reach.
    arrays = {
        c: (
            np.array([n.lat for n in ns]),
            np.array([n.lon for n in ns]),
            np.array([n.township for n in ns]),
            np.array([n.id for n in ns]),
        )
        for c, ns in grouped.items()
    }
    for agency in session.scalars(select(Agency).where(Agency.id.in_(agency_ids))):
        contracted = list(agency.township_codes)
        if not contracted:
            continue
        key = provider_key(ProviderType.agency, agency.id)
        dlat = agency.service_radius_km / 111.0
        dlon = dlat / max(0.2, math.cos(math.radians(agency.lat)))
        for category in agency.categories:
            if category not in arrays:
                continue
            lats, lons, townships, ids = arrays[category]
            near = (np.abs(lats - agency.lat) <= dlat) & (np.abs(lons - agency.lon) <= dlon)
            outside = near & ~np.isin(townships, contracted)
            out.extend((need_key(i), key) for i in ids[outside].tolist())
    return out
