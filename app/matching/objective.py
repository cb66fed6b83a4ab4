"""Integer weights that make one linear objective lexicographic.

Minimised cost, per component:  D * unserved_priority - W * preferred_kept + distance
(flow arcs add the constant W per need so every arc cost is >= 0).

- W > the largest possible spread of total distance (k * c_max, k = most pairs
  that can be used at once), so one more preferred pair beats any distance.
- D > W * P + k * c_max (P = most preferred pairs that can be kept), so one more
  unit of priority beats every preferred and distance term together.

These are global bounds, stronger than the residual-cycle bound, so a proven
optimum of the weighted cost is the lexicographic optimum. The bounds are
computed per component; when they would overflow int64 (OR-Tools' cost
scaling multiplies costs by the node count) the distance unit is coarsened
instead, and only if even 1000 km units overflow do we fail loudly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

LIMIT = 2**62
UNITS_M = (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)


@dataclass(frozen=True)
class Weights:
    unit_m: int  # distance unit in metres
    w_preferred: int
    d_priority: int
    k: int  # most pairs usable at once
    c_max: int  # largest distance in units

    def distance_units(self, km: NDArray[np.float64]) -> NDArray[np.int64]:
        out: NDArray[np.int64] = np.rint(km * (1000.0 / self.unit_m)).astype(np.int64)
        return out


def choose_weights(
    *,
    priorities: NDArray[np.int64],
    max_distance_km: float,
    k: int,
    n_preferred: int,
    n_nodes: int,
) -> Weights:
    p_max = int(priorities.max()) if len(priorities) else 1
    p_sum = int(priorities.sum()) if len(priorities) else 1
    for unit in UNITS_M:
        c_max = int(math.ceil(max_distance_km * 1000.0 / unit + 0.5))
        spread = k * c_max
        w = spread + 1
        d = w * n_preferred + spread + 1
        top = p_max * d + w
        if top * (n_nodes + 2) < LIMIT and p_sum * d + (len(priorities) + 1) * w < LIMIT:
            return Weights(unit_m=unit, w_preferred=w, d_priority=d, k=k, c_max=c_max)
    raise OverflowError(
        f"objective weights overflow int64 for a component of {len(priorities)} needs "
        f"(priority sum {p_sum}); lower the priority scale or split the problem"
    )
