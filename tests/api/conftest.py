"""Fixtures shared by the API tests."""

from __future__ import annotations

import pytest

from tests.api.test_match_runs import build_county, pending, run_match


@pytest.fixture
def paired(client, accounts, coordinator, coord_headers, db_session):
    """One approved pairing awaiting the volunteer's answer."""
    county = build_county(db_session, coordinator, children_n=2, volunteers_n=1)
    run_match(client, coord_headers)
    proposal = pending(client, coord_headers)[0]
    url = f"/api/v1/proposals/{proposal['id']}"
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    pairing = client.post(f"{url}/approval", headers={**coord_headers, "If-Match": etag}).json
    user, volunteer = county["volunteers"][0]
    return {
        "pairing": pairing,
        "user": user,
        "volunteer": volunteer,
        "headers": accounts.headers(user),
        "child_name": "测试儿童",
    }
