"""`solve`: candidates -> components -> flow or CP-SAT -> explanations."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
import time

import numpy as np

from .candidates import Candidates, Indexed, build_candidates, index_problem
from .components import Component, split_components
from .cpsat import solve_cpsat_component
from .explain import AssignmentExplainer, UnservedExplainer
from .flow import Outcome, Part, served_priority, solve_flow_component
from .geo import haversine_km
from .model import Assignment, MatchProblem, MatchResult, Objective, Reason, Status

_BIG = np.iinfo(np.int64).max
DEFAULT_CPSAT_BUDGET_S = 60.0  # CP-SAT stage budget when the caller gives no time limit

# set just before forking workers: children read it copy-on-write, nothing is pickled
_SHARED: tuple[Indexed, Candidates, list[Component]] | None = None


def _solve_bin(indices: list[int]) -> list[Outcome]:
    assert _SHARED is not None
    ix, cand, comps = _SHARED
    return [solve_flow_component(ix, cand, comps[i]) for i in indices]


def _default_signals() -> None:
    """A forked worker must not inherit its parent's SIGTERM or SIGINT handlers (a Celery
    worker's warm shutdown would keep it alive, and the pool waiting for it)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _solve_flows_parallel(
    ix: Indexed, cand: Candidates, comps: list[Component], workers: int
) -> list[Outcome]:
    """Forked processes (OR-Tools holds the GIL, threads would not help)."""
    global _SHARED
    bins: list[list[int]] = [[] for _ in range(workers)]
    load = [0] * workers
    # largest first into the emptiest bin; cost ~ arcs^1.34
    for i in sorted(range(len(comps)), key=lambda i: -comps[i].n_arcs):
        b = load.index(min(load))
        bins[b].append(i)
        load[b] += int((comps[i].n_arcs + len(comps[i].needs)) ** 1.34)
    _SHARED = (ix, cand, comps)
    gc.freeze()  # children would otherwise copy every page the collector touches (solve thaws)
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_default_signals)
    try:
        results = pool.map(_solve_bin, bins)
        pool.close()  # the workers end on their own once the work is done...
        pool.join()
    finally:
        pool.terminate()  # ...or are stopped (a no-op when they have ended)
        _SHARED = None
    out: list[Outcome | None] = [None] * len(comps)
    for indices, res in zip(bins, results, strict=True):
        for i, o in zip(indices, res, strict=True):
            out[i] = o
    return [o for o in out if o is not None]


def _is_flow(ix: Indexed, comp: Component) -> bool:
    # unit remaining loads make the problem totally unimodular: flow is exact
    return bool(ix.remaining_load[comp.needs].max() <= 1)


def usable_cores() -> int:
    """CPUs this process may run on (the affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def solve(
    problem: MatchProblem,
    *,
    time_limit_s: float | None = None,
    seed: int = 0,
    workers: int | None = None,
    cpsat_workers: int = 8,
) -> MatchResult:
    """Propose the lexicographically best pairings for `problem`.

    time_limit_s bounds the whole call as far as the CP-SAT stage (components
    with loads > 1) can honour it (default: 60 s for that stage); the flow stage
    always runs to proven optimality. workers (default: the usable cores) > 1
    solves independent flow components in that many forked processes (POSIX
    only; else serially). seed and cpsat_workers make CP-SAT reproducible
    (cpsat_workers=1 switches on linearization_level=2).
    """
    if workers is None:
        workers = usable_cores()
    # the problem's objects live through the call and the result's are built in bulk,
    # none in cycles: the collector would only walk them again and again (1-2 s on a
    # province). Paused for the call, and the problem frozen (thawed on the way out
    # unless the caller had frozen objects of its own)
    thaw = gc.get_freeze_count() == 0
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        return _solve(problem, time_limit_s, seed, workers, cpsat_workers)
    finally:
        if thaw:
            gc.unfreeze()
        if enabled:
            gc.enable()


def _solve(
    problem: MatchProblem,
    time_limit_s: float | None,
    seed: int,
    workers: int,
    cpsat_workers: int,
) -> MatchResult:
    if workers < 1 or cpsat_workers < 1:
        raise ValueError("workers and cpsat_workers must be >= 1")
    if time_limit_s is not None and not time_limit_s > 0:
        raise ValueError("time_limit_s must be positive")
    t0 = time.perf_counter()
    ix = index_problem(problem)
    cand = build_candidates(ix)
    t1 = time.perf_counter()
    comps = split_components(ix, cand)
    t2 = time.perf_counter()

    flow_comps = [c for c in comps if _is_flow(ix, c)]
    gap_comps = [c for c in comps if not _is_flow(ix, c)]
    outcomes: list[tuple[Component, Outcome]] = []
    if workers > 1 and len(flow_comps) > 1 and "fork" in multiprocessing.get_all_start_methods():
        solved = _solve_flows_parallel(ix, cand, flow_comps, workers)
        outcomes.extend(zip(flow_comps, solved, strict=True))
    else:
        outcomes.extend((c, solve_flow_component(ix, cand, c)) for c in flow_comps)
    t3 = time.perf_counter()

    deadline = t3 + DEFAULT_CPSAT_BUDGET_S if time_limit_s is None else t0 + time_limit_s
    for i, c in enumerate(gap_comps):
        # share what is left evenly among the components still to solve
        left = max(0.05, (deadline - time.perf_counter()) / (len(gap_comps) - i))
        outcomes.append(
            (
                c,
                solve_cpsat_component(
                    ix, cand, c, time_limit_s=left, seed=seed, workers=cpsat_workers
                ),
            )
        )
    t4 = time.perf_counter()

    parts: list[Part] = []
    proven = True
    bound_extra = 0
    unproven_needs: set[int] = set()
    for c, out in outcomes:
        parts.extend(out.parts)
        if out.proven:
            continue
        proven = False
        served_here = served_priority(ix, out.parts)
        if out.priority_bound > served_here:  # a better plan may serve these needs
            unproven_needs.update(c.needs.tolist())
            bound_extra += out.priority_bound - served_here

    result = _assemble(ix, cand, parts, unproven_needs)
    t5 = time.perf_counter()
    served = result[2].served_priority
    bound = served + max(0, bound_extra)
    return MatchResult(
        status=Status.OPTIMAL if proven else Status.FEASIBLE,
        assignments=result[0],
        unassigned=result[1],
        objective=result[2],
        priority_bound=bound,
        gap=0.0 if bound == 0 else (bound - served) / bound,
        timings={
            "candidates": t1 - t0,
            "components": t2 - t1,
            "flow": t3 - t2,
            "cpsat": t4 - t3,
            "solve": t4 - t1,
            "explain": t5 - t4,
            "total": t5 - t0,
        },
        counts={
            "needs": ix.n_needs,
            "providers": ix.n_providers,
            "candidate_pairs": cand.n_pairs,
            "direct_arcs": len(cand.need),
            "hubs": len(cand.hub_providers),
            "components": len(comps),
            "flow_components": len(flow_comps),
            "cpsat_components": len(gap_comps),
            "largest_component_arcs": max((c.n_arcs for c in comps), default=0),
        },
    )


def _assemble(
    ix: Indexed, cand: Candidates, parts: list[Part], unproven_needs: set[int]
) -> tuple[tuple[Assignment, ...], dict[str, Reason], Objective]:
    m = ix.n_providers
    flat = np.fromiter(itertools.chain.from_iterable(parts), dtype=np.int64, count=3 * len(parts))
    pins = np.array([(n, p, x) for (n, p), x in ix.pinned_amount.items()], dtype=np.int64).reshape(
        -1, 3
    )
    rows = np.concatenate([pins, flat.reshape(-1, 3)])
    # one assignment per pair, its amount the pinned one plus every new part
    keys, inverse = np.unique(rows[:, 0] * max(m, 1) + rows[:, 1], return_inverse=True)
    x_arr = np.bincount(inverse, weights=rows[:, 2], minlength=len(keys)).astype(np.int64)
    pin_arr = np.bincount(inverse[: len(pins)], weights=pins[:, 2], minlength=len(keys)).astype(
        np.int64
    )
    kn, kp = keys // max(m, 1), keys % max(m, 1)
    km = haversine_km(ix.need_lat[kn], ix.need_lon[kn], ix.provider_lat[kp], ix.provider_lon[kp])
    covered = np.bincount(kn, weights=x_arr, minlength=ix.n_needs).astype(np.int64)
    used = np.bincount(kp, weights=x_arr, minlength=m).astype(np.int64)
    # lowest priority among needs with new units on each provider (for explanations)
    min_hosted = np.full(m, _BIG, dtype=np.int64)
    new = x_arr > pin_arr
    np.minimum.at(min_hosted, kp[new], ix.priority[kn[new]])
    preferred = np.zeros(len(keys), dtype=bool)
    if ix.preferred:
        pref_keys = np.array([a * m + b for a, bs in ix.preferred.items() for b in bs])
        preferred = np.isin(keys, pref_keys)
    total_km = float(km[ix.in_person[kn]].sum()) if len(keys) else 0.0

    reasons = AssignmentExplainer(ix, cand).reasons(kn, x_arr, km, pin_arr, preferred)
    needs, providers = ix.needs, ix.providers
    assignments = tuple(
        Assignment(
            need_id=needs[n].id,
            provider_id=providers[p].id,
            amount=x,
            distance_km=d,
            pinned_amount=pa,
            preferred=pr,
            explanation=why,
        )
        for n, p, x, d, pa, pr, why in zip(
            kn.tolist(),
            kp.tolist(),
            x_arr.tolist(),
            km.tolist(),
            pin_arr.tolist(),
            preferred.tolist(),
            reasons,
            strict=True,
        )
    )

    loads = np.array([nd.load for nd in ix.needs], dtype=np.int64)
    full = covered >= loads
    served_priority_ = int(ix.priority[full].sum())
    capacity = np.array([pr.capacity for pr in ix.providers], dtype=np.int64)
    residual = np.maximum(capacity - used, 0)
    explainer = UnservedExplainer(ix, cand, residual, min_hosted, unproven_needs, ~full)
    open_needs = np.flatnonzero(~full)
    unassigned = dict(
        zip(
            [needs[n].id for n in open_needs.tolist()],
            explainer.reasons(open_needs, covered[open_needs]),
            strict=True,
        )
    )
    return (
        assignments,
        unassigned,
        Objective(
            served_priority=served_priority_,
            preferred_kept=int(preferred.sum()),
            total_distance_km=total_km,
        ),
    )
