"""Ledgers in step: a re-imported ledger updates the files it names (by ID number, the
export's code, or name and birth date), the dry run says per row what would happen, the
export reads back unchanged in either layout, and a bad row still imports nothing."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.models import AuditEvent, Child, FileRecord, Need, NeedStatus, RecordKind, Visit
from app.models.field import HoursStatus, VisitKind
from app.services.ledger import EXPORT_COLUMNS, NATIONAL_HEADERS
from tests.api.test_ledger import as_csv, as_xlsx, count, good_rows, upload
from tests.conftest import ANHAI, ANHAI_VILLAGE, JINJIANG


@pytest.fixture
def coordinator(accounts):
    return accounts.create("coordinator", areas=(JINJIANG,))


@pytest.fixture
def on_file(client, accounts, coordinator):
    """The three good rows imported: 林小明 (two needs, consent) and 陈晓雨 (one need)."""
    response = upload(client, accounts.headers(coordinator), as_csv(good_rows()), "l.csv")
    assert response.status_code == 201, response.json
    return accounts.headers(coordinator)


def edited_rows():
    rows = good_rows()
    rows[0]["risk_level"] = "中"  # row 2: 林小明's risk changes
    rows[0]["guardian_phone"] = "13911112222"  # and the guardian's phone is new
    rows[1]["quantity"] = "3"  # row 3: the goods need asks for more
    rows.append(  # row 5: a new need of 林小明
        {
            "child_key": "A1",
            "name": "林小明",
            "region_code": ANHAI_VILLAGE,
            "need_category": "companionship",
            "hours_per_week": "1",
        }
    )
    rows.append(  # row 6: a new child
        {
            "name": "黄小花",
            "birth_date": "2014-05-06",
            "gender": "女",
            "region_code": ANHAI_VILLAGE,
            "need_category": "tutoring",
            "hours_per_week": "2",
        }
    )
    return rows  # row 4 (陈晓雨) is as on file


def statuses(body):
    return {r["row"]: (r["status"], [c["key"] for c in r["changes"]]) for r in body["row_results"]}


def child_named(db_session, name: str) -> Child:
    from app.crypto import cipher

    db_session.expire_all()
    return db_session.scalar(select(Child).where(Child.name_index == cipher().blind_index(name)))


def test_dry_run_says_per_row_new_changed_unchanged(client, on_file, db_session):
    before = (count(db_session, Child), count(db_session, Need), count(db_session, AuditEvent))
    response = upload(client, on_file, as_xlsx(edited_rows()), "l.xlsx", dry_run=True)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["errors"] == [] and body["imported"] is False
    assert statuses(body) == {
        2: ("changed", ["risk_level", "guardian_phone"]),
        3: ("changed", ["quantity"]),
        4: ("unchanged", []),
        5: ("new", []),
        6: ("new", []),
    }
    assert body["row_results"][0]["changes"][0]["column"] == "风险等级"
    assert body["rows_new"] == 2 and body["rows_changed"] == 2 and body["rows_unchanged"] == 1
    assert body["row_results"][0]["child_key"].startswith("TX")  # the file's code
    event = db_session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "ledger.import")
        .order_by(AuditEvent.id.desc())
    )
    assert len(event.detail["ids"]) == 2 and event.detail["rows_changed"] == 2
    # Nothing written but the import's own audit entry.
    after = (count(db_session, Child), count(db_session, Need), count(db_session, AuditEvent))
    assert after[:2] == before[:2] and after[2] == before[2] + 1


def test_update_applies_changes_creates_new_and_leaves_the_rest(client, on_file, db_session):
    xiaoyu = child_named(db_session, "陈晓雨")
    xiaoyu_version = xiaoyu.version
    before = (count(db_session, Child), count(db_session, Need))
    response = upload(client, on_file, as_xlsx(edited_rows()), "l.xlsx")
    assert response.status_code == 201, response.json
    body = response.json
    assert body["imported"] is True
    assert body["created"] == {"children": 1, "needs": 2, "consents": 0}
    assert body["updated"] == {"children": 1, "needs": 1}
    assert (count(db_session, Child), count(db_session, Need)) == (before[0] + 1, before[1] + 2)
    xiaoming = child_named(db_session, "林小明")
    assert xiaoming.risk_level.value == "medium"
    assert xiaoming.pii["guardian"] == {
        "name": "林秀英",
        "relation": "祖母",
        "phone": "13911112222",
    }
    goods = db_session.scalar(
        select(Need).where(Need.child_id == xiaoming.id, Need.category_code == "goods")
    )
    assert goods.quantity == 3
    assert child_named(db_session, "陈晓雨").version == xiaoyu_version  # untouched
    # Audited, and in the file's history.
    actions = set(
        db_session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_id == str(xiaoming.id))
        )
    )
    assert {"child.update", "child.risk_change"} <= actions
    update = db_session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "child.update", AuditEvent.object_id == str(xiaoming.id))
        .order_by(AuditEvent.id.desc())
    )
    assert update.detail == {"fields": ["guardian"]}
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(FileRecord)
            .where(FileRecord.child_id == xiaoming.id, FileRecord.kind == RecordKind.risk_change)
        )
        == 2
    )
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "need.update", AuditEvent.object_id == str(goods.id))
        )
        == 1
    )
    # Imported again: nothing left to change.
    again = upload(client, on_file, as_xlsx(edited_rows()), "l.xlsx", dry_run=True).json
    assert {s for s, _ in statuses(again).values()} == {"unchanged"}


def test_a_bad_row_in_an_update_changes_nothing(client, on_file, db_session):
    rows = edited_rows()
    rows[-1]["birth_date"] = "2014-02-30"  # row 6: not a date
    response = upload(client, on_file, as_xlsx(rows), "l.xlsx")
    assert response.status_code == 422
    assert [(r["row"], r["key"]) for r in response.json["rows"]] == [(6, "birth_date")]
    xiaoming = child_named(db_session, "林小明")
    assert xiaoming.risk_level.value == "high"
    assert "phone" not in xiaoming.pii["guardian"]
    assert count(db_session, Child) == 2


def test_matched_by_id_number_even_when_the_name_changes(client, on_file, db_session):
    rows = good_rows()[:1]
    rows[0]["name"] = "林晓明"  # the name corrected; the ID number is the same
    body = upload(client, on_file, as_csv(rows), "l.csv", dry_run=True).json
    assert statuses(body) == {2: ("changed", ["name"])}
    assert upload(client, on_file, as_csv(rows), "l.csv").status_code == 201
    assert child_named(db_session, "林晓明") is not None
    assert child_named(db_session, "林小明") is None
    assert count(db_session, Child) == 2


def test_a_need_no_longer_open_cannot_be_edited(client, on_file, db_session):
    xiaoming = child_named(db_session, "林小明")
    goods = db_session.scalar(
        select(Need).where(Need.child_id == xiaoming.id, Need.category_code == "goods")
    )
    goods.status = NeedStatus.fulfilled
    db_session.flush()
    rows = good_rows()
    rows[1]["quantity"] = "5"
    for lang, message in (
        ("en", "Only open or proposed needs can be edited."),
        ("zh-CN", "只能编辑待匹配或已推荐的需求。"),
    ):
        body = upload(client, on_file, as_csv(rows), "l.csv", dry_run=True, lang=lang).json
        assert [(e["row"], e["key"], e["message"]) for e in body["errors"]] == [
            (3, "need_category", message)
        ]
        assert statuses(body)[3][0] == "error"
    # As on file, it stays unchanged (a fulfilled need is still exported and re-read).
    body = upload(client, on_file, as_csv(good_rows()), "l.csv", dry_run=True).json
    assert body["errors"] == []


def test_two_rows_for_one_id_number_and_a_file_elsewhere(client, accounts, on_file):
    rows = good_rows()
    rows[2]["id_number"] = rows[0]["id_number"]  # row 4 claims 林小明's ID number
    rows[2].pop("birth_date")
    for lang, expected in (
        ("en", "Same ID number as row 2; give both rows the same child_key."),
        ("zh-CN", "与第 2 行身份证号相同；如为同一儿童，请填写相同的台账编号。"),
    ):
        body = upload(client, on_file, as_csv(rows), "l.csv", dry_run=True, lang=lang).json
        assert [(e["row"], e["key"], e["message"]) for e in body["errors"]] == [
            (4, "id_number", expected)
        ]
    # A township coordinator re-importing a Jinjiang file kept in another township.
    other = accounts.create("coordinator", areas=("350582101000",))  # Cizao
    rows = good_rows()[:1]
    rows[0]["region_code"] = "350582101201"
    for lang, expected in (
        ("en", "A file with this ID number is kept outside your area."),
        ("zh-CN", "该身份证号的儿童档案不在您的辖区内，请联系档案所在地的儿童督导员。"),
    ):
        body = upload(
            client, accounts.headers(other), as_csv(rows), "l.csv", dry_run=True, lang=lang
        ).json
        assert [(e["row"], e["key"], e["message"]) for e in body["errors"]] == [
            (2, "id_number", expected)
        ]


def add_visit(db_session, child: Child, author_id: int, when: datetime) -> None:
    db_session.add(
        Visit(
            id=str(uuid.uuid4()),
            child_id=child.id,
            author_id=author_id,
            kind=VisitKind.home_visit,
            occurred_at=when,
            duration_minutes=30,
            notes={"done": "x"},
            editable_until=when + timedelta(days=1),
            hours_status=HoursStatus.pending,
        )
    )
    db_session.flush()


def exported(client, headers, query: str = "") -> tuple[bytes, list[dict]]:
    response = client.get(f"/api/v1/ledger/export{query}", headers=headers)
    assert response.status_code == 200, response.json
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    return response.data, [dict(zip(table[0], row, strict=True)) for row in table[1:]]


def test_export_has_statuses_last_visit_and_village_names(client, coordinator, on_file, db_session):
    xiaoming = child_named(db_session, "林小明")
    add_visit(db_session, xiaoming, coordinator.id, datetime(2026, 3, 1, 20, tzinfo=UTC))
    add_visit(db_session, xiaoming, coordinator.id, datetime(2026, 2, 1, 8, tzinfo=UTC))
    _, rows = exported(client, on_file, f"?region={ANHAI}")
    assert len(rows) == 2
    first = rows[0]
    assert first["最近走访日期 (last_visit)"] == "2026-03-02"  # 20:00 UTC is the 2nd in China
    assert first["村（社区） (village_name)"] and first["乡镇（街道） (township_name)"]
    assert {r["需求状态 (need_status)"] for r in rows} == {"待匹配"}
    assert first["台账编号 (child_key)"] == xiaoming.code


@pytest.mark.parametrize("layout", ["template", "national"])
def test_export_round_trips_and_an_edit_changes_only_that_field(
    client, on_file, db_session, layout
):
    content, rows = exported(client, on_file, f"?layout={layout}")
    header = [NATIONAL_HEADERS[c.key] if layout == "national" else c.label for c in EXPORT_COLUMNS]
    assert list(rows[0]) == header
    if layout == "national":
        assert rows[0]["儿童姓名"] and "公民身份号码" in rows[0]
    body = upload(client, on_file, content, "export.xlsx", dry_run=True).json
    assert body["errors"] == [], body["errors"]
    assert {r["status"] for r in body["row_results"]} == {"unchanged"}
    # Edit one cell of the exported workbook and import it.
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    keys = [c.key for c in EXPORT_COLUMNS]
    names = [sheet.cell(row=r, column=keys.index("name") + 1).value for r in range(2, 5)]
    row = names.index("陈晓雨") + 2
    sheet.cell(row=row, column=keys.index("address") + 1).value = "磁灶镇新地址8号"
    out = io.BytesIO()
    workbook.save(out)
    xiaoming_version = child_named(db_session, "林小明").version
    body = upload(client, on_file, out.getvalue(), "edited.xlsx", dry_run=True).json
    assert [(r["row"], r["status"]) for r in body["row_results"] if r["status"] != "unchanged"] == [
        (row, "changed")
    ]
    assert statuses(body)[row][1] == ["address"]
    response = upload(client, on_file, out.getvalue(), "edited.xlsx")
    assert response.status_code == 201, response.json
    assert response.json["updated"] == {"children": 1, "needs": 0}
    assert child_named(db_session, "陈晓雨").pii["address"] == "磁灶镇新地址8号"
    assert child_named(db_session, "林小明").version == xiaoming_version
    event = db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == "child.update").order_by(AuditEvent.id.desc())
    )
    assert event.detail == {"fields": ["address"]}


def test_import_writes_history_and_audit_for_each_new_file(client, on_file, db_session):
    xiaoming = child_named(db_session, "林小明")
    kinds = sorted(
        k.value
        for k in db_session.scalars(
            select(FileRecord.kind).where(FileRecord.child_id == xiaoming.id)
        )
    )
    assert kinds == ["consent", "need_change", "need_change", "risk_change"]
    actions = sorted(
        db_session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.object_type == "child", AuditEvent.object_id == str(xiaoming.id)
            )
        )
    )
    assert actions == ["child.consent", "child.create"]
    assert xiaoming.version == 1 and xiaoming.code.startswith("TX")
    assert xiaoming.id_number_index and xiaoming.consents[0].evidence_ref == "AH-001"
    assert xiaoming.birth_date == date(2015, 3, 2)
