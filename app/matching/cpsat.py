"""CP-SAT for components with loads > 1 (a generalised assignment problem).

Seeded (AddHint) with the rounded splittable flow relaxation, so it starts
from a good feasible answer; run under a time limit, and when optimality is
not proven we report an upper bound on the served priority.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .candidates import Candidates, Indexed
from .components import Component
from .flow import Part, build_graph, component_weights, decode, run_flow
from .objective import Weights, choose_weights


@dataclass
class CpsatOutcome:
    parts: list[Part]
    proven: bool
    priority_bound: int


def _pairs(
    ix: Indexed, cand: Candidates, comp: Component
) -> dict[tuple[int, int], tuple[float, bool]]:
    """Every allowed pair of the component, hubs expanded: (need, provider) -> (km, preferred)."""
    pairs: dict[tuple[int, int], tuple[float, bool]] = {}
    for a in comp.arcs.tolist():
        pairs[(int(cand.need[a]), int(cand.provider[a]))] = (
            float(cand.distance_km[a]),
            bool(cand.preferred[a]),
        )
    for n in comp.needs.tolist():
        hub = int(cand.hub_of_need[n])
        if hub >= 0:
            for p in cand.hub_providers[hub].tolist():
                pairs.setdefault((n, p), (0.0, False))
    return pairs


def _hint(ix: Indexed, cand: Candidates, comp: Component, w: Weights) -> dict[tuple[int, int], int]:
    """Round the splittable relaxation: keep whole non-splittable needs and full splittable ones."""
    g = build_graph(ix, cand, comp, w)
    parts = decode(ix, cand, comp, g, run_flow(g))
    by_need: dict[int, dict[int, int]] = {}
    for n, p, x in parts:
        d = by_need.setdefault(n, {})
        d[p] = d.get(p, 0) + x
    hint: dict[tuple[int, int], int] = {}
    for n, d in by_need.items():
        load = int(ix.remaining_load[n])
        if sum(d.values()) != load:
            continue
        if ix.needs[n].splittable:
            for p, x in d.items():
                hint[(n, p)] = x
        elif len(d) == 1:
            ((p, x),) = d.items()
            hint[(n, p)] = x
    return hint


def solve_cpsat_component(
    ix: Indexed,
    cand: Candidates,
    comp: Component,
    *,
    time_limit_s: float | None,
    seed: int,
    workers: int,
) -> CpsatOutcome:
    pairs = _pairs(ix, cand, comp)
    n_nodes = len(comp.needs) + len(comp.providers) + len(comp.hubs) + 1
    w0 = component_weights(ix, cand, comp, n_nodes)
    hint = _hint(ix, cand, comp, w0)
    # CP-SAT counts a distance and a preference per used pair, splittable parts included
    n_pref = sum(1 for _, pref in pairs.values() if pref)
    w = choose_weights(
        priorities=ix.priority[comp.needs],
        max_distance_km=max(
            (km for (n, _), (km, _) in pairs.items() if ix.in_person[n]), default=0.0
        ),
        k=len(pairs),
        n_preferred=n_pref,
        n_nodes=len(pairs) + n_nodes,
    )

    model = cp_model.CpModel()
    used: dict[tuple[int, int], cp_model.IntVar] = {}
    amount: dict[tuple[int, int], cp_model.LinearExprT] = {}
    part_vars: dict[tuple[int, int], cp_model.IntVar] = {}
    served: dict[int, cp_model.IntVar] = {}
    by_need: dict[int, list[tuple[int, int]]] = {}
    by_provider: dict[int, list[tuple[int, int]]] = {}
    for key in sorted(pairs):
        by_need.setdefault(key[0], []).append(key)
        by_provider.setdefault(key[1], []).append(key)

    for n, keys in by_need.items():
        load = int(ix.remaining_load[n])
        s = model.new_bool_var(f"served_{n}")
        served[n] = s
        if ix.needs[n].splittable:
            parts = []
            for key in keys:
                ub = min(load, int(ix.remaining_capacity[key[1]]))
                u = model.new_bool_var(f"u_{key}")
                a = model.new_int_var(0, ub, f"a_{key}")
                model.add(a <= ub * u)
                model.add(a >= u)
                used[key], amount[key], part_vars[key] = u, a, a
                parts.append(a)
            model.add(sum(parts) == load * s)
        else:
            xs = []
            for key in keys:
                x = model.new_bool_var(f"x_{key}")
                used[key], amount[key] = x, load * x
                xs.append(x)
            model.add(sum(xs) == s)

    for p, keys in by_provider.items():
        model.add(sum(amount[k] for k in keys) <= int(ix.remaining_capacity[p]))

    dist_u = {
        k: (int(round(km * 1000.0 / w.unit_m)) if ix.in_person[k[0]] else 0)
        for k, (km, _) in pairs.items()
    }
    model.minimize(
        sum(-w.d_priority * int(ix.priority[n]) * s for n, s in served.items())
        + sum((dist_u[k] - (w.w_preferred if pairs[k][1] else 0)) * used[k] for k in used)
    )

    hinted_needs = {n for n, _ in hint}
    for k, u in used.items():
        model.add_hint(u, 1 if k in hint else 0)
        if k in part_vars:
            model.add_hint(part_vars[k], hint.get(k, 0))
    for n, s in served.items():
        model.add_hint(s, 1 if n in hinted_needs else 0)

    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    if workers == 1:  # a lone worker stalls on these models without the stronger LP
        solver.parameters.linearization_level = 2
    if time_limit_s is not None:
        solver.parameters.max_time_in_seconds = max(0.05, time_limit_s)
    status = solver.solve(model)

    p_total = int(ix.priority[comp.needs].sum())
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        parts_out: list[Part] = []
        for k, u in used.items():
            if solver.value(u):
                parts_out.append((k[0], k[1], int(solver.value(amount[k]))))
        served_p = sum(int(ix.priority[n]) for n, s in served.items() if solver.value(s))
        proven = status == cp_model.OPTIMAL
    else:  # nothing found in time: the rounded relaxation is feasible, keep it
        parts_out = [(n, p, x) for (n, p), x in sorted(hint.items())]
        served_p = sum(int(ix.priority[n]) for n in hinted_needs)
        proven = False
    if proven:
        bound = served_p
    elif not math.isfinite(solver.best_objective_bound):
        bound = p_total
    else:
        spread = w.k * w.c_max
        bound = min(p_total, math.floor((-solver.best_objective_bound + spread) / w.d_priority))
        bound = max(bound, served_p)
    return CpsatOutcome(parts=parts_out, proven=proven, priority_bound=bound)
