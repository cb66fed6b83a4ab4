"""The lexicographic weights, OR-Tools' cost range, and the tiered solve beyond it."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given
from ortools.graph.python import min_cost_flow

from app.matching import MatchProblem, Status, flow
from app.matching.flow import FlowGraph, run_flow
from app.matching.model import MAX_PRIORITY
from app.matching.objective import (
    INT64_MAX,
    choose_weights,
    lexicographic,
    max_arc_cost,
    priority_weights,
)

from .helpers import brute_force, need, provider, solved
from .test_properties import SETTINGS, problems


def test_weights_separate_the_terms() -> None:
    w = choose_weights(
        priorities=np.array([1, 5, 9]), max_distance_km=30.0, k=3, n_preferred=2, n_nodes=10
    )
    spread = w.k * w.c_max
    assert w.w_preferred > spread  # one preferred pair beats any distance change
    assert w.d_priority > w.w_preferred * 2 + spread  # one priority unit beats both
    assert w.unit_m == 1 and w.exact


def test_large_component_coarsens_distance_unit() -> None:
    w = choose_weights(
        priorities=np.full(200_000, 109),
        max_distance_km=30.0,
        k=200_000,
        n_preferred=50_000,
        n_nodes=250_000,
    )
    assert w.unit_m > 1


def test_overflow_fails_loudly() -> None:
    with pytest.raises(OverflowError):
        choose_weights(
            priorities=np.array([2**60]), max_distance_km=1.0, k=10, n_preferred=10, n_nodes=100
        )


def _chain_status(n: int, cost: int) -> min_cost_flow.SimpleMinCostFlow.Status:
    """One unit along a chain of n nodes whose first arc costs `cost`."""
    smcf = min_cost_flow.SimpleMinCostFlow()
    tails = np.arange(n - 1, dtype=np.int32)
    costs = np.zeros(n - 1, dtype=np.int64)
    costs[0] = cost
    smcf.add_arcs_with_capacity_and_unit_cost(
        tails, tails + 1, np.ones(n - 1, dtype=np.int64), costs
    )
    supplies = np.zeros(n, dtype=np.int64)
    supplies[0], supplies[-1] = 1, -1
    smcf.set_nodes_supplies(np.arange(n, dtype=np.int32), supplies)
    return smcf.solve()


@pytest.mark.parametrize("n", [10, 1_000, 104_857])
def test_cost_guard_at_the_solvers_boundary(n: int) -> None:
    """A cost at the guard solves; OR-Tools' own ScaleCosts check refuses one above
    INT64_MAX / (2 (n + 1)); the guard keeps a margin below what it accepts."""
    ok = min_cost_flow.SimpleMinCostFlow.OPTIMAL
    assert _chain_status(n, max_arc_cost(n)) == ok
    assert _chain_status(n, INT64_MAX // (2 * (n + 1)) + 1) == (
        min_cost_flow.SimpleMinCostFlow.BAD_COST_RANGE
    )
    assert max_arc_cost(n) * 1.5 < INT64_MAX / (2.44 * (n + 1))


def _bipartite(n_needs: int, n_providers: int, unserved_cost: int) -> FlowGraph:
    """Matching-shaped: each need reaches 3 providers; unserved arcs carry the big cost."""
    rng = np.random.default_rng(0)
    tails = np.repeat(np.arange(n_needs), 3)
    heads = n_needs + rng.integers(0, n_providers, len(tails))
    sink = n_needs + n_providers
    needs = np.arange(n_needs)
    provs = n_needs + np.arange(n_providers)
    return FlowGraph(
        tails=np.concatenate([tails, needs, provs]),
        heads=np.concatenate([heads, np.full(n_needs, sink), np.full(n_providers, sink)]),
        capacities=np.ones(len(tails) + n_needs + n_providers, dtype=np.int64),
        costs=np.concatenate(
            [
                rng.integers(0, 30_000, len(tails)),
                np.full(n_needs, unserved_cost),
                np.zeros(n_providers, dtype=np.int64),
            ]
        ),
        supplies=np.concatenate([np.ones(n_needs), np.zeros(n_providers), [-n_needs]]).astype(
            np.int64
        ),
        n_direct=len(tails),
        n_hub_in=0,
        hub_in_needs=np.zeros(0, dtype=np.int64),
        hub_out=[],
        n_needs=n_needs,
        n_providers=n_providers,
    )


def test_the_issues_component_is_handled() -> None:
    """104,856 nodes with arc costs up to 2.98e13 made OR-Tools answer BAD_COST_RANGE: such
    costs are above the guard now (the weights are never chosen so), run_flow declines them
    instead of raising, and a matching graph of that size solves at the guard."""
    nodes = 104_856
    assert max_arc_cost(nodes) < 2.98e13
    assert run_flow(_bipartite(80_000, nodes - 80_001, int(2.98e13))) is None
    flows = run_flow(_bipartite(80_000, nodes - 80_001, max_arc_cost(nodes)))
    assert flows is not None
    w = lexicographic(
        priorities=np.full(80_000, 109),
        max_distance_km=30.0,
        k=80_000,
        n_preferred=20_000,
        max_cost=max_arc_cost(nodes),
    )
    assert w is None  # at 1 m the issue's component goes tier by tier


def test_priorities_up_to_the_maximum_fit_the_priority_tier() -> None:
    """Whatever the component (up to int32 nodes), served priority alone fits."""
    n = 2**31 - 1
    w = priority_weights(
        priorities=np.array([MAX_PRIORITY, 1]),
        max_distance_km=50.0,
        k=10**6,
        n_preferred=10**6,
        n_nodes=n,
    )
    assert w.d_priority >= 1 and MAX_PRIORITY * w.d_priority + w.w_preferred <= max_arc_cost(n)


def _tight(n_nodes: int) -> int:
    """A cost range small enough that realistic weights do not fit at 1 m."""
    return 10**13 // (n_nodes + 1)


@SETTINGS
@given(problems(loads=True, splittable=True))
def test_tiered_solve_proves_priority(problem: MatchProblem) -> None:
    """Huge priorities beyond the cost range at 1 m: solved tier by tier, valid, served
    priority optimal (gap 0); FEASIBLE unless the exact weights fitted after all."""
    big = MatchProblem(
        needs=[
            type(n)(**{**{f: getattr(n, f) for f in n.__slots__}, "priority": n.priority * 10**8})
            for n in problem.needs
        ],
        providers=problem.providers,
        pinned=problem.pinned,
        forbidden=problem.forbidden,
        preferred=problem.preferred,
    )
    with (
        patch("app.matching.objective.max_arc_cost", _tight),
        patch.object(flow, "max_arc_cost", _tight),
    ):
        r = solved(big)
    prio, _, _ = brute_force(big)
    assert r.served_priority == prio
    assert r.priority_bound == prio and r.gap == 0.0


def test_tiered_solve_is_reported_feasible() -> None:
    p = MatchProblem(
        needs=[need("a", priority=MAX_PRIORITY), need("b", priority=MAX_PRIORITY - 1, dlat=0.02)],
        providers=[provider("v1"), provider("v2", dlat=0.01)],
        preferred=[("a", "v2")],
    )
    exact = solved(p)
    with (
        patch("app.matching.objective.max_arc_cost", _tight),
        patch.object(flow, "max_arc_cost", _tight),
    ):
        r = solved(p)
    assert exact.status == Status.OPTIMAL and r.status == Status.FEASIBLE
    assert r.gap == 0.0 and r.served_priority == exact.served_priority
    # the second tier still keeps the preferred pair and the least distance
    assert r.objective == exact.objective
