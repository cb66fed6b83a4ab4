"""Match runs end to end: run → proposals → approve/reject → accept → next run is stable."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo import create_account
from app.models import (
    CheckState,
    Child,
    MatchRun,
    Need,
    Notification,
    Proposal,
    Region,
    RegionLevel,
    RunStatus,
    Volunteer,
)
from app.services import children, match_write, needs, regions
from app.services.users import Actor
from tests.conftest import JINJIANG, TEST_PASSWORD


def build_county(
    session: Session,
    coordinator: Any,
    *,
    children_n: int = 12,
    volunteers_n: int = 5,
    seed: int = 7,
) -> dict[str, Any]:
    """A small Jinjiang: children with consent and tutoring needs, cleared volunteers."""
    rng = random.Random(seed)
    actor = Actor(
        id=coordinator.id,
        role=coordinator.role,
        area_paths=regions.area_paths([JINJIANG], session=session),
    )
    villages = session.scalars(
        select(Region)
        .where(Region.level == RegionLevel.village, Region.code.startswith("350582"))
        .order_by(Region.code)
    ).all()
    made = []
    for i in range(children_n):
        village = villages[i % len(villages)]
        child = children.create(
            {
                "name": f"测试儿童{i}",
                "birth_date": date(2014, 1, 1) + timedelta(days=30 * i),
                "region_code": village.code,
                "risk_level": ["high", "medium", "low"][i % 3],
                "categories": ["left_behind"],
                "lat": village.lat + rng.uniform(-0.01, 0.01),
                "lon": village.lon + rng.uniform(-0.01, 0.01),
            },
            actor=actor,
            session=session,
        )
        children.record_consent(
            child,
            {
                "guardian_name": "监护人",
                "guardian_relation": "母亲",
                "given_on": date(2026, 1, 1),
                "scope": ["matching"],
                "evidence_ref": f"E{i}",
            },
            actor=actor,
            session=session,
        )
        made.append(
            needs.create(
                child,
                {"category_code": "tutoring", "hours_per_week": 2.0, "skills": ["math"]},
                actor=actor,
                session=session,
            )
        )
    vols = []
    for j in range(volunteers_n):
        user = create_account(
            session,
            role="volunteer",
            display_name=f"志愿者{j}",
            password=TEST_PASSWORD,
            phone=f"1370000{j:04d}",
        )
        village = villages[(j * 7) % len(villages)]
        vol = Volunteer(
            owner_id=user.id,
            skills=[{"skill": "math", "verified": True}],
            categories=["tutoring"],
            languages=[],
            availability=[],
            max_children=2,
            hours_per_week=4,
            region_code=village.code,
            region_path=village.path,
            lat=village.lat,
            lon=village.lon,
            travel_km=40,
            check_state=CheckState.cleared,
            check_expires_on=date.today() + timedelta(days=365),
        )
        session.add(vol)
        vols.append((user, vol))
    session.commit()
    return {"needs": made, "volunteers": vols}


def run_match(client, headers, *, expect: str = "succeeded") -> dict[str, Any]:
    """Queue a run through the API (202 and a Location) and read it where it says."""
    response = client.post("/api/v1/match-runs/", json={"region_code": "350582"}, headers=headers)
    assert response.status_code == 202, response.json
    run = client.get(response.headers["Location"], headers=headers).json
    assert run["status"] == expect, run
    return run


def pending(client, headers) -> list[dict[str, Any]]:
    return client.get("/api/v1/proposals/?page_size=100", headers=headers).json


def test_end_to_end_run_approve_reject_accept_and_stable_rerun(
    client, accounts, coordinator, coord_headers, db_session
):
    county = build_county(db_session, coordinator)
    first = run_match(client, coord_headers)
    assert first["engine_status"] == "OPTIMAL"
    figures = first["figures"]
    assert figures["open_needs"] == 12 and figures["proposals"] == 10  # 5 volunteers x 2
    assert figures["served_by_risk"] == {"high": 4, "medium": 4, "low": 2}
    assert set(first["timings"]) >= {"read", "solve", "write"}
    proposals = pending(client, coord_headers)
    assert len(proposals) == 10
    assert proposals[0]["priority"] >= proposals[-1]["priority"]
    assert all(p["explanation"]["code"] and p["explanation"]["message"] for p in proposals)
    assert "最优" in proposals[0]["explanation"]["message"]  # in the reader's language
    assert all(p["need"]["child"]["name"].startswith("测试儿童") for p in proposals)

    to_approve, to_reject = proposals[:3], proposals[3:5]
    for p in to_approve:
        url = f"/api/v1/proposals/{p['id']}"
        etag = client.get(url, headers=coord_headers).headers["ETag"]
        approved = client.post(f"{url}/approval", headers={**coord_headers, "If-Match": etag})
        assert approved.status_code == 201, approved.json
    decided = client.post(
        "/api/v1/proposals/decisions",
        headers=coord_headers,
        json={
            "reject": [
                {"id": p["id"], "version": p["version"], "reason": "家长希望女老师"}
                for p in to_reject
            ]
        },
    )
    assert decided.status_code == 200
    rejected_pairs = {(p["need"]["id"], p["provider_id"]) for p in to_reject}

    # The volunteer of the first approved pairing accepts it.
    pairing_need = to_approve[0]["need"]["id"]
    owner = next(u for u, v in county["volunteers"] if v.id == to_approve[0]["provider_id"])
    vheaders = accounts.headers(owner)
    mine = client.get("/api/v1/pairings/", headers=vheaders).json
    target = next(p for p in mine if p["need"]["id"] == pairing_need)
    assert target["status"] == "awaiting_acceptance"
    assert "name" not in target["need"]["child"]
    accepted = client.post(f"/api/v1/pairings/{target['id']}/acceptance", headers=vheaders)
    assert accepted.status_code == 200 and accepted.json["status"] == "active"
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.recipient_id == owner.id)
        )
        >= 1
    )

    still_pending = {(p["need"]["id"], p["provider_id"]) for p in pending(client, coord_headers)}
    second = run_match(client, coord_headers)
    assert second["figures"]["pinned"] == 3
    now_pending = pending(client, coord_headers)
    pairs = {(p["need"]["id"], p["provider_id"]) for p in now_pending}
    assert not pairs & rejected_pairs, "a rejected pair was proposed again"
    assert still_pending <= pairs, "pending proposals that are still optimal were reshuffled"
    # Every approved pairing is still there, and its need still matched.
    live = client.get("/api/v1/pairings/?page_size=100", headers=coord_headers).json
    assert {p["need"]["id"] for p in live} == {p["need"]["id"] for p in to_approve}
    assert all(p["need"]["status"] == "matched" for p in live)
    changes = client.get(
        f"/api/v1/match-runs/{second['id']}/changes?page_size=100", headers=coord_headers
    )
    kinds = {c["change"] for c in changes.json}
    assert "kept" in kinds
    assert "X-Pagination" in changes.headers


def test_stale_proposal_is_409_with_the_reason(client, coordinator, coord_headers, db_session):
    county = build_county(db_session, coordinator, children_n=2, volunteers_n=1)
    run_match(client, coord_headers)
    proposal = pending(client, coord_headers)[0]
    url = f"/api/v1/proposals/{proposal['id']}"
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    wrong = client.post(f"{url}/approval", headers={**coord_headers, "If-Match": '"stale"'})
    assert wrong.status_code == 412
    _, volunteer = county["volunteers"][0]
    volunteer.check_state = CheckState.expired
    db_session.commit()
    stale = client.post(f"{url}/approval", headers={**coord_headers, "If-Match": etag})
    assert stale.status_code == 409
    assert stale.json["code"] == "stale_proposal" and stale.json["reason"] == "not_cleared"
    assert client.post(f"{url}/approval", headers=coord_headers).status_code == 428


def test_a_failed_write_leaves_nothing_partial(
    client, coordinator, coord_headers, db_session, monkeypatch
):
    build_county(db_session, coordinator)
    first = run_match(client, coord_headers)
    before = {p["id"] for p in pending(client, coord_headers)}

    def half_then_die(session, rows):
        session.execute(__import__("sqlalchemy").insert(Proposal), rows[: len(rows) // 2])
        raise RuntimeError("killed while writing proposals")

    monkeypatch.setattr(match_write, "insert_proposals", half_then_die)
    run = run_match(client, coord_headers, expect="queued")  # to be retried with backoff
    assert run["attempt"] == 1 and run["next_attempt_at"] and run["error_code"] == "run_error"
    failed = db_session.get(MatchRun, run["id"])
    db_session.refresh(failed)
    assert "killed" in failed.error
    assert (
        db_session.scalar(
            select(func.count()).select_from(Proposal).where(Proposal.run_id == failed.id)
        )
        == 0
    )
    assert {p["id"] for p in pending(client, coord_headers)} == before
    assert first["id"] != failed.id


def test_other_areas_cannot_run_or_see(client, accounts, coordinator, coord_headers, db_session):
    build_county(db_session, coordinator, children_n=3, volunteers_n=1)
    run = run_match(client, coord_headers)
    other = accounts.headers(accounts.create("coordinator", areas=("350581000000",)))
    outside = client.post("/api/v1/match-runs/", json={"region_code": "350582"}, headers=other)
    assert outside.status_code == 422
    assert client.get(f"/api/v1/match-runs/{run['id']}/unserved", headers=other).status_code == 404
    assert client.get(f"/api/v1/match-runs/{run['id']}", headers=other).status_code == 404
    assert pending(client, other) == []
    volunteer = accounts.headers(accounts.create("volunteer"))
    assert client.get("/api/v1/proposals/", headers=volunteer).status_code == 403
    assert (
        client.post(
            "/api/v1/match-runs/", json={"region_code": "350582"}, headers=volunteer
        ).status_code
        == 403
    )


def test_scheduler_runs_each_region_once_per_period(app, coordinator, db_session):
    from datetime import UTC, datetime

    from app import scheduler
    from app.extensions import db
    from app.tasks import enqueue_run

    build_county(db_session, coordinator, children_n=3, volunteers_n=1)
    config = dict(app.config)
    monday = datetime(2026, 11, 23, 2, 30, tzinfo=UTC) - timedelta(hours=8)  # 02:30 Shanghai

    def tick(at):
        return scheduler.tick(at, config=config, session_scope=db.session, enqueue=enqueue_run)

    with app.app_context():
        assert tick(monday + timedelta(hours=1)) == {JINJIANG: "queued"}
        assert tick(monday + timedelta(hours=2)) == {JINJIANG: "already_done"}
        assert tick(monday + timedelta(days=2)) == {}
    runs = db_session.scalars(select(MatchRun).where(MatchRun.period == "2026-11-23T02:00")).all()
    assert len(runs) == 1 and runs[0].trigger.value == "schedule"
    db_session.refresh(runs[0])
    assert runs[0].status is RunStatus.succeeded  # the worker (in-process here) ran it
    assert db_session.scalar(select(func.count()).select_from(Need)) == 3
    assert db_session.scalar(select(func.count()).select_from(Child)) == 3


def test_a_provider_that_lowered_its_capacity_keeps_its_pairings(
    client, coordinator, coord_headers, db_session
):
    county = build_county(db_session, coordinator, children_n=4, volunteers_n=1)
    run_match(client, coord_headers)
    for proposal in pending(client, coord_headers):
        url = f"/api/v1/proposals/{proposal['id']}"
        etag = client.get(url, headers=coord_headers).headers["ETag"]
        client.post(f"{url}/approval", headers={**coord_headers, "If-Match": etag})
    _, volunteer = county["volunteers"][0]
    volunteer.max_children = 1  # two approved pairings already
    db_session.commit()
    again = run_match(client, coord_headers)
    assert again["figures"]["pinned"] == 2 and again["figures"]["proposals"] == 0


def test_agencies_serve_only_the_townships_they_are_contracted_for(
    client, coordinator, coord_headers, db_session
):
    from app.models import Agency, AgencyArea

    build_county(db_session, coordinator, children_n=6, volunteers_n=0)
    anhai = db_session.get(Region, "350582001000")  # the township of the first children
    agency = Agency(
        name="社工站",
        categories=["tutoring"],
        skills=["math"],
        staff_count=3,
        caseload_capacity=10,
        region_code=anhai.code,
        region_path=anhai.path,
        lat=anhai.lat,
        lon=anhai.lon,
        service_radius_km=60,
    )
    agency.areas = [AgencyArea(region_code=anhai.code)]
    db_session.add(agency)
    db_session.commit()
    run_match(client, coord_headers)
    proposed = pending(client, coord_headers)
    assert proposed, "the agency serves its own township"
    assert {p["need"]["child"]["township_code"] for p in proposed} == {anhai.code}
    assert len(proposed) < 6  # the children of the next township are left open
