"""Bad input raises a ValueError naming the item."""

from __future__ import annotations

import math

import pytest

from app.matching import MatchProblem

from .helpers import need, provider


def test_duplicate_need_id() -> None:
    with pytest.raises(ValueError, match="duplicate need id 'n1'"):
        MatchProblem(needs=[need("n1"), need("n1")], providers=[])


def test_duplicate_provider_id() -> None:
    with pytest.raises(ValueError, match="duplicate provider id 'v1'"):
        MatchProblem(needs=[], providers=[provider("v1"), provider("v1")])


def test_pin_to_unknown_provider() -> None:
    with pytest.raises(ValueError, match="'v9'.*unknown provider"):
        MatchProblem(needs=[need("n1")], providers=[provider("v1")], pinned=[("n1", "v9")])


def test_pin_to_unknown_need() -> None:
    with pytest.raises(ValueError, match="'n9'.*unknown need"):
        MatchProblem(needs=[need("n1")], providers=[provider("v1")], pinned=[("n9", "v1")])


def test_forbidden_and_preferred_unknown_ids() -> None:
    with pytest.raises(ValueError, match="forbidden"):
        MatchProblem(needs=[need("n1")], providers=[provider("v1")], forbidden=[("n1", "x")])
    with pytest.raises(ValueError, match="preferred"):
        MatchProblem(needs=[need("n1")], providers=[provider("v1")], preferred=[("x", "v1")])


def test_nan_coordinates() -> None:
    with pytest.raises(ValueError, match="need 'n1': lat is not finite"):
        need("n1", dlat=math.nan)
    with pytest.raises(ValueError, match="provider 'v1': lon is not finite"):
        provider("v1", dlon=math.inf)


def test_out_of_range_coordinates() -> None:
    with pytest.raises(ValueError, match="'n1': lat=100"):
        need("n1", dlat=100 - 24.78)


def test_negative_capacity_and_radius() -> None:
    with pytest.raises(ValueError, match="provider 'v1': capacity=-1"):
        provider("v1", capacity=-1)
    with pytest.raises(ValueError, match="provider 'v1': radius_km"):
        provider("v1", radius_km=-1.0)


def test_bad_priority_and_load() -> None:
    with pytest.raises(ValueError, match="need 'n1': priority=0"):
        need("n1", priority=0)
    with pytest.raises(ValueError, match="need 'n1': load=0"):
        need("n1", load=0)


def test_pins_over_capacity() -> None:
    with pytest.raises(ValueError, match="provider 'v1': pinned pairs exceed its capacity"):
        MatchProblem(
            needs=[need("n1"), need("n2")],
            providers=[provider("v1")],
            pinned=[("n1", "v1"), ("n2", "v1")],
        )


def test_pin_that_is_forbidden() -> None:
    with pytest.raises(ValueError, match="also forbidden"):
        MatchProblem(
            needs=[need("n1")],
            providers=[provider("v1")],
            pinned=[("n1", "v1")],
            forbidden=[("n1", "v1")],
        )


def test_unsplittable_need_pinned_twice() -> None:
    with pytest.raises(ValueError, match="'n1' is pinned to more than one provider"):
        MatchProblem(
            needs=[need("n1")],
            providers=[provider("v1"), provider("v2")],
            pinned=[("n1", "v1"), ("n1", "v2")],
        )


def test_skills_must_be_frozenset() -> None:
    with pytest.raises(ValueError, match="skills"):
        need("n1", skills={"math"})


def test_solve_rejects_bad_options() -> None:
    from app.matching import solve

    with pytest.raises(ValueError):
        solve(MatchProblem(needs=[], providers=[]), workers=0)
