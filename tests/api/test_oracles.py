"""No oracle on children's data: a role filters and searches only on what it may see, and
filter values are matched literally (`%` and `_` are not wildcards)."""

from __future__ import annotations

import pytest

from tests.conftest import ANHAI, ANHAI_VILLAGE


@pytest.fixture
def published(client, coord_headers, make_child):
    """A child under 14 with consent and an open need whose description says 书包."""
    child = make_child()
    client.post(
        f"/api/v1/children/{child['id']}/consent",
        headers=coord_headers,
        json={
            "guardian_name": "林阿婆",
            "guardian_relation": "祖母",
            "given_on": "2026-10-01",
            "scope": ["matching"],
            "evidence_ref": "档案 1",
        },
    )
    need = client.post(
        f"/api/v1/children/{child['id']}/needs",
        headers=coord_headers,
        json={
            "category_code": "goods",
            "item_code": "school_supplies",
            "quantity": 1,
            "unit": "套",
            "description": "书包",
        },
    )
    assert need.status_code == 201, need.json
    return child, need.json


@pytest.mark.parametrize("role", ["volunteer", "agency_staff", "donor"])
def test_providers_filter_needs_only_on_what_they_see(client, accounts, published, role):
    child, need = published
    headers = accounts.headers(accounts.create(role, region=ANHAI_VILLAGE))
    seen = client.get("/api/v1/needs/", headers=headers).json
    assert [n["id"] for n in seen] == [need["id"]]
    for query, field in (
        ("risk_level=high", "risk_level"),
        (f"child_id={child['id']}&region={ANHAI_VILLAGE}", "region"),
        (f"region={ANHAI_VILLAGE}", "region"),
    ):
        refused = client.get(f"/api/v1/needs/?{query}", headers=headers)
        assert refused.status_code == 422, query
        assert set(refused.json["errors"]) == {field}, query
    # What they see they may filter on: the township, the child's code.
    assert len(client.get(f"/api/v1/needs/?region={ANHAI}", headers=headers).json) == 1
    assert len(client.get(f"/api/v1/needs/?q={child['code']}", headers=headers).json) == 1
    # Not the description (they do not see it), nor the name.
    assert client.get("/api/v1/needs/?q=书包", headers=headers).json == []
    assert client.get("/api/v1/needs/?q=林小雨", headers=headers).json == []


def test_coordinators_find_needs_by_code_or_exact_name(client, coord_headers, published):
    child, need = published
    by_name = client.get("/api/v1/needs/?q=林小雨", headers=coord_headers).json
    assert [n["id"] for n in by_name] == [need["id"]]
    by_code = client.get(f"/api/v1/needs/?q={child['code'].lower()}", headers=coord_headers)
    assert [n["id"] for n in by_code.json] == [need["id"]]


def test_admins_cannot_re_identify_a_pseudonymous_file(client, accounts, published):
    child, _need = published
    admin = accounts.headers(accounts.create("admin"))
    assert client.get("/api/v1/children/?q=林小雨", headers=admin).json == []
    assert [
        c["id"] for c in client.get(f"/api/v1/children/?q={child['code']}", headers=admin).json
    ] == [child["id"]]
    for query, field in (
        ("risk_level=high", "risk_level"),
        ("category=left_behind", "category"),
        (f"region={ANHAI_VILLAGE}", "region"),
    ):
        refused = client.get(f"/api/v1/children/?{query}", headers=admin)
        assert refused.status_code == 422 and set(refused.json["errors"]) == {field}, query
    assert client.get("/api/v1/needs/?q=林小雨", headers=admin).json == []
    assert client.get("/api/v1/needs/?risk_level=high", headers=admin).status_code == 422
    assert client.get("/api/v1/proposals/?risk_level=high", headers=admin).status_code == 422


def test_coordinators_do_not_search_users_by_e_mail(client, accounts, coord_headers, db_session):
    from app.demo import create_account
    from tests.conftest import JINJIANG

    create_account(
        db_session,
        role="volunteer",
        display_name="张三",
        password="x" * 10,
        email="zhang.san@example.org",
        region_code=JINJIANG,
    )
    db_session.commit()
    assert client.get("/api/v1/users/?q=zhang.san", headers=coord_headers).json == []
    assert len(client.get("/api/v1/users/?q=张三", headers=coord_headers).json) == 1
    admin = accounts.headers(accounts.create("admin"))
    assert len(client.get("/api/v1/users/?q=zhang.san", headers=admin).json) == 1


def test_percent_and_underscore_match_themselves(client, accounts, coord_headers, db_session):
    from tests.api.test_match_runs import build_county

    build_county(db_session, accounts.create("coordinator"), children_n=1, volunteers_n=2)
    db_session.commit()
    assert len(client.get("/api/v1/volunteers/?category=tutoring", headers=coord_headers).json) == 2
    for wildcard in ("%25", "_", "tutor_ng", "%25tutoring"):
        found = client.get(f"/api/v1/volunteers/?category={wildcard}", headers=coord_headers)
        assert found.status_code == 200 and found.json == [], wildcard
        skills = client.get(f"/api/v1/volunteers/?skill={wildcard}", headers=coord_headers)
        assert skills.json == [], wildcard
        public = client.get(f"/api/v1/agencies/?category={wildcard}")
        assert public.status_code == 200 and public.json == [], wildcard
    # A key of the stored objects is not a skill.
    assert client.get("/api/v1/volunteers/?skill=verified", headers=coord_headers).json == []
    assert len(client.get("/api/v1/volunteers/?skill=math", headers=coord_headers).json) == 2
