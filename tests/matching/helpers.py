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


def _compositions(total: int, slots: int, smallest: int = 1) -> Iterator[tuple[int, ...]]:
    """Ways to write total as slots non-negative parts, each part 0 or >= smallest."""
    if slots == 0:
        if total == 0:
            yield ()
        return
    for first in range(total + 1):
        if 0 < first < smallest:
            continue
        for rest in _compositions(total - first, slots - 1, smallest):
            yield (first, *rest)


def brute_force(problem: MatchProblem) -> tuple[int, int, float]:
    """Lexicographic optimum (served priority, preferred kept, -distance) by enumeration.

    Pins stand as they are; each need may get new units up to what its pins leave of its
    load (an unsplittable one from one provider, on its pinned pair if it has one); every
    new part of a splittable need is at least min(min_part, what is left). A pair counts
    once (preferred, distance) however many units it carries."""
    forbidden = set(problem.forbidden)
    preferred = set(problem.preferred)
    providers = list(problem.providers)
    by_id = {p.id: p for p in providers}
    pins = dict(problem.pinned_amounts)
    cap = {p.id: p.capacity for p in providers}
    cover: dict[str, int] = {}
    pinned_to: dict[str, list[str]] = {}
    for (nid, pid), x in pins.items():
        cap[pid] -= x
        cover[nid] = cover.get(nid, 0) + x
        pinned_to.setdefault(nid, []).append(pid)
    options: list[list[dict[str, int]]] = []
    free_needs = []
    for n in problem.needs:
        left = max(0, n.load - cover.get(n.id, 0))
        if left == 0:
            continue
        allowed = [p for p in providers if pair_violation(n, p, forbidden) is None]
        if not n.splittable and n.id in pinned_to:
            mine = pinned_to[n.id]
            allowed = [p for p in allowed if len(mine) == 1 and p.id == mine[0]]
        opts: list[dict[str, int]] = [{}]
        if n.splittable:
            for comp in _compositions(left, len(allowed), min(n.min_part, left)):
                if sum(comp):
                    opts.append({p.id: x for p, x in zip(allowed, comp, strict=True) if x})
        else:
            opts.extend({p.id: left} for p in allowed)
        free_needs.append(n)
        options.append(opts)

    def km(n: Need, pid: str) -> float:
        p = by_id[pid]
        return distance_km(n.lat, n.lon, p.lat, p.lon) if n.in_person else 0.0

    needs = {n.id: n for n in problem.needs}
    base_pairs = set(pins)
    best = (-1, -1, 0.0)
    for choice in itertools.product(*options):
        used: dict[str, int] = {}
        for opt in choice:
            for pid, x in opt.items():
                used[pid] = used.get(pid, 0) + x
        if any(x > max(0, cap[pid]) for pid, x in used.items()):
            continue
        pairs = set(base_pairs)
        got = dict(cover)
        for n, opt in zip(free_needs, choice, strict=True):
            for pid, x in opt.items():
                pairs.add((n.id, pid))
                got[n.id] = got.get(n.id, 0) + x
        prio = sum(n.priority for n in problem.needs if got.get(n.id, 0) >= n.load)
        pref = sum(1 for pair in pairs if pair in preferred)
        dist = sum(km(needs[nid], pid) for nid, pid in pairs)
        key = (prio, pref, -dist)
        if key > best:
            best = key
    return best[0], best[1], -best[2]
