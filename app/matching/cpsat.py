"""Components with loads > 1: splittable goods and funds, and unsplittable multi-unit needs.

Serving a need wholly or not at all makes these integer problems (a generalised
assignment problem when needs cannot be split). We work in three steps, all on
the component's flow graph (need -> provider arcs, and hubs for remote classes):

1. The LP relaxation as a min-cost flow: each unit of a need earns priority/load,
   scaled to integers and rounded up, so the flow's value divided by the scale is
   a proven upper bound on the served priority.
2. When every need is splittable or takes one unit, the needs that relaxation
   covers wholly are a feasible set: a second flow serves exactly them at least
   distance (distance per unit). That is the incumbent, found in a second or two
   on a province.
3. CP-SAT on the same graph (hubs stay aggregated for splittable and one-unit
   needs, so a remote need costs one variable, not one per provider), seeded with
   the incumbent, improves it and proves optimality within the time left. Its
   model is only built when the time left can pay for it.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np
from ortools.sat.python import cp_model

from .candidates import BoolArray, Candidates, Indexed, IntArray
from .components import Component
from .flow import (
    FlowGraph,
    Outcome,
    Part,
    build_graph,
    component_weights,
    decode,
    repair,
    run_flow,
    serve_exactly,
    served_priority,
    tier_weights,
)
from .objective import LIMIT, Weights, choose_weights, max_arc_cost

# measured cost of building the CP-SAT model, per arc, with room to solve after it
BUILD_S_PER_ARC = 40e-6
MIN_SOLVE_S = 0.5
# up to this many pairs CP-SAT proves the distance tier too (fixed-charge, slow beyond)
EXACT_MAX_PAIRS = 2_000
# beyond this many pairs polishing costs more than the flows (county goods, 9.6k pairs: 1.4-3 s;
# province funds, 37k: no gain in 15 s): keep the incumbent and its LP bound
POLISH_MAX_PAIRS = 5_000


def lp_bound(ix: Indexed, comp: Component, g: FlowGraph) -> tuple[int, IntArray]:
    """Upper bound on the served priority, and each need's cover in the relaxation.

    Each unit of need n earns r_n = ceil(p_n * K / load_n) >= p_n * K / load_n, so
    for every feasible (also fractional) plan  sum p_n y_n <= flow value / K; with
    K > 2 * demand the rounding adds less than one half, and floor() removes it.
    K is lowered (the bound stays valid, only looser) to keep every reward within the
    flow's cost range; if the flow fails, the bound is the total priority.
    """
    loads = ix.remaining_load[comp.needs]
    prio = ix.priority[comp.needs]
    total = int(prio.sum())
    demand = int(loads.sum())
    k = 2 * demand + 1
    k = min(k, max_arc_cost(len(g.supplies)) // (int(prio.max()) + 1))
    k = min(k, (LIMIT - demand) // max(1, total) - 1)
    k = max(1, k)
    reward = -(-prio * k // loads)
    costs = np.zeros(len(g.costs), dtype=np.int64)
    unserved = g.unserved()
    costs[unserved] = reward
    flows = run_flow(replace(g, costs=costs))
    if flows is None:
        return total, np.zeros(len(loads), dtype=np.int64)
    covered = loads - flows[unserved]
    bound = int((reward * covered).sum()) // k
    return min(bound, total), covered


def _rounded_relaxation(
    ix: Indexed, cand: Candidates, comp: Component, g: FlowGraph
) -> dict[tuple[int, int], int]:
    """Round the splittable relaxation: whole unsplittable needs and full splittable ones."""
    flows = run_flow(g)
    if flows is None:
        return {}
    parts = decode(ix, cand, comp, g, flows)
    by_need: dict[int, dict[int, int]] = {}
    for n, p, x in parts:
        d = by_need.setdefault(n, {})
        d[p] = d.get(p, 0) + x
    hint: dict[tuple[int, int], int] = {}
    for n, d in by_need.items():
        if sum(d.values()) != int(ix.remaining_load[n]):
            continue
        if ix.needs[n].splittable:
            hint.update({(n, p): x for p, x in d.items()})
        elif len(d) == 1:
            ((p, x),) = d.items()
            hint[(n, p)] = x
    return hint


def _expanded(ix: Indexed, g: FlowGraph) -> list[int]:
    """Remote needs that must take one provider whole: a hub cannot carry them, so CP-SAT
    gets one pair per provider of their class."""
    return [
        n
        for n in g.hub_in_needs.tolist()
        if not ix.needs[n].splittable and int(ix.remaining_load[n]) > 1
    ]


class _Model:
    """CP-SAT on the component's flow graph; unsplittable multi-unit hub needs are expanded."""

    def __init__(self, ix: Indexed, cand: Candidates, comp: Component, g: FlowGraph) -> None:
        self.ix, self.cand, self.comp, self.g = ix, cand, comp, g
        nc = len(comp.needs)
        load = ix.remaining_load
        cap = ix.remaining_capacity
        splittable = np.array([ix.needs[n].splittable for n in comp.needs.tolist()], dtype=bool)
        self.need_pos = {n: i for i, n in enumerate(comp.needs.tolist())}
        expand = set(_expanded(ix, g))
        an = cand.need[comp.arcs]
        ap = cand.provider[comp.arcs]
        pinned = cand.pinned[comp.arcs]
        counted = ix.in_person[an] & ~pinned  # new units on an approved pair add no distance
        pairs_n = an.tolist()
        pairs_p = ap.tolist()
        pairs_km = np.where(counted, cand.distance_km[comp.arcs], 0.0).tolist()
        pairs_pref = (cand.preferred[comp.arcs] & ~pinned).tolist()
        self.n_direct = len(pairs_n)
        for n in sorted(expand):
            for p in cand.hub_providers[int(cand.hub_of_need[n])].tolist():
                pairs_n.append(n)
                pairs_p.append(p)
                pairs_km.append(0.0)
                pairs_pref.append(False)
        self.pairs_n, self.pairs_p = pairs_n, pairs_p
        n_nodes = len(g.supplies)
        self.w: Weights = choose_weights(
            priorities=ix.priority[comp.needs],
            max_distance_km=max(pairs_km, default=0.0),
            k=len(pairs_n),
            n_preferred=int(sum(pairs_pref)),
            n_nodes=len(pairs_n) + n_nodes,
        )
        w = self.w
        dist_u = w.distance_units(np.asarray(pairs_km, dtype=np.float64)).tolist()

        m = cp_model.CpModel()
        self.model = m
        cover: list[list[cp_model.LinearExprT]] = [[] for _ in range(nc)]
        by_prov: dict[int, list[cp_model.LinearExprT]] = {}
        terms: list[tuple[int, cp_model.IntVar]] = []
        self.amount: list[cp_model.IntVar] = []  # per pair: units (or the 0/1 choice)
        self.scale: list[int] = []  # units per amount variable's value
        self.used: list[cp_model.IntVar | None] = []
        for n, p, du, pref in zip(pairs_n, pairs_p, dist_u, pairs_pref, strict=True):
            i = self.need_pos[n]
            L = int(load[n])
            c = du - (w.w_preferred if pref else 0)
            if splittable[i] and L > 1:
                ub = min(L, int(cap[p]))
                t = min(ix.needs[n].min_part, L)  # the smallest new part
                a = m.new_int_var(0, ub if ub >= t else 0, "")
                u: cp_model.IntVar | None = None
                if c or t > 1:
                    u = m.new_bool_var("")
                    m.add(a <= ub * u)
                    m.add(a >= t * u)
                    if c:
                        terms.append((c, u))
                self.amount.append(a)
                self.scale.append(1)
                self.used.append(u)
                cover[i].append(a)
                by_prov.setdefault(p, []).append(a)
            else:
                x = m.new_bool_var("")
                if c:
                    terms.append((c, x))
                self.amount.append(x)
                self.scale.append(L)
                self.used.append(None)
                cover[i].append(L * x)
                by_prov.setdefault(p, []).append(L * x)
        # hubs, aggregated
        self.hub_in: dict[int, cp_model.IntVar] = {}
        self.hub_out: list[list[cp_model.IntVar]] = []
        for hub, provs in g.hub_out:
            members = [
                int(n)
                for n in g.hub_in_needs.tolist()
                if int(cand.hub_of_need[n]) == hub and int(n) not in expand
            ]
            demand = int(load[members].sum()) if members else 0
            ins = []
            for n in members:
                h = m.new_int_var(0, int(load[n]), "")
                self.hub_in[n] = h
                cover[self.need_pos[n]].append(h)
                ins.append(h)
            outs = []
            for p in provs.tolist():
                o = m.new_int_var(0, min(demand, int(cap[p])), "")
                by_prov.setdefault(p, []).append(o)
                outs.append(o)
            self.hub_out.append(outs)
            m.add(sum(ins) == sum(outs))
        self.served: list[cp_model.IntVar] = []
        for i, n in enumerate(comp.needs.tolist()):
            s = m.new_bool_var("")
            self.served.append(s)
            m.add(sum(cover[i]) == int(load[n]) * s)
        for p, xs in by_prov.items():
            m.add(sum(xs) <= int(cap[p]))
        prio = ix.priority[comp.needs].tolist()
        m.minimize(
            sum(-w.d_priority * pr * s for pr, s in zip(prio, self.served, strict=True))
            + sum(c * v for c, v in terms)
        )

    def hint_flows(self, flows: IntArray, served: BoolArray) -> None:
        """Hint a whole plan: flows on the graph, and which needs they serve."""
        g, m = self.g, self.model
        direct = flows[: g.n_direct].tolist()
        for k in range(self.n_direct):
            x = direct[k] // self.scale[k]
            m.add_hint(self.amount[k], x)
            u = self.used[k]
            if u is not None:
                m.add_hint(u, 1 if x else 0)
        for k in range(self.n_direct, len(self.amount)):
            m.add_hint(self.amount[k], 0)
        hub_in = flows[g.n_direct : g.n_direct + g.n_hub_in].tolist()
        for n, f in zip(g.hub_in_needs.tolist(), hub_in, strict=True):
            if int(n) in self.hub_in:
                m.add_hint(self.hub_in[int(n)], f)
        pos = g.n_direct + g.n_hub_in
        for outs in self.hub_out:
            for o, f in zip(outs, flows[pos : pos + len(outs)].tolist(), strict=True):
                m.add_hint(o, f)
            pos += len(outs)
        for s, chosen in zip(self.served, served.tolist(), strict=True):
            m.add_hint(s, 1 if chosen else 0)

    def hint_pairs(self, hint: dict[tuple[int, int], int]) -> None:
        """Hint pairs only (the solver completes the hubs)."""
        for k, (n, p) in enumerate(zip(self.pairs_n, self.pairs_p, strict=True)):
            x = hint.get((n, p), 0) // self.scale[k]
            self.model.add_hint(self.amount[k], x)
            u = self.used[k]
            if u is not None:
                self.model.add_hint(u, 1 if x else 0)
        hinted = {n for n, _ in hint}
        for n, s in zip(self.comp.needs.tolist(), self.served, strict=True):
            self.model.add_hint(s, 1 if n in hinted else 0)

    def parts(self, solver: cp_model.CpSolver) -> list[Part]:
        """The plan: hubs packed (their parts may break smallest parts: see repair)."""
        g = self.g
        flows = np.zeros(len(g.tails), dtype=np.int64)
        out: list[Part] = []
        for k in range(len(self.amount)):
            x = int(solver.value(self.amount[k])) * self.scale[k]
            if k < self.n_direct:
                flows[k] = x
            elif x:
                out.append((self.pairs_n[k], self.pairs_p[k], x))
        for i, n in enumerate(g.hub_in_needs.tolist()):
            h = self.hub_in.get(int(n))
            if h is not None:
                flows[g.n_direct + i] = solver.value(h)
        pos = g.n_direct + g.n_hub_in
        for outs in self.hub_out:
            for o in outs:
                flows[pos] = solver.value(o)
                pos += 1
        return decode(self.ix, self.cand, self.comp, g, flows, extra_used=out) + out

    def priority_bound(self, solver: cp_model.CpSolver, total: int) -> int:
        if not math.isfinite(solver.best_objective_bound):
            return total
        spread = self.w.k * self.w.c_max
        return min(total, math.floor((-solver.best_objective_bound + spread) / self.w.d_priority))


def _rank(ix: Indexed, cand: Candidates, comp: Component, parts: list[Part]) -> tuple[int, ...]:
    """The lexicographic objective of a plan: served priority, preferred kept, -metres."""
    covered: dict[int, int] = {}
    pairs: set[tuple[int, int]] = set()
    for n, p, x in parts:
        covered[n] = covered.get(n, 0) + x
        pairs.add((n, p))
    served = sum(int(ix.priority[n]) for n, x in covered.items() if x >= ix.remaining_load[n])
    arcs = {
        (n, p): (km, pref)
        for n, p, km, pref, pinned in zip(
            cand.need[comp.arcs].tolist(),
            cand.provider[comp.arcs].tolist(),
            cand.distance_km[comp.arcs].tolist(),
            cand.preferred[comp.arcs].tolist(),
            cand.pinned[comp.arcs].tolist(),
            strict=True,
        )
        if (n, p) in pairs and not pinned  # an approved pair is counted by its pin
    }
    kept = sum(1 for _, pref in arcs.values() if pref)
    metres = sum(round(km * 1000) for (n, _), (km, _) in arcs.items() if ix.in_person[n])
    return (served, kept, -metres)


def solve_cpsat_component(
    ix: Indexed,
    cand: Candidates,
    comp: Component,
    *,
    time_limit_s: float | None,
    seed: int,
    workers: int,
) -> Outcome:
    start = time.perf_counter()
    w = component_weights(ix, cand, comp)
    tiered = w is None
    serving_g: FlowGraph | None = None
    if w is None:  # beyond the flow's cost range at 1 m: priority first, then the rest
        w, second = tier_weights(ix, cand, comp)
        serving_g = build_graph(ix, cand, comp, second)
    g = build_graph(ix, cand, comp, w)
    total = int(ix.priority[comp.needs].sum())
    bound, covered = lp_bound(ix, comp, g)
    loads = ix.remaining_load[comp.needs]
    friendly = all(
        ix.needs[n].splittable or load == 1
        for n, load in zip(comp.needs.tolist(), loads.tolist(), strict=True)
    )
    incumbent: list[Part] | None = None
    flows: IntArray | None = None
    served_p = 0
    chosen = covered >= loads
    if friendly:
        keep = cand.preferred[comp.arcs] & chosen[np.searchsorted(comp.needs, cand.need[comp.arcs])]
        sg = serving_g if serving_g is not None else g
        flows = serve_exactly(ix, comp, sg, chosen, keep)
        if flows is not None:  # the relaxation's wholly covered needs are a feasible set
            incumbent = repair(ix, cand, comp, decode(ix, cand, comp, sg, flows))
            served_p = served_priority(ix, incumbent)

    def fallback(parts: list[Part]) -> Outcome:
        return Outcome(
            parts=parts, proven=False, priority_bound=max(bound, served_priority(ix, parts))
        )

    spent = time.perf_counter() - start
    left = None if time_limit_s is None else time_limit_s - spent
    n_pairs = len(comp.arcs) + sum(
        len(cand.hub_providers[int(cand.hub_of_need[n])]) for n in _expanded(ix, g)
    )
    affordable = left is None or left > n_pairs * BUILD_S_PER_ARC + MIN_SOLVE_S
    # the flow incumbent already proves the first two tiers when it meets the LP bound and
    # keeps every preferred pair: CP-SAT could only shorten split deliveries, slowly
    settled = (
        flows is not None
        and served_p == bound
        and bool((flows[: g.n_direct][cand.preferred[comp.arcs]] > 0).all())
    )
    too_big = n_pairs > POLISH_MAX_PAIRS or (settled and n_pairs > EXACT_MAX_PAIRS)
    if incumbent is not None and (not affordable or too_big):
        return fallback(incumbent)

    try:
        model = _Model(ix, cand, comp, g)
    except OverflowError:  # CP-SAT's weights do not fit int64 either
        return fallback(incumbent if incumbent is not None else _relaxed_plan(ix, cand, comp, g))
    if flows is not None and not tiered:
        model.hint_flows(flows, chosen)
    else:
        model.hint_pairs(_rounded_relaxation(ix, cand, comp, g))
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    if workers == 1:  # a lone worker stalls on these models without the stronger LP
        solver.parameters.linearization_level = 2
    if time_limit_s is not None:
        solver.parameters.max_time_in_seconds = max(
            0.05, time_limit_s - (time.perf_counter() - start)
        )
    if n_pairs > EXACT_MAX_PAIRS:
        # stop once served priority and preferred pairs kept are proven optimal: what is
        # left is at most the spread of distances between split deliveries
        solver.parameters.absolute_gap_limit = float(model.w.w_preferred - 1)
    status = solver.solve(model.model)
    exact = status == cp_model.OPTIMAL and (
        n_pairs <= EXACT_MAX_PAIRS or solver.objective_value == solver.best_objective_bound
    )

    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raw = model.parts(solver)
        parts = repair(ix, cand, comp, raw)
        # the model leaves smallest parts within hubs free: it is a relaxation, so a
        # repaired plan is still proven only if repair cost nothing
        proven = exact and _rank(ix, cand, comp, parts) == _rank(ix, cand, comp, raw)
        got = served_priority(ix, parts)
        if incumbent is not None and _rank(ix, cand, comp, incumbent) > _rank(
            ix, cand, comp, parts
        ):  # stopped early from a worse start: never worse than the incumbent
            parts, got, proven = incumbent, served_p, False
        if proven:
            return Outcome(parts=parts, proven=True, priority_bound=got)
        cp_bound = model.priority_bound(solver, total)
        if exact:
            cp_bound = served_priority(ix, raw)
        return Outcome(parts=parts, proven=False, priority_bound=max(got, min(bound, cp_bound)))
    if incumbent is not None:
        return fallback(incumbent)
    return fallback(_relaxed_plan(ix, cand, comp, g))


def _relaxed_plan(ix: Indexed, cand: Candidates, comp: Component, g: FlowGraph) -> list[Part]:
    """Nothing found in time: the rounded relaxation is feasible, keep it (repaired)."""
    hint = _rounded_relaxation(ix, cand, comp, g)
    return repair(ix, cand, comp, [(n, p, x) for (n, p), x in sorted(hint.items())])
