"""What-if planning and recruiting suggestions on a run, through the API: the answer equals
fresh solves of the run's inputs with and without the change; nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from app.matching import MatchProblem, solve
from app.matching.what_if import Scenario, apply
from app.models import Proposal
from app.services import planning
from app.services.match_read import read
from app.services.priority import PriorityPolicy
from tests.api.test_match_runs import build_county, run_match
from tests.conftest import ANHAI, SHISHI

TUTORS = {"category": "tutoring", "township_code": ANHAI, "skills": ["math"], "radius_km": 60}


def test_what_if_two_tutors_in_anhai(client, accounts, coordinator, coord_headers, db_session):
    build_county(db_session, coordinator, children_n=16, volunteers_n=3)
    run = run_match(client, coord_headers)
    assert run["figures"]["served_needs"] == 6
    proposals = db_session.scalar(select(func.count()).select_from(Proposal))
    response = client.post(
        f"/api/v1/match-runs/{run['id']}/what-if",
        json={"recruit": [{**TUTORS, "count": 2, "capacity": 2}]},
        headers=coord_headers,
    )
    assert response.status_code == 200, response.json
    answer = response.json
    assert answer["baseline"]["served_needs"] == 6
    assert answer["gain"]["needs"] == 4 and answer["recruits"] == 2
    assert len(answer["newly_served"]) == 4 and answer["no_longer_served"] == []
    # strict tiers: the four are the highest-risk needs left open
    assert answer["gain"]["by_risk"]["high"] == min(4, 6 - run["figures"]["served_by_risk"]["high"])
    assert sum(answer["gain"]["by_risk"].values()) == 4
    # nothing written
    assert db_session.scalar(select(func.count()).select_from(Proposal)) == proposals

    # the same as a fresh solve of the run's inputs with two such providers
    inputs = read(
        "350582000000", session=db_session, policy=PriorityPolicy(), now=datetime.now(UTC)
    )
    problem = MatchProblem(
        needs=inputs.needs,
        providers=inputs.providers,
        pinned=inputs.pins,
        forbidden=inputs.forbidden,
        preferred=inputs.preferred,
    )
    from app.models import MatchRun

    recruits = planning._recruited(
        [planning.Recruit("tutoring", ANHAI, ("math",), capacity=2, count=2, radius_km=60)],
        db_session.get(MatchRun, run["id"]),
        session=db_session,
    )
    before = solve(problem)
    after = solve(apply(problem, Scenario(add=tuple(recruits))))
    assert len(after.assignments) - len(before.assignments) == answer["gain"]["needs"]
    assert after.served_priority - before.served_priority == answer["gain"]["priority"]


def test_what_if_an_agency_takes_more(client, coordinator, coord_headers, db_session):
    county = build_county(db_session, coordinator, children_n=8, volunteers_n=2)
    run = run_match(client, coord_headers)
    volunteer = county["volunteers"][0][1]
    response = client.post(
        f"/api/v1/match-runs/{run['id']}/what-if",
        json={
            "more_capacity": [
                {"provider_type": "volunteer", "provider_id": volunteer.id, "extra": 3}
            ]
        },
        headers=coord_headers,
    )
    assert response.status_code == 200, response.json
    assert response.json["gain"]["needs"] == 3
    unknown = client.post(
        f"/api/v1/match-runs/{run['id']}/what-if",
        json={"more_capacity": [{"provider_type": "agency", "provider_id": 999999, "extra": 3}]},
        headers=coord_headers,
    )
    assert unknown.status_code == 422
    assert "more_capacity.0.provider_id" in unknown.json["errors"]
    nothing = client.post(f"/api/v1/match-runs/{run['id']}/what-if", json={}, headers=coord_headers)
    assert nothing.status_code == 422
    elsewhere = client.post(
        f"/api/v1/match-runs/{run['id']}/what-if",
        json={"recruit": [{**TUTORS, "township_code": "350581100"}]},
        headers=coord_headers,
    )
    assert elsewhere.status_code == 422
    goods = client.post(
        f"/api/v1/match-runs/{run['id']}/what-if",
        json={"recruit": [{**TUTORS, "category": "goods"}]},
        headers=coord_headers,
    )
    assert goods.status_code == 422 and "recruit.0.category" in goods.json["errors"]


def test_recruiting_suggestions(client, coordinator, coord_headers, db_session):
    build_county(db_session, coordinator, children_n=16, volunteers_n=3)
    run = run_match(client, coord_headers)
    response = client.get(
        f"/api/v1/match-runs/{run['id']}/recruiting",
        query_string={"capacity": 2},
        headers=coord_headers,
    )
    assert response.status_code == 200, response.json
    found = response.json
    assert found and all(s["category"] == "tutoring" and s["skills"] == ["math"] for s in found)
    assert found[0]["category_label"] == "学业辅导与结对帮扶"
    assert sum(s["unserved_needs"] for s in found) <= 10
    assert all(0 <= s["gain_of_one"]["needs"] <= 2 for s in found)
    assert any(s["gain_of_one"]["needs"] > 0 for s in found)
    top = found[0]
    assert top["unserved_priority"] == max(s["unserved_priority"] for s in found)


def test_planning_across_accounts(client, accounts, coordinator, coord_headers, db_session):
    build_county(db_session, coordinator, children_n=4, volunteers_n=1)
    run = run_match(client, coord_headers)
    other = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    url = f"/api/v1/match-runs/{run['id']}"
    assert (
        client.post(f"{url}/what-if", json={"recruit": [TUTORS]}, headers=other).status_code == 404
    )
    assert client.get(f"{url}/recruiting", headers=other).status_code == 404
    volunteer = accounts.headers(accounts.create("volunteer"))
    assert (
        client.post(f"{url}/what-if", json={"recruit": [TUTORS]}, headers=volunteer).status_code
        == 403
    )
    admin = accounts.headers(accounts.create("admin"))
    assert (
        client.post(f"{url}/what-if", json={"recruit": [TUTORS]}, headers=admin).status_code == 200
    )
