"""What-if planning: more providers never serve less, and the answer on the touched
components equals fresh solves of the whole problem with and without the change."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.matching import MatchProblem
from app.matching.what_if import Scenario, affected, apply, compare, served
from tests.matching.helpers import need, provider, solved


def town(prefix: str, dlat: float, n_needs: int, n_providers: int, capacity: int = 1) -> tuple:
    needs = [
        need(f"{prefix}n{i}", dlat=dlat, dlon=0.001 * i, priority=10 + i) for i in range(n_needs)
    ]
    providers = [
        provider(f"{prefix}p{j}", dlat=dlat, dlon=0.001 * j, capacity=capacity)
        for j in range(n_providers)
    ]
    return needs, providers


def test_two_more_tutors_in_a_town_serve_two_more_needs_there_and_nothing_elsewhere():
    a_needs, a_providers = town("a", 0.0, 5, 2)
    b_needs, b_providers = town("b", 1.0, 3, 1)  # 111 km away: its own component
    problem = MatchProblem(needs=a_needs + b_needs, providers=a_providers + b_providers)
    recruits = Scenario(add=(provider("w1"), provider("w2")))
    result = compare(problem, recruits)
    assert len(result.newly_served) == 2 and result.no_longer_served == ()
    assert all(n.startswith("an") for n in result.needs)  # town b was not solved again
    # the two most important needs left open are the ones served now
    assert set(result.newly_served) == {"an1", "an2"}
    assert result.served_priority_gain == 11 + 12


def test_more_capacity_for_a_provider():
    needs, providers = town("a", 0.0, 4, 1, capacity=1)
    problem = MatchProblem(needs=needs, providers=providers)
    result = compare(problem, Scenario(extra_capacity={"ap0": 2}))
    assert len(result.newly_served) == 2


def test_a_provider_nobody_can_use_changes_nothing():
    needs, providers = town("a", 0.0, 2, 1)
    far = provider("w1", dlat=5.0, radius_km=1.0)
    result = compare(MatchProblem(needs=needs, providers=providers), Scenario(add=(far,)))
    assert result.needs == () and result.newly_served == () and result.served_priority_gain == 0


def test_bad_scenarios_are_refused():
    needs, providers = town("a", 0.0, 1, 1)
    problem = MatchProblem(needs=needs, providers=providers)
    for scenario in (
        Scenario(add=(provider("ap0"),)),
        Scenario(extra_capacity={"nobody": 1}),
        Scenario(extra_capacity={"ap0": 0}),
    ):
        try:
            apply(problem, scenario)
        except ValueError:
            continue
        raise AssertionError(f"accepted {scenario}")


@st.composite
def problems(draw):  # type: ignore[no-untyped-def]
    """A few towns of needs and providers, with approved pairings, rejections and last
    week's proposals, and one provider to add somewhere."""
    needs, providers = [], []
    towns = draw(st.integers(1, 3))
    for t in range(towns):
        for i in range(draw(st.integers(1, 6))):
            needs.append(
                need(
                    f"n{t}_{i}",
                    dlat=0.5 * t + draw(st.floats(-0.03, 0.03)),
                    dlon=draw(st.floats(-0.03, 0.03)),
                    category=draw(st.sampled_from(["tutoring", "companionship"])),
                    priority=draw(st.integers(1, 60)),
                    in_person=draw(st.booleans()) or True,
                )
            )
        for j in range(draw(st.integers(0, 3))):
            providers.append(
                provider(
                    f"p{t}_{j}",
                    dlat=0.5 * t + draw(st.floats(-0.03, 0.03)),
                    dlon=draw(st.floats(-0.03, 0.03)),
                    radius_km=draw(st.sampled_from([2.0, 5.0, 10.0])),
                    categories=draw(
                        st.sampled_from(
                            [("tutoring",), ("companionship",), ("tutoring", "companionship")]
                        )
                    ),
                    capacity=draw(st.integers(1, 3)),
                )
            )
    pins, forbidden, preferred = [], [], []
    load: dict[str, int] = {}
    for n in needs:
        if not providers:
            break
        p = providers[draw(st.integers(0, len(providers) - 1))]
        choice = draw(st.sampled_from(["none", "pin", "forbid", "prefer"]))
        if choice == "pin" and load.get(p.id, 0) < p.capacity:
            pins.append((n.id, p.id))
            load[p.id] = load.get(p.id, 0) + 1
        elif choice == "forbid":
            forbidden.append((n.id, p.id))
        elif choice == "prefer":
            preferred.append((n.id, p.id))
    problem = MatchProblem(
        needs=needs, providers=providers, pinned=pins, forbidden=forbidden, preferred=preferred
    )
    where = draw(st.integers(0, towns - 1))
    added = provider(
        "w1",
        dlat=0.5 * where + draw(st.floats(-0.03, 0.03)),
        radius_km=draw(st.sampled_from([3.0, 10.0])),
        categories=draw(st.sampled_from([("tutoring",), ("companionship",)])),
        capacity=draw(st.integers(1, 3)),
    )
    return problem, Scenario(add=(added,))


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(problems())
def test_the_answer_equals_fresh_solves_and_never_serves_less(case):  # type: ignore[no-untyped-def]
    problem, scenario = case
    whole_before = solved(problem)
    whole_after = solved(apply(problem, scenario))
    assert whole_after.served_priority >= whole_before.served_priority
    result = compare(problem, scenario)
    assert result.served_priority_gain >= 0
    assert result.served_priority_gain == (
        whole_after.served_priority - whole_before.served_priority
    )
    before, after = affected(problem, scenario)
    # outside the touched components, nothing the change could move
    untouched = {n.id for n in problem.needs} - {n.id for n in before.needs}
    assert served(problem, whole_before) & untouched == (
        served(apply(problem, scenario), whole_after) & untouched
    )
    assert len(served(after, result.scenario)) - len(served(before, result.baseline)) == len(
        result.newly_served
    ) - len(result.no_longer_served)
