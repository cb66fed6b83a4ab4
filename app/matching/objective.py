"""Integer weights that make one linear objective lexicographic, within OR-Tools' cost range.

Minimised cost, per component:  D * unserved_priority - W * preferred_kept + distance
(flow arcs add the constant W per need so every arc cost is >= 0).

- W > the largest possible spread of total distance (k * c_max, k = most pairs
  that can be used at once), so one more preferred pair beats any distance.
- D > W * P + k * c_max (P = most preferred pairs that can be kept), so one more
  unit of priority beats every preferred and distance term together.

These are global bounds, stronger than the residual-cycle bound, so a proven
optimum of the weighted cost is the lexicographic optimum.

The cost range. OR-Tools' min-cost flow (ortools/graph/min_cost_flow.cc) multiplies
every cost by n + 1 (n = nodes) in `ScaleCosts` and answers BAD_COST_RANGE for any
|cost| > INT64_MAX / (2 * (n + 1)); node potentials then move by up to the largest
scaled cost and `UpdatePrices` gives the same status when they pass INT64_MIN +
that cost. Measured with ortools 9.15 the largest accepted cost is about
INT64_MAX / (2.4 * (n + 1)) (3.665e13 at n = 104,857 on a chain; 3.6049e13 on a
matching graph of the same size). `max_arc_cost` keeps a margin of 1.6 over that:
INT64_MAX / (4 * (n + 1)). Every cost the engine hands the flow solver is chosen
under it.

When the lexicographic weights do not fit at 1 m distance units, the engine solves
tier by tier (see flow.py): `priority_weights` maximise served priority with
preferred pairs and a coarse distance as tie-breaks where they fit, and
`serving_weights` then order preferred pairs and distance at full resolution for
that served set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

INT64_MAX = int(np.iinfo(np.int64).max)
# CP-SAT and the totals: the whole objective must stay in int64, with room to spare
LIMIT = 2**62
UNITS_M = (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)


def max_arc_cost(n_nodes: int) -> int:
    """The largest arc cost OR-Tools' min-cost flow accepts on n_nodes nodes, with a margin."""
    return INT64_MAX // (4 * (max(1, n_nodes) + 1))


@dataclass(frozen=True)
class Weights:
    unit_m: int  # distance unit in metres; 0: distance ignored
    w_preferred: int  # 0: preferred pairs ignored
    d_priority: int
    k: int  # most pairs usable at once
    c_max: int  # largest distance in units

    def distance_units(self, km: NDArray[np.float64]) -> NDArray[np.int64]:
        if self.unit_m == 0:
            return np.zeros(len(km), dtype=np.int64)
        out: NDArray[np.int64] = np.rint(km * (1000.0 / self.unit_m)).astype(np.int64)
        return out

    @property
    def exact(self) -> bool:
        """Every tier at full resolution: a proven optimum is the lexicographic optimum."""
        return self.unit_m == 1 and self.w_preferred > 0 and self.d_priority > 0


def _c_max(max_distance_km: float, unit: int) -> int:
    return int(math.ceil(max_distance_km * 1000.0 / unit + 0.5))


def lexicographic(
    *,
    priorities: NDArray[np.int64],
    max_distance_km: float,
    k: int,
    n_preferred: int,
    max_cost: int,
    units: tuple[int, ...] = (1,),
) -> Weights | None:
    """The first unit of `units` whose weights keep every arc cost <= max_cost and the
    total below LIMIT; None when none does."""
    p_max = int(priorities.max()) if len(priorities) else 1
    p_sum = int(priorities.sum()) if len(priorities) else 1
    for unit in units:
        c_max = _c_max(max_distance_km, unit)
        spread = k * c_max
        w = spread + 1
        d = w * n_preferred + spread + 1
        top = p_max * d + w
        if top <= max_cost and p_sum * d + (len(priorities) + 1) * w < LIMIT:
            return Weights(unit_m=unit, w_preferred=w, d_priority=d, k=k, c_max=c_max)
    return None


def choose_weights(
    *,
    priorities: NDArray[np.int64],
    max_distance_km: float,
    k: int,
    n_preferred: int,
    n_nodes: int,
) -> Weights:
    """Exact lexicographic weights for a flow of n_nodes nodes, coarsening the distance
    unit if it must (CP-SAT callers); OverflowError when even 1000 km units overflow."""
    w = lexicographic(
        priorities=priorities,
        max_distance_km=max_distance_km,
        k=k,
        n_preferred=n_preferred,
        max_cost=max_arc_cost(n_nodes),
        units=UNITS_M,
    )
    if w is None:
        raise OverflowError(
            f"objective weights overflow int64 for a component of {len(priorities)} needs "
            f"(priority sum {int(priorities.sum())}); lower the priority scale or split it"
        )
    return w


def priority_weights(
    *,
    priorities: NDArray[np.int64],
    max_distance_km: float,
    k: int,
    n_preferred: int,
    n_nodes: int,
) -> Weights:
    """First tier: served priority exactly; preferred pairs and a coarse distance break
    ties where they still fit, else priority alone (always fits: MAX_PRIORITY)."""
    w = lexicographic(
        priorities=priorities,
        max_distance_km=max_distance_km,
        k=k,
        n_preferred=n_preferred,
        max_cost=max_arc_cost(n_nodes),
        units=UNITS_M[1:],
    )
    if w is not None:
        return w
    # preferred pairs without distance: W = 1, D > P
    p_max = int(priorities.max()) if len(priorities) else 1
    d = n_preferred + 1
    if p_max * d + 1 <= max_arc_cost(n_nodes):
        return Weights(unit_m=0, w_preferred=1, d_priority=d, k=k, c_max=0)
    return Weights(unit_m=0, w_preferred=0, d_priority=1, k=k, c_max=0)


def serving_weights(*, max_distance_km: float, k: int, n_nodes: int) -> Weights:
    """Second tier, the served set fixed: preferred pairs, then distance (1 m if it fits)."""
    max_cost = max_arc_cost(n_nodes)
    for unit in UNITS_M:
        c_max = _c_max(max_distance_km, unit)
        w = k * c_max + 1
        if w + c_max <= max_cost and (k + 1) * (w + c_max) < LIMIT:
            return Weights(unit_m=unit, w_preferred=w, d_priority=0, k=k, c_max=c_max)
    return Weights(unit_m=0, w_preferred=1, d_priority=0, k=k, c_max=0)
