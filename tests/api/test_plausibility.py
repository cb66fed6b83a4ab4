"""Plausible input: places inside the region's county, sensible dates, and who may set what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.services import regions
from tests.conftest import ANHAI, ANHAI_VILLAGE, JINJIANG, SHISHI, child_payload


def _fields(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, (response.status_code, response.json)
    return set(response.json["errors"])


@pytest.mark.parametrize(
    "lat, lon",
    [(0.0, 0.0), (39.9, 116.4), (24.78, 119.8)],  # null island, Beijing, the sea 120 km east
)
def test_a_child_cannot_be_placed_outside_the_villages_county(client, coord_headers, lat, lon):
    response = client.post(
        "/api/v1/children/", json=child_payload(lat=lat, lon=lon), headers=coord_headers
    )
    assert _fields(response) == {"lat"}
    assert "晋江市" in response.json["errors"]["lat"][0]


def test_a_place_inside_the_county_or_just_over_its_edge_is_accepted(client, coord_headers):
    inside = client.post(
        "/api/v1/children/", json=child_payload(lat=24.72, lon=118.46), headers=coord_headers
    )
    assert inside.status_code == 201, inside.json


@pytest.mark.parametrize(
    "birth, field",
    [("0001-01-01", "birth_date"), ("1800-05-01", "birth_date"), ("1990-05-01", "birth_date")],
)
def test_birth_dates_must_be_plausible(client, coord_headers, birth, field):
    payload = child_payload(id_number=None, birth_date=birth)
    assert _fields(client.post("/api/v1/children/", json=payload, headers=coord_headers)) == {field}
    future = (date.today() + timedelta(days=3)).isoformat()
    payload = child_payload(id_number=None, birth_date=future)
    assert _fields(client.post("/api/v1/children/", json=payload, headers=coord_headers)) == {
        "birth_date"
    }


def test_urgent_reports_happen_now_and_in_their_region(client, accounts):
    headers = accounts.headers(accounts.create("volunteer"))
    base = {"danger": "neglect", "seen": "独自在家", "region_code": ANHAI_VILLAGE}
    for seen_at in ("9999-01-01T00:00:00+08:00", "2099-01-01T00:00:00+08:00"):
        later = client.post(
            "/api/v1/urgent-reports/", json={**base, "seen_at": seen_at}, headers=headers
        )
        assert _fields(later) == {"seen_at"}, seen_at
    long_ago = (datetime.now(UTC) - timedelta(days=800)).isoformat()
    old = client.post(
        "/api/v1/urgent-reports/", json={**base, "seen_at": long_ago}, headers=headers
    )
    assert _fields(old) == {"seen_at"}
    now = datetime.now(UTC).isoformat()
    far = client.post(
        "/api/v1/urgent-reports/",
        json={**base, "seen_at": now, "lat": 0, "lon": 0},
        headers=headers,
    )
    assert _fields(far) == {"lat"}
    ok = client.post("/api/v1/urgent-reports/", json={**base, "seen_at": now}, headers=headers)
    assert ok.status_code == 201


def test_volunteers_live_where_they_say(client, accounts):
    headers = accounts.headers(accounts.create("volunteer"))
    profile = {"categories": ["tutoring"], "region_code": ANHAI_VILLAGE, "lat": 0, "lon": 0}
    assert _fields(client.put("/api/v1/volunteers/me", json=profile, headers=headers)) == {"lat"}
    profile.update(lat=24.72, lon=118.46)
    assert client.put("/api/v1/volunteers/me", json=profile, headers=headers).status_code == 200


def test_agencies_are_contracted_for_townships_of_their_own_county(client, accounts, db_session):
    regions.create(session=db_session, code="350581100000", name="石狮某镇", parent_code=SHISHI)
    db_session.commit()
    headers = accounts.headers(accounts.create("agency_staff"))
    agency = {
        "name": "晋江社工",
        "categories": ["tutoring"],
        "region_code": JINJIANG,
        "township_codes": [ANHAI, "350581100000"],
    }
    assert _fields(client.post("/api/v1/agencies/", json=agency, headers=headers)) == {
        "township_codes"
    }
    backwards = {
        **agency,
        "township_codes": [ANHAI],
        "contract_start": "2026-06-01",
        "contract_end": "2026-01-01",
    }
    assert _fields(client.post("/api/v1/agencies/", json=backwards, headers=headers)) == {
        "contract_end"
    }
    agency["township_codes"] = [ANHAI]
    assert client.post("/api/v1/agencies/", json=agency, headers=headers).status_code == 201


def test_only_admins_and_the_areas_coordinators_confirm_alliance_membership(
    client, accounts, coord_headers
):
    donor = accounts.headers(accounts.create("donor"))
    org = {"kind": "enterprise", "name": "爱心企业", "region_code": JINJIANG}
    claimed = client.post(
        "/api/v1/organizations/", json={**org, "alliance_member": True}, headers=donor
    )
    assert _fields(claimed) == {"alliance_member"}
    created = client.post("/api/v1/organizations/", json=org, headers=donor)
    assert created.status_code == 201 and created.json["alliance_member"] is False
    url = f"/api/v1/organizations/{created.json['id']}"

    def patch(body, headers):  # type: ignore[no-untyped-def]
        etag = client.get(url).headers["ETag"]
        return client.patch(url, json=body, headers={**headers, "If-Match": etag})

    assert _fields(patch({"alliance_member": True}, donor)) == {"alliance_member"}
    # The area's coordinator confirms it, and may change nothing else.
    assert _fields(patch({"name": "改名"}, coord_headers)) == {"name"}
    confirmed = patch({"alliance_member": True}, coord_headers)
    assert confirmed.status_code == 200 and confirmed.json["alliance_member"] is True
    elsewhere = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    assert patch({"alliance_member": False}, elsewhere).status_code == 404
    admin = accounts.headers(accounts.create("admin"))
    assert patch({"alliance_member": False}, admin).status_code == 200
