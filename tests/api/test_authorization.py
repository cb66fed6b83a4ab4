"""Function-, object- and property-level authorization, across accounts and areas."""

from __future__ import annotations

from tests.conftest import ANHAI, ANHAI_VILLAGE, CIZAO_VILLAGE, JINJIANG, SHISHI


def test_volunteer_gets_404_on_another_users_profile(client, accounts):
    mine = accounts.create("volunteer", region=ANHAI_VILLAGE)
    other = accounts.create("volunteer", region=ANHAI_VILLAGE)
    headers = accounts.headers(mine)
    assert client.get(f"/api/v1/users/{mine.id}", headers=headers).status_code == 200
    response = client.get(f"/api/v1/users/{other.id}", headers=headers)
    assert response.status_code == 404
    assert other.display_name not in response.get_data(as_text=True)


def test_volunteer_gets_403_on_coordinator_endpoints(client, accounts):
    headers = accounts.headers(accounts.create("volunteer"))
    assert client.get("/api/v1/users/", headers=headers).status_code == 403
    assert client.get("/api/v1/audit-events/", headers=headers).status_code == 403
    assert (
        client.put("/api/v1/users/1/role", json={"role": "admin"}, headers=headers).status_code
        == 403
    )


def test_unauthenticated_gets_401(client):
    response = client.get("/api/v1/users/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_county_coordinator_sees_villages_of_the_county_not_the_next_county(client, accounts):
    coordinator = accounts.create("coordinator", areas=(JINJIANG,))
    in_anhai = accounts.create("volunteer", region=ANHAI_VILLAGE)
    in_cizao = accounts.create("volunteer", region=CIZAO_VILLAGE)
    in_shishi = accounts.create("volunteer", region=SHISHI)
    headers = accounts.headers(coordinator)
    listed = client.get("/api/v1/users/?page_size=100", headers=headers)
    assert listed.status_code == 200
    ids = {u["id"] for u in listed.json}
    assert {in_anhai.id, in_cizao.id} <= ids
    assert in_shishi.id not in ids
    assert client.get(f"/api/v1/users/{in_cizao.id}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/users/{in_shishi.id}", headers=headers).status_code == 404


def test_township_coordinator_sees_only_their_township(client, accounts):
    coordinator = accounts.create("coordinator", areas=(ANHAI,))
    in_anhai = accounts.create("volunteer", region=ANHAI_VILLAGE)
    in_cizao = accounts.create("volunteer", region=CIZAO_VILLAGE)
    headers = accounts.headers(coordinator)
    assert client.get(f"/api/v1/users/{in_anhai.id}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/users/{in_cizao.id}", headers=headers).status_code == 404


def test_coordinator_without_area_sees_nobody_else(client, accounts):
    coordinator = accounts.create("coordinator")
    volunteer = accounts.create("volunteer", region=ANHAI_VILLAGE)
    headers = accounts.headers(coordinator)
    assert [u["id"] for u in client.get("/api/v1/users/", headers=headers).json] == [coordinator.id]
    assert client.get(f"/api/v1/users/{volunteer.id}", headers=headers).status_code == 404


def test_fields_a_role_may_not_see_are_absent(client, accounts):
    coordinator = accounts.create("coordinator", areas=(JINJIANG,))
    volunteer = accounts.create("volunteer", region=ANHAI_VILLAGE)
    seen = client.get(f"/api/v1/users/{volunteer.id}", headers=accounts.headers(coordinator)).json
    assert "email" not in seen and "last_sign_in_at" not in seen and "area_codes" not in seen
    assert seen["phone"] == volunteer.phone
    own = client.get("/api/v1/users/me", headers=accounts.headers(volunteer)).json
    assert {"email", "last_sign_in_at", "area_codes"} <= set(own)


def test_profile_update_cannot_change_role_or_status(client, accounts):
    volunteer = accounts.create("volunteer")
    headers = accounts.headers(volunteer)
    for field, value in (("role", "admin"), ("status", "active"), ("area_codes", [JINJIANG])):
        response = client.patch("/api/v1/users/me", json={field: value}, headers=headers)
        assert response.status_code == 422
        assert field in response.json["errors"]
    assert client.get("/api/v1/users/me", headers=headers).json["role"] == "volunteer"
    ok = client.patch("/api/v1/users/me", json={"display_name": "新名字"}, headers=headers)
    assert ok.status_code == 200 and ok.json["display_name"] == "新名字"


def test_admin_assigns_areas_and_role_changes_are_audited(client, accounts):
    admin = accounts.create("admin")
    user = accounts.create("volunteer")
    headers = accounts.headers(admin)
    not_yet = client.put(
        f"/api/v1/users/{user.id}/areas", json={"region_codes": [ANHAI]}, headers=headers
    )
    assert not_yet.status_code == 409
    assert (
        client.put(
            f"/api/v1/users/{user.id}/role", json={"role": "coordinator"}, headers=headers
        ).status_code
        == 200
    )
    assigned = client.put(
        f"/api/v1/users/{user.id}/areas", json={"region_codes": ["350582100"]}, headers=headers
    )
    assert assigned.status_code == 200 and assigned.json["area_codes"] == [ANHAI]
    log = client.get(
        f"/api/v1/audit-events/?object_type=user&object_id={user.id}", headers=headers
    ).json
    assert {"user.role_change", "user.areas_change"} <= {e["action"] for e in log}
    assert all(e["actor_id"] == admin.id for e in log if e["action"].startswith("user."))


def test_coordinator_cannot_change_roles_or_areas(client, accounts):
    coordinator = accounts.create("coordinator", areas=(JINJIANG,))
    volunteer = accounts.create("volunteer", region=ANHAI_VILLAGE)
    headers = accounts.headers(coordinator)
    assert (
        client.put(
            f"/api/v1/users/{volunteer.id}/role", json={"role": "coordinator"}, headers=headers
        ).status_code
        == 403
    )
    assert (
        client.put(
            f"/api/v1/users/{coordinator.id}/areas",
            json={"region_codes": ["350000"]},
            headers=headers,
        ).status_code
        == 403
    )


def test_every_endpoint_goes_through_access(app):
    """One mechanism: every view method declares who may call it."""
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint.startswith("api-docs"):
            continue
        view = app.view_functions[rule.endpoint]
        cls = getattr(view, "view_class", None)
        assert cls is not None, rule.rule
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            handler = getattr(cls, method.lower())
            assert hasattr(handler, "_access"), f"{method} {rule.rule} has no access declaration"
