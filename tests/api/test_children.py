"""Children's files: scope, audit, optimistic concurrency, privacy by audience."""

from __future__ import annotations

from sqlalchemy import select

from app.geo import wgs84_to_gcj02
from app.models import AuditEvent, Child
from tests.conftest import ANHAI_VILLAGE, CHILD_ID_NUMBER, SHISHI, child_payload

CHILDREN = "/api/v1/children/"


def test_coordinator_opens_a_file_and_birth_date_comes_from_the_id(make_child):
    child = make_child()
    assert child["name"] == "林小雨"
    assert child["birth_date"] == "2015-03-07"
    assert child["code"].startswith("TX") and len(child["code"]) == 10
    assert child["township_code"] == "350582100000"
    assert child["guardian"]["relation"] == "祖母"
    assert child["entrusted_care"]["parents"][0]["work_place"] == "广东东莞"


def test_gcj02_coordinates_are_stored_as_wgs84(make_child):
    lat, lon = 24.7201, 118.4602
    glat, glon = wgs84_to_gcj02(lat, lon)
    child = make_child(lat=glat, lon=glon, coord_system="gcj02")
    assert abs(child["lat"] - lat) < 1e-6 and abs(child["lon"] - lon) < 1e-6
    assert abs(glat - lat) + abs(glon - lon) > 1e-3  # the offset was real


def test_bad_id_number_and_missing_disability_are_422(client, coord_headers):
    bad = client.post(
        CHILDREN, json=child_payload(id_number="350582201503070013"), headers=coord_headers
    )
    assert bad.status_code == 422 and "id_number" in bad.json["errors"]
    no_grade = client.post(
        CHILDREN, json=child_payload(categories=["disability"]), headers=coord_headers
    )
    assert no_grade.status_code == 422 and "disability" in no_grade.json["errors"]
    ok = client.post(
        CHILDREN,
        headers=coord_headers,
        json=child_payload(
            categories=["disability", "autism"], disability={"type": "mental", "grade": 2}
        ),
    )
    assert ok.status_code == 201


def test_coordinator_cannot_place_or_see_children_outside_the_area(client, accounts, make_child):
    child = make_child()
    other = accounts.create("coordinator", areas=(SHISHI,))
    headers = accounts.headers(other)
    assert client.get(f"{CHILDREN}{child['id']}", headers=headers).status_code == 404
    assert client.get(CHILDREN, headers=headers).json == []
    outside = client.post(CHILDREN, json=child_payload(), headers=headers)
    assert outside.status_code == 422 and "region_code" in outside.json["errors"]


def test_admin_sees_only_the_pseudonymous_view(client, accounts, make_child):
    child = make_child()
    headers = accounts.headers(accounts.create("admin"))
    one = client.get(f"{CHILDREN}{child['id']}", headers=headers).json
    assert set(one) == {"id", "code", "age_band", "township_code"}
    assert one["age_band"] in {"6-11", "12-14"}
    listed = client.get(CHILDREN, headers=headers).json
    assert all(set(c) == {"id", "code", "age_band", "township_code"} for c in listed)


def test_providers_cannot_open_children(client, accounts, make_child):
    child = make_child()
    for role in ("volunteer", "agency_staff", "donor"):
        headers = accounts.headers(accounts.create(role, region=ANHAI_VILLAGE))
        assert client.get(CHILDREN, headers=headers).status_code == 403
        assert client.get(f"{CHILDREN}{child['id']}", headers=headers).status_code == 403


def test_updates_need_the_current_etag(client, coord_headers, make_child):
    child = make_child()
    url = f"{CHILDREN}{child['id']}"
    read = client.get(url, headers=coord_headers)
    etag = read.headers["ETag"]
    assert client.patch(url, json={"address": "新地址"}, headers=coord_headers).status_code == 428
    first = client.patch(
        url, json={"address": "新地址1"}, headers={**coord_headers, "If-Match": etag}
    )
    assert first.status_code == 200 and first.json["address"] == "新地址1"
    # A second coordinator still holding the old ETag cannot silently overwrite.
    stale = client.patch(
        url, json={"address": "新地址2"}, headers={**coord_headers, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert client.get(url, headers=coord_headers).json["address"] == "新地址1"


def test_every_read_and_change_is_audited(
    client, coord_headers, coordinator, make_child, db_session
):
    child = make_child()
    url = f"{CHILDREN}{child['id']}"
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    client.patch(url, json={"phone": "13900000009"}, headers={**coord_headers, "If-Match": etag})
    client.get(CHILDREN, headers=coord_headers)
    actions = [
        e.action
        for e in db_session.scalars(
            select(AuditEvent)
            .where(AuditEvent.actor_id == coordinator.id, AuditEvent.action.like("child.%"))
            .order_by(AuditEvent.id)
        )
    ]
    assert actions[:1] == ["child.create"]
    assert {"child.read", "child.update", "child.list"} <= set(actions)


def test_risk_change_is_recorded_with_author_and_reason(
    client, coord_headers, coordinator, make_child
):
    child = make_child(risk_level="low")
    url = f"{CHILDREN}{child['id']}"
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    changed = client.put(
        f"{url}/risk",
        json={"risk_level": "high", "reason": "父母失联"},
        headers={**coord_headers, "If-Match": etag},
    )
    assert changed.status_code == 200 and changed.json["risk_level"] == "high"
    records = client.get(f"{url}/records?kind=risk_change", headers=coord_headers).json
    latest = records[0]
    assert latest["data"] == {"from": "low", "to": "high"}
    assert latest["body"] == "父母失联"  # encrypted at rest, as every free text
    assert latest["author_id"] == coordinator.id


def test_consent_decides_whether_an_under_14_child_can_be_matched(
    client, coord_headers, make_child
):
    child = make_child()
    url = f"{CHILDREN}{child['id']}"
    assert child["matchable"] is False and child["consent"] is None
    consent = client.post(
        f"{url}/consent",
        headers=coord_headers,
        json={
            "guardian_name": "林阿婆",
            "guardian_relation": "祖母",
            "given_on": "2026-11-01",
            "scope": ["matching", "visits"],
            "evidence_ref": "安海镇档案 2026-118",
        },
    )
    assert consent.status_code == 201
    assert client.get(url, headers=coord_headers).json["matchable"] is True
    assert client.delete(f"{url}/consent", headers=coord_headers).status_code == 204
    assert client.get(url, headers=coord_headers).json["matchable"] is False
    assert client.delete(f"{url}/consent", headers=coord_headers).status_code == 409


def test_file_history_holds_work_log_and_problems(client, coord_headers, make_child):
    child = make_child()
    url = f"{CHILDREN}{child['id']}/records"
    problem = client.post(
        url, json={"kind": "problem", "body": "长期独自在家"}, headers=coord_headers
    )
    assert problem.status_code == 201
    resolved = client.put(
        f"{url}/{problem.json['id']}/resolution",
        json={"resolution": "联系村委会安排照看"},
        headers=coord_headers,
    )
    assert resolved.status_code == 200 and resolved.json["resolution"] == "联系村委会安排照看"
    again = client.put(
        f"{url}/{problem.json['id']}/resolution", json={"resolution": "x"}, headers=coord_headers
    )
    assert again.status_code == 409
    client.post(url, json={"kind": "work_log", "body": "电话回访"}, headers=coord_headers)
    kinds = [r["kind"] for r in client.get(url, headers=coord_headers).json]
    assert "problem" in kinds and "work_log" in kinds


def test_search_by_exact_name_uses_the_blind_index(client, coord_headers, make_child, db_session):
    make_child()
    make_child(name="陈小明", id_number=None, birth_date="2012-05-01")
    found = client.get(CHILDREN, query_string={"q": "陈小明"}, headers=coord_headers).json
    assert [c["name"] for c in found] == ["陈小明"]
    by_risk = client.get(CHILDREN, query_string={"risk_level": "high"}, headers=coord_headers)
    assert len(by_risk.json) == 2
    by_category = client.get(CHILDREN, query_string={"category": "orphan"}, headers=coord_headers)
    assert by_category.json == []
    stored = db_session.scalars(select(Child)).all()
    assert all(CHILD_ID_NUMBER not in (c.name_index or "") for c in stored)
