"""Solver-independent checker: does a result respect its problem?

Recomputes everything from the problem's own objects (no engine internals),
so the tests can hold any solver to the rules.
"""

from __future__ import annotations

import math

from .geo import distance_km
from .model import Assignment, MatchProblem, MatchResult, Need, Provider

DISTANCE_TOLERANCE_KM = 1e-6


def pair_violation(need: Need, provider: Provider, forbidden: set[tuple[str, str]]) -> str | None:
    """Why this pair is not allowed, or None when it is."""
    if need.category not in provider.categories:
        return f"provider does not offer category {need.category!r}"
    if not need.skills <= provider.skills:
        return f"provider lacks skills {sorted(need.skills - provider.skills)}"
    if not need.requires <= provider.attributes:
        return f"provider lacks attributes {sorted(need.requires - provider.attributes)}"
    if need.in_person:
        if not provider.cleared:
            return "provider is not cleared for in-person work"
        d = distance_km(need.lat, need.lon, provider.lat, provider.lon)
        if d > provider.radius_km + DISTANCE_TOLERANCE_KM:
            return f"distance {d:.3f} km exceeds radius {provider.radius_km} km"
    if (need.id, provider.id) in forbidden:
        return "pair is forbidden"
    return None


def check_assignment(
    a: Assignment,
    problem: MatchProblem,
    needs: dict[str, Need],
    providers: dict[str, Provider],
    pinned: dict[tuple[str, str], int],
    forbidden: set[tuple[str, str]],
) -> list[str]:
    out: list[str] = []
    tag = f"assignment ({a.need_id!r}, {a.provider_id!r})"
    need, provider = needs.get(a.need_id), providers.get(a.provider_id)
    if need is None or provider is None:
        return [f"{tag}: unknown need or provider"]
    if not isinstance(a.amount, int) or a.amount < 1:
        out.append(f"{tag}: amount {a.amount!r} must be a positive integer")
    key = (a.need_id, a.provider_id)
    if key in pinned:
        if a.amount < pinned[key]:
            out.append(f"{tag}: amount {a.amount} is below its pinned amount {pinned[key]}")
        if not need.splittable and a.amount != need.load:
            out.append(f"{tag}: pinned amount differs from load")
    else:
        why = pair_violation(need, provider, forbidden)
        if why:
            out.append(f"{tag}: {why}")
    d = distance_km(need.lat, need.lon, provider.lat, provider.lon)
    if not math.isclose(a.distance_km, d, abs_tol=1e-6):
        out.append(f"{tag}: distance_km {a.distance_km} != {d}")
    return out


def check_needs(result: MatchResult, needs: dict[str, Need]) -> list[str]:
    out: list[str] = []
    covered: dict[str, int] = {}
    providers_of: dict[str, int] = {}
    for a in result.assignments:
        covered[a.need_id] = covered.get(a.need_id, 0) + a.amount
        providers_of[a.need_id] = providers_of.get(a.need_id, 0) + 1
    for need_id, need in needs.items():
        got = covered.get(need_id, 0)
        if got > need.load:
            out.append(f"need {need_id!r}: covered {got} > load {need.load}")
        if not need.splittable and providers_of.get(need_id, 0) > 1:
            out.append(f"need {need_id!r}: not splittable but has several providers")
        if not need.splittable and 0 < got != need.load:
            out.append(f"need {need_id!r}: partially covered but not splittable")
        served = got >= need.load
        if served and need_id in result.unassigned:
            out.append(f"need {need_id!r}: served yet listed as unassigned")
        if not served and need_id not in result.unassigned:
            out.append(f"need {need_id!r}: not served and no reason given")
    for need_id, reason in result.unassigned.items():
        if need_id not in needs:
            out.append(f"unassigned {need_id!r}: unknown need")
        if not reason.code or not reason.message:
            out.append(f"unassigned {need_id!r}: empty reason")
    return out


def check_capacity(result: MatchResult, providers: dict[str, Provider]) -> list[str]:
    used: dict[str, int] = {}
    for a in result.assignments:
        used[a.provider_id] = used.get(a.provider_id, 0) + a.amount
    return [
        f"provider {pid!r}: uses {u} > capacity {providers[pid].capacity}"
        for pid, u in sorted(used.items())
        if pid in providers and u > providers[pid].capacity
    ]


def check_pins(result: MatchResult, pinned: dict[tuple[str, str], int]) -> list[str]:
    present = {(a.need_id, a.provider_id) for a in result.assignments}
    return [f"pinned pair {k!r} missing" for k in sorted(pinned) if k not in present]


def check_objective(
    result: MatchResult, problem: MatchProblem, needs: dict[str, Need]
) -> list[str]:
    out: list[str] = []
    covered: dict[str, int] = {}
    for a in result.assignments:
        covered[a.need_id] = covered.get(a.need_id, 0) + a.amount
    served = sum(n.priority for n in needs.values() if covered.get(n.id, 0) >= n.load)
    preferred = set(problem.preferred)
    kept = sum(1 for a in result.assignments if (a.need_id, a.provider_id) in preferred)
    km = sum(a.distance_km for a in result.assignments if needs[a.need_id].in_person)
    obj = result.objective
    if obj.served_priority != served:
        out.append(f"served_priority {obj.served_priority} != recomputed {served}")
    if obj.preferred_kept != kept:
        out.append(f"preferred_kept {obj.preferred_kept} != recomputed {kept}")
    if not math.isclose(obj.total_distance_km, km, rel_tol=1e-9, abs_tol=1e-6):
        out.append(f"total_distance_km {obj.total_distance_km} != recomputed {km}")
    if result.priority_bound < served:
        out.append(f"priority_bound {result.priority_bound} < served {served}")
    if result.status == "OPTIMAL" and result.priority_bound != served:
        out.append("OPTIMAL result with a priority gap")
    return out


def validate(problem: MatchProblem, result: MatchResult) -> list[str]:
    """Every violation of the problem's rules by the result (empty when valid)."""
    needs = {n.id: n for n in problem.needs}
    providers = {p.id: p for p in problem.providers}
    forbidden = set(problem.forbidden)
    pinned = {
        (p.need_id, p.provider_id): (p.amount if p.amount is not None else needs[p.need_id].load)
        for p in problem.pinned
    }
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for a in result.assignments:
        key = (a.need_id, a.provider_id)
        if key in seen:
            out.append(f"assignment {key!r} appears twice")
        seen.add(key)
        out.extend(check_assignment(a, problem, needs, providers, pinned, forbidden))
    out.extend(check_needs(result, needs))
    out.extend(check_capacity(result, providers))
    out.extend(check_pins(result, pinned))
    out.extend(check_objective(result, problem, needs))
    return out
