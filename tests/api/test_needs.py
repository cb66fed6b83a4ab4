"""Need lists: load by kind, lifecycle with recorded transitions, what providers see."""

from __future__ import annotations

from tests.conftest import ANHAI_VILLAGE

TUTORING = {
    "category_code": "tutoring",
    "hours_per_week": 2,
    "skills": ["math"],
    "description": "数学跟不上，周末需要辅导",
}


def consent(client, headers, child_id):
    response = client.post(
        f"/api/v1/children/{child_id}/consent",
        headers=headers,
        json={
            "guardian_name": "林阿婆",
            "guardian_relation": "祖母",
            "given_on": "2026-10-01",
            "scope": ["matching"],
            "evidence_ref": "档案 1",
        },
    )
    assert response.status_code == 201


def add_need(client, headers, child_id, **fields):
    body = {k: v for k, v in {**TUTORING, **fields}.items() if v is not None}
    return client.post(f"/api/v1/children/{child_id}/needs", json=body, headers=headers)


def test_load_must_fit_the_kind_of_need(client, coord_headers, make_child):
    child = make_child()
    no_hours = add_need(client, coord_headers, child["id"], hours_per_week=None)
    assert no_hours.status_code == 422
    goods = add_need(client, coord_headers, child["id"], category_code="goods", hours_per_week=None)
    assert goods.status_code == 422 and "quantity" in goods.json["errors"]
    assert "item_code" in goods.json["errors"]  # goods say what they are
    ok = add_need(
        client,
        coord_headers,
        child["id"],
        category_code="goods",
        item_code="school_supplies",
        hours_per_week=None,
        quantity=1,
        unit="套",
        skills=[],
    )
    assert ok.status_code == 201 and ok.json["status"] == "open"
    unknown = add_need(client, coord_headers, child["id"], category_code="astrology")
    assert unknown.status_code == 422 and "category_code" in unknown.json["errors"]
    post = add_need(client, coord_headers, child["id"], category_code="training_post")
    assert post.status_code == 422  # the child is 11: training posts are from 16


def test_lifecycle_transitions_are_recorded_and_invalid_ones_are_409(
    client, coord_headers, make_child, coordinator
):
    child = make_child()
    need = add_need(client, coord_headers, child["id"]).json
    url = f"/api/v1/needs/{need['id']}/transitions"
    # proposed and matched follow proposals and pairings, never a hand
    for to in ("proposed", "matched"):
        invalid = client.post(url, json={"to": to, "reason": "手工"}, headers=coord_headers)
        assert invalid.status_code == 409
        assert invalid.json["code"] == "invalid_transition"
        assert invalid.json["from_status"] == "open" and invalid.json["to_status"] == to
        # said in the reader's language, codes only in the members meant for programs
        label = {"proposed": "已有建议", "matched": "已结对"}[to]
        assert invalid.json["detail"] == f"需求不能从「待匹配」变为「{label}」。"
    english = client.post(
        url,
        json={"to": "matched", "reason": "x"},
        headers={**coord_headers, "Accept-Language": "en"},
    )
    assert english.json["detail"] == "A need cannot go from open to matched."
    for to in ("fulfilled", "open", "closed", "open"):
        response = client.post(url, json={"to": to, "reason": f"→ {to}"}, headers=coord_headers)
        assert response.status_code == 201, (to, response.json)
    again = client.post(url, json={"to": "open", "reason": "再开"}, headers=coord_headers)
    assert again.status_code == 409
    history = client.get(url, headers=coord_headers).json
    assert [(t["from_status"], t["to_status"]) for t in history] == [
        (None, "open"),
        ("open", "fulfilled"),
        ("fulfilled", "open"),
        ("open", "closed"),
        ("closed", "open"),
    ]
    assert all(t["actor_id"] == coordinator.id for t in history)


def test_edits_need_if_match_and_an_open_need(client, coord_headers, make_child):
    child = make_child()
    need = add_need(client, coord_headers, child["id"]).json
    url = f"/api/v1/needs/{need['id']}"
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    assert client.patch(url, json={"urgency": "urgent"}, headers=coord_headers).status_code == 428
    ok = client.patch(url, json={"urgency": "urgent"}, headers={**coord_headers, "If-Match": etag})
    assert ok.status_code == 200 and ok.json["urgency"] == "urgent"


def test_providers_see_published_needs_without_identity(
    client, accounts, coord_headers, make_child
):
    child = make_child()
    need = add_need(client, coord_headers, child["id"]).json
    volunteer = accounts.headers(accounts.create("volunteer", region=ANHAI_VILLAGE))
    # Under 14 and no consent yet: not published.
    assert client.get("/api/v1/needs/", headers=volunteer).json == []
    assert client.get(f"/api/v1/needs/{need['id']}", headers=volunteer).status_code == 404
    consent(client, coord_headers, child["id"])
    listed = client.get("/api/v1/needs/", headers=volunteer).json
    assert [n["id"] for n in listed] == [need["id"]]
    seen = listed[0]
    assert "description" not in seen
    assert set(seen["child"]) == {"id", "code", "age_band", "township_code"}
    # Coordinators see the child's name with the need.
    mine = client.get(f"/api/v1/needs/{need['id']}", headers=coord_headers).json
    assert mine["child"]["name"] == "林小雨" and mine["description"]


def test_admin_extends_the_taxonomy(client, accounts):
    admin = accounts.headers(accounts.create("admin"))
    created = client.post(
        "/api/v1/need-categories/",
        headers=admin,
        json={"code": "insurance", "name_zh": "保险", "name_en": "Insurance", "kind": "funds"},
    )
    assert created.status_code == 201
    codes = [c["code"] for c in client.get("/api/v1/need-categories/").json]
    assert "insurance" in codes and "tutoring" in codes
    retired = client.patch(
        "/api/v1/need-categories/insurance", json={"active": False}, headers=admin
    )
    assert retired.status_code == 200
    assert "insurance" not in [c["code"] for c in client.get("/api/v1/need-categories/").json]
    coordinator = accounts.headers(accounts.create("coordinator"))
    assert (
        client.post(
            "/api/v1/need-categories/",
            headers=coordinator,
            json={"code": "x1", "name_zh": "x", "name_en": "x", "kind": "funds"},
        ).status_code
        == 403
    )
