"""The weekly loop as a county meets it: run → proposals → approve/reject → pairing → next run.
Each test names the defect it keeps out."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from app import matching as engine
from app.extensions import db
from app.models import (
    MatchRun,
    Need,
    NeedStatus,
    Notification,
    Pairing,
    PairingStatus,
    Proposal,
    ProposalStatus,
    RunStatus,
    RunTrigger,
    User,
)
from app.services import match_runs
from app.services.match_runs import RunSettings
from app.services.match_write import LostLease
from app.services.priority import PriorityPolicy
from tests.api.builders import World
from tests.conftest import JINJIANG

ANHAI, CIZAO = "100", "101"  # township suffixes in the test county


def queue(client, headers, region: str = "350582") -> Any:
    return client.post("/api/v1/match-runs/", json={"region_code": region}, headers=headers)


def run_county(client, headers, region: str = "350582") -> dict[str, Any]:
    response = queue(client, headers, region)
    assert response.status_code == 202, response.json
    run = client.get(response.headers["Location"], headers=headers).json
    assert run["status"] == "succeeded", run
    return run


def proposals_of(client, headers, **query: Any) -> list[dict[str, Any]]:
    args = "&".join(f"{k}={v}" for k, v in {"page_size": 100, **query}.items())
    return client.get(f"/api/v1/proposals/?{args}", headers=headers).json


def decide(client, headers, approve=(), reject=()) -> Any:
    return client.post(
        "/api/v1/proposals/decisions",
        headers=headers,
        json={
            "approve": [{"id": p["id"], "version": p["version"]} for p in approve],
            "reject": [
                {"id": p["id"], "version": p["version"], "reason": "不合适"} for p in reject
            ],
        },
    )


@pytest.fixture
def world(db_session, coordinator) -> World:
    return World(db_session, coordinator)


# --- 1. a run never fails because of another object's state --------------------------------


def test_a_fulfilled_need_does_not_stop_the_next_run(
    client, accounts, coord_headers, db_session, world
):
    village = world.village(ANHAI)
    needs = [world.need(world.child(village)) for _ in range(3)]
    volunteer = world.volunteer(village, capacity=3)
    world.commit()
    run_county(client, coord_headers)
    proposal = next(
        p for p in proposals_of(client, coord_headers) if p["need"]["id"] == needs[0].id
    )
    assert decide(client, coord_headers, approve=[proposal]).status_code == 200
    vheaders = accounts.headers(db_session.get(User, volunteer.owner_id))
    pairing = client.get("/api/v1/pairings/", headers=vheaders).json[0]
    accepted = client.post(f"/api/v1/pairings/{pairing['id']}/acceptance", headers=vheaders)
    assert accepted.status_code == 200
    done = client.post(
        f"/api/v1/needs/{needs[0].id}/transitions",
        json={"to": "fulfilled", "reason": "学期结束"},
        headers=coord_headers,
    )
    assert done.status_code == 201, done.json
    # the pairing of a fulfilled need ends with it; the next run goes on
    assert db_session.get(Pairing, pairing["id"]).status is PairingStatus.ended
    again = run_county(client, coord_headers)
    assert again["figures"]["proposals"] == 2


def test_a_run_survives_approved_pairings_of_needs_it_no_longer_sees(
    client, accounts, coord_headers, db_session, world
):
    """Consent revoked, a need closed behind a live pairing, a need edited below its pinned
    parts: none of it may stop a run of the county."""
    from app.services import children

    village = world.village(ANHAI)
    kids = [world.child(village) for _ in range(3)]
    tutoring = [world.need(k) for k in kids[:2]]
    org = world.donor(village)
    world.resource(org, "goods", quantity=10, item="books")
    books = world.need(kids[2], "goods", quantity=4, unit="本", item_code="books")
    world.volunteer(village, capacity=2)
    world.commit()
    run_county(client, coord_headers)
    decide(client, coord_headers, approve=proposals_of(client, coord_headers))
    # the state of other objects moves under the next run
    db_session.expire_all()
    children.revoke_consent(tutoring[0].child, actor=world.actor, session=db_session)
    db_session.get(Need, tutoring[1].id).status = NeedStatus.closed  # a legacy closure
    db_session.get(Need, books.id).quantity = 2  # edited below what is paired
    db_session.commit()
    run = run_county(client, coord_headers)
    assert run["figures"]["pinned"] >= 1


# --- 2. donations in parts ------------------------------------------------------------------


def test_parts_of_one_donation_are_approved_together_and_the_need_is_matched_when_whole(
    client, coord_headers, db_session, world
):
    village = world.village(ANHAI)
    child = world.child(village)
    need = world.need(child, "funds", amount=5000, item_code="tuition")
    world.resource(world.donor(village, "甲"), "funds", amount=1500, uses=("tuition",))
    world.resource(world.donor(village, "乙"), "funds", amount=3500, uses=("tuition",))
    world.commit()
    run_county(client, coord_headers)
    parts = proposals_of(client, coord_headers)
    assert sorted(p["amount"] for p in parts) == [1500, 3500]
    answer = decide(client, coord_headers, approve=parts)
    assert answer.status_code == 200, answer.json
    db_session.expire_all()
    assert db_session.get(Need, need.id).status is NeedStatus.matched
    paired = db_session.scalar(select(func.sum(Pairing.amount)).where(Pairing.need_id == need.id))
    assert paired == 5000


def test_one_part_approved_leaves_the_other_pending_and_the_remainder_open(
    client, coord_headers, db_session, world
):
    village = world.village(ANHAI)
    need = world.need(world.child(village), "funds", amount=5000, item_code="tuition")
    world.resource(world.donor(village, "甲"), "funds", amount=1500, uses=("tuition",))
    world.resource(world.donor(village, "乙"), "funds", amount=3500, uses=("tuition",))
    world.commit()
    run_county(client, coord_headers)
    small, large = sorted(proposals_of(client, coord_headers), key=lambda p: p["amount"])
    assert decide(client, coord_headers, approve=[small]).status_code == 200
    db_session.expire_all()
    assert db_session.get(Need, need.id).status is NeedStatus.proposed
    assert db_session.get(Proposal, large["id"]).status is ProposalStatus.pending
    # the other donor's part is rejected: 3,500 stay open and are proposed again...
    large = next(p for p in proposals_of(client, coord_headers) if p["id"] == large["id"])
    assert decide(client, coord_headers, reject=[large]).status_code == 200
    db_session.expire_all()
    assert db_session.get(Need, need.id).status is NeedStatus.open
    world.resource(world.donor(village, "丙"), "funds", amount=4000, uses=())
    world.commit()
    run_county(client, coord_headers)
    again = proposals_of(client, coord_headers)
    assert [p["amount"] for p in again] == [3500]  # the remainder, from the new donor
    assert decide(client, coord_headers, approve=again).status_code == 200
    db_session.expire_all()
    assert db_session.get(Need, need.id).status is NeedStatus.matched


def test_bulk_decisions_name_versions_and_refuse_an_empty_body(
    client, coord_headers, db_session, world
):
    village = world.village(ANHAI)
    world.need(world.child(village))
    world.volunteer(village)
    world.commit()
    run_county(client, coord_headers)
    (proposal,) = proposals_of(client, coord_headers)
    empty = client.post("/api/v1/proposals/decisions", json={}, headers=coord_headers)
    assert empty.status_code == 422
    stale = client.post(
        "/api/v1/proposals/decisions",
        json={"approve": [{"id": proposal["id"], "version": proposal["version"] + 1}]},
        headers=coord_headers,
    )
    assert stale.status_code == 412
    assert decide(client, coord_headers, approve=[proposal]).status_code == 200


# --- 4. goods are matched on what they are, funds on what they are for ---------------------


def test_goods_match_on_their_item_and_funds_on_their_purpose(
    client, coord_headers, db_session, world
):
    village = world.village(ANHAI)
    bag = world.need(
        world.child(village), "goods", quantity=1, unit="套", item_code="school_supplies"
    )
    fee = world.need(world.child(village), "funds", amount=1000, item_code="tuition")
    org = world.donor(village)
    world.resource(org, "goods", quantity=50, item="books")
    world.resource(org, "goods", quantity=50, item="nutrition")
    world.resource(org, "funds", amount=20000, uses=("medical",))
    world.commit()
    run = run_county(client, coord_headers)
    assert proposals_of(client, coord_headers) == []
    left = client.get(f"/api/v1/match-runs/{run['id']}/unserved", headers=coord_headers).json
    assert {u["need_id"]: u["code"] for u in left} == {
        bag.id: "no_provider_with_attributes",
        fee.id: "no_provider_with_attributes",
    }
    assert all(u["message"] for u in left)
    world.resource(org, "goods", quantity=5, item="school_supplies")
    world.resource(org, "funds", amount=5000, uses=())  # any purpose
    world.commit()
    run_county(client, coord_headers)
    assert {p["need"]["id"] for p in proposals_of(client, coord_headers)} == {bag.id, fee.id}


def test_a_goods_need_without_an_item_is_refused(client, coord_headers, make_child):
    child = make_child()
    url = f"/api/v1/children/{child['id']}/needs"
    missing = client.post(
        url, json={"category_code": "goods", "quantity": 1, "unit": "套"}, headers=coord_headers
    )
    assert missing.status_code == 422 and "item_code" in missing.json["errors"]
    wrong = client.post(
        url,
        json={"category_code": "funds", "amount": 500, "item_code": "books"},
        headers=coord_headers,
    )
    assert wrong.status_code == 422 and "item_code" in wrong.json["errors"]


# --- 5. no provider holds more than its capacity, across regions ----------------------------


def test_a_provider_between_two_townships_is_never_promised_twice(
    client, coord_headers, db_session, world
):
    anhai, cizao = world.village(ANHAI), world.village(CIZAO)
    for village in (anhai, cizao):
        for _ in range(3):
            world.need(world.child(village))
    volunteer = world.volunteer(anhai, capacity=2, travel_km=60)
    world.commit()
    run_county(client, coord_headers, region=f"350582{ANHAI}")
    run_county(client, coord_headers, region=f"350582{CIZAO}")
    held = db_session.scalar(
        select(func.sum(Proposal.amount)).where(
            Proposal.provider_id == volunteer.id, Proposal.status == ProposalStatus.pending
        )
    )
    assert held == 2


# --- 7. one active run per region ------------------------------------------------------------


def test_a_second_run_of_a_region_answers_409_with_the_running_one(
    client, coord_headers, db_session, world
):
    with db.session() as session:
        running = match_runs.create_run(JINJIANG, session=session, trigger=RunTrigger.manual)
        assert running is not None
        running_id = running.id
    again = queue(client, coord_headers)
    assert again.status_code == 409 and again.json["run_id"] == running_id
    township = queue(client, coord_headers, region=f"350582{ANHAI}")  # inside the county
    assert township.status_code == 409 and township.json["run_id"] == running_id


# --- 8. a coordinator's decision wins over a run that started before it ---------------------


def test_decisions_taken_while_a_run_works_are_not_overwritten(
    app, client, coord_headers, db_session, world, monkeypatch
):
    village = world.village(ANHAI)
    for _ in range(4):
        world.need(world.child(village))
    world.volunteer(village, capacity=4)
    world.commit()
    run_county(client, coord_headers)
    first = proposals_of(client, coord_headers)
    approve, reject = first[:2], first[2:]

    def decide_meanwhile(settings, claim):  # between the run's read and its write
        assert decide(client, coord_headers, approve=approve, reject=reject).status_code == 200

    monkeypatch.setattr(match_runs, "_pause", decide_meanwhile)
    run = run_county(client, coord_headers)
    db_session.expire_all()
    for p in approve:
        assert db_session.get(Need, p["need"]["id"]).status is NeedStatus.matched
    pending = proposals_of(client, coord_headers)
    assert not {p["need"]["id"] for p in pending} & {p["need"]["id"] for p in approve}
    rejected = {(p["need"]["id"], p["provider_id"]) for p in reject}
    assert not rejected & {(p["need"]["id"], p["provider_id"]) for p in pending}
    # every need decided on meanwhile keeps the decision; none gets this run's proposal
    assert run["figures"]["unserved_by_reason"].get("decided_during_run") == 4


# --- 9. dead runs are taken over, failed ones retried; only one attempt commits --------------


def _county(world: World, n: int = 3) -> None:
    village = world.village(ANHAI)
    for _ in range(n):
        world.need(world.child(village))
    world.volunteer(village, capacity=n)
    world.commit()


def test_an_attempt_whose_lease_ran_out_cannot_commit(app, db_session, world):
    _county(world)
    settings = RunSettings(lease_s=60, workers=1)
    policy = PriorityPolicy()
    with app.app_context():
        with db.session() as session:
            run_id = match_runs.create_run(JINJIANG, session=session, trigger=RunTrigger.api).id
        now = datetime.now(UTC)
        first = match_runs.claim(run_id, session_scope=db.session, settings=settings, now=now)
        assert isinstance(first, match_runs.Claim) and first.attempt == 1
        held = match_runs.claim(run_id, session_scope=db.session, settings=settings, now=now)
        assert held.status == "wait"
        later = now + timedelta(seconds=61)  # the first worker died: its lease ran out
        second = match_runs.claim(run_id, session_scope=db.session, settings=settings, now=later)
        assert isinstance(second, match_runs.Claim) and second.attempt == 2
        plan = match_runs.plan(
            JINJIANG, session_scope=db.session, policy=policy, settings=settings, now=now
        )
        with pytest.raises(LostLease), db.session() as session:
            from app.services.match_write import write

            write(plan, run_id, attempt=first.attempt, session=session, now=now)
        with db.session() as session:
            write(plan, run_id, attempt=second.attempt, session=session, now=now)
    count = db_session.scalar(select(func.count()).select_from(Proposal))
    assert count == 3
    assert db_session.get(MatchRun, run_id).status is RunStatus.succeeded


def test_a_failed_run_is_retried_with_backoff_then_given_up(app, db_session, world, monkeypatch):
    _county(world)
    settings = RunSettings(max_attempts=2, retry_backoff_s=30, workers=1)
    policy = PriorityPolicy()
    monkeypatch.setattr(engine, "solve", lambda *a, **k: (_ for _ in ()).throw(MemoryError()))
    sent: list[int] = []
    with app.app_context():
        with db.session() as session:
            run_id = match_runs.create_run(JINJIANG, session=session, trigger=RunTrigger.api).id
        kw = {"session_scope": db.session, "policy": policy, "settings": settings}
        first = match_runs.execute(run_id, **kw)
        assert first.status == "retry" and first.delay == 30
        assert match_runs.execute(run_id, **kw).status == "wait"  # not due yet
        reaped = match_runs.reap(
            session_scope=db.session,
            now=datetime.now(UTC) + timedelta(seconds=31),
            enqueue=lambda rid, _delay: sent.append(rid),
            stale_s=300,
        )
        assert reaped == [run_id] and sent == [run_id]
        db_session.get(MatchRun, run_id).next_attempt_at = datetime.now(UTC)
        db_session.commit()
        second = match_runs.execute(run_id, **kw)
        assert second.status == "failed"
    run = db_session.get(MatchRun, run_id)
    db_session.refresh(run)
    assert run.status is RunStatus.failed and run.attempt == 2 and "MemoryError" in run.error
    told = db_session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.kind == "match_run.failed")
    )
    assert told >= 1
    assert db_session.scalar(select(func.count()).select_from(Proposal)) == 0


# --- 10. runs are queued, not solved inside the request --------------------------------------


def test_a_run_is_queued_with_202_and_shows_its_stage(client, coord_headers, world):
    _county(world)
    response = queue(client, coord_headers)
    assert response.status_code == 202
    assert response.headers["Location"].endswith(f"/match-runs/{response.json['id']}")
    run = client.get(response.headers["Location"], headers=coord_headers).json
    assert run["stage"] == "done" and run["progress"] == 1.0 and run["attempt"] == 1
    assert "提出了 3 条结对建议" in run["summary"]
    english = client.get(
        response.headers["Location"], headers={**coord_headers, "Accept-Language": "en"}
    ).json
    assert english["summary"].startswith("3 pairings proposed")


# --- 11. the clock schedules every job, and only enqueues ------------------------------------


def test_the_clock_enqueues_the_tick_reaper_delivery_and_reminders(app):
    from app import scheduler

    sent: list[str] = []
    clock = scheduler.build(dict(app.config), sent.append)
    jobs = {job.id: job for job in clock.get_jobs()}
    assert set(jobs) == {
        "tongxing.tick",
        "tongxing.reap",
        "tongxing.deliver",
        "tongxing.remind",
        "tongxing.purge",
    }
    for job in jobs.values():
        job.func(*job.args)
    assert sorted(sent) == sorted(jobs)
    assert "hour='8'" in str(jobs["tongxing.remind"].trigger)


# --- 12. smaller ------------------------------------------------------------------------------


def test_candidates_are_counted_and_needs_say_why_they_were_left_open(client, coord_headers, world):
    village = world.village(ANHAI)
    served = world.need(world.child(village))
    lonely = world.need(world.child(village), "legal_aid", hours_per_week=1)
    world.volunteer(village)
    world.commit()
    run = run_county(client, coord_headers)
    assert run["figures"]["candidates"] >= 1
    need = client.get(f"/api/v1/needs/{lonely.id}", headers=coord_headers).json
    assert need["last_match"]["outcome"] == "left_open"
    assert need["last_match"]["code"] == "no_provider_for_category"
    assert "没有服务方" in need["last_match"]["message"]
    ok = client.get(f"/api/v1/needs/{served.id}", headers=coord_headers).json
    assert ok["last_match"]["outcome"] == "proposed"
    unserved = client.get(
        f"/api/v1/match-runs/{run['id']}/unserved?page_size=1", headers=coord_headers
    )
    assert unserved.status_code == 200 and len(unserved.json) == 1
    assert '"total": 1' in unserved.headers["X-Pagination"]


def test_tick_reads_a_time_without_offset_in_the_county_timezone_and_periods_follow_the_cron(
    app, caplog
):
    from app import scheduler

    tz = scheduler.zone(dict(app.config))
    assert scheduler.parse_now("2026-11-23T03:00", tz) == datetime(2026, 11, 22, 19, tzinfo=UTC)
    daily = {**app.config, "MATCH_CRON": "0 2 * * *"}
    fired = scheduler.last_fire_time(
        scheduler.weekly_trigger(daily), datetime(2026, 11, 25, 0, tzinfo=UTC)
    )
    assert scheduler.period_of(fired, tz) == "2026-11-25T02:00"
    with caplog.at_level(logging.WARNING, logger="tongxing.scheduler"):
        late = scheduler.tick(
            datetime(2026, 3, 3, 12, tzinfo=UTC),  # a day and a half after Monday 02:00
            config=dict(app.config),
            session_scope=db.session,
            enqueue=lambda *_: None,
        )
    assert late == {} and "grace" in caplog.text


def test_a_hung_attempt_stops_renewing_its_lease_after_the_run_timeout():
    """Alive but never finishing: after MATCH_RUN_TIMEOUT_SECONDS its lease runs out and
    another worker takes the run (its own write is fenced off)."""
    import time as clock
    from contextlib import contextmanager

    renewals: list[float] = []

    @contextmanager
    def scope():
        class Session:
            def execute(self, *_: Any, **__: Any) -> Any:
                renewals.append(clock.monotonic())

                class Result:
                    rowcount = 1

                return Result()

        yield Session()

    lease = match_runs.Lease(1, 1, scope, lease_s=0.08, timeout_s=0.1)
    started = clock.monotonic()
    with lease:
        clock.sleep(0.5)
    assert renewals, "renewed while the attempt had time"
    assert renewals[-1] - started < 0.1 + 0.05, "then let go"
    assert not lease.lost


# --- 3. parts are few and meaningful ----------------------------------------------------------


def test_no_absurd_splits_of_a_donation(client, coord_headers, db_session, world):
    """A 500-yuan need was split 499 + 1: now it is given whole where a donor can, and a
    split leaves no part under the smallest part (10 % of the need, and 100 yuan)."""
    village = world.village(ANHAI)
    small = world.need(world.child(village), "funds", amount=500, item_code="tuition")
    big = world.need(world.child(village), "funds", amount=1500, item_code="tuition")
    world.resource(world.donor(village, "甲"), "funds", amount=499)
    world.resource(world.donor(village, "乙"), "funds", amount=1050)
    world.resource(world.donor(village, "丙"), "funds", amount=1040)
    world.commit()
    run_county(client, coord_headers)
    parts: dict[int, list[int]] = {}
    for p in proposals_of(client, coord_headers):
        parts.setdefault(p["need"]["id"], []).append(p["amount"])
    assert sorted(parts) == [small.id, big.id]
    assert sum(parts[small.id]) == 500 and sum(parts[big.id]) == 1500
    for need, amounts in parts.items():
        total = 500 if need == small.id else 1500
        assert all(a >= max(100, total // 10) for a in amounts), parts
    assert len(parts[small.id]) == 1  # one donor has room for it whole
