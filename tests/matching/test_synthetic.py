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


def test_parallel_flows_finish_inside_a_worker_that_handles_sigterm_itself() -> None:
    """A Celery worker installs its own SIGTERM handler (a warm shutdown) and runs threads
    (a run's lease): the forked solver processes must still end when their work is done,
    instead of inheriting the handler and hanging the run."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import signal, threading, time
        from app.matching import solve
        from app.matching.synthetic import province_problem
        signal.signal(signal.SIGTERM, lambda *_: None)  # ignores SIGTERM, as a warm shutdown
        threading.Thread(target=lambda: time.sleep(60), daemon=True).start()
        p = province_problem(seed=3, n_needs=600, n_providers=180, remote_share=0.0)
        for _ in range(12):  # the pool's end races its workers: give the race its chances
            r = solve(p, workers=2)
        assert r.counts["components"] > 1
        print("done")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and out.stdout.strip() == "done", out.stderr
