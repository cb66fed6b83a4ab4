"""Min-cost flow for a component (exact when every remaining load is 1).

Graph: need -> provider (cap load, cost distance + W*[not preferred]),
need -> hub -> provider for remote classes, need -> sink "unserved"
(cost priority*D + W), provider -> sink (cap = remaining capacity).
With loads > 1 the same graph with need supply = load is the splittable
relaxation used to seed CP-SAT.

A pair approved already (pinned) costs W and no distance for new units on it:
the pair and its distance are counted once, by the pin.

When the lexicographic weights do not fit OR-Tools' cost range at 1 m, the
component is solved tier by tier (`solve_tiered`): served priority first, then
preferred pairs and distance for that served set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import BoolArray, Candidates, Indexed, IntArray
from .components import Component
from .geo import distance_km
from .objective import Weights, lexicographic, max_arc_cost, priority_weights, serving_weights

Part = tuple[int, int, int]  # (need, provider, amount), global indices; new units only


@dataclass
class Outcome:
    """A component's plan (new units), whether it is the proven lexicographic optimum,
    and a proven upper bound on its served priority (pins excluded)."""

    parts: list[Part]
    proven: bool
    priority_bound: int


@dataclass
class FlowGraph:
    tails: IntArray
    heads: IntArray
    capacities: IntArray
    costs: IntArray
    supplies: IntArray  # per local node
    n_direct: int
    n_hub_in: int
    hub_in_needs: IntArray  # global needs using a hub, in arc order
    hub_out: list[tuple[int, IntArray]]  # (hub id, global providers), arc order
    n_needs: int
    n_providers: int

    def unserved(self) -> slice:
        """The need -> sink arcs, in the component's need order."""
        end = len(self.tails) - self.n_providers
        return slice(end - self.n_needs, end)

    def to_sink(self) -> slice:
        """The provider -> sink arcs, in the component's provider order."""
        return slice(len(self.tails) - self.n_providers, len(self.tails))


def n_nodes_of(comp: Component) -> int:
    return len(comp.needs) + len(comp.providers) + len(comp.hubs) + 1


def _weight_inputs(ix: Indexed, cand: Candidates, comp: Component) -> dict[str, object]:
    loads = ix.remaining_load[comp.needs]
    caps = ix.remaining_capacity[comp.providers]
    arc_needs = cand.need[comp.arcs]
    counted = ix.in_person[arc_needs] & ~cand.pinned[comp.arcs]
    dist = cand.distance_km[comp.arcs][counted]
    pref = cand.preferred[comp.arcs] & ~cand.pinned[comp.arcs]
    pref_needs = np.unique(arc_needs[pref])
    k = int(min(int(loads.sum()), int(caps.sum()), len(comp.needs) + len(comp.arcs)))
    return {
        "priorities": ix.priority[comp.needs],
        "max_distance_km": float(dist.max()) if len(dist) else 0.0,
        "k": k,
        "n_preferred": int(min(int(pref.sum()), len(pref_needs) * int(loads.max(initial=1)))),
    }


def component_weights(ix: Indexed, cand: Candidates, comp: Component) -> Weights | None:
    """Exact lexicographic weights at 1 m within the flow's cost range, or None."""
    args = _weight_inputs(ix, cand, comp)
    return lexicographic(max_cost=max_arc_cost(n_nodes_of(comp)), **args)  # type: ignore[arg-type]


def tier_weights(ix: Indexed, cand: Candidates, comp: Component) -> tuple[Weights, Weights]:
    """(served priority first, then preferred and distance) for the tiered solve."""
    args = _weight_inputs(ix, cand, comp)
    n = n_nodes_of(comp)
    first = priority_weights(n_nodes=n, **args)  # type: ignore[arg-type]
    second = serving_weights(
        max_distance_km=args["max_distance_km"],  # type: ignore[arg-type]
        k=args["k"],  # type: ignore[arg-type]
        n_nodes=n,
    )
    return first, second


def _local(members: IntArray, values: IntArray, universe: int) -> IntArray:
    """Positions of `values` in the sorted `members`: by gather through a table of the
    whole universe for a big component, by binary search for a small one (a table per
    component of a country would cost more than its flow)."""
    if len(members) * 16 < universe:
        out: IntArray = np.searchsorted(members, values)
        return out
    table = np.zeros(universe, dtype=np.int64)
    table[members] = np.arange(len(members), dtype=np.int64)
    gathered: IntArray = table[values]
    return gathered


def build_graph(ix: Indexed, cand: Candidates, comp: Component, w: Weights) -> FlowGraph:
    nc, mc, hc = len(comp.needs), len(comp.providers), len(comp.hubs)
    sink = nc + mc + hc
    loads = ix.remaining_load[comp.needs]
    arc_needs = cand.need[comp.arcs]
    arc_provs = cand.provider[comp.arcs]
    ln = _local(comp.needs, arc_needs, ix.n_needs)
    lp = nc + _local(comp.providers, arc_provs, ix.n_providers)
    pinned = cand.pinned[comp.arcs]
    dist_u = w.distance_units(cand.distance_km[comp.arcs])
    dist_u[~ix.in_person[arc_needs] | pinned] = 0  # remote needs ignore distance
    bonus = cand.preferred[comp.arcs] & ~pinned
    direct_cost = dist_u + w.w_preferred * (~bonus).astype(np.int64)

    hub_of = cand.hub_of_need[comp.needs]
    hub_local_needs = np.flatnonzero(hub_of >= 0)
    hub_slot = np.searchsorted(comp.hubs, hub_of[hub_local_needs])
    hub_demand = np.bincount(hub_slot, weights=loads[hub_local_needs], minlength=hc).astype(
        np.int64
    )
    out_t: list[IntArray] = []
    out_h: list[IntArray] = []
    out_c: list[IntArray] = []
    hub_out: list[tuple[int, IntArray]] = []
    for j, hub in enumerate(comp.hubs.tolist()):
        provs = cand.hub_providers[hub]
        out_t.append(np.full(len(provs), nc + mc + j, dtype=np.int64))
        out_h.append(nc + _local(comp.providers, provs, ix.n_providers))
        out_c.append(np.full(len(provs), hub_demand[j], dtype=np.int64))
        hub_out.append((hub, provs))
    empty = np.zeros(0, dtype=np.int64)
    need_local = np.arange(nc, dtype=np.int64)
    prov_local = nc + np.arange(mc, dtype=np.int64)
    tails = np.concatenate([ln, hub_local_needs, *out_t, need_local, prov_local])
    heads = np.concatenate([lp, nc + mc + hub_slot, *out_h, np.full(nc, sink), np.full(mc, sink)])
    caps = np.concatenate(
        [
            loads[ln],
            loads[hub_local_needs],
            *out_c,
            loads,
            ix.remaining_capacity[comp.providers],
        ]
    )
    n_out = sum(len(x) for x in out_t)
    costs = np.concatenate(
        [
            direct_cost,
            np.full(len(hub_local_needs), w.w_preferred, dtype=np.int64),
            np.zeros(n_out, dtype=np.int64) if n_out else empty,
            ix.priority[comp.needs] * w.d_priority + w.w_preferred,
            np.zeros(mc, dtype=np.int64),
        ]
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:nc] = loads
    supplies[sink] = -int(loads.sum())
    return FlowGraph(
        tails=tails,
        heads=heads,
        capacities=caps,
        costs=costs,
        supplies=supplies,
        n_direct=len(ln),
        n_hub_in=len(hub_local_needs),
        hub_in_needs=comp.needs[hub_local_needs],
        hub_out=hub_out,
        n_needs=nc,
        n_providers=mc,
    )


def run_flow(g: FlowGraph) -> IntArray | None:
    """Solve with OR-Tools; the flow on every arc, or None unless proven OPTIMAL."""
    if len(g.costs) and int(np.abs(g.costs).max()) > max_arc_cost(len(g.supplies)):
        return None  # OR-Tools would answer BAD_COST_RANGE
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        g.tails.astype(np.int32), g.heads.astype(np.int32), g.capacities, g.costs
    )
    smcf.set_nodes_supplies(np.arange(len(g.supplies), dtype=np.int32), g.supplies)
    if smcf.solve() != smcf.OPTIMAL:
        return None
    flows: IntArray = np.asarray(smcf.flows(arcs), dtype=np.int64)
    return flows


def serve_exactly(
    ix: Indexed, comp: Component, g: FlowGraph, chosen: BoolArray, keep: BoolArray | None = None
) -> IntArray | None:
    """Flows serving exactly the needs where `chosen` is set, at least cost; None if they
    do not all fit (or the solver fails).

    `keep` marks direct arcs (last run's proposals) that should carry at least one unit:
    a flow counts preferred units, not pairs, and would otherwise merge a split delivery
    onto one of its providers and drop the other proposal. Those units are placed first;
    if the rest then does not fit, the plain flow is used.
    """
    nc = g.n_needs
    loads = ix.remaining_load[comp.needs]
    supplies = g.supplies.copy()
    supplies[:nc] = np.where(chosen, loads, 0)
    supplies[-1] = -int(supplies[:nc].sum())
    caps = g.capacities.copy()
    caps[g.unserved()] = 0  # serve them all or fail
    if keep is not None and keep.any():
        lower = np.zeros(len(g.tails), dtype=np.int64)
        sup = supplies.copy()
        kcaps = caps.copy()
        to_sink = g.to_sink().start - nc  # provider node v drains through arc to_sink + v
        for a in np.flatnonzero(keep).tolist():
            n, v = int(g.tails[a]), int(g.heads[a])
            if sup[n] > 0 and kcaps[to_sink + v] > 0:
                sup[n] -= 1
                kcaps[to_sink + v] -= 1
                kcaps[a] -= 1
                lower[a] = 1
        sup[-1] = -int(sup[:nc].sum())
        flows = run_flow(replace(g, supplies=sup, capacities=kcaps))
        if flows is not None:
            return flows + lower
    return run_flow(replace(g, supplies=supplies, capacities=caps))


# --- decoding: hubs packed into providers ------------------------------------------------


def _threshold(ix: Indexed, need: int) -> int:
    """The smallest new part a need may get: min(min_part, remaining load)."""
    return int(min(ix.needs[need].min_part, int(ix.remaining_load[need])))


def _pack_hub(
    ix: Indexed, items: list[tuple[int, int]], provs: IntArray, own: IntArray, avail: IntArray
) -> tuple[list[Part], IntArray]:
    """Pack a hub's served needs into its providers; returns the parts and what each
    provider still has free. `own`: the hub's flows; `avail`: own plus the shared pool.

    Multi-unit needs go largest first to the best-fitting provider (least room that
    takes them whole), split only when none does, then over the providers with most
    room, never leaving a last piece below the need's smallest part. One-unit needs then
    take what the hub's own flows left, then the pool.
    """
    parts: list[Part] = []
    avail = avail.copy()
    alloc = np.zeros(len(provs), dtype=np.int64)
    multi = sorted((x for x in items if x[1] > 1), key=lambda x: (-x[1], x[0]))
    for need, amount in multi:
        fits = np.flatnonzero(avail >= amount)
        if len(fits):
            j = int(fits[np.argmin(avail[fits])])
            avail[j] -= amount
            alloc[j] += amount
            parts.append((need, int(provs[j]), amount))
            continue
        t = _threshold(ix, need)
        left = amount
        order = np.argsort(-avail, kind="stable")
        for j in order.tolist():
            room = int(avail[j])
            if left == 0 or room <= 0:
                break
            if room < t and room < left:
                continue  # a part this small would break the smallest part
            take = min(room, left)
            if 0 < left - take < t and left - t >= t:
                take = left - t  # leave a last piece of exactly t
            avail[j] -= take
            alloc[j] += take
            parts.append((need, int(provs[j]), take))
            left -= take
        if left:  # only pieces below the smallest part remain: take them, repair decides
            for j in np.argsort(-avail, kind="stable").tolist():
                take = min(int(avail[j]), left)
                if take <= 0:
                    break
                avail[j] -= take
                alloc[j] += take
                parts.append((need, int(provs[j]), take))
                left -= take
    units = sorted(need for need, amount in items if amount == 1)
    if units:
        own_left = np.maximum(own - alloc, 0)
        pool_left = avail - own_left
        cum = np.cumsum(np.concatenate([own_left, pool_left]))
        slots = np.searchsorted(cum, np.arange(len(units)), side="right")
        j_of = slots % len(provs)
        np.subtract.at(avail, j_of, 1)
        parts.extend(zip(units, provs[j_of].tolist(), [1] * len(units), strict=True))
    return parts, avail


def decode(
    ix: Indexed,
    cand: Candidates,
    comp: Component,
    g: FlowGraph,
    flows: IntArray,
    extra_used: list[Part] | None = None,
) -> list[Part]:
    """The plan in a flow: direct arcs as they are, hubs packed into their providers.

    Every pair within a hub costs the same, so any packing keeps the flow's objective;
    a hub may also use capacity the whole plan leaves unused (a pool shared by the
    component's hubs), so a need fits whole more often. `extra_used`: parts outside
    the graph (CP-SAT's expanded pairs) that take capacity too.
    """
    parts: list[Part] = []
    direct = flows[: g.n_direct]
    hit = np.flatnonzero(direct > 0)
    arcs = comp.arcs[hit]
    parts.extend(
        zip(
            cand.need[arcs].tolist(),
            cand.provider[arcs].tolist(),
            direct[hit].tolist(),
            strict=True,
        )
    )
    if not g.hub_out:
        return parts
    hub_in = flows[g.n_direct : g.n_direct + g.n_hub_in]
    served_by_hub: dict[int, list[tuple[int, int]]] = {}
    for i in np.flatnonzero(hub_in > 0).tolist():
        need = int(g.hub_in_needs[i])
        served_by_hub.setdefault(int(cand.hub_of_need[need]), []).append((need, int(hub_in[i])))
    # what the plan leaves free: capacity less the direct and hub flows into each provider
    # (counted from those arcs: a plan rebuilt from CP-SAT has no provider -> sink flows)
    mc = len(comp.providers)
    into = np.zeros(mc, dtype=np.float64)
    into += np.bincount(
        _local(comp.providers, cand.provider[comp.arcs], ix.n_providers),
        weights=direct,
        minlength=mc,
    )
    pos = g.n_direct + g.n_hub_in
    locals_: list[IntArray] = []
    for _, provs in g.hub_out:
        local = _local(comp.providers, provs, ix.n_providers)
        into += np.bincount(local, weights=flows[pos : pos + len(provs)], minlength=mc)
        locals_.append(local)
        pos += len(provs)
    pool = ix.remaining_capacity[comp.providers] - into.astype(np.int64)
    if extra_used:
        for _, p, x in extra_used:
            pool[np.searchsorted(comp.providers, p)] -= x
    pool = np.maximum(pool, 0)
    pos = g.n_direct + g.n_hub_in
    for (hub, provs), local in zip(g.hub_out, locals_, strict=True):
        own = flows[pos : pos + len(provs)]
        pos += len(provs)
        items = served_by_hub.get(hub)
        if not items:
            continue
        hub_parts, left = _pack_hub(ix, items, provs, own, own + pool[local])
        pool[local] = left
        parts.extend(hub_parts)
    return parts


# --- repair: no new part below a need's smallest part ----------------------------------


def _merged(parts: list[Part]) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    for n, p, x in parts:
        out[(n, p)] = out.get((n, p), 0) + x
    return out


def violations(ix: Indexed, parts: list[Part]) -> list[int]:
    """Splittable needs with a new part below min(min_part, remaining load)."""
    bad: set[int] = set()
    for (n, _), x in _merged(parts).items():
        if x < ix.needs[n].min_part and x < int(ix.remaining_load[n]):
            bad.add(n)
    return sorted(bad)


def _allowed(ix: Indexed, cand: Candidates, need: int) -> list[int]:
    provs: list[int] = cand.provider[cand.arcs_of(need)].tolist()
    hub = int(cand.hub_of_need[need])
    if hub >= 0:
        provs = sorted(set(provs) | set(cand.hub_providers[hub].tolist()))
    return provs


def repair(ix: Indexed, cand: Candidates, comp: Component, parts: list[Part]) -> list[Part]:
    """Make every new part of a splittable need at least its smallest part.

    Per need with a smaller part: move it to another provider already serving the need
    that has room; else top it up from a larger part that can spare the units; else
    serve the need wholly from one provider with room (one already serving it first,
    then the nearest); else leave the need unserved, freeing its capacity.
    """
    bad = violations(ix, parts)
    if not bad:
        return parts
    merged = _merged(parts)
    used: dict[int, int] = {}
    for (_, p), x in merged.items():
        used[p] = used.get(p, 0) + x
    by_need: dict[int, dict[int, int]] = {}
    for (n, p), x in merged.items():
        by_need.setdefault(n, {})[p] = x

    def room(p: int) -> int:
        return int(ix.remaining_capacity[p]) - used.get(p, 0)

    def move(n: int, src: int, dst: int, x: int) -> None:
        mine = by_need[n]
        mine[src] -= x
        if mine[src] == 0:
            del mine[src]
        mine[dst] = mine.get(dst, 0) + x
        used[src] -= x
        used[dst] = used.get(dst, 0) + x

    for n in bad:
        mine = by_need[n]
        t = _threshold(ix, n)
        load = int(ix.remaining_load[n])
        whole = sum(mine.values()) >= load
        while True:
            small = sorted((x, p) for p, x in mine.items() if x < t)
            if not small:
                break
            x, p = small[0]
            # a. onto another provider serving it, the one with the largest part first
            dst = [q for q, y in sorted(mine.items(), key=lambda i: (-i[1], i[0])) if q != p]
            target = next((q for q in dst if room(q) >= x), None)
            if target is not None:
                move(n, p, target, x)
                continue
            # b. top it up from a part that stays large enough
            gap = t - x
            donor = next((q for q in dst if mine[q] - gap >= t), None)
            if donor is not None and room(p) >= gap:
                move(n, donor, p, gap)
                continue
            # c. wholly from one provider with room (keeping what it has of the need)
            if whole:
                options = sorted(
                    _allowed(ix, cand, n),
                    key=lambda q: (-mine.get(q, 0), _km(ix, n, q), q),
                )
                one = next((q for q in options if room(q) + mine.get(q, 0) >= load), None)
                if one is not None:
                    for q in [q for q in mine if q != one]:
                        move(n, q, one, mine[q])
                    break
            # d. unserved
            for q, y in mine.items():
                used[q] -= y
            mine.clear()
            break
    return [(n, p, x) for n, d in sorted(by_need.items()) for p, x in sorted(d.items()) if x > 0]


def _km(ix: Indexed, need: int, provider: int) -> float:
    if not ix.in_person[need]:
        return 0.0
    return distance_km(
        float(ix.need_lat[need]),
        float(ix.need_lon[need]),
        float(ix.provider_lat[provider]),
        float(ix.provider_lon[provider]),
    )


# --- a component --------------------------------------------------------------------------


def served_priority(ix: Indexed, parts: list[Part]) -> int:
    covered: dict[int, int] = {}
    for n, _, x in parts:
        covered[n] = covered.get(n, 0) + x
    return sum(int(ix.priority[n]) for n, x in covered.items() if x >= ix.remaining_load[n])


def solve_tiered(ix: Indexed, cand: Candidates, comp: Component) -> Outcome:
    """Served priority first (proven for one-unit loads), then preferred pairs and distance
    at full resolution for that served set. Never proven as a whole: status FEASIBLE."""
    first, second = tier_weights(ix, cand, comp)
    g1 = build_graph(ix, cand, comp, first)
    flows1 = run_flow(g1)
    total = int(ix.priority[comp.needs].sum())
    if flows1 is None:  # nothing we can prove: propose nothing here
        return Outcome(parts=[], proven=False, priority_bound=total)
    loads = ix.remaining_load[comp.needs]
    chosen = flows1[g1.unserved()] == 0
    bound = int(ix.priority[comp.needs][chosen].sum())
    unit = bool(loads.max(initial=0) <= 1)
    g2 = build_graph(ix, cand, comp, second)
    flows2 = serve_exactly(ix, comp, g2, chosen)
    if flows2 is not None:
        parts = decode(ix, cand, comp, g2, flows2)
    else:
        parts = decode(ix, cand, comp, g1, flows1)
    parts = repair(ix, cand, comp, parts)
    return Outcome(parts=parts, proven=False, priority_bound=bound if unit else total)


def solve_flow_component(ix: Indexed, cand: Candidates, comp: Component) -> Outcome:
    w = component_weights(ix, cand, comp)
    if w is not None:
        g = build_graph(ix, cand, comp, w)
        flows = run_flow(g)
        if flows is not None:
            parts = repair(ix, cand, comp, decode(ix, cand, comp, g, flows))
            got = served_priority(ix, parts)
            return Outcome(parts=parts, proven=True, priority_bound=got)
    return solve_tiered(ix, cand, comp)
