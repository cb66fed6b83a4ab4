"""The console's week at a glance and map: figures that the filtered lists repeat."""

from __future__ import annotations

import json
from typing import Any

from tests.api.test_match_runs import build_county, run_match
from tests.conftest import ANHAI, JINJIANG, SHISHI


def test_overview_counts_the_area_and_names_the_last_and_next_run(
    client: Any, db_session: Any, accounts: Any, coordinator: Any, coord_headers: Any
) -> None:
    build_county(db_session, coordinator, children_n=9, volunteers_n=3)
    empty = client.get("/api/v1/stats/overview", headers=coord_headers)
    assert empty.status_code == 200, empty.json
    assert empty.json["last_run"] is None
    assert empty.json["children_total"] == 9
    assert empty.json["children_by_risk"] == {"high": 3, "medium": 3, "low": 3}
    assert empty.json["children_by_category"] == {"left_behind": 9}
    assert empty.json["needs"]["open"] == 9
    assert empty.json["high_risk"] == {"with_needs": 3, "served": 0, "share": 0.0}
    assert empty.json["next_run_at"]  # the weekly recompute

    run = run_match(client, coord_headers)
    figures = client.get("/api/v1/stats/overview", headers=coord_headers).json
    assert figures["last_run"]["id"] == run["id"]
    assert figures["proposals_pending"] == run["figures"]["proposals"] > 0
    listed = client.get("/api/v1/proposals/?page_size=1", headers=coord_headers)
    assert json.loads(listed.headers["X-Pagination"])["total"] == figures["proposals_pending"]
    assert figures["needs"]["proposed"] == run["figures"]["served_needs"]

    # approve a high-risk child's proposal: the share of high-risk children served moves
    high = client.get("/api/v1/proposals/?risk_level=high&page_size=1", headers=coord_headers).json[
        0
    ]
    assert high["provider"]["name"].startswith("志愿者")
    etag = client.get(f"/api/v1/proposals/{high['id']}", headers=coord_headers).headers["ETag"]
    approved = client.post(
        f"/api/v1/proposals/{high['id']}/approval",
        headers={**coord_headers, "If-Match": etag},
    )
    assert approved.status_code == 201, approved.json
    after = client.get("/api/v1/stats/overview", headers=coord_headers).json
    assert after["high_risk"]["served"] == 1
    assert after["needs"]["matched"] == 1
    overdue = client.get("/api/v1/visit-schedule/overdue?page_size=1", headers=coord_headers)
    assert json.loads(overdue.headers["X-Pagination"])["total"] == after["visits_overdue"]


def test_overview_of_a_township_and_outside_the_area(
    client: Any, db_session: Any, coordinator: Any, coord_headers: Any
) -> None:
    build_county(db_session, coordinator, children_n=6, volunteers_n=2)
    township = client.get(f"/api/v1/stats/overview?region={ANHAI}", headers=coord_headers)
    assert township.status_code == 200
    assert township.json["children_total"] < 6
    assert township.json["area_name"].endswith("安海镇")
    outside = client.get(f"/api/v1/stats/overview?region={SHISHI}", headers=coord_headers)
    assert outside.status_code == 422
    assert "region" in outside.json["errors"]


def test_the_map_shows_children_providers_and_pairs_in_the_area(
    client: Any, db_session: Any, accounts: Any, coordinator: Any, coord_headers: Any
) -> None:
    build_county(db_session, coordinator, children_n=6, volunteers_n=3)
    run_match(client, coord_headers)
    points = client.get(f"/api/v1/stats/map?region={JINJIANG}", headers=coord_headers)
    assert points.status_code == 200, points.json
    body = points.json
    assert len(body["children"]) == 6
    assert all(c["name"].startswith("测试儿童") for c in body["children"])  # their coordinator
    assert body["lines"] and all(line["state"] == "proposed" for line in body["lines"])
    shown = {(p["provider_type"], p["provider_id"]) for p in body["providers"]}
    assert {(line["provider_type"], line["provider_id"]) for line in body["lines"]} <= shown
    assert all(-90 <= c["lat"] <= 90 for c in body["children"])

    # another county's coordinator sees none of it; a volunteer may not ask
    other = accounts.create("coordinator", areas=(SHISHI,), region=SHISHI)
    theirs = client.get("/api/v1/stats/map", headers=accounts.headers(other)).json
    assert theirs["children"] == [] and theirs["lines"] == []
    volunteer = accounts.create("volunteer")
    refused = client.get("/api/v1/stats/map", headers=accounts.headers(volunteer))
    assert refused.status_code == 403


def test_an_admin_sees_codes_not_names_on_the_map(
    client: Any, db_session: Any, accounts: Any, coordinator: Any, coord_headers: Any
) -> None:
    build_county(db_session, coordinator, children_n=3, volunteers_n=1)
    admin = accounts.create("admin")
    body = client.get("/api/v1/stats/map", headers=accounts.headers(admin)).json
    assert body["children"] and all(c["name"] is None for c in body["children"])
    assert all(c["code"] for c in body["children"])
