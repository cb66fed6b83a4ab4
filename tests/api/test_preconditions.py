"""Lost updates: every decision on a versioned record needs the ETag that was read (428
without, 412 when stale); `If-Match: *` names no version and is refused; confirmed hours
freeze the visit."""

from __future__ import annotations

from tests.api.test_field import visit_body
from tests.api.test_match_runs import pending, run_match


def _active_visit(client, paired):  # type: ignore[no-untyped-def]
    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    visit = client.post("/api/v1/visits/", json=visit_body(pid), headers=headers)
    assert visit.status_code == 201
    return visit.json, f"/api/v1/visits/{visit.json['id']}"


def test_if_match_star_passes_no_guard(client, coord_headers, paired, make_child):
    child = make_child()
    url = f"/api/v1/children/{child['id']}"
    star = {**coord_headers, "If-Match": "*"}
    response = client.patch(url, json={"address": "新地址"}, headers=star)
    assert response.status_code == 428 and response.mimetype == "application/problem+json"
    risk = client.put(f"{url}/risk", json={"risk_level": "low", "reason": "x"}, headers=star)
    assert risk.status_code == 428
    run_match(client, coord_headers)
    proposals = pending(client, coord_headers)
    if proposals:
        approval = client.post(f"/api/v1/proposals/{proposals[0]['id']}/approval", headers=star)
        assert approval.status_code == 428
    _visit, vurl = _active_visit(client, paired)
    hours = client.put(f"{vurl}/hours", json={"decision": "confirmed"}, headers=star)
    assert hours.status_code == 428


def test_hours_decisions_and_rejections_need_the_etag(client, coord_headers, paired):
    _visit, url = _active_visit(client, paired)
    decision = {"decision": "confirmed"}
    assert client.put(f"{url}/hours", json=decision, headers=coord_headers).status_code == 428
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    stale = client.put(f"{url}/hours", json=decision, headers={**coord_headers, "If-Match": '"0"'})
    assert stale.status_code == 412
    ok = client.put(f"{url}/hours", json=decision, headers={**coord_headers, "If-Match": etag})
    assert ok.status_code == 200 and ok.json["hours_status"] == "confirmed"
    run_match(client, coord_headers)
    proposal = pending(client, coord_headers)[0]
    purl = f"/api/v1/proposals/{proposal['id']}"
    reason = {"reason": "家长希望女老师"}
    assert client.post(f"{purl}/rejection", json=reason, headers=coord_headers).status_code == 428
    petag = client.get(purl, headers=coord_headers).headers["ETag"]
    rejected = client.post(
        f"{purl}/rejection", json=reason, headers={**coord_headers, "If-Match": petag}
    )
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"


def test_confirmed_hours_freeze_the_visit(client, coord_headers, paired):
    """A volunteer cannot inflate confirmed hours (1.5 h confirmed, then 12 h)."""
    headers = paired["headers"]
    _visit, url = _active_visit(client, paired)
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    client.put(
        f"{url}/hours", json={"decision": "confirmed"}, headers={**coord_headers, "If-Match": etag}
    )
    mine = client.get(url, headers=headers).headers["ETag"]
    inflated = client.patch(
        url, json={"duration_minutes": 720}, headers={**headers, "If-Match": mine}
    )
    assert inflated.status_code == 409
    assert client.get("/api/v1/me/hours", headers=headers).json["confirmed"] == 1.5


def test_visit_edits_need_the_etag(client, paired):
    headers = paired["headers"]
    _visit, url = _active_visit(client, paired)
    assert client.patch(url, json={"duration_minutes": 60}, headers=headers).status_code == 428
    etag = client.get(url, headers=headers).headers["ETag"]
    edited = client.patch(url, json={"duration_minutes": 60}, headers={**headers, "If-Match": etag})
    assert edited.status_code == 200 and edited.json["duration_minutes"] == 60
    again = client.patch(url, json={"duration_minutes": 45}, headers={**headers, "If-Match": etag})
    assert again.status_code == 412
