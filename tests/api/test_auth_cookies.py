"""The browsers' session: the refresh token in an HttpOnly cookie with a CSRF double-submit
token (`?mode=cookie`), the access token in the body only. The JSON flow is unchanged."""

from __future__ import annotations

from sqlalchemy import select

from app.models import AuditEvent
from tests.conftest import TEST_PASSWORD

SIGNIN = "/api/v1/auth/signin?mode=cookie"
REFRESH = "/api/v1/auth/refresh?mode=cookie"
SIGNOUT = "/api/v1/auth/signout?mode=cookie"
REFRESH_PATH = "/api/v1/auth/refresh"


def _set_cookies(response) -> dict[str, str]:
    """name -> the whole Set-Cookie header, for the attributes."""
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


def _sign_in(client, user):
    response = client.post(SIGNIN, json={"identifier": user.phone, "password": TEST_PASSWORD})
    assert response.status_code == 200, response.json
    return response


def _csrf(client) -> str:
    cookie = client.get_cookie("csrf_refresh_token", path="/")
    assert cookie is not None
    return cookie.value


def test_cookie_sign_in_sets_an_httponly_strict_cookie_on_the_refresh_path(client, accounts):
    user = accounts.create("coordinator")
    response = _sign_in(client, user)
    assert "refresh_token" not in response.json
    assert response.json["access_token"] and response.json["user"]["id"] == user.id
    cookies = _set_cookies(response)
    refresh = cookies["refresh_token_cookie"]
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", f"Path={REFRESH_PATH}", "Max-Age"):
        assert attribute in refresh, refresh
    csrf = cookies["csrf_refresh_token"]
    assert "HttpOnly" not in csrf  # the page's script echoes it in X-CSRF-TOKEN
    assert "Secure" in csrf and "SameSite=Strict" in csrf and "Path=/;" in csrf


def test_cookie_refresh_needs_the_csrf_header(client, accounts):
    user = accounts.create("volunteer")
    _sign_in(client, user)
    forged = client.post(REFRESH, headers={"X-CSRF-TOKEN": "forged"})
    assert forged.status_code == 401
    _sign_in(client, user)
    refused = client.post(REFRESH)
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    # A refused cookie refresh clears the cookies: the browser is signed out.
    assert "refresh_token_cookie=;" in _set_cookies(refused)["refresh_token_cookie"]


def test_cookie_refresh_rotates_and_a_replayed_cookie_revokes_the_family(client, accounts):
    user = accounts.create("volunteer")
    _sign_in(client, user)
    first_cookie = client.get_cookie("refresh_token_cookie", path=REFRESH_PATH).value
    first_csrf = _csrf(client)
    rotated = client.post(REFRESH, headers={"X-CSRF-TOKEN": first_csrf})
    assert rotated.status_code == 200, rotated.json
    assert "refresh_token" not in rotated.json
    me = client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {rotated.json['access_token']}"}
    )
    assert me.status_code == 200
    second_cookie = client.get_cookie("refresh_token_cookie", path=REFRESH_PATH).value
    assert second_cookie != first_cookie
    csrf = _csrf(client)
    assert csrf != first_csrf  # each refresh token has its own CSRF token
    # The spent cookie comes back (stolen copy): refused, and the family dies.
    client.set_cookie("refresh_token_cookie", first_cookie, path=REFRESH_PATH)
    assert client.post(REFRESH, headers={"X-CSRF-TOKEN": first_csrf}).status_code == 401
    client.set_cookie("refresh_token_cookie", second_cookie, path=REFRESH_PATH)
    client.set_cookie("csrf_refresh_token", csrf, path="/")
    assert client.post(REFRESH, headers={"X-CSRF-TOKEN": csrf}).status_code == 401


def test_a_refresh_cookie_is_not_an_access_token(client, accounts):
    user = accounts.create("volunteer")
    _sign_in(client, user)
    cookie = client.get_cookie("refresh_token_cookie", path=REFRESH_PATH).value
    client.set_cookie("access_token_cookie", cookie, path="/")
    assert client.get("/api/v1/users/me").status_code == 401
    # Nor is a bearer refresh token accepted by cookie mode, or a cookie by JSON mode.
    assert client.post(REFRESH, headers={"Authorization": f"Bearer {cookie}"}).status_code == 401
    assert client.post("/api/v1/auth/refresh").status_code == 401


def test_cookie_sign_out_clears_the_cookies_and_revokes_the_family(client, accounts, db_session):
    user = accounts.create("coordinator")
    access = _sign_in(client, user).json["access_token"]
    csrf = _csrf(client)
    cookie = client.get_cookie("refresh_token_cookie", path=REFRESH_PATH).value
    out = client.post(SIGNOUT, headers={"Authorization": f"Bearer {access}"})
    assert out.status_code == 204
    cleared = _set_cookies(out)
    assert "refresh_token_cookie=;" in cleared["refresh_token_cookie"]
    assert "csrf_refresh_token=;" in cleared["csrf_refresh_token"]
    assert client.get_cookie("refresh_token_cookie", path=REFRESH_PATH) is None
    # Even a kept copy of the cookie no longer refreshes.
    client.set_cookie("refresh_token_cookie", cookie, path=REFRESH_PATH)
    client.set_cookie("csrf_refresh_token", csrf, path="/")
    assert client.post(REFRESH, headers={"X-CSRF-TOKEN": csrf}).status_code == 401
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == user.id)
    ).all()
    assert "auth.sign_out" in actions


def test_cookie_sign_up_sets_the_cookie(client):
    response = client.post(
        "/api/v1/auth/signup?mode=cookie",
        json={"phone": "13712345678", "password": TEST_PASSWORD, "display_name": "陈志远"},
    )
    assert response.status_code == 201, response.json
    assert "refresh_token" not in response.json
    assert "HttpOnly" in _set_cookies(response)["refresh_token_cookie"]


def test_json_mode_sets_no_cookie_and_unknown_modes_are_refused(client, accounts):
    user = accounts.create("volunteer")
    response = client.post(
        "/api/v1/auth/signin", json={"identifier": user.phone, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200 and response.json["refresh_token"]
    assert not response.headers.getlist("Set-Cookie")
    bad = client.post(
        "/api/v1/auth/signin?mode=session",
        json={"identifier": user.phone, "password": TEST_PASSWORD},
    )
    assert bad.status_code == 422 and "mode" in bad.json["errors"]
