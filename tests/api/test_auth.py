from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, User
from tests.conftest import ANHAI_VILLAGE, TEST_PASSWORD

SIGNUP = "/api/v1/auth/signup"
SIGNIN = "/api/v1/auth/signin"
REFRESH = "/api/v1/auth/refresh"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_volunteer_signs_up_by_phone_and_signs_in(client, db_session):
    response = client.post(
        SIGNUP,
        json={
            "phone": "+86 138-1234-5678",
            "password": TEST_PASSWORD,
            "display_name": "林晓",
            "region_code": ANHAI_VILLAGE,
        },
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["user"]["role"] == "volunteer"
    assert body["user"]["phone"] == "13812345678"
    assert "password" not in body["user"] and "password_hash" not in body["user"]
    me = client.get("/api/v1/users/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200 and me.json["display_name"] == "林晓"

    signin = client.post(SIGNIN, json={"identifier": "13812345678", "password": TEST_PASSWORD})
    assert signin.status_code == 200
    stored = db_session.scalar(select(User).where(User.phone == "13812345678"))
    assert stored.password_hash.startswith("$argon2id$")


def test_sign_up_by_email_and_again_answers_as_sign_in_does(client, db_session):
    payload = {"email": "Li.Ming@Example.org", "password": TEST_PASSWORD, "display_name": "李明"}
    first = client.post(SIGNUP, json=payload)
    assert first.status_code == 201
    # Signing up again with the account's password signs in (no second account).
    again = client.post(SIGNUP, json={**payload, "email": "li.ming@example.org"})
    assert again.status_code == 200 and again.json["user"]["id"] == first.json["user"]["id"]
    signin = client.post(
        SIGNIN, json={"identifier": "LI.MING@example.org", "password": TEST_PASSWORD}
    )
    assert signin.status_code == 200
    assert db_session.scalar(select(func.count()).select_from(User)) == 1


def test_sign_up_does_not_tell_which_accounts_exist(client, accounts):
    """A registered phone with another password answers exactly as a failed sign-in: the
    same 401 as for a wrong password or an unknown account, never a 409."""
    user = accounts.create("volunteer")
    taken = client.post(
        SIGNUP,
        json={"phone": user.phone, "password": "an0ther-Secret-pass", "display_name": "x"},
    )
    failed = client.post(SIGNIN, json={"identifier": user.phone, "password": "an0ther-Secret-pass"})
    unknown = client.post(SIGNIN, json={"identifier": "13999999998", "password": "x" * 12})
    assert taken.status_code == failed.status_code == unknown.status_code == 401
    strip = ("instance",)
    assert {k: v for k, v in taken.json.items() if k not in strip} == {
        k: v for k, v in failed.json.items() if k not in strip
    }


@pytest.mark.parametrize(
    "password", ["12345678", "password", "woaini1314", "qwertyuiop", "13812340000", "short1"]
)
def test_common_and_short_passwords_are_refused(client, accounts, password):
    response = client.post(
        SIGNUP,
        json={"phone": "13812340000", "password": password, "display_name": "林晓"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422 and set(response.json["errors"]) == {"password"}
    user = accounts.create("volunteer")
    change = client.post(
        "/api/v1/auth/password",
        headers=accounts.headers(user),
        json={"current_password": TEST_PASSWORD, "new_password": password},
    )
    assert change.status_code == 422 and set(change.json["errors"]) == {"new_password"}


@pytest.mark.parametrize("name", ["林\u202e晓", "林\u200b晓", "\u2066admin\u2069", "a\ufeffb"])
def test_names_refuse_direction_overrides_and_invisible_characters(
    client, accounts, coord_headers, name
):
    signup = client.post(
        SIGNUP, json={"phone": "13812340002", "password": TEST_PASSWORD, "display_name": name}
    )
    assert signup.status_code == 422 and set(signup.json["errors"]) == {"display_name"}
    user = accounts.create("volunteer")
    me = client.patch(
        "/api/v1/users/me", json={"display_name": name}, headers=accounts.headers(user)
    )
    assert me.status_code == 422 and set(me.json["errors"]) == {"display_name"}
    from tests.conftest import child_payload

    child = client.post("/api/v1/children/", json=child_payload(name=name), headers=coord_headers)
    assert child.status_code == 422 and set(child.json["errors"]) == {"name"}


def test_sign_up_cannot_choose_admin_or_smuggle_fields(client):
    base = {"phone": "13700000001", "password": TEST_PASSWORD, "display_name": "x"}
    assert client.post(SIGNUP, json={**base, "account_type": "admin"}).status_code == 422
    smuggled = client.post(SIGNUP, json={**base, "role": "admin", "status": "active"})
    assert smuggled.status_code == 422
    assert set(smuggled.json["errors"]) == {"role", "status"}


def test_wrong_password_is_401_and_audited(client, accounts, db_session):
    user = accounts.create("volunteer")
    response = client.post(SIGNIN, json={"identifier": user.phone, "password": "wrong-password"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    events = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "auth.sign_in", AuditEvent.actor_id == user.id
        )
    ).all()
    assert [e.outcome for e in events] == ["failure"]
    accounts.tokens(user)
    events = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "auth.sign_in", AuditEvent.actor_id == user.id
        )
    ).all()
    assert sorted(e.outcome for e in events) == ["failure", "success"]


def test_unknown_account_is_the_same_401(client):
    response = client.post(SIGNIN, json={"identifier": "13999999999", "password": "whatever1"})
    assert response.status_code == 401
    assert response.json["code"] == "unauthorized"


def test_refresh_rotates_and_replay_revokes_the_family(client, accounts):
    user = accounts.create("coordinator")
    first = accounts.tokens(user)
    rotated = client.post(REFRESH, headers=bearer(first["refresh_token"]))
    assert rotated.status_code == 200
    assert rotated.json["refresh_token"] != first["refresh_token"]
    # The spent token comes back: refused, and the newer token of the family dies too.
    assert client.post(REFRESH, headers=bearer(first["refresh_token"])).status_code == 401
    assert client.post(REFRESH, headers=bearer(rotated.json["refresh_token"])).status_code == 401


def test_access_token_cannot_refresh_and_refresh_token_cannot_call_api(client, accounts):
    user = accounts.create("volunteer")
    tokens = accounts.tokens(user)
    assert client.post(REFRESH, headers=bearer(tokens["access_token"])).status_code == 401
    assert (
        client.get("/api/v1/users/me", headers=bearer(tokens["refresh_token"])).status_code == 401
    )


def test_sign_out_revokes_access_and_refresh(client, accounts):
    user = accounts.create("volunteer")
    tokens = accounts.tokens(user)
    assert (
        client.post("/api/v1/auth/signout", headers=bearer(tokens["access_token"])).status_code
        == 204
    )
    assert client.get("/api/v1/users/me", headers=bearer(tokens["access_token"])).status_code == 401
    assert client.post(REFRESH, headers=bearer(tokens["refresh_token"])).status_code == 401


def test_password_change_revokes_every_session(client, accounts):
    user = accounts.create("volunteer")
    other_session = accounts.tokens(user)
    this_session = accounts.tokens(user)
    wrong = client.post(
        "/api/v1/auth/password",
        headers=bearer(this_session["access_token"]),
        json={"current_password": "not-it-at-all", "new_password": "new-secret-42"},
    )
    assert wrong.status_code == 422 and "current_password" in wrong.json["errors"]
    ok = client.post(
        "/api/v1/auth/password",
        headers=bearer(this_session["access_token"]),
        json={"current_password": TEST_PASSWORD, "new_password": "new-secret-42"},
    )
    assert ok.status_code == 204
    assert client.post(REFRESH, headers=bearer(other_session["refresh_token"])).status_code == 401
    assert (
        client.get("/api/v1/users/me", headers=bearer(this_session["access_token"])).status_code
        == 401
    )
    again = client.post(SIGNIN, json={"identifier": user.phone, "password": "new-secret-42"})
    assert again.status_code == 200


def test_disabled_account_cannot_sign_in_or_use_its_tokens(client, accounts):
    admin = accounts.create("admin")
    user = accounts.create("volunteer")
    tokens = accounts.tokens(user)
    r = client.put(
        f"/api/v1/users/{user.id}/status",
        json={"status": "disabled"},
        headers=accounts.headers(admin),
    )
    assert r.status_code == 200
    assert client.get("/api/v1/users/me", headers=bearer(tokens["access_token"])).status_code == 401
    signin = client.post(SIGNIN, json={"identifier": user.phone, "password": TEST_PASSWORD})
    assert signin.status_code == 401


def test_sign_in_is_rate_limited_per_account_and_address(app_config, accounts):
    from app import create_app

    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "SIGNIN_RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    user = accounts.create("volunteer")
    codes = [
        client.post(SIGNIN, json={"identifier": user.phone, "password": "bad-password"}).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    limited = client.post(SIGNIN, json={"identifier": user.phone, "password": TEST_PASSWORD})
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    # Another account from the same address is not locked out by the first one's failures.
    other = accounts.create("volunteer")
    ok = client.post(SIGNIN, json={"identifier": other.phone, "password": TEST_PASSWORD})
    assert ok.status_code == 200


def test_sign_up_is_rate_limited_per_address_as_configured(app_config):
    from app import create_app

    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "SIGNUP_RATE_LIMIT": "2 per hour"})
    client = app.test_client()
    codes = [
        client.post(
            SIGNUP,
            json={
                "phone": f"1370000{n:04d}",
                "password": TEST_PASSWORD,
                "display_name": f"志愿者{n}",
                "account_type": "volunteer",
            },
        ).status_code
        for n in range(3)
    ]
    assert codes == [201, 201, 429]


def test_password_hash_cost_follows_the_configuration(client, accounts, db_session):
    """ARGON2_* set the cost (cheap under tests); a hash of another cost is upgraded at the
    next sign-in."""
    from argon2 import PasswordHasher

    user = accounts.create("volunteer")
    assert user.password_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    user.password_hash = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(
        TEST_PASSWORD
    )
    db_session.commit()
    accounts.tokens(user)
    db_session.refresh(user)
    assert user.password_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")


def test_refresh_token_reuse_also_ends_the_familys_access_tokens(client, accounts):
    user = accounts.create("volunteer")
    first = accounts.tokens(user)
    rotated = client.post(REFRESH, headers=bearer(first["refresh_token"])).json
    me = "/api/v1/users/me"
    assert client.get(me, headers=bearer(rotated["access_token"])).status_code == 200
    # The spent refresh token comes back (a thief's copy): every token of the family dies.
    assert client.post(REFRESH, headers=bearer(first["refresh_token"])).status_code == 401
    assert client.get(me, headers=bearer(rotated["access_token"])).status_code == 401
    assert client.get(me, headers=bearer(first["access_token"])).status_code == 401
    # Another sign-in (another family) is untouched.
    assert client.get(me, headers=accounts.headers(user)).status_code == 200


def test_password_change_cut_off_compares_exact_instants(client, accounts, db_session):
    """A token issued earlier within the same second as the password change is refused."""
    import math
    from datetime import UTC, datetime

    from flask_jwt_extended import decode_token

    user = accounts.create("volunteer")
    token = accounts.tokens(user)["access_token"]
    with client.application.app_context():
        issued = decode_token(token)["iat"]
    user.password_changed_at = datetime.fromtimestamp(math.floor(issued) + 0.999999, UTC)
    db_session.commit()
    assert client.get("/api/v1/users/me", headers=bearer(token)).status_code == 401
