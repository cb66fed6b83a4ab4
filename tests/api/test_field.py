"""The volunteer's life with a pairing, visits, hours, rhythm, reminders, urgent reports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from app.models import AuditEvent, Notification, Pairing
from app.services import field
from tests.api.test_match_runs import build_county
from tests.conftest import SHISHI


def visit_body(pairing_id: int, **extra):
    return {
        "pairing_id": pairing_id,
        "kind": "home_visit",
        "duration_minutes": 90,
        "occurred_at": datetime.now(UTC).isoformat(),
        "done": "辅导数学作业",
        "lat": 24.72,
        "lon": 118.46,
        "coord_system": "gcj02",
        **extra,
    }


def test_a_pairings_life_shows_only_what_each_stage_needs(
    client, coord_headers, paired, db_session
):
    headers, pid = paired["headers"], paired["pairing"]["id"]
    # Awaiting the answer: category, age band, township, distance. No name, no contact.
    first = client.get("/api/v1/me/pairings", headers=headers).json[0]
    assert set(first["child"]) == {"code", "age_band", "township_code"}
    assert set(first["need"]) == {
        "id",
        "category_code",
        "hours_per_week",
        "recurring",
        "in_person",
    }
    assert first["distance_km"] is not None
    assert client.post("/api/v1/visits/", json=visit_body(pid), headers=headers).status_code == 409
    assert client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers).status_code == 200
    # Active: what a visit needs.
    active = client.get("/api/v1/me/pairings", headers=headers).json[0]
    assert active["child"]["alias"].startswith("试儿童")
    assert "guardian_relation" in active["child"] and active["child"]["village_code"]
    assert "name" not in active["child"] and "id_number" not in active["child"]
    assert active["need"]["skills"] == ["math"] and active["next_due"]
    # A visit, then hours confirmed by the coordinator.
    visit = client.post(
        "/api/v1/visits/", json=visit_body(pid, problems="家中无人看护"), headers=headers
    )
    assert visit.status_code == 201, visit.json
    assert abs(visit.json["lat"] - 24.72) > 1e-4  # GCJ-02 was converted to WGS-84
    child_id = visit.json["child_id"]
    history = client.get(f"/api/v1/children/{child_id}/records", headers=coord_headers).json
    assert {"visit", "problem"} <= {r["kind"] for r in history}
    assert client.get("/api/v1/me/hours", headers=headers).json == {
        "confirmed": 0.0,
        "pending": 1.5,
        "stars": 0,
    }
    vurl = f"/api/v1/visits/{visit.json['id']}"
    own_etag = client.get(vurl, headers=headers).headers["ETag"]
    assert (
        client.put(
            f"{vurl}/hours",
            json={"decision": "confirmed"},
            headers={**headers, "If-Match": own_etag},
        ).status_code
        == 403
    )
    etag = client.get(vurl, headers=coord_headers).headers["ETag"]
    confirmed = client.put(
        f"{vurl}/hours",
        json={"decision": "confirmed"},
        headers={**coord_headers, "If-Match": etag},
    )
    assert confirmed.status_code == 200
    assert client.get("/api/v1/me/hours", headers=headers).json["confirmed"] == 1.5
    roll = client.get("/api/v1/visits/roll", headers=coord_headers).json
    assert any(r["user_id"] == paired["user"].id and r["confirmed"] == 1.5 for r in roll)
    # Ended: nothing personal.
    ended = client.post(f"/api/v1/pairings/{pid}/end", json={"reason": "学期结束"}, headers=headers)
    assert ended.status_code == 200
    after = client.get("/api/v1/me/pairings", headers=headers).json[0]
    assert after["child"] is None and set(after["need"]) == {"id", "category_code"}
    assert paired["child_name"] not in client.get("/api/v1/me/pairings", headers=headers).get_data(
        as_text=True
    )


def test_a_retried_visit_exists_once_and_a_reused_key_is_refused(client, paired):
    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = visit_body(pid, id=str(uuid.uuid4()))
    answers = [
        client.post("/api/v1/visits/", json=body, headers={**headers, **key}) for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.json["id"] for a in answers}) == 1
    assert answers[2].headers.get("Idempotent-Replayed") == "true"
    listed = client.get(f"/api/v1/visits/?pairing_id={pid}", headers=headers).json
    assert len(listed) == 1
    other = client.post(
        "/api/v1/visits/", json={**body, "duration_minutes": 30}, headers={**headers, **key}
    )
    assert other.status_code == 422 and "Idempotency-Key" in other.json["errors"]


def test_visits_close_after_the_edit_window_and_take_corrections(
    client, paired, db_session, monkeypatch
):
    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    visit = client.post("/api/v1/visits/", json=visit_body(pid), headers=headers).json
    url = f"/api/v1/visits/{visit['id']}"
    etag = {"If-Match": client.get(url, headers=headers).headers["ETag"]}
    edited = client.patch(url, json={"duration_minutes": 60}, headers={**headers, **etag})
    assert edited.status_code == 200
    etag = {"If-Match": client.get(url, headers=headers).headers["ETag"]}
    later = datetime.now(UTC) + timedelta(hours=3)
    monkeypatch.setattr(field, "utcnow", lambda: later)
    closed = client.patch(url, json={"duration_minutes": 30}, headers={**headers, **etag})
    assert closed.status_code == 409
    correction = client.post(
        "/api/v1/visits/",
        headers=headers,
        json=visit_body(
            pid, corrects_id=visit["id"], done="更正：时长 50 分钟", duration_minutes=50
        ),
    )
    assert correction.status_code == 201 and correction.json["corrects_id"] == visit["id"]


def test_rhythm_overdue_and_reminders_follow_the_risk_level(
    client, accounts, paired, coord_headers, db_session
):
    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    pairing = db_session.get(Pairing, pid)
    child = pairing.need.child
    now = datetime.now(UTC)
    # High risk: last home visit 31 days ago is overdue.
    child.risk_level = type(child.risk_level)("high")
    db_session.commit()
    old = visit_body(pid, occurred_at=(now - timedelta(days=31)).isoformat())
    assert client.post("/api/v1/visits/", json=old, headers=headers).status_code == 201
    overdue = client.get("/api/v1/visit-schedule/overdue", headers=coord_headers).json
    assert child.id in {r["child_id"] for r in overdue}
    sent = field.send_reminders(session=db_session, now=now)
    assert sent == 1
    assert field.send_reminders(session=db_session, now=now) == 0  # once per due date
    reminders = db_session.scalars(
        select(Notification).where(
            Notification.recipient_id == paired["user"].id, Notification.kind == "visit.due"
        )
    ).all()
    assert len(reminders) == 1 and "name" not in str(reminders[0].payload)
    # The coordinator's list names the child and the village, and says it was reminded.
    row = next(
        r
        for r in client.get("/api/v1/visit-schedule/overdue", headers=coord_headers).json
        if r["child_id"] == child.id
    )
    assert row["name"] == child.pii["name"] and row["region_code"] == child.region_code
    assert row["code"] == child.code and row["reminded_at"] is not None
    listed = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "child.list").order_by(AuditEvent.id)
    ).all()
    assert child.id in listed[-1].detail["ids"]  # a listing of names is audited
    # An admin sees the code and the township, never the name or the village.
    admin = accounts.create("admin")
    seen = client.get("/api/v1/visit-schedule/overdue", headers=accounts.headers(admin)).json
    mine = next(r for r in seen if r["child_id"] == child.id)
    assert "name" not in mine and "region_code" not in mine and mine["code"] == child.code

    # Low risk: phone contacts every month keep the child off the list until the quarter
    # passes without a visit.
    child.risk_level = type(child.risk_level)("low")
    db_session.commit()
    for days in (60, 30, 1):
        phone = visit_body(pid, kind="phone", occurred_at=(now - timedelta(days=days)).isoformat())
        assert client.post("/api/v1/visits/", json=phone, headers=headers).status_code == 201
    rhythm = field.rhythms([child.id], session=db_session)[child.id]
    assert not rhythm.overdue(now.date())  # last home visit 31 days ago, contact yesterday
    assert not rhythm.overdue((now + timedelta(days=28)).date())
    assert rhythm.overdue((now + timedelta(days=60)).date())  # 91 days without a visit


def test_the_overdue_list_is_paged_and_agrees_with_each_childs_rhythm(
    client, coordinator, coord_headers, db_session
):
    """The list is computed in SQL (a province has tens of thousands of children): it must
    name exactly the children whose own rhythm says they are overdue, highest risk first."""
    from app.models import Child, RiskLevel, Visit, VisitKind
    from app.services.users import Actor

    county = build_county(db_session, coordinator, children_n=12, volunteers_n=1)
    now = datetime.now(UTC)
    kids = [n.child for n in county["needs"]]
    author = county["volunteers"][0][0].id
    for i, child in enumerate(kids):  # visits and phone calls of every age
        child.created_at = now - timedelta(days=200)
        for kind, days in ((VisitKind.home_visit, 10 + 17 * i), (VisitKind.phone, 3 + 11 * i)):
            db_session.add(
                Visit(
                    id=str(uuid.uuid4()),
                    child_id=child.id,
                    author_id=author,
                    kind=kind,
                    occurred_at=now - timedelta(days=days),
                    duration_minutes=30,
                    notes={"done": "看望"},
                    editable_until=now,
                )
            )
    db_session.commit()
    for when in (now, now + timedelta(days=20), now + timedelta(days=70)):
        actor = Actor(id=coordinator.id, role=coordinator.role, area_paths=("/",))
        ids = list(
            db_session.scalars(field.overdue(actor=actor, session=db_session, today=when.date()))
        )
        rhythm = field.rhythms([c.id for c in kids], session=db_session)
        assert set(ids) == {c.id for c in kids if rhythm[c.id].overdue(when.date())}
        risks = [db_session.get(Child, i).risk_level for i in ids]
        order = [RiskLevel.high, RiskLevel.medium, RiskLevel.low]
        assert risks == sorted(risks, key=order.index)
    page = client.get("/api/v1/visit-schedule/overdue?page_size=2", headers=coord_headers)
    assert page.status_code == 200 and len(page.json) <= 2 and "X-Pagination" in page.headers


def test_urgent_report_reaches_every_coordinator_of_the_area_and_none_outside(
    client, accounts, coordinator, coord_headers, db_session
):
    township = accounts.create("coordinator", areas=("350582100000",))
    elsewhere = accounts.create("coordinator", areas=(SHISHI,))
    reporter = accounts.create("volunteer")
    rheaders = accounts.headers(reporter)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {
        "danger": "unsupervised",
        "seen": "两名幼儿独自在池塘边",
        "region_code": "350582100201",
        "seen_at": datetime.now(UTC).isoformat(),
        "child_description": "约5岁男孩",
    }
    filed = client.post("/api/v1/urgent-reports/", json=body, headers={**rheaders, **key})
    assert filed.status_code == 201 and filed.json["status"] == "received"
    again = client.post("/api/v1/urgent-reports/", json=body, headers={**rheaders, **key})
    assert again.json["id"] == filed.json["id"]
    rid = filed.json["id"]

    def alerted(user):
        return db_session.scalars(
            select(Notification).where(
                Notification.recipient_id == user.id, Notification.kind == "urgent_report.received"
            )
        ).all()

    assert len(alerted(coordinator)) == 1 and len(alerted(township)) == 1
    assert alerted(elsewhere) == []
    # The console's alert reads the unread urgent ones alone (not the run's notices).
    query = {"kind": "urgent_report.received", "unread": "true"}
    unread = client.get("/api/v1/me/notifications", query_string=query, headers=coord_headers)
    assert [n["payload"]["report_id"] for n in unread.json] == [filed.json["id"]]
    nid = unread.json[0]["id"]
    read = client.post(f"/api/v1/me/notifications/{nid}/read", headers=coord_headers)
    assert read.status_code == 200 and read.json["read_at"]
    again_unread = client.get("/api/v1/me/notifications", query_string=query, headers=coord_headers)
    assert again_unread.json == []
    other_kind = {"kind": "match_run.proposals"}
    others = client.get("/api/v1/me/notifications", query_string=other_kind, headers=coord_headers)
    assert all(n["kind"] == "match_run.proposals" for n in others.json)
    assert (
        client.get(f"/api/v1/urgent-reports/{rid}", headers=accounts.headers(elsewhere)).status_code
        == 404
    )
    # It cannot be deleted or edited, only added to.
    url = f"/api/v1/urgent-reports/{rid}"
    assert client.delete(url, headers=coord_headers).status_code == 405
    assert client.patch(url, json={"seen": "x"}, headers=coord_headers).status_code == 405
    assert (
        client.post(
            f"{url}/events", json={"status": "closed", "note": "x"}, headers=rheaders
        ).status_code
        == 403
    )
    handling = client.post(
        f"{url}/events", json={"status": "handling", "note": "已联系村委"}, headers=coord_headers
    )
    assert handling.status_code == 201
    closed = client.post(
        f"{url}/events", json={"status": "closed", "note": "已送回家中"}, headers=coord_headers
    )
    assert closed.status_code == 201
    seen_by_reporter = client.get(url, headers=rheaders).json
    assert seen_by_reporter["status"] == "closed"
    assert [e["status"] for e in seen_by_reporter["events"]] == ["received", "handling", "closed"]
    told = db_session.scalars(
        select(Notification).where(
            Notification.recipient_id == reporter.id, Notification.kind == "urgent_report.closed"
        )
    ).all()
    assert len(told) == 1
    nested = db_session.begin_nested()
    with pytest.raises(DatabaseError, match="append-only|permission denied"):
        db_session.execute(text("DELETE FROM urgent_report WHERE id = :id"), {"id": rid})
    nested.rollback()


def test_sync_returns_changes_and_removals_since_the_watermark(client, paired):
    headers, pid = paired["headers"], paired["pairing"]["id"]
    first = client.get("/api/v1/me/sync", headers=headers).json
    assert [p["id"] for p in first["pairings"]] == [pid]
    watermark = first["watermark"]
    nothing = client.get("/api/v1/me/sync", query_string={"since": watermark}, headers=headers).json
    assert nothing["pairings"] == [] and nothing["removed_pairings"] == []
    client.post(f"/api/v1/pairings/{pid}/declination", json={"reason": "时间冲突"}, headers=headers)
    after = client.get("/api/v1/me/sync", query_string={"since": watermark}, headers=headers)
    assert after.json["removed_pairings"] == [pid] and after.json["pairings"] == []
    assert "ETag" in after.headers
    inbox = client.get("/api/v1/me/notifications", headers=headers).json
    assert inbox and all("name" not in str(n["payload"]) for n in inbox)


def test_other_volunteers_cannot_touch_the_pairing_or_its_visits(client, accounts, paired):
    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    visit = client.post("/api/v1/visits/", json=visit_body(pid), headers=headers).json
    stranger = accounts.headers(accounts.create("volunteer"))
    assert client.get(f"/api/v1/pairings/{pid}", headers=stranger).status_code == 404
    assert client.post("/api/v1/visits/", json=visit_body(pid), headers=stranger).status_code == 404
    assert client.get(f"/api/v1/visits/{visit['id']}", headers=stranger).status_code == 404
    assert (
        client.post(
            f"/api/v1/pairings/{pid}/end", json={"reason": "x"}, headers=stranger
        ).status_code
        == 404
    )
    assert client.get("/api/v1/me/pairings", headers=stranger).json == []


def test_outbox_is_delivered_through_every_channel(accounts, db_session):
    from app.services import notify

    user = accounts.create("volunteer")
    db_session.add(Notification(recipient_id=user.id, kind="visit.due", payload={"p": 1}))
    db_session.flush()
    sent = []

    class Flaky:
        name = "push"

        def __init__(self):
            self.up = False

        def send(self, notification, user):
            sent.append((notification.kind, user.id))
            return self.up

    flaky = Flaky()
    sms = notify.SmsChannel(
        sender=lambda phone, tpl, params: sent.append((phone, tpl)) or True,
        templates={"visit.due": "SMS_VISIT_DUE"},
    )
    channels = [notify.InAppChannel(), sms, flaky]
    assert notify.deliver_pending(session=db_session, channels=channels) == 0  # push was down
    flaky.up = True
    assert notify.deliver_pending(session=db_session, channels=channels) == 1
    assert notify.deliver_pending(session=db_session, channels=channels) == 0
    assert (user.phone, "SMS_VISIT_DUE") in sent
