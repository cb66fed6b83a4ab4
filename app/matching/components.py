"""Split the candidate graph into independent components, solved separately.

Flow time grows faster than linearly in arcs, and towns rarely share
providers, so solving the pieces apart is both faster and exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .candidates import Candidates, Indexed, IntArray


@dataclass
class Component:
    needs: IntArray  # global need indices, sorted
    providers: IntArray  # global provider indices, sorted
    arcs: IntArray  # indices into the direct candidate arcs
    hubs: IntArray  # hub ids used by the component's needs

    @property
    def n_arcs(self) -> int:
        return len(self.arcs)


def split_components(ix: Indexed, cand: Candidates) -> list[Component]:
    n, m, h = ix.n_needs, ix.n_providers, len(cand.hub_providers)
    hub_needs = np.flatnonzero(cand.hub_of_need >= 0)
    hub_sizes = np.array([len(p) for p in cand.hub_providers], dtype=np.int64)
    hub_prov = np.concatenate(cand.hub_providers) if h else np.zeros(0, dtype=np.int64)
    hub_ids = np.repeat(np.arange(h, dtype=np.int64), hub_sizes)
    rows = np.concatenate([cand.need, hub_needs, n + m + hub_ids])
    cols = np.concatenate([n + cand.provider, n + m + cand.hub_of_need[hub_needs], n + hub_prov])
    size = n + m + h
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    labels = labels.astype(np.int64)

    # only components holding at least one arc need a solver
    used = np.zeros(size, dtype=bool)
    used[rows] = True
    used[cols] = True
    need_labels = labels[:n]
    has_arc = used[:n]
    order_n = np.argsort(need_labels, kind="stable")
    order_p = np.argsort(labels[n : n + m], kind="stable")
    order_a = np.argsort(need_labels[cand.need], kind="stable")
    order_h = np.argsort(labels[n + m :], kind="stable")
    comps: list[Component] = []
    keys = np.unique(need_labels[has_arc])
    if len(keys) == 1:  # one component (a county): no need to sort anything by label
        label = keys[0]
        return [
            Component(
                needs=np.flatnonzero(need_labels == label),
                providers=np.flatnonzero(labels[n : n + m] == label),
                arcs=np.arange(len(cand.need), dtype=np.int64),
                hubs=np.flatnonzero(labels[n + m :] == label),
            )
        ]

    def slices(sorted_labels: IntArray) -> tuple[IntArray, IntArray]:
        lo = np.searchsorted(sorted_labels, keys, side="left")
        hi = np.searchsorted(sorted_labels, keys, side="right")
        return lo, hi

    ln, hn = slices(need_labels[order_n])
    lp, hp = slices(labels[n : n + m][order_p])
    la, ha = slices(need_labels[cand.need][order_a])
    lh, hh = slices(labels[n + m :][order_h])
    for i in range(len(keys)):
        comps.append(
            Component(
                needs=np.sort(order_n[ln[i] : hn[i]]),
                providers=np.sort(order_p[lp[i] : hp[i]]),
                arcs=np.sort(order_a[la[i] : ha[i]]),
                hubs=np.sort(order_h[lh[i] : hh[i]]),
            )
        )
    return comps
