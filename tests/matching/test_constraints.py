"""One test per constraint and objective term; each result also goes through the validator."""

from __future__ import annotations

import dataclasses
from unittest.mock import patch

from app.matching import MatchProblem, ReasonCode, Status, cpsat, validate

from .helpers import need, pairs_of, provider, solved

# 0.1 degree of latitude is about 11.1 km
FAR = 0.1


def test_empty_problem() -> None:
    r = solved(MatchProblem(needs=[], providers=[]))
    assert r.status == "OPTIMAL" and r.assignments == () and r.served_priority == 0


def test_category_must_be_offered() -> None:
    p = MatchProblem(needs=[need("n1", category="medical")], providers=[provider("v1")])
    r = solved(p)
    assert r.unassigned["n1"].code == ReasonCode.NO_PROVIDER_FOR_CATEGORY


def test_every_skill_required() -> None:
    p = MatchProblem(
        needs=[need("n1", skills=frozenset({"math", "physics"}))],
        providers=[
            provider("v1", skills=frozenset({"math"})),
            provider("v2", skills=frozenset({"math", "physics", "art"})),
        ],
    )
    assert pairs_of(solved(p)) == {("n1", "v2")}
    p2 = MatchProblem(needs=p.needs, providers=p.providers[:1])
    assert solved(p2).unassigned["n1"].code == ReasonCode.NO_PROVIDER_WITH_SKILL


def test_required_attributes() -> None:
    n = need("n1", requires=frozenset({"gender:female"}))
    p = MatchProblem(
        needs=[n],
        providers=[provider("v1"), provider("v2", attributes=frozenset({"gender:female"}))],
    )
    assert pairs_of(solved(p)) == {("n1", "v2")}
    p2 = MatchProblem(needs=[n], providers=[provider("v1")])
    assert solved(p2).unassigned["n1"].code == ReasonCode.NO_PROVIDER_WITH_ATTRIBUTES


def test_radius_for_in_person() -> None:
    p = MatchProblem(needs=[need("n1", dlat=FAR)], providers=[provider("v1", radius_km=10.0)])
    assert solved(p).unassigned["n1"].code == ReasonCode.NONE_WITHIN_REACH
    p2 = MatchProblem(needs=[need("n1", dlat=FAR)], providers=[provider("v1", radius_km=12.0)])
    assert pairs_of(solved(p2)) == {("n1", "v1")}


def test_remote_needs_ignore_distance_and_clearance() -> None:
    p = MatchProblem(
        needs=[need("n1", dlat=5.0, in_person=False)],
        providers=[provider("v1", radius_km=1.0, cleared=False)],
    )
    r = solved(p)
    assert pairs_of(r) == {("n1", "v1")}
    assert r.total_distance_km == 0.0  # remote distance is not counted


def test_clearance_for_in_person() -> None:
    p = MatchProblem(needs=[need("n1")], providers=[provider("v1", cleared=False)])
    assert solved(p).unassigned["n1"].code == ReasonCode.NONE_CLEARED


def test_forbidden_pair_never_proposed() -> None:
    p = MatchProblem(
        needs=[need("n1")],
        providers=[provider("v1"), provider("v2", dlat=0.05)],
        forbidden=[("n1", "v1")],
    )
    assert pairs_of(solved(p)) == {("n1", "v2")}
    p2 = MatchProblem(needs=[need("n1")], providers=[provider("v1")], forbidden=[("n1", "v1")])
    assert solved(p2).unassigned["n1"].code == ReasonCode.FORBIDDEN


def test_forbidden_pair_for_remote_hub() -> None:
    needs = [need(f"n{i}", in_person=False) for i in range(3)]
    p = MatchProblem(
        needs=needs,
        providers=[provider("v1", capacity=3), provider("v2")],
        forbidden=[("n0", "v1")],
    )
    r = solved(p)
    assert ("n0", "v2") in pairs_of(r) and r.served_priority == 30


def test_capacity_respected_and_priority_first() -> None:
    p = MatchProblem(
        needs=[
            need("lo", priority=5, dlat=0.001),
            need("hi", priority=50, dlat=0.05),
            need("mid", priority=20),
        ],
        providers=[provider("v1", capacity=2)],
    )
    r = solved(p)
    assert r.served_priority == 70
    assert r.unassigned["lo"].code == ReasonCode.CAPACITY_FULL


def test_priority_beats_distance_and_preferred() -> None:
    # serving the far high-priority need beats keeping the near preferred one
    p = MatchProblem(
        needs=[need("near", priority=10), need("far", priority=11, dlat=0.08)],
        providers=[provider("v1")],
        preferred=[("near", "v1")],
    )
    r = solved(p)
    assert pairs_of(r) == {("far", "v1")} and r.preferred_kept == 0


def test_many_low_priority_beat_one_high() -> None:
    p = MatchProblem(
        needs=[need("a", priority=30), need("b", priority=20), need("c", priority=20)],
        providers=[provider("v1", capacity=2)],
    )
    # a+b or a+c = 50 is best; b+c=40 is not
    assert solved(p).served_priority == 50


def test_preferred_kept_when_nothing_lost() -> None:
    p = MatchProblem(
        needs=[need("n1")],
        providers=[provider("near"), provider("old", dlat=0.05)],
        preferred=[("n1", "old")],
    )
    r = solved(p)
    assert pairs_of(r) == {("n1", "old")} and r.preferred_kept == 1
    a = r.assignments[0]
    assert a.explanation.code == ReasonCode.PREFERRED_KEPT


def test_least_distance_among_equal_priority() -> None:
    p = MatchProblem(
        needs=[need("n1")], providers=[provider("far", dlat=0.05), provider("near", dlat=0.01)]
    )
    assert pairs_of(solved(p)) == {("n1", "near")}


def test_pinned_kept_and_uses_capacity_first() -> None:
    # the pin is kept even though it is out of category and lower priority
    p = MatchProblem(
        needs=[need("pinned", priority=1, category="legal_aid"), need("other", priority=100)],
        providers=[provider("v1", capacity=1)],
        pinned=[("pinned", "v1")],
    )
    r = solved(p)
    assert ("pinned", "v1") in pairs_of(r)
    assert r.unassigned["other"].code == ReasonCode.CAPACITY_FULL
    assert next(a for a in r.assignments if a.pinned).explanation.code == ReasonCode.PINNED


def test_load_uses_capacity_units() -> None:
    p = MatchProblem(
        needs=[need("big", load=3, priority=10), need("s1", priority=4), need("s2", priority=4)],
        providers=[provider("v1", capacity=3)],
    )
    r = solved(p)
    assert r.status == Status.OPTIMAL and r.served_priority == 10


def test_load_does_not_fit() -> None:
    p = MatchProblem(
        needs=[need("big", load=3)],
        providers=[provider("v1", capacity=2), provider("v2", capacity=2)],
    )
    r = solved(p)
    assert r.unassigned["big"].code in (ReasonCode.CAPACITY_FULL, ReasonCode.INSUFFICIENT_CAPACITY)


def test_splittable_need_served_in_parts() -> None:
    p = MatchProblem(
        needs=[need("funds", category="funds", load=5, splittable=True)],
        providers=[
            provider("d1", categories=["funds"], capacity=2),
            provider("d2", categories=["funds"], capacity=2, dlat=0.01),
            provider("d3", categories=["funds"], capacity=2, dlat=0.02),
        ],
    )
    r = solved(p)
    assert r.served_priority == 10
    assert sorted(a.amount for a in r.assignments) == [1, 2, 2]


def test_splittable_with_partial_pin() -> None:
    p = MatchProblem(
        needs=[need("g", category="goods", load=4, splittable=True)],
        providers=[
            provider("d1", categories=["goods"], capacity=2),
            provider("d2", categories=["goods"], capacity=3),
        ],
        pinned=[("g", "d1", 1)],
    )
    r = solved(p)
    assert r.served_priority == 10
    assert sum(a.amount for a in r.assignments) == 4


def test_large_split_components_keep_the_flow_plan_and_last_weeks_pairs() -> None:
    """Beyond CP-SAT's reach (patched here) the flow plan is returned with its LP bound, and
    a split delivery proposed last week keeps both donors though one is nearer."""
    p = MatchProblem(
        needs=[need("g", category="goods", load=4, splittable=True)],
        providers=[
            provider("near", categories=["goods"], capacity=4, dlat=0.01),
            provider("far", categories=["goods"], capacity=4, dlat=0.03),
        ],
        preferred=[("g", "near"), ("g", "far")],
    )
    with (
        patch.object(cpsat, "POLISH_MAX_PAIRS", -1),
        patch.object(cpsat, "EXACT_MAX_PAIRS", -1),
    ):
        r = solved(p)
    assert r.status == "FEASIBLE" and r.gap == 0.0 and r.priority_bound == r.served_priority
    assert pairs_of(r) == {("g", "near"), ("g", "far")} and r.preferred_kept == 2
    assert {a.provider_id: a.amount for a in r.assignments} == {"near": 3, "far": 1}
    fresh = solved(dataclasses.replace(p, preferred=()))
    assert pairs_of(fresh) == {("g", "near")}


def test_time_limit_and_seed_accepted() -> None:
    p = MatchProblem(needs=[need("a", load=2), need("b")], providers=[provider("v1", capacity=2)])
    r = solved(p, time_limit_s=5.0, seed=3, cpsat_workers=8)
    assert r.status == "OPTIMAL" and r.gap == 0.0 and r.priority_bound == r.served_priority


def test_result_exposes_terms_timings_counts() -> None:
    r = solved(MatchProblem(needs=[need("n1")], providers=[provider("v1")]))
    assert r.objective.served_priority == 10
    assert {"candidates", "solve", "explain", "total"} <= set(r.timings)
    assert r.counts["candidate_pairs"] == 1 and r.counts["components"] == 1


def test_assignment_explanation_details() -> None:
    p = MatchProblem(
        needs=[need("n1", skills=frozenset({"math"}))],
        providers=[
            provider("v1", skills=frozenset({"math"})),
            provider("v2", skills=frozenset({"math"}), dlat=0.02),
        ],
    )
    a = solved(p).assignments[0]
    assert a.provider_id == "v1"
    assert a.explanation.details["other_feasible_providers"] == 1
    assert a.explanation.details["skills_matched"] == ["math"]
    assert "km away" in a.explanation.message


def test_reason_codes_are_snake_case_and_unique() -> None:
    codes = [c.value for c in ReasonCode]
    assert len(set(codes)) == len(codes)
    assert all(c == c.lower() and " " not in c for c in codes)


# the validator itself catches each kind of violation
def _base() -> MatchProblem:
    return MatchProblem(
        needs=[need("n1"), need("n2", dlat=FAR)],
        providers=[provider("v1", capacity=1), provider("v2", cleared=False)],
        pinned=[("n1", "v1")],
    )


def _tamper(pairs: list[tuple[str, str, int]]) -> list[str]:
    p = _base()
    r = solved(p)
    template = r.assignments[0]
    fake = tuple(
        dataclasses.replace(template, need_id=n, provider_id=v, amount=x) for n, v, x in pairs
    )
    return validate(p, dataclasses.replace(r, assignments=fake))


def test_validator_flags_missing_pin() -> None:
    assert any("pinned pair" in v for v in _tamper([]))


def test_validator_flags_over_capacity() -> None:
    assert any("capacity" in v for v in _tamper([("n1", "v1", 1), ("n2", "v1", 1)]))


def test_validator_flags_uncleared_and_far() -> None:
    v = _tamper([("n1", "v1", 1), ("n2", "v2", 1)])
    assert any("not cleared" in x for x in v)


def test_validator_flags_reach() -> None:
    p = MatchProblem(needs=[need("n1", dlat=FAR)], providers=[provider("v1", radius_km=1.0)])
    r = solved(p)
    a = dataclasses.replace(
        solved(MatchProblem(needs=[need("x")], providers=[provider("y")])).assignments[0],
        need_id="n1",
        provider_id="v1",
        distance_km=r.assignments[0].distance_km if r.assignments else 11.1,
    )
    assert any("exceeds radius" in v for v in validate(p, dataclasses.replace(r, assignments=(a,))))


def test_validator_flags_forbidden_and_objective() -> None:
    p = MatchProblem(
        needs=[need("n1")], providers=[provider("v1"), provider("v2")], forbidden=[("n1", "v1")]
    )
    r = solved(p)
    a = dataclasses.replace(r.assignments[0], provider_id="v1")
    v = validate(p, dataclasses.replace(r, assignments=(a,)))
    assert any("forbidden" in x for x in v)


def test_validator_flags_split_of_unsplittable() -> None:
    p = MatchProblem(
        needs=[need("n1", load=2)],
        providers=[provider("v1", capacity=1), provider("v2", capacity=1)],
    )
    r = solved(p)
    a = r.unassigned and dataclasses.replace(
        solved(MatchProblem(needs=[need("x")], providers=[provider("y")])).assignments[0],
        need_id="n1",
        provider_id="v1",
        amount=1,
    )
    assert a
    b = dataclasses.replace(a, provider_id="v2")
    v = validate(p, dataclasses.replace(r, assignments=(a, b)))
    assert any("not splittable" in x for x in v)


def test_validator_flags_wrong_objective() -> None:
    p = MatchProblem(needs=[need("n1")], providers=[provider("v1")])
    r = solved(p)
    bad = dataclasses.replace(r, objective=dataclasses.replace(r.objective, served_priority=99))
    assert any("served_priority" in v for v in validate(p, bad))


def test_no_absurd_split_of_a_donation() -> None:
    """Issue: a 500-yuan need proposed as 499 + 1. The nearest donor has 499 left."""
    p = MatchProblem(
        needs=[need("g", category="funds", load=500, splittable=True, min_part=100)],
        providers=[
            provider("near", categories=["funds"], capacity=499, dlat=0.01),
            provider("far", categories=["funds"], capacity=500, dlat=0.03),
        ],
    )
    r = solved(p)
    assert r.status == Status.OPTIMAL
    assert [(a.provider_id, a.amount) for a in r.assignments] == [("far", 500)]
    # the flow incumbent (beyond CP-SAT's reach) splits per unit of distance: repaired
    with (
        patch.object(cpsat, "POLISH_MAX_PAIRS", -1),
        patch.object(cpsat, "EXACT_MAX_PAIRS", -1),
    ):
        r = solved(p)
    assert r.served_priority == 10 and all(a.amount >= 100 for a in r.assignments)


def test_no_absurd_split_within_a_remote_hub() -> None:
    """Remote donors share a hub: its served needs are packed whole where one donor fits."""
    needs = [
        need("g", category="funds", load=500, splittable=True, min_part=100, in_person=False),
        need("h", category="funds", load=99, splittable=True, in_person=False),
    ]
    p = MatchProblem(
        needs=needs,
        providers=[
            provider("a", categories=["funds"], capacity=499),
            provider("b", categories=["funds"], capacity=600),
        ],
    )
    r = solved(p)
    assert r.status == Status.OPTIMAL and r.unassigned == {}
    # largest first, each to the donor with least room that takes it whole
    assert {(a.need_id, a.provider_id, a.amount) for a in r.assignments} == {
        ("g", "b", 500),
        ("h", "b", 99),
    }


def test_min_part_is_capped_by_what_is_left() -> None:
    """A smallest part above the load left after approved pairings asks for no more than it."""
    p = MatchProblem(
        needs=[need("g", category="goods", load=10, splittable=True, min_part=8)],
        providers=[
            provider("d1", categories=["goods"], capacity=7),
            provider("d2", categories=["goods"], capacity=3, dlat=0.01),
        ],
        pinned=[("g", "d1", 7)],
    )
    r = solved(p)
    assert {a.provider_id: (a.amount, a.pinned_amount) for a in r.assignments} == {
        "d1": (7, 7),
        "d2": (3, 0),
    }


def test_min_part_that_cannot_be_met_leaves_the_need_open() -> None:
    p = MatchProblem(
        needs=[need("g", category="goods", load=6, splittable=True, min_part=4)],
        providers=[
            provider("d1", categories=["goods"], capacity=3),
            provider("d2", categories=["goods"], capacity=3),
        ],
    )
    r = solved(p)
    assert r.assignments == () and r.unassigned["g"].code == ReasonCode.PARTS_TOO_SMALL
    assert r.unassigned["g"].details["min_part"] == 4
    assert "smallest part of 4 units" in r.unassigned["g"].message


def test_new_units_on_an_approved_pair_add_no_distance_or_preferred_pair() -> None:
    """Extra units on a pinned pair cost nothing more: it is preferred to a nearer donor."""
    p = MatchProblem(
        needs=[need("g", category="goods", load=4, splittable=True)],
        providers=[
            provider("old", categories=["goods"], capacity=4, dlat=0.05),
            provider("near", categories=["goods"], capacity=4, dlat=0.001),
        ],
        pinned=[("g", "old", 2)],
        preferred=[("g", "old")],
    )
    r = solved(p)
    assert [(a.provider_id, a.amount, a.pinned_amount) for a in r.assignments] == [("old", 4, 2)]
    assert r.preferred_kept == 1


def test_validator_flags_a_part_below_the_smallest_part() -> None:
    p = MatchProblem(
        needs=[need("g", category="goods", load=5, splittable=True, min_part=2)],
        providers=[
            provider("d1", categories=["goods"], capacity=5),
            provider("d2", categories=["goods"], capacity=5),
        ],
    )
    r = solved(p)
    (a,) = r.assignments
    split = (
        dataclasses.replace(a, provider_id="d1", amount=4, distance_km=0.0),
        dataclasses.replace(a, provider_id="d2", amount=1, distance_km=0.0),
    )
    v = validate(p, dataclasses.replace(r, assignments=split))
    assert any("below its smallest part 2" in x for x in v)


def test_reasons_are_codes_and_json_details() -> None:
    import json

    p = MatchProblem(
        needs=[need("n1", skills=frozenset({"math"})), need("n2", category="legal_aid")],
        providers=[provider("v1", skills=frozenset({"math"}))],
    )
    r = solved(p)
    reasons = [a.explanation for a in r.assignments] + list(r.unassigned.values())
    for reason in reasons:
        json.dumps({"code": reason.code.value, "details": dict(reason.details)})
        assert reason.message  # English, rendered on demand
    assert r.unassigned["n2"].details["category"] == "legal_aid"
    assert r.unassigned["n2"].message == "No provider offers the category 'legal_aid'."


def test_hub_packing_counts_capacity_cp_sat_gave_to_direct_pairs() -> None:
    """A plan rebuilt from CP-SAT has no provider -> sink flows: the hub packer must still
    see that d1 is full with the in-person need and put the remote one on d2."""
    p = MatchProblem(
        needs=[
            need("x", category="goods", load=3, splittable=True, priority=20),
            need("y", category="goods", load=2, splittable=True, in_person=False),
        ],
        providers=[
            provider("d1", categories=["goods"], capacity=3),
            provider("d2", categories=["goods"], capacity=2, radius_km=1.0, dlat=0.5),
        ],
    )
    r = solved(p)
    assert r.unassigned == {} and r.status == Status.OPTIMAL
    assert {(a.need_id, a.provider_id, a.amount) for a in r.assignments} == {
        ("x", "d1", 3),
        ("y", "d2", 2),
    }
