"""Providers own their records; background checks follow their state machine."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import ANHAI_VILLAGE, JINJIANG, SHISHI

PROFILE = {
    "categories": ["tutoring", "companionship"],
    "skills": ["math", "sign_language"],
    "languages": ["minnan"],
    "region_code": ANHAI_VILLAGE,
    "travel_km": 8,
    "availability": [{"weekday": 5, "start": "09:00", "end": "11:00"}],
    "gender": "female",
    "max_children": 2,
    "hours_per_week": 4,
}


def register(client, headers, **overrides):
    return client.put("/api/v1/volunteers/me", json={**PROFILE, **overrides}, headers=headers)


def test_volunteer_registers_and_cannot_clear_themselves(client, accounts):
    headers = accounts.headers(accounts.create("volunteer"))
    assert client.get("/api/v1/volunteers/me", headers=headers).status_code == 404
    created = register(client, headers)
    assert created.status_code == 200
    body = created.json
    assert body["check_state"] == "registered"
    assert body["skills"] == [
        {"skill": "math", "verified": False},
        {"skill": "sign_language", "verified": False},
    ]
    smuggled = register(client, headers, check_state="cleared")
    assert smuggled.status_code == 422 and "check_state" in smuggled.json["errors"]
    unknown = register(client, headers, categories=["astrology"])
    assert unknown.status_code == 422


def test_background_check_states_and_scope(client, accounts):
    volunteer_user = accounts.create("volunteer")
    vheaders = accounts.headers(volunteer_user)
    vid = register(client, vheaders).json["id"]
    coordinator = accounts.headers(accounts.create("coordinator", areas=(JINJIANG,)))
    outsider = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    url = f"/api/v1/volunteers/{vid}"
    assert client.get(url, headers=outsider).status_code == 404
    etag = client.get(url, headers=coordinator).headers["ETag"]

    def put(state, etag, **extra):
        return client.put(
            f"{url}/check",
            json={"state": state, **extra},
            headers={**coordinator, "If-Match": etag},
        )

    jump = put("cleared", etag, expires_on=str(date.today() + timedelta(days=365)))
    assert jump.status_code == 409
    pending = put("pending", etag)
    assert pending.status_code == 200
    etag = pending.headers["ETag"]
    assert put("cleared", etag).status_code == 422  # an expiry date is required
    cleared = put("cleared", etag, expires_on=str(date.today() + timedelta(days=365)))
    assert cleared.status_code == 200
    assert cleared.json["check_state"] == "cleared" and cleared.json["check_verifier_id"]
    # The volunteer sees their own state but cannot change it.
    assert client.get("/api/v1/volunteers/me", headers=vheaders).json["check_state"] == "cleared"
    assert (
        client.put(f"{url}/check", json={"state": "pending"}, headers=vheaders).status_code == 403
    )
    verified = client.post(f"{url}/verified-skills", json={"skills": ["math"]}, headers=coordinator)
    assert verified.status_code == 200
    assert {s["skill"]: s["verified"] for s in verified.json["skills"]} == {
        "math": True,
        "sign_language": False,
    }
    # Re-registering keeps the verification and the check.
    again = register(client, vheaders, travel_km=12).json
    assert again["check_state"] == "cleared" and again["skills"][0]["verified"] is True


def test_volunteers_cannot_see_each_other(client, accounts):
    first = accounts.headers(accounts.create("volunteer"))
    second = accounts.headers(accounts.create("volunteer"))
    vid = register(client, first).json["id"]
    register(client, second)
    assert client.get(f"/api/v1/volunteers/{vid}", headers=second).status_code == 404
    assert client.get("/api/v1/volunteers/", headers=second).status_code == 403


def test_agency_is_edited_only_by_its_staff(client, accounts):
    staff = accounts.headers(accounts.create("agency_staff"))
    created = client.post(
        "/api/v1/agencies/",
        headers=staff,
        json={
            "name": "晋江市同心社工服务中心",
            "categories": ["psychological", "companionship"],
            "region_code": "350582001000",
            "caseload_capacity": 40,
            "staff_count": 8,
            "township_codes": ["350582100", "350582101"],
            "contract_start": "2026-01-01",
            "contract_end": "2026-12-31",
        },
    )
    assert created.status_code == 201, created.json
    aid = created.json["id"]
    assert created.json["township_codes"] == ["350582100000", "350582101000"]
    public = client.get("/api/v1/agencies/", query_string={"category": "psychological"})
    assert [a["id"] for a in public.json] == [aid]
    url = f"/api/v1/agencies/{aid}"
    etag = client.get(url).headers["ETag"]
    other = accounts.headers(accounts.create("agency_staff"))
    assert (
        client.patch(
            url, json={"caseload_capacity": 1}, headers={**other, "If-Match": etag}
        ).status_code
        == 404
    )
    ok = client.patch(url, json={"caseload_capacity": 50}, headers={**staff, "If-Match": etag})
    assert ok.status_code == 200 and ok.json["caseload_capacity"] == 50
    assert (
        client.post(
            "/api/v1/agencies/",
            headers=staff,
            json={"name": "second", "categories": ["tutoring"], "region_code": "350582001000"},
        ).status_code
        == 409
    )


def test_donor_posts_resources_for_their_own_organisation_only(client, accounts):
    donor = accounts.headers(accounts.create("donor"))
    org = client.post(
        "/api/v1/organizations/",
        headers=donor,
        json={
            "kind": "enterprise",
            "name": "晋江某食品有限公司",
            "region_code": "350582000000",
        },
    )
    assert org.status_code == 201
    oid = org.json["id"]
    post = client.post(
        f"/api/v1/organizations/{oid}/resources",
        headers=donor,
        json={
            "category_code": "training_post",
            "title": "烘焙实训岗位",
            "posts": 3,
            "autism_friendly": True,
        },
    )
    assert post.status_code == 201 and post.json["min_age"] == 16
    too_young = client.post(
        f"/api/v1/organizations/{oid}/resources",
        headers=donor,
        json={"category_code": "training_post", "title": "x", "posts": 1, "min_age": 14},
    )
    assert too_young.status_code == 422
    other = accounts.headers(accounts.create("donor"))
    assert (
        client.post(
            f"/api/v1/organizations/{oid}/resources",
            headers=other,
            json={"category_code": "goods", "title": "书包", "quantity": 10, "unit": "个"},
        ).status_code
        == 404
    )
    volunteer = accounts.headers(accounts.create("volunteer"))
    listed = client.get("/api/v1/resources/", query_string={"kind": "post"}, headers=volunteer)
    assert [r["title"] for r in listed.json] == ["烘焙实训岗位"]
