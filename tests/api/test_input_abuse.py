"""Hostile input gets a 4xx problem document, never a 500: deep JSON, lone surrogates and
NUL bytes anywhere, instants at the calendar's edge, oversized bodies, unique-key races."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy.orm import Session

from app.models import Visit
from tests.api.test_field import visit_body
from tests.conftest import ANHAI_VILLAGE, TEST_PASSWORD, child_payload

PROBLEM = "application/problem+json"


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == PROBLEM
    body = response.json
    assert body["status"] == status
    if "errors" in body:
        assert isinstance(body["errors"], dict), body["errors"]
    return body


def test_json_nested_a_thousand_deep_is_a_400_without_a_token(client):
    for depth in (40, 1000, 100_000):
        body = '{"identifier": ' + "[" * depth + "]" * depth + ', "password": "x"}'
        response = client.post(
            "/api/v1/auth/signin", data=body, headers={"Content-Type": "application/json"}
        )
        problem = _is_problem(response, 400)
        assert problem["errors"] == {"json": ["JSON 正文嵌套过深。"]}


def test_unparseable_body_is_a_400_whose_errors_is_an_object(client):
    response = client.post(
        "/api/v1/auth/signin",
        data="{not json",
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    assert _is_problem(response, 400)["errors"] == {"json": ["Invalid JSON body."]}
    undecodable = client.post(
        "/api/v1/auth/signin", data=b'{"a": "\xff"}', headers={"Content-Type": "application/json"}
    )
    _is_problem(undecodable, 400)


LONE = "\udc00"


def _raw(payload: dict) -> str:
    # json.dumps writes the lone surrogate as the escape "\udc00", as an attacker would send.
    return json.dumps(payload)


def test_a_lone_surrogate_anywhere_is_a_422_naming_the_field(client, accounts, coord_headers):
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    signin = client.post(
        "/api/v1/auth/signin",
        data=_raw({"identifier": "1380000" + LONE, "password": "x"}),
        headers=headers,
    )
    assert _is_problem(signin, 422)["errors"] == {
        "identifier": ["Contains control characters or invalid Unicode."]
    }
    signup = client.post(
        "/api/v1/auth/signup",
        data=_raw({"phone": "13812340001", "password": TEST_PASSWORD, "display_name": LONE}),
        headers=headers,
    )
    assert set(_is_problem(signup, 422)["errors"]) == {"display_name"}
    user = accounts.create("volunteer")
    me = client.patch(
        "/api/v1/users/me",
        data=_raw({"display_name": "a" + LONE}),
        headers={**headers, **accounts.headers(user)},
    )
    assert set(_is_problem(me, 422)["errors"]) == {"display_name"}
    # Nested deep in a body, and in a key.
    child = child_payload()
    child["guardian"]["name"] = LONE
    nested = client.post(
        "/api/v1/children/", data=_raw(child), headers={**headers, **coord_headers}
    )
    assert set(_is_problem(nested, 422)["errors"]) == {"guardian.name"}
    keyed = client.post(
        "/api/v1/children/",
        data=_raw({**child_payload(), "x" + LONE: 1}),
        headers={**headers, **coord_headers},
    )
    assert list(_is_problem(keyed, 422)["errors"]) == ["x\\udc00"]
    report = client.post(
        "/api/v1/urgent-reports/",
        data=_raw(
            {
                "danger": "neglect",
                "seen": "a child alone " + LONE,
                "region_code": ANHAI_VILLAGE,
                "seen_at": "2026-01-01T10:00:00+08:00",
            }
        ),
        headers={**headers, **accounts.headers(user)},
    )
    assert set(_is_problem(report, 422)["errors"]) == {"seen"}


def test_nul_bytes_in_strings_queries_and_ids_never_reach_the_database(
    client, accounts, coord_headers
):
    user = accounts.create("volunteer")
    headers = accounts.headers(user)
    body = client.post("/api/v1/auth/signin", json={"identifier": "138\x0000000", "password": "x"})
    assert set(_is_problem(body, 422)["errors"]) == {"identifier"}
    query = client.get("/api/v1/needs/?q=a%00b", headers=headers)
    assert set(_is_problem(query, 422)["errors"]) == {"q"}
    visit = client.get(f"/api/v1/visits/{'a' * 17}%00{'b' * 18}", headers=headers)
    _is_problem(visit, 404)
    category = client.get("/api/v1/regions/35%0082", headers=headers)
    _is_problem(category, 404)
    admin = accounts.headers(accounts.create("admin"))
    patch = client.patch(
        "/api/v1/need-categories/tu%00toring", json={"active": False}, headers=admin
    )
    _is_problem(patch, 404)
    # A NUL in a header that is audited (the user agent) is dropped, not stored.
    agent = client.get("/api/v1/users/me", headers={**headers, "User-Agent": "phone\x00app"})
    assert agent.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/me/notifications?since=9999-12-31T23:00:00-01:00",
        "/api/v1/me/sync?since=9999-12-31T23:00:00-01:00",
        "/api/v1/me/notifications?since=0001-01-01T00:00:00%2B14:00",
        "/api/v1/visits/?since=1800-01-01T00:00:00%2B08:00",
    ],
)
def test_instants_at_the_calendars_edge_are_422(client, accounts, path):
    headers = accounts.headers(accounts.create("volunteer"))
    body = _is_problem(client.get(path, headers=headers), 422)
    assert set(body["errors"]) == {"since"}


def test_instants_in_bodies_at_the_calendars_edge_are_422(client, accounts):
    headers = accounts.headers(accounts.create("volunteer"))
    report = client.post(
        "/api/v1/urgent-reports/",
        json={
            "danger": "neglect",
            "seen": "alone at night",
            "region_code": ANHAI_VILLAGE,
            "seen_at": "0001-01-01T00:00:00+14:00",
        },
        headers=headers,
    )
    assert set(_is_problem(report, 422)["errors"]) == {"seen_at"}
    visit = client.post(
        "/api/v1/visits/",
        json={
            "pairing_id": 1,
            "kind": "phone",
            "occurred_at": "0001-01-01T00:00:00+14:00",
            "duration_minutes": 30,
            "done": "called",
        },
        headers=headers,
    )
    assert set(_is_problem(visit, 422)["errors"]) == {"occurred_at"}


def test_a_body_over_the_limit_is_a_413_problem_before_it_is_parsed(app, client):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024  # the default
    big = '{"identifier": "' + "1" * (2 * 1024 * 1024) + '", "password": "x"}'
    response = client.post(
        "/api/v1/auth/signin", data=big, headers={"Content-Type": "application/json"}
    )
    _is_problem(response, 413)


def test_ledger_uploads_have_their_own_larger_limit(app, client, coord_headers):
    import io

    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    content = ("name,birth_date\n" + "x,2015-01-01\n" * 10_000).encode()  # ~130 KiB
    response = client.post(
        "/api/v1/ledger/imports?dry_run=true",
        data={"file": (io.BytesIO(content), "ledger.csv")},
        headers=coord_headers,
    )
    assert response.status_code != 413, response.json
    app.config["LEDGER_MAX_BYTES"] = 32 * 1024
    too_big = client.post(
        "/api/v1/ledger/imports?dry_run=true",
        data={"file": (io.BytesIO(content), "ledger.csv")},
        headers=coord_headers,
    )
    _is_problem(too_big, 413)


def test_405_names_the_allowed_methods(client):
    response = client.delete("/api/v1/regions/350582")
    _is_problem(response, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/v1/users/me", {}),
        ("/api/v1/users/me", None),
    ],
)
def test_an_empty_update_is_refused(client, accounts, path, body):
    headers = accounts.headers(accounts.create("volunteer"))
    response = client.patch(path, json=body, headers=headers)
    assert set(_is_problem(response, 422)["errors"]) == {"_schema"}


def test_a_unique_key_taken_meanwhile_is_a_409(client, paired, monkeypatch):
    """Two phones posting one visit id at once: the second insert meets the unique key
    (simulated: the look-up before the insert misses the first one)."""
    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    payload = visit_body(pid, id=str(uuid.uuid4()))
    assert client.post("/api/v1/visits/", json=payload, headers=headers).status_code == 201
    real_get = Session.get

    def blind_get(self, entity, ident, *args, **kwargs):  # type: ignore[no-untyped-def]
        if entity is Visit:
            return None
        return real_get(self, entity, ident, *args, **kwargs)

    monkeypatch.setattr(Session, "get", blind_get)
    again = client.post("/api/v1/visits/", json=payload, headers=headers)
    _is_problem(again, 409)


def test_json_values_must_have_the_documented_type(client, accounts, coord_headers):
    admin = accounts.headers(accounts.create("admin"))
    category = {"code": "a0", "name_zh": "零", "name_en": "zero", "kind": "post"}
    for bad in ({"in_person_default": 0}, {"in_person_default": "true"}):
        refused = client.post("/api/v1/need-categories/", json={**category, **bad}, headers=admin)
        assert set(_is_problem(refused, 422)["errors"]) == {"in_person_default"}, bad
    for seed in (2.5e-42, "7", True):
        run = client.post(
            "/api/v1/match-runs/",
            json={"region_code": "350582000000", "seed": seed},
            headers=coord_headers,
        )
        assert set(_is_problem(run, 422)["errors"]) == {"seed"}, seed
    run = client.post(
        "/api/v1/match-runs/",
        json={"region_code": "350582000000", "time_limit_s": "60"},
        headers=coord_headers,
    )
    assert set(_is_problem(run, 422)["errors"]) == {"time_limit_s"}


def test_unknown_query_parameters_are_refused(client, coord_headers):
    misspelt = client.get("/api/v1/children/?risk=high", headers=coord_headers)
    assert set(_is_problem(misspelt, 422)["errors"]) == {"risk"}
    assert (
        client.get("/api/v1/children/?page=1&page_size=5", headers=coord_headers).status_code == 200
    )
