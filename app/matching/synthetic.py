"""Reproducible synthetic instances shaped like the field, for benchmarks and tests.

A county: ~19 township centres, ~400 villages around them; children's needs
cluster around villages, volunteers around towns. A province: the same per
county of Fujian, placed at the county centroids shipped with cpca.
"""

from __future__ import annotations

import csv
import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import MatchProblem, Need, Provider

CATEGORIES = (
    "tutoring",
    "companionship",
    "psychological",
    "rehabilitation",
    "home_education",
    "family_guidance",
    "legal_aid",
    "medical",
    "goods",
    "funds",
    "training_post",
)
CATEGORY_WEIGHTS = (0.22, 0.18, 0.10, 0.06, 0.08, 0.07, 0.04, 0.07, 0.08, 0.05, 0.05)
SKILLS = {
    "tutoring": ("math", "chinese", "english", "physics"),
    "psychological": ("counseling", "play_therapy"),
    "rehabilitation": ("physio", "speech"),
    "medical": ("nursing",),
    "legal_aid": ("law",),
    "home_education": ("parenting",),
}
REMOTE_OK = {
    "tutoring",
    "psychological",
    "legal_aid",
    "family_guidance",
    "companionship",
    "goods",
    "funds",
}
# risk tiers: (share, base priority); waiting time adds 0..9
TIERS = ((0.15, 100), (0.35, 30), (0.50, 10))
RADII = (5.0, 8.0, 10.0, 15.0, 20.0, 30.0)
RADII_P = (0.3, 0.3, 0.2, 0.1, 0.05, 0.05)
JINJIANG = (24.781636, 118.551682)


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str
    lat: float
    lon: float


def fujian_counties() -> list[Place]:
    """County-level Fujian (35xxxx) rows of cpca's adcode table; a grid if cpca is absent."""
    spec = importlib.util.find_spec("cpca")  # locate without importing cpca itself
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
        if path.exists():
            out = []
            with path.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    code = row["adcode"][:6]
                    if (
                        code.startswith("35")
                        and code[4:6] not in ("00", "01")
                        and row["latitude"]
                        and row["longitude"]
                    ):
                        out.append(
                            Place(
                                code, row["name"], float(row["latitude"]), float(row["longitude"])
                            )
                        )
            if out:
                return sorted(out, key=lambda p: p.adcode)
    # bounding box of Fujian, 9 x 9 grid
    return [
        Place(f"35{i:02d}{j:02d}", f"grid-{i}-{j}", 23.5 + 4.0 * i / 8, 115.8 + 4.5 * j / 8)
        for i in range(9)
        for j in range(9)
    ]


def _offset(
    rng: np.random.Generator, lat: float, lon: float, sd_km: float, size: int
) -> tuple[np.ndarray, np.ndarray]:
    dlat = rng.normal(0.0, sd_km / 111.2, size)
    dlon = rng.normal(0.0, sd_km / (111.2 * math.cos(math.radians(lat))), size)
    return lat + dlat, lon + dlon


def _county(
    rng: np.random.Generator,
    prefix: str,
    centre: tuple[float, float],
    n_needs: int,
    n_providers: int,
    remote_share: float,
    multi_load_share: float,
    n_towns: int = 19,
    n_villages: int = 400,
    scope: str | None = None,
) -> tuple[list[Need], list[Provider]]:
    # scope: an attribute every provider carries and every need requires (county-run service)
    scoped = frozenset({scope}) if scope else frozenset()
    town_lat, town_lon = _offset(rng, centre[0], centre[1], 12.0, n_towns)
    vt = rng.integers(0, n_towns, n_villages)
    vil_lat = np.empty(n_villages)
    vil_lon = np.empty(n_villages)
    for v in range(n_villages):
        a, b = _offset(rng, float(town_lat[vt[v]]), float(town_lon[vt[v]]), 3.0, 1)
        vil_lat[v], vil_lon[v] = a[0], b[0]

    needs: list[Need] = []
    village = rng.integers(0, n_villages, n_needs)
    cats = rng.choice(len(CATEGORIES), n_needs, p=CATEGORY_WEIGHTS)
    tier = rng.choice(len(TIERS), n_needs, p=[t[0] for t in TIERS])
    wait = rng.integers(0, 10, n_needs)
    remote_draw = rng.random(n_needs)
    skill_draw = rng.random(n_needs)
    req_draw = rng.random(n_needs)
    load_draw = rng.random(n_needs)
    for i in range(n_needs):
        cat = CATEGORIES[cats[i]]
        la, lo = _offset(rng, float(vil_lat[village[i]]), float(vil_lon[village[i]]), 0.6, 1)
        pool = SKILLS.get(cat, ())
        skills = (
            frozenset({pool[int(skill_draw[i] * 1000) % len(pool)]})
            if pool and skill_draw[i] < 0.5
            else frozenset()
        )
        splittable = cat in ("goods", "funds")
        load = 1
        if load_draw[i] < multi_load_share:
            load = int(rng.integers(2, 4))
        needs.append(
            Need(
                id=f"{prefix}n{i:06d}",
                lat=float(la[0]),
                lon=float(lo[0]),
                category=cat,
                priority=TIERS[tier[i]][1] + int(wait[i]),
                skills=skills,
                load=load,
                in_person=not (cat in REMOTE_OK and remote_draw[i] < remote_share),
                requires=(frozenset({"gender:female"}) if req_draw[i] < 0.03 else frozenset())
                | scoped,
                splittable=splittable,
            )
        )

    providers: list[Provider] = []
    town = rng.integers(0, n_towns, n_providers)
    for j in range(n_providers):
        la, lo = _offset(rng, float(town_lat[town[j]]), float(town_lon[town[j]]), 2.5, 1)
        k = int(rng.integers(1, 4))
        pcats = frozenset(
            CATEGORIES[c] for c in rng.choice(len(CATEGORIES), k, replace=False, p=CATEGORY_WEIGHTS)
        )
        offered = sorted({s for c in pcats for s in SKILLS.get(c, ())})
        skills = (
            frozenset(
                rng.choice(
                    offered, min(len(offered), int(rng.integers(1, 4))), replace=False
                ).tolist()
            )
            if offered
            else frozenset()
        )
        providers.append(
            Provider(
                id=f"{prefix}v{j:05d}",
                lat=float(la[0]),
                lon=float(lo[0]),
                radius_km=float(rng.choice(RADII, p=RADII_P)),
                categories=pcats,
                skills=frozenset(str(s) for s in skills),
                capacity=int(rng.integers(1, 6)),
                cleared=bool(rng.random() < 0.85),
                attributes=(frozenset({"gender:female"}) if rng.random() < 0.5 else frozenset())
                | scoped,
            )
        )
    return needs, providers


def county_problem(
    seed: int = 0,
    n_needs: int = 10_000,
    n_providers: int = 3_000,
    centre: tuple[float, float] = JINJIANG,
    remote_share: float = 0.1,
    multi_load_share: float = 0.0,
) -> MatchProblem:
    rng = np.random.default_rng(seed)
    needs, providers = _county(
        rng, "350582-", centre, n_needs, n_providers, remote_share, multi_load_share
    )
    return MatchProblem(needs=needs, providers=providers)


def province_problem(
    seed: int = 0,
    n_needs: int = 100_000,
    n_providers: int = 30_000,
    remote_share: float = 0.1,
    multi_load_share: float = 0.0,
    county_scoped: bool = True,
) -> MatchProblem:
    """Fujian at the cpca county centroids.

    county_scoped: as in the field, a county's civil-affairs bureau runs its own
    roster, so providers serve their own county (attribute "county:<adcode>",
    required by that county's needs). False opens the borders: in-person reach
    and remote hubs then tie the whole province into one component.
    """
    rng = np.random.default_rng(seed)
    return _counties(
        rng,
        fujian_counties(),
        n_needs,
        n_providers,
        remote_share,
        multi_load_share,
        county_scoped,
    )


def _counties(
    rng: np.random.Generator,
    places: list[Place],
    n_needs: int,
    n_providers: int,
    remote_share: float,
    multi_load_share: float,
    county_scoped: bool,
) -> MatchProblem:
    """Needs and providers spread over `places` (counties), in proportion to random weights."""
    weights = rng.uniform(0.5, 1.5, len(places))
    weights /= weights.sum()
    need_counts = rng.multinomial(n_needs, weights)
    provider_counts = rng.multinomial(n_providers, weights)
    needs: list[Need] = []
    providers: list[Provider] = []
    for place, nn, npv in zip(places, need_counts, provider_counts, strict=True):
        # fewer, closer towns per county than Jinjiang's 19 at this density
        n_, p_ = _county(
            rng,
            place.adcode + "-",
            (place.lat, place.lon),
            int(nn),
            int(npv),
            remote_share,
            multi_load_share,
            n_towns=12,
            n_villages=150,
            scope=f"county:{place.adcode}" if county_scoped else None,
        )
        needs.extend(n_)
        providers.extend(p_)
    return MatchProblem(needs=needs, providers=providers)


def country_problem(
    seed: int = 0,
    n_needs: int = 1_000_000,
    n_providers: int = 300_000,
    n_provinces: int = 30,
    remote_share: float = 0.1,
) -> MatchProblem:
    """30 provinces' worth of Fujian-shaped counties, laid side by side over China.

    Each province copies Fujian's county layout, shifted on a grid (about 4 degrees
    apart); counties run their own rosters as in `province_problem`, so the
    country splits into thousands of independent components.
    """
    rng = np.random.default_rng(seed)
    base = fujian_counties()
    places: list[Place] = []
    for k in range(n_provinces):
        dlat = -3.0 + 4.5 * (k // 6)  # 5 rows from about 21N to 43N
        dlon = -30.0 + 5.5 * (k % 6)  # 6 columns from about 88E to 120E
        places.extend(Place(f"{k:02d}{p.adcode}", p.name, p.lat + dlat, p.lon + dlon) for p in base)
    return _counties(rng, places, n_needs, n_providers, remote_share, 0.0, county_scoped=True)
