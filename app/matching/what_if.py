"""What-if planning: what more providers, or more capacity, would serve.

The engine solves the problem as it is (the baseline) and with the change (the scenario),
and the answer is the difference. Components of the candidate graph are independent, so
only those the change touches are solved again: the scenario's components that hold a new
provider or one with more capacity. Adding providers only merges components, so those
components contain everything the change can move, and both solves on them are exact (a
test holds them against solves of the whole problem).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .candidates import build_candidates, index_problem
from .components import split_components
from .model import MatchProblem, MatchResult, Pin, Provider
from .solver import solve


@dataclass(frozen=True)
class Scenario:
    """Providers to add, and more capacity for providers there are (id -> extra units)."""

    add: tuple[Provider, ...] = ()
    extra_capacity: Mapping[str, int] = field(default_factory=dict)

    def check(self, problem: MatchProblem) -> None:
        known = {p.id for p in problem.providers}
        for p in self.add:
            if p.id in known:
                raise ValueError(f"added provider {p.id!r} is already in the problem")
            known.add(p.id)
        for pid, extra in self.extra_capacity.items():
            if pid not in {p.id for p in problem.providers}:
                raise ValueError(f"provider {pid!r} is not in the problem")
            if not isinstance(extra, int) or isinstance(extra, bool) or extra < 1:
                raise ValueError(f"provider {pid!r}: extra capacity must be an integer >= 1")

    @property
    def touched(self) -> frozenset[str]:
        return frozenset(p.id for p in self.add) | frozenset(self.extra_capacity)


def apply(problem: MatchProblem, scenario: Scenario) -> MatchProblem:
    """The whole problem with the scenario's change."""
    scenario.check(problem)
    providers = [
        replace(p, capacity=p.capacity + scenario.extra_capacity[p.id])
        if p.id in scenario.extra_capacity
        else p
        for p in problem.providers
    ]
    return MatchProblem(
        needs=problem.needs,
        providers=[*providers, *scenario.add],
        pinned=problem.pinned,
        forbidden=problem.forbidden,
        preferred=problem.preferred,
    )


def _restrict(problem: MatchProblem, need_ids: set[str], provider_ids: set[str]) -> MatchProblem:
    """The part of `problem` on these needs and providers. Approved pairings between them
    stay; a kept provider's pairings with needs left out only take its capacity; a kept
    need's pairings with providers left out stay, that provider holding just them."""
    amount = {pin: problem.pin_amount(pin) for pin in problem.pinned}
    used_outside: dict[str, int] = {}
    holding: dict[str, int] = {}
    pins: list[Pin] = []
    for pin, units in amount.items():
        need_in, provider_in = pin.need_id in need_ids, pin.provider_id in provider_ids
        if need_in and provider_in:
            pins.append(Pin(pin.need_id, pin.provider_id, units))
        elif provider_in:
            used_outside[pin.provider_id] = used_outside.get(pin.provider_id, 0) + units
        elif need_in:
            holding[pin.provider_id] = holding.get(pin.provider_id, 0) + units
            pins.append(Pin(pin.need_id, pin.provider_id, units))
    providers = []
    for p in problem.providers:
        if p.id in provider_ids:
            providers.append(replace(p, capacity=p.capacity - used_outside.get(p.id, 0)))
        elif p.id in holding:
            providers.append(replace(p, capacity=holding[p.id]))
    kept = provider_ids | set(holding)

    def inside(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(n, p) for n, p in pairs if n in need_ids and p in kept]

    return MatchProblem(
        needs=[n for n in problem.needs if n.id in need_ids],
        providers=providers,
        pinned=pins,
        forbidden=inside(problem.forbidden),
        preferred=inside(problem.preferred),
    )


def affected(problem: MatchProblem, scenario: Scenario) -> tuple[MatchProblem, MatchProblem]:
    """(baseline, scenario) restricted to the components the change touches."""
    changed = apply(problem, scenario)
    ix = index_problem(changed)
    cand = build_candidates(ix)
    touched = {ix.provider_index[pid] for pid in scenario.touched}
    need_ids: set[str] = set()
    provider_ids: set[str] = set()
    for comp in split_components(ix, cand):
        members = set(comp.providers.tolist())
        if cand.hub_providers:
            for hub in comp.hubs.tolist():
                members.update(cand.hub_providers[hub].tolist())
        if members & touched:
            need_ids.update(ix.needs[i].id for i in comp.needs.tolist())
            provider_ids.update(ix.providers[i].id for i in members)
    provider_ids |= set(scenario.extra_capacity)
    added = {p.id for p in scenario.add}
    after = _restrict(changed, need_ids, provider_ids | added)
    before = _restrict(problem, need_ids, provider_ids - added)
    return before, after


@dataclass(frozen=True)
class Comparison:
    baseline: MatchResult
    scenario: MatchResult
    needs: tuple[str, ...]  # the needs considered (those the change could move)
    newly_served: tuple[str, ...]
    no_longer_served: tuple[str, ...]

    @property
    def served_priority_gain(self) -> int:
        return self.scenario.served_priority - self.baseline.served_priority


def served(problem: MatchProblem, result: MatchResult) -> set[str]:
    """Needs wholly covered (approved parts and proposals together)."""
    return {n.id for n in problem.needs} - set(result.unassigned)


def compare(
    problem: MatchProblem,
    scenario: Scenario,
    *,
    time_limit_s: float | None = None,
    seed: int = 0,
    workers: int = 1,
) -> Comparison:
    """Solve the touched part of `problem` without and with the change."""
    before, after = affected(problem, scenario)
    base = solve(before, time_limit_s=time_limit_s, seed=seed, workers=workers)
    more = solve(after, time_limit_s=time_limit_s, seed=seed, workers=workers)
    had, has = served(before, base), served(after, more)
    return Comparison(
        baseline=base,
        scenario=more,
        needs=tuple(sorted(n.id for n in before.needs)),
        newly_served=tuple(sorted(has - had)),
        no_longer_served=tuple(sorted(had - has)),
    )
