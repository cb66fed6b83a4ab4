"""Bad input raises a ValueError naming the item."""

from __future__ import annotations

import math

import pytest

from app.matching import MatchProblem, ReasonCode
from app.matching.model import MAX_PRIORITY

from .helpers import need, provider, solved


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


def test_bad_min_part_and_priority() -> None:
    with pytest.raises(ValueError, match="need 'n1': min_part=0"):
        need("n1", min_part=0)
    with pytest.raises(ValueError, match="need 'n1': priority=.* must be <="):
        need("n1", priority=MAX_PRIORITY + 1)


def test_pin_amount_below_one() -> None:
    with pytest.raises(ValueError, match="amount must be >= 1"):
        MatchProblem(needs=[need("n1")], providers=[provider("v1")], pinned=[("n1", "v1", 0)])


# What other objects' state can make of the pins is accepted, with a documented meaning.


def test_pins_over_capacity_stand_and_leave_no_room() -> None:
    p = MatchProblem(
        needs=[need("n1"), need("n2"), need("n3")],
        providers=[provider("v1")],
        pinned=[("n1", "v1"), ("n2", "v1")],
    )
    r = solved(p)
    assert {(a.need_id, a.pinned_amount) for a in r.assignments} == {("n1", 1), ("n2", 1)}
    assert r.unassigned["n3"].code == ReasonCode.CAPACITY_FULL


def test_pin_that_is_forbidden_stands_without_new_units() -> None:
    p = MatchProblem(
        needs=[need("g", category="goods", load=5, splittable=True)],
        providers=[
            provider("d1", categories=["goods"], capacity=5),
            provider("d2", categories=["goods"], capacity=5, dlat=0.05),
        ],
        pinned=[("g", "d1", 2)],
        forbidden=[("g", "d1")],
    )
    r = solved(p)
    got = {a.provider_id: (a.amount, a.pinned_amount) for a in r.assignments}
    assert got == {"d1": (2, 2), "d2": (3, 0)}


def test_pins_of_one_pair_are_summed() -> None:
    p = MatchProblem(
        needs=[need("g", category="goods", load=5, splittable=True)],
        providers=[provider("d1", categories=["goods"], capacity=5)],
        pinned=[("g", "d1", 2), ("g", "d1", 1)],
    )
    assert p.pinned_amounts == {("g", "d1"): 3}
    r = solved(p)
    (a,) = r.assignments
    assert (a.amount, a.pinned_amount, a.new_amount) == (5, 3, 2)
    assert a.explanation.code == ReasonCode.PINNED and "2 more units" in a.explanation.message


def test_pins_above_a_lowered_load_cover_the_need() -> None:
    p = MatchProblem(
        needs=[need("g", category="goods", load=3, splittable=True), need("n2", category="goods")],
        providers=[provider("d1", categories=["goods"], capacity=6)],
        pinned=[("g", "d1", 5)],
    )
    r = solved(p)
    assert "g" not in r.unassigned and r.served_priority == 20
    assert {a.need_id: a.amount for a in r.assignments} == {"g": 5, "n2": 1}


def test_unsplittable_need_pinned_twice_stands() -> None:
    p = MatchProblem(
        needs=[need("n1")],
        providers=[provider("v1"), provider("v2")],
        pinned=[("n1", "v1"), ("n1", "v2")],
    )
    r = solved(p)
    assert {a.provider_id for a in r.assignments} == {"v1", "v2"} and r.unassigned == {}


def test_unsplittable_need_pinned_below_its_raised_load_grows_on_its_pair_only() -> None:
    needs = [need("n1", load=3)]
    providers = [provider("v1", capacity=3), provider("v2", capacity=5, dlat=0.01)]
    r = solved(MatchProblem(needs=needs, providers=providers, pinned=[("n1", "v1", 1)]))
    (a,) = r.assignments
    assert (a.provider_id, a.amount, a.pinned_amount) == ("v1", 3, 1) and r.unassigned == {}
    # no room left on the pinned pair: the rest is not taken from a second provider
    tight = [provider("v1", capacity=1), providers[1]]
    r = solved(MatchProblem(needs=needs, providers=tight, pinned=[("n1", "v1", 1)]))
    assert [(a.provider_id, a.amount) for a in r.assignments] == [("v1", 1)]
    assert "n1" in r.unassigned


def test_skills_must_be_frozenset() -> None:
    with pytest.raises(ValueError, match="skills"):
        need("n1", skills={"math"})


def test_solve_rejects_bad_options() -> None:
    from app.matching import solve

    with pytest.raises(ValueError):
        solve(MatchProblem(needs=[], providers=[]), workers=0)
