"""Printable documents: each PDF is rendered and its text read back (pypdf); reads of a
child's file are audited; the public check of a service record shows nothing personal."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from app.models import AuditEvent, HoursStatus, Visit, VisitKind
from tests.api.builders import World
from tests.conftest import ANHAI_VILLAGE, SHISHI


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_file_summary_prints_the_file_and_is_audited(
    client, accounts, coord_headers, make_child, db_session
):
    child = make_child()
    need = client.post(
        f"/api/v1/children/{child['id']}/needs",
        json={"category_code": "tutoring", "hours_per_week": 2, "skills": ["math"]},
        headers=coord_headers,
    )
    assert need.status_code == 201, need.json
    visit = client.post(
        "/api/v1/visits/",
        json={
            "child_id": child["id"],
            "kind": "home_visit",
            "occurred_at": datetime.now(UTC).isoformat(),
            "duration_minutes": 45,
            "done": "辅导数学作业",
            "problems": "家中无人照看",
        },
        headers=coord_headers,
    )
    assert visit.status_code == 201, visit.json
    url = f"/api/v1/documents/children/{child['id']}/file-summary"
    response = client.get(url, headers=coord_headers)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = text_of(response.data)
    for expected in (
        "儿童档案摘要",
        child["code"],
        "林小雨",
        "350582201503070012",
        "留守儿童",
        "林阿婆",
        "学业辅导与结对帮扶",
        "待匹配",
        "辅导数学作业",
        "家中无人照看",
        "广东东莞",
    ):
        assert expected in text, expected
    reads = db_session.execute(
        select(AuditEvent.action, AuditEvent.detail).where(
            AuditEvent.object_type == "child", AuditEvent.object_id == str(child["id"])
        )
    ).all()
    assert ("child.read", {"document": "file_summary"}) in [(a, d) for a, d in reads]

    shishi = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    assert client.get(url, headers=shishi).status_code == 404
    admin = accounts.headers(accounts.create("admin"))
    assert client.get(url, headers=admin).status_code == 403  # admins read pseudonymously
    volunteer = accounts.headers(accounts.create("volunteer"))
    assert client.get(url, headers=volunteer).status_code == 403


def test_entrusted_care_confirmation_is_filled_in_from_the_file(
    client, accounts, coord_headers, make_child
):
    child = make_child()
    url = f"/api/v1/documents/children/{child['id']}/entrusted-care"
    response = client.get(url, headers=coord_headers)
    assert response.status_code == 200
    text = text_of(response.data)
    for expected in (
        "委托照护确认书",
        "林小雨",
        "林大伟",
        "父亲",
        "广东东莞",
        "13905950002",
        "林阿婆",
        "祖母",
        "2025年1月1日至2027年12月31日",
        "委托人（签字）",
    ):
        assert expected in text, expected
    blank = make_child(id_number=None, birth_date="2016-01-01", entrusted_care=None)
    empty = client.get(
        f"/api/v1/documents/children/{blank['id']}/entrusted-care", headers=coord_headers
    )
    assert empty.status_code == 200 and "＿＿" in text_of(empty.data)
    shishi = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    assert client.get(url, headers=shishi).status_code == 404


def _volunteer_with_hours(db_session, coordinator):  # type: ignore[no-untyped-def]
    world = World(db_session, coordinator)
    child = world.child(world.villages[ANHAI_VILLAGE])
    volunteer = world.volunteer(world.villages[ANHAI_VILLAGE])
    for day, minutes, status in (
        (date(2026, 3, 5), 90, HoursStatus.confirmed),
        (date(2026, 3, 19), 60, HoursStatus.confirmed),
        (date(2026, 4, 2), 120, HoursStatus.confirmed),
        (date(2026, 4, 9), 60, HoursStatus.pending),
        (date(2026, 7, 1), 60, HoursStatus.confirmed),  # outside the period
    ):
        at = datetime(day.year, day.month, day.day, 2, tzinfo=UTC)
        db_session.add(
            Visit(
                id=str(uuid.uuid4()),
                child_id=child.id,
                author_id=volunteer.owner_id,
                kind=VisitKind.home_visit,
                occurred_at=at,
                duration_minutes=minutes,
                notes={"done": "", "problems": ""},
                editable_until=at + timedelta(hours=2),
                hours_status=status,
            )
        )
    world.commit()
    return volunteer


def test_service_record_with_a_code_anyone_can_check(
    client, accounts, coordinator, coord_headers, db_session
):
    volunteer = _volunteer_with_hours(db_session, coordinator)
    issued = client.post(
        "/api/v1/documents/service-certificates",
        json={"volunteer_id": volunteer.id, "start": "2026-03-01", "end": "2026-06-30"},
        headers=coord_headers,
    )
    assert issued.status_code == 201, issued.json
    certificate = issued.json
    assert (certificate["hours"], certificate["services"]) == (4.5, 3)
    assert certificate["organisation"] == "晋江市同行儿童关爱服务平台"
    code = certificate["code"]
    assert len(code) == 12 and certificate["verify_url"].endswith(
        f"/api/v1/documents/verify/{code}"
    )

    response = client.get(certificate["pdf_url"], headers=coord_headers)
    assert response.status_code == 200
    text = text_of(response.data)
    for expected in (
        "志愿服务记录证明",
        code,
        "志愿者",  # the volunteer's display name
        "2026年3月1日",
        "2026年6月30日",
        "4.5",
        "2026年03月",
        "2026年04月",
        "晋江市同行儿童关爱服务平台",
        "/api/v1/documents/verify/",
    ):
        assert expected in text, expected

    checked = client.get(f"/api/v1/documents/verify/{code}")  # no account needed
    assert checked.status_code == 200
    assert checked.json == {
        "code": code,
        "valid": True,
        "issued_on": checked.json["issued_on"],
        "period_start": "2026-03-01",
        "period_end": "2026-06-30",
        "hours": 4.5,
        "services": 3,
        "organisation": "晋江市同行儿童关爱服务平台",
    }
    assert client.get(f"/api/v1/documents/verify/{code.lower()}").status_code == 200
    assert client.get("/api/v1/documents/verify/AAAAAAAAAAAA").status_code == 404

    # the volunteer reads and issues their own; nobody else's
    from app.models import User

    owner = db_session.get(User, volunteer.owner_id)
    mine = accounts.headers(owner)
    assert (
        client.get(
            f"/api/v1/documents/service-certificates/{certificate['id']}", headers=mine
        ).status_code
        == 200
    )
    own = client.post(
        "/api/v1/documents/service-certificates",
        json={"start": "2026-03-01", "end": "2026-03-31"},
        headers=mine,
    )
    assert own.status_code == 201 and own.json["hours"] == 2.5
    stranger = accounts.create("volunteer")
    other = accounts.headers(stranger)
    assert (
        client.get(
            f"/api/v1/documents/service-certificates/{certificate['id']}", headers=other
        ).status_code
        == 404
    )
    shishi = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    assert client.get(certificate["pdf_url"], headers=shishi).status_code == 404
    refused = client.post(
        "/api/v1/documents/service-certificates",
        json={"volunteer_id": volunteer.id, "start": "2026-03-01", "end": "2026-03-31"},
        headers=shishi,
    )
    assert refused.status_code == 404


def test_service_record_periods_must_be_over_and_in_order(
    client, coordinator, coord_headers, db_session
):
    volunteer = _volunteer_with_hours(db_session, coordinator)
    future = (date.today() + timedelta(days=30)).isoformat()
    for start, end, field in (("2026-04-01", "2026-03-01", "end"), ("2026-01-01", future, "end")):
        response = client.post(
            "/api/v1/documents/service-certificates",
            json={"volunteer_id": volunteer.id, "start": start, "end": end},
            headers=coord_headers,
        )
        assert response.status_code == 422 and field in response.json["errors"]
    nobody = client.post(
        "/api/v1/documents/service-certificates",
        json={"start": "2026-01-01", "end": "2026-02-01"},
        headers=coord_headers,
    )
    assert nobody.status_code == 422 and "volunteer_id" in nobody.json["errors"]
