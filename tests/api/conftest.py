"""Fixtures shared by the API tests."""

from __future__ import annotations

from typing import Any

import pytest

from app import create_app
from app.demo import create_account, seed_regions
from app.extensions import db
from tests.api.test_match_runs import build_county, pending, run_match
from tests.conftest import TEST_PASSWORD


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


@pytest.fixture
def committed_app(committed_database: str, app_config: dict[str, Any]):  # type: ignore[no-untyped-def]
    """An app on a real engine over its own committed database, and a volunteer's headers."""
    config = {k: v for k, v in app_config.items() if k != "DATABASE_SESSIONMAKER"}
    app = create_app({**config, "DATABASE_URL": committed_database})
    with app.app_context(), db.session() as session:
        seed_regions(session, villages_per_township=1)
        user = create_account(
            session,
            role="volunteer",
            display_name="v",
            password=TEST_PASSWORD,
            phone="13000000009",
        )
        phone = user.phone
    signin = app.test_client().post(
        "/api/v1/auth/signin", json={"identifier": phone, "password": TEST_PASSWORD}
    )
    assert signin.status_code == 200, signin.json
    yield app, {"Authorization": f"Bearer {signin.json['access_token']}"}
    assert db.engine is not None
    db.engine.dispose()
