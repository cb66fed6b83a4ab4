"""Solver-independent checker: does a result respect its problem?

Recomputes everything from the problem's own objects (no engine internals),
so the tests can hold any solver to the rules.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

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
    pinned: Mapping[tuple[str, str], int],
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
    approved = pinned.get(key, 0)
    if a.pinned_amount != approved:
        out.append(f"{tag}: pinned_amount {a.pinned_amount} != approved amount {approved}")
    if a.amount < approved:
        out.append(f"{tag}: amount {a.amount} is below its pinned amount {approved}")
    if a.amount > approved:  # new units: the pair must pass every filter
        why = pair_violation(need, provider, forbidden)
        if why:
            out.append(f"{tag}: {why}")
    d = distance_km(need.lat, need.lon, provider.lat, provider.lon)
    if not math.isclose(a.distance_km, d, abs_tol=1e-6):
        out.append(f"{tag}: distance_km {a.distance_km} != {d}")
    return out


def check_needs(
    result: MatchResult, needs: dict[str, Need], pinned: Mapping[tuple[str, str], int]
) -> list[str]:
    """Loads, splits and smallest parts. New units (beyond the pins) fill at most what the
    pins leave of a load; an unsplittable need gets them from one provider, all at once,
    and only on its pinned pair if it has pins; every new part of a splittable need is at
    least min(min_part, what the pins leave)."""
    out: list[str] = []
    covered: dict[str, int] = {}
    new_parts: dict[str, list[tuple[str, int]]] = {}
    for a in result.assignments:
        covered[a.need_id] = covered.get(a.need_id, 0) + a.amount
        extra = a.amount - pinned.get((a.need_id, a.provider_id), 0)
        if extra > 0:
            new_parts.setdefault(a.need_id, []).append((a.provider_id, extra))
    pinned_cover: dict[str, int] = {}
    pinned_to: dict[str, list[str]] = {}
    for (need_id, provider_id), x in pinned.items():
        pinned_cover[need_id] = pinned_cover.get(need_id, 0) + x
        pinned_to.setdefault(need_id, []).append(provider_id)
    for need_id, need in needs.items():
        got = covered.get(need_id, 0)
        remaining = max(0, need.load - pinned_cover.get(need_id, 0))
        parts = new_parts.get(need_id, [])
        new = sum(x for _, x in parts)
        if new > remaining:
            out.append(f"need {need_id!r}: {new} new units > {remaining} left of its load")
        if parts and not need.splittable:
            if len(parts) > 1:
                out.append(f"need {need_id!r}: not splittable but has several providers")
            elif new != remaining:
                out.append(f"need {need_id!r}: partially covered but not splittable")
            mine = pinned_to.get(need_id, [])
            if mine and (len(mine) > 1 or parts[0][0] != mine[0]):
                out.append(f"need {need_id!r}: not splittable, new units off its pinned pair")
        if need.splittable:
            smallest = min(need.min_part, remaining)
            for provider_id, x in parts:
                if x < smallest:
                    out.append(
                        f"need {need_id!r}: part of {x} with {provider_id!r} is below its "
                        f"smallest part {smallest}"
                    )
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


def check_capacity(
    result: MatchResult, providers: dict[str, Provider], pinned: Mapping[tuple[str, str], int]
) -> list[str]:
    """Pins stand even above a lowered capacity; new units fit in what they leave."""
    used: dict[str, int] = {}
    approved: dict[str, int] = {}
    for (_, provider_id), x in pinned.items():
        approved[provider_id] = approved.get(provider_id, 0) + x
    for a in result.assignments:
        used[a.provider_id] = used.get(a.provider_id, 0) + a.amount
    return [
        f"provider {pid!r}: uses {u} > capacity {providers[pid].capacity}"
        for pid, u in sorted(used.items())
        if pid in providers and u > max(providers[pid].capacity, approved.get(pid, 0))
    ]


def check_pins(result: MatchResult, pinned: Mapping[tuple[str, str], int]) -> list[str]:
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
    pinned = problem.pinned_amounts
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for a in result.assignments:
        key = (a.need_id, a.provider_id)
        if key in seen:
            out.append(f"assignment {key!r} appears twice")
        seen.add(key)
        out.extend(check_assignment(a, problem, needs, providers, pinned, forbidden))
    out.extend(check_needs(result, needs, pinned))
    out.extend(check_capacity(result, providers, pinned))
    out.extend(check_pins(result, pinned))
    out.extend(check_objective(result, problem, needs))
    return out
