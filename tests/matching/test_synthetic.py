"""Engine on field-shaped synthetic data: valid, optimal, beats the greedy baseline."""

from __future__ import annotations

from app.matching import ReasonCode, solve, validate
from app.matching.synthetic import county_problem, fujian_counties, province_problem


def test_fujian_counties_from_cpca() -> None:
    places = fujian_counties()
    assert len(places) > 50
    assert any(p.adcode == "350582" for p in places)
    assert all(23 < p.lat < 29 and 115 < p.lon < 121 for p in places)


def test_small_county_valid_and_reproducible() -> None:
    p = county_problem(seed=1, n_needs=600, n_providers=180)
    r = solve(p, seed=0)
    assert r.status == "OPTIMAL"
    assert validate(p, r) == []
    again = solve(county_problem(seed=1, n_needs=600, n_providers=180), seed=0)
    assert again.objective == r.objective
    assert set(r.unassigned[n].code for n in r.unassigned) <= set(ReasonCode)


def test_small_province_with_loads_valid() -> None:
    p = province_problem(seed=2, n_needs=800, n_providers=240, multi_load_share=0.05)
    r = solve(p, seed=0, cpsat_workers=8, time_limit_s=20)
    assert validate(p, r) == []
    assert r.counts["components"] >= 1
    assert r.priority_bound >= r.served_priority


def test_parallel_components_same_objective() -> None:
    p = province_problem(seed=3, n_needs=1500, n_providers=450, remote_share=0.0)
    a, b = solve(p, workers=1), solve(p, workers=2)
    assert a.objective == b.objective
    assert a.counts["components"] > 1


def test_solve_leaves_the_collector_as_it_found_it() -> None:
    import gc

    p = county_problem(seed=4, n_needs=200, n_providers=60)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    solve(p, workers=2)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        solve(p, workers=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
