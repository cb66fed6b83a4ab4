"""Small builders and a brute-force reference optimum for the matching tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from app.matching import MatchProblem, MatchResult, Need, Provider, solve, validate
from app.matching.geo import distance_km
from app.matching.validate import pair_violation

LAT, LON = 24.78, 118.55


def need(
    id: str,
    *,
    dlat: float = 0.0,
    dlon: float = 0.0,
    category: str = "tutoring",
    priority: int = 10,
    **kw: object,
) -> Need:
    return Need(id=id, lat=LAT + dlat, lon=LON + dlon, category=category, priority=priority, **kw)  # type: ignore[arg-type]


def provider(
    id: str,
    *,
    dlat: float = 0.0,
    dlon: float = 0.0,
    radius_km: float = 10.0,
    categories: Sequence[str] = ("tutoring",),
    capacity: int = 1,
    cleared: bool = True,
    **kw: object,
) -> Provider:
    return Provider(
        id=id,
        lat=LAT + dlat,
        lon=LON + dlon,
        radius_km=radius_km,
        categories=frozenset(categories),
        capacity=capacity,
        cleared=cleared,
        **kw,
    )  # type: ignore[arg-type]


def solved(problem: MatchProblem, **kw: object) -> MatchResult:
    """Solve with pinned seed/workers and insist the result is valid."""
    kw.setdefault("seed", 0)
    kw.setdefault("cpsat_workers", 1)
    result = solve(problem, **kw)  # type: ignore[arg-type]
    violations = validate(problem, result)
    assert violations == [], violations
    return result


def pairs_of(result: MatchResult) -> set[tuple[str, str]]:
    return {(a.need_id, a.provider_id) for a in result.assignments}


def _compositions(total: int, slots: int) -> Iterator[tuple[int, ...]]:
    if slots == 0:
        if total == 0:
            yield ()
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, slots - 1):
            yield (first, *rest)


def brute_force(problem: MatchProblem) -> tuple[int, int, float]:
    """Lexicographic optimum (served priority, preferred kept, -distance) by enumeration."""
    forbidden = set(problem.forbidden)
    preferred = set(problem.preferred)
    providers = list(problem.providers)
    cap = {p.id: p.capacity for p in providers}
    pinned = {pin.need_id: pin.provider_id for pin in problem.pinned}
    for pin in problem.pinned:
        cap[pin.provider_id] -= problem.pin_amount(pin)
    options: list[list[dict[str, int]]] = []
    free_needs = [n for n in problem.needs if n.id not in pinned]
    for n in free_needs:
        allowed = [p for p in providers if pair_violation(n, p, forbidden) is None]
        opts: list[dict[str, int]] = [{}]
        if n.splittable:
            for comp in _compositions(n.load, len(allowed)):
                if sum(comp):
                    opts.append({p.id: x for p, x in zip(allowed, comp, strict=True) if x})
        else:
            opts.extend({p.id: n.load} for p in allowed)
        options.append(opts)
    by_id = {p.id: p for p in providers}

    def km(n: Need, pid: str) -> float:
        p = by_id[pid]
        return distance_km(n.lat, n.lon, p.lat, p.lon) if n.in_person else 0.0

    base_prio = sum(n.priority for n in problem.needs if n.id in pinned)
    base_pref = sum(1 for nid, pid in pinned.items() if (nid, pid) in preferred)
    base_km = sum(km(n, pinned[n.id]) for n in problem.needs if n.id in pinned)
    best = (-1, -1, 0.0)
    for choice in itertools.product(*options):
        used: dict[str, int] = {}
        for opt in choice:
            for pid, x in opt.items():
                used[pid] = used.get(pid, 0) + x
        if any(used[pid] > cap[pid] for pid in used):
            continue
        prio, pref, dist = base_prio, base_pref, base_km
        for n, opt in zip(free_needs, choice, strict=True):
            if opt:
                prio += n.priority
                pref += sum(1 for pid in opt if (n.id, pid) in preferred)
                dist += sum(km(n, pid) for pid in opt)
        key = (prio, pref, -dist)
        if key > best:
            best = key
    return best[0], best[1], -best[2]
