"""Children's personal data: never shown to providers, never stored in clear."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.db import make_engine
from app.demo import seed_regions
from app.extensions import db
from app.migrate import upgrade
from app.models import RecordKind, Role, User
from app.services import children, regions
from app.services.users import Actor
from tests.conftest import ANHAI_VILLAGE, CHILD_ID_NUMBER, child_payload

SECRETS = ["林小雨", CHILD_ID_NUMBER, "13905950000", "安海镇东村12号", "林阿婆", "林大伟"]


def _ids(client, coord_headers, child) -> dict[str, Any]:
    need = client.post(
        f"/api/v1/children/{child['id']}/needs",
        headers=coord_headers,
        json={"category_code": "tutoring", "hours_per_week": 2},
    ).json
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
    record = client.post(
        f"/api/v1/children/{child['id']}/records",
        headers=coord_headers,
        json={"kind": "work_log", "body": "林小雨 家访"},
    ).json
    return {
        "child_id": child["id"],
        "need_id": need["id"],
        "record_id": record["id"],
        "code": "tutoring",
    }


@pytest.mark.parametrize("role", ["volunteer", "agency_staff", "donor"])
def test_no_provider_endpoint_reveals_a_childs_identity(
    client, app, accounts, coord_headers, make_child, role
):
    child = make_child()
    ids = _ids(client, coord_headers, child)
    user = accounts.create(role, region=ANHAI_VILLAGE)
    headers = accounts.headers(user)
    ids.update({"user_id": user.id, "volunteer_id": 1, "agency_id": 1, "org_id": 1})
    spec = client.get("/api/v1/openapi.json").json
    walked = 0
    for path, item in spec["paths"].items():
        if "get" not in item:
            continue
        url = path
        for name in re.findall(r"{(\w+)}", path):
            url = url.replace("{" + name + "}", str(ids.get(name, "350582100201")))
        response = client.get(url, headers=headers)
        assert response.status_code < 500, url
        body = response.get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in body, f"{secret} leaked through GET {url} as {role}"
        walked += 1
    assert walked >= 15


def _commit_a_child(url: str) -> None:
    """Commit a child's file (with a history entry) through the services."""
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "dump-test",
            "JWT_SECRET_KEY": "dump-test-jwt-secret-long-enough-for-hs256",
        }
    )
    with app.app_context(), db.session() as session:
        seed_regions(session, villages_per_township=1)
        user = User(display_name="c", role=Role.coordinator, password_hash="x", phone="13000000000")
        session.add(user)
        session.flush()
        actor = Actor(
            id=user.id,
            role=Role.coordinator,
            area_paths=regions.area_paths(["350582000000"], session=session),
        )
        child = children.create(child_payload(), actor=actor, session=session)
        children.add_record(
            child,
            RecordKind.work_log,
            actor=actor,
            session=session,
            body="林小雨 的父亲林大伟在广东",
        )


def test_database_dump_holds_no_name_or_id_number(pg_admin_url, tmp_path):
    if not pg_admin_url:
        path = tmp_path / "dump.sqlite3"
        url = f"sqlite:///{path}"
        upgrade(url)
        _commit_a_child(url)
        engine = make_engine(url)
        raw = engine.raw_connection()  # a checkpoint runs outside any transaction
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        engine.dispose()
        dump = b"".join(p.read_bytes() for p in tmp_path.glob("dump.sqlite3*"))
    else:
        base = make_url(pg_admin_url)
        name = f"tongxing_dump_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = base.set(database=name).render_as_string(hide_password=False)
            upgrade(url)
            _commit_a_child(url)
            assert shutil.which("pg_dump"), "pg_dump is needed for this test"
            dump = subprocess.run(
                [
                    "pg_dump",
                    "-h",
                    base.host or "127.0.0.1",
                    "-p",
                    str(base.port or 5432),
                    "-U",
                    base.username or "postgres",
                    name,
                ],
                check=True,
                capture_output=True,
            ).stdout
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    assert b"350582100201" in dump  # the village code is there: the dump is real
    for secret in ["林小雨", CHILD_ID_NUMBER, "林大伟", "13905950000"]:
        assert secret.encode() not in dump, secret
    assert json.dumps("林小雨").encode() not in dump


def test_key_rotation_re_encrypts_everything(app, make_child, db_session):
    from cryptography.fernet import Fernet

    from app import crypto
    from app.services.crypto_rotation import rotate_all
    from tests.conftest import TEST_FIELD_KEY, TEST_INDEX_KEY

    child = make_child()
    new_key = Fernet.generate_key()
    raw = "SELECT pii FROM child WHERE id = :id"
    before = db_session.execute(text(raw), {"id": child["id"]}).scalar_one()
    old = crypto.cipher()
    try:
        crypto.configure(crypto.FieldCipher([new_key, TEST_FIELD_KEY], TEST_INDEX_KEY))
        assert rotate_all(session=db_session)["child"] >= 1
        after = db_session.execute(text(raw), {"id": child["id"]}).scalar_one()
        assert after != before
        # The old key can now be dropped.
        only_new = crypto.FieldCipher([new_key], TEST_INDEX_KEY)
        assert only_new.decrypt(after)["name"] == "林小雨"
    finally:
        crypto.configure(old)


MARK = "秘密记号"  # a phrase that must never be readable in any column


def _raw_rows(session) -> str:  # type: ignore[no-untyped-def]
    """Every row of every table as the database holds it (no column type decodes it)."""
    from app.db import Base

    out = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(text(f'SELECT * FROM "{table.name}"')):
            out.append(f"{table.name}: {tuple(row)!r}")
    return "\n".join(out)


def test_free_text_about_children_is_never_stored_in_clear(
    client, paired, coord_headers, db_session
):
    """Need descriptions, risk-change reasons, rejection, decline and end reasons, visit
    notes, report text and the idempotency cache: the database holds none of it readable."""
    from tests.api.test_field import visit_body
    from tests.api.test_match_runs import pending, run_match

    headers, pid = paired["headers"], paired["pairing"]["id"]
    need_id = paired["pairing"]["need"]["id"]
    child_id = client.get(f"/api/v1/needs/{need_id}", headers=coord_headers).json["child"]["id"]
    need = client.post(
        f"/api/v1/children/{child_id}/needs",
        headers=coord_headers,
        json={"category_code": "tutoring", "hours_per_week": 2, "description": MARK + " 描述"},
    )
    assert need.status_code == 201 and need.json["description"] == MARK + " 描述"
    url = f"/api/v1/children/{child_id}"
    etag = client.get(url, headers=coord_headers).headers["ETag"]
    risk = client.put(
        f"{url}/risk",
        json={"risk_level": "high", "reason": MARK + " 风险"},
        headers={**coord_headers, "If-Match": etag},
    )
    assert risk.status_code == 200
    closed = client.post(
        f"/api/v1/needs/{need.json['id']}/transitions",
        json={"to": "closed", "reason": MARK + " 关闭"},
        headers=coord_headers,
    )
    assert closed.status_code == 201
    declined = client.post(
        f"/api/v1/pairings/{pid}/declination", json={"reason": MARK + " 婉拒"}, headers=headers
    )
    assert declined.status_code == 200 and declined.json["end_reason"] == MARK + " 婉拒"
    run_match(client, coord_headers)
    for proposal in pending(client, coord_headers)[:1]:
        purl = f"/api/v1/proposals/{proposal['id']}"
        petag = client.get(purl, headers=coord_headers).headers["ETag"]
        rejected = client.post(
            f"{purl}/rejection",
            json={"reason": MARK + " 驳回"},
            headers={**coord_headers, "If-Match": petag},
        )
        assert rejected.status_code == 200, rejected.json
    report = client.post(
        "/api/v1/urgent-reports/",
        json={
            "danger": "neglect",
            "seen": MARK + " 报告",
            "region_code": ANHAI_VILLAGE,
            "seen_at": "2026-01-01T10:00:00+08:00",
        },
        headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert report.status_code == 201
    del visit_body
    raw = _raw_rows(db_session)
    assert "350582100201" in raw  # the scan is real
    assert MARK not in raw
    assert json.dumps(MARK).strip('"') not in raw  # nor \u-escaped inside JSON


def test_admins_read_no_visit_notes_report_text_or_free_text(
    client, accounts, paired, coord_headers
):
    from tests.api.test_field import visit_body

    headers, pid = paired["headers"], paired["pairing"]["id"]
    client.post(f"/api/v1/pairings/{pid}/acceptance", headers=headers)
    visit = client.post(
        "/api/v1/visits/", json=visit_body(pid, problems=MARK + " 问题"), headers=headers
    ).json
    report = client.post(
        "/api/v1/urgent-reports/",
        json={
            "danger": "neglect",
            "seen": MARK + " 看到",
            "place": MARK + " 地点",
            "child_description": MARK + " 孩子",
            "region_code": ANHAI_VILLAGE,
            "seen_at": "2026-01-01T10:00:00+08:00",
        },
        headers=headers,
    ).json
    client.post(
        f"/api/v1/urgent-reports/{report['id']}/events",
        json={"note": MARK + " 跟进", "status": "handling"},
        headers=coord_headers,
    )
    ended = client.post(
        f"/api/v1/pairings/{pid}/end", json={"reason": MARK + " 结束"}, headers=coord_headers
    )
    assert ended.status_code == 200
    admin = accounts.headers(accounts.create("admin"))
    need_id = paired["pairing"]["need"]["id"]
    for url in (
        f"/api/v1/visits/{visit['id']}",
        "/api/v1/visits/",
        f"/api/v1/urgent-reports/{report['id']}",
        "/api/v1/urgent-reports/",
        f"/api/v1/needs/{need_id}/transitions",
        f"/api/v1/pairings/{pid}",
        "/api/v1/pairings/",
    ):
        response = client.get(url, headers=admin)
        assert response.status_code == 200, url
        assert MARK not in response.get_data(as_text=True), url
    # The coordinator of the area and the reporter still read them.
    assert MARK in client.get(f"/api/v1/urgent-reports/{report['id']}", headers=headers).get_data(
        as_text=True
    )
    assert MARK in client.get(f"/api/v1/visits/{visit['id']}", headers=coord_headers).get_data(
        as_text=True
    )


def test_key_rotation_covers_every_free_text_column_and_append_only_tables(
    client, accounts, app, db_session
):
    """Rotation re-encrypts the newly encrypted columns too, and the notes of urgent
    reports, whose table refuses every other UPDATE (SQLite here; PostgreSQL, where the
    owner rotates, below)."""
    if db_session.get_bind().dialect.name == "postgresql":
        pytest.skip("on PostgreSQL rotation runs as the owner: see the committed test")
    from cryptography.fernet import Fernet

    from app import crypto
    from app.services.crypto_rotation import encrypted_columns, rotate_all
    from tests.conftest import TEST_FIELD_KEY, TEST_INDEX_KEY

    columns = encrypted_columns()
    for table, column in (
        ("need", "description"),
        ("need_transition", "reason"),
        ("proposal", "reason"),
        ("pairing", "end_reason"),
        ("forbidden_pair", "reason"),
        ("urgent_report_event", "note"),
    ):
        assert column in columns[table][1], (table, column)
    headers = accounts.headers(accounts.create("volunteer"))
    filed = client.post(
        "/api/v1/urgent-reports/",
        json={
            "danger": "neglect",
            "seen": "独自在家",
            "region_code": ANHAI_VILLAGE,
            "seen_at": "2026-01-01T10:00:00+08:00",
        },
        headers=headers,
    )
    assert filed.status_code == 201
    raw = "SELECT note FROM urgent_report_event WHERE report_id = :id"
    before = db_session.execute(text(raw), {"id": filed.json["id"]}).scalar_one()
    old = crypto.cipher()
    new_key = Fernet.generate_key()
    try:
        crypto.configure(crypto.FieldCipher([new_key, TEST_FIELD_KEY], TEST_INDEX_KEY))
        counts = rotate_all(session=db_session)
        assert counts["urgent_report_event"] >= 1
        after = db_session.execute(text(raw), {"id": filed.json["id"]}).scalar_one()
        assert after != before
        assert crypto.FieldCipher([new_key], TEST_INDEX_KEY).decrypt(after) == "filed"
    finally:
        crypto.configure(old)
    # The table still refuses any other change.
    with pytest.raises(Exception, match="append-only"), db_session.begin_nested():
        db_session.execute(text("UPDATE urgent_report_event SET note = 'x'"))


def test_the_owner_rotates_keys_through_append_only_tables_on_postgresql(committed_app):
    """`flask crypto rotate` as the owner (MIGRATION_DATABASE_URL) re-encrypts the notes of
    urgent reports, which the application's role may not UPDATE."""
    from cryptography.fernet import Fernet
    from sqlalchemy.engine import make_url

    from tests.conftest import TEST_FIELD_KEY

    app, headers = committed_app
    filed = app.test_client().post(
        "/api/v1/urgent-reports/",
        json={
            "danger": "neglect",
            "seen": "独自在家",
            "region_code": "350582100201",
            "seen_at": "2026-01-01T10:00:00+08:00",
        },
        headers=headers,
    )
    assert filed.status_code == 201
    app_url = make_url(app.config["DATABASE_URL"])
    owner_url = app_url.set(username=app_url.username.removesuffix("_app") + "_owner")
    new_key = Fernet.generate_key().decode()
    app.config.update(
        MIGRATION_DATABASE_URL=owner_url.render_as_string(hide_password=False),
        FIELD_ENCRYPTION_KEYS=[new_key, TEST_FIELD_KEY],
    )
    engine = create_engine(app_url)
    raw = "SELECT note FROM urgent_report_event"
    with engine.connect() as conn:
        before = conn.execute(text(raw)).scalar_one()
    from app import _configure_encryption

    _configure_encryption(app)
    try:
        with app.app_context():
            result = app.test_cli_runner().invoke(args=["crypto", "rotate"])
        assert result.exit_code == 0, result.output
        assert "urgent_report_event: 1 values re-encrypted" in result.output
        with engine.connect() as conn:
            after = conn.execute(text(raw)).scalar_one()
    finally:
        app.config["FIELD_ENCRYPTION_KEYS"] = [TEST_FIELD_KEY]
        _configure_encryption(app)
        engine.dispose()
    assert after != before
