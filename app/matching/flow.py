"""Min-cost flow for a component (exact when every remaining load is 1).

Graph: need -> provider (cap 1, cost distance + W*[not preferred]),
need -> hub -> provider for remote classes, need -> sink "unserved"
(cost priority*D + W), provider -> sink (cap = remaining capacity).
With loads > 1 the same graph with need supply = load is the splittable
relaxation used to seed CP-SAT.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import Candidates, Indexed, IntArray
from .components import Component
from .objective import Weights, choose_weights

Part = tuple[int, int, int]  # (need, provider, amount), global indices


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


def component_weights(ix: Indexed, cand: Candidates, comp: Component, n_nodes: int) -> Weights:
    loads = ix.remaining_load[comp.needs]
    caps = ix.remaining_capacity[comp.providers]
    arc_needs = cand.need[comp.arcs]
    in_person = ix.in_person[arc_needs]
    dist = cand.distance_km[comp.arcs][in_person]
    pref_needs = np.unique(arc_needs[cand.preferred[comp.arcs]])
    k = int(min(int(loads.sum()), int(caps.sum()), len(comp.needs) + len(comp.arcs)))
    return choose_weights(
        priorities=ix.priority[comp.needs],
        max_distance_km=float(dist.max()) if len(dist) else 0.0,
        k=k,
        n_preferred=int(
            min(int(cand.preferred[comp.arcs].sum()), len(pref_needs) * int(loads.max()))
        ),
        n_nodes=n_nodes,
    )


def build_graph(ix: Indexed, cand: Candidates, comp: Component, w: Weights) -> FlowGraph:
    nc, mc, hc = len(comp.needs), len(comp.providers), len(comp.hubs)
    sink = nc + mc + hc
    loads = ix.remaining_load[comp.needs]
    arc_needs = cand.need[comp.arcs]
    arc_provs = cand.provider[comp.arcs]
    # global -> local node numbers by gather (cheaper than searchsorted on big arc sets)
    need_local_of = np.zeros(ix.n_needs, dtype=np.int64)
    need_local_of[comp.needs] = np.arange(nc, dtype=np.int64)
    prov_local_of = np.zeros(ix.n_providers, dtype=np.int64)
    prov_local_of[comp.providers] = np.arange(nc, nc + mc, dtype=np.int64)
    ln = need_local_of[arc_needs]
    lp = prov_local_of[arc_provs]
    dist_u = w.distance_units(cand.distance_km[comp.arcs])
    dist_u[~ix.in_person[arc_needs]] = 0  # remote needs ignore distance
    direct_cost = dist_u + w.w_preferred * (~cand.preferred[comp.arcs]).astype(np.int64)

    hub_of = cand.hub_of_need[comp.needs]
    hub_local_needs = np.flatnonzero(hub_of >= 0)
    hub_pos = nc + mc + np.searchsorted(comp.hubs, hub_of[hub_local_needs])
    hub_demand = np.bincount(
        np.searchsorted(comp.hubs, hub_of[hub_local_needs]),
        weights=loads[hub_local_needs],
        minlength=hc,
    ).astype(np.int64)
    out_t: list[IntArray] = []
    out_h: list[IntArray] = []
    out_c: list[IntArray] = []
    hub_out: list[tuple[int, IntArray]] = []
    for j, hub in enumerate(comp.hubs.tolist()):
        provs = cand.hub_providers[hub]
        out_t.append(np.full(len(provs), nc + mc + j, dtype=np.int64))
        out_h.append(prov_local_of[provs])
        out_c.append(np.full(len(provs), hub_demand[j], dtype=np.int64))
        hub_out.append((hub, provs))
    empty = np.zeros(0, dtype=np.int64)
    need_local = np.arange(nc, dtype=np.int64)
    prov_local = nc + np.arange(mc, dtype=np.int64)
    tails = np.concatenate([ln, hub_local_needs, *out_t, need_local, prov_local])
    heads = np.concatenate([lp, hub_pos, *out_h, np.full(nc, sink), np.full(mc, sink)])
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
    )


def run_flow(g: FlowGraph) -> IntArray:
    """Solve with OR-Tools; return the flow on every arc."""
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        g.tails.astype(np.int32), g.heads.astype(np.int32), g.capacities, g.costs
    )
    smcf.set_nodes_supplies(np.arange(len(g.supplies), dtype=np.int32), g.supplies)
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows: IntArray = np.asarray(smcf.flows(arcs), dtype=np.int64)
    return flows


def decode(
    ix: Indexed, cand: Candidates, comp: Component, g: FlowGraph, flows: IntArray
) -> list[Part]:
    parts: list[Part] = []
    direct = flows[: g.n_direct]
    for a in np.flatnonzero(direct > 0).tolist():
        arc = comp.arcs[a]
        parts.append((int(cand.need[arc]), int(cand.provider[arc]), int(direct[a])))
    # hubs: served needs of a class take the class's used capacity in id order;
    # every such pair is allowed and costs the same, so any pairing is optimal
    hub_in = flows[g.n_direct : g.n_direct + g.n_hub_in]
    served_by_hub: dict[int, list[tuple[int, int]]] = {}
    for i in np.flatnonzero(hub_in > 0).tolist():
        need = int(g.hub_in_needs[i])
        served_by_hub.setdefault(int(cand.hub_of_need[need]), []).append((need, int(hub_in[i])))
    pos = g.n_direct + g.n_hub_in
    for hub, provs in g.hub_out:
        f = flows[pos : pos + len(provs)]
        pos += len(provs)
        slots = [(int(p), int(x)) for p, x in zip(provs.tolist(), f.tolist(), strict=True) if x > 0]
        for need, amount in served_by_hub.get(hub, []):
            left = amount
            while left > 0:
                p, x = slots[0]
                take = min(x, left)
                parts.append((need, p, take))
                left -= take
                if take == x:
                    slots.pop(0)
                else:
                    slots[0] = (p, x - take)
    return parts


def solve_flow_component(ix: Indexed, cand: Candidates, comp: Component) -> list[Part]:
    n_nodes = len(comp.needs) + len(comp.providers) + len(comp.hubs) + 1
    w = component_weights(ix, cand, comp, n_nodes)
    g = build_graph(ix, cand, comp, w)
    return decode(ix, cand, comp, g, run_flow(g))
