"""Ledgers (台账): template, dry run, all-or-nothing import, export, who may do it."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.demo_data import id_number
from app.models import AuditEvent, Child, FileRecord, Need, RecordKind
from app.services.ledger import COLUMNS, EXPORT_COLUMNS
from tests.conftest import ANHAI, ANHAI_VILLAGE, CIZAO_VILLAGE, JINJIANG

URL = "/api/v1/ledger/imports"
HEADERS = [c.label for c in COLUMNS]
KEYS = [c.key for c in COLUMNS]


def good_rows() -> list[dict[str, Any]]:
    return [
        {
            "child_key": "A1",
            "name": "林小明",
            "id_number": id_number("350582", date(2015, 3, 2), 17),
            "gender": "男",
            "region_code": ANHAI_VILLAGE,
            "categories": "留守儿童、残疾",
            "disability_type": "肢体",
            "disability_grade": "二级",
            "risk_level": "高",
            "guardian_name": "林秀英",
            "guardian_relation": "祖母",
            "consent_date": "2024-09-01",
            "consent_evidence": "AH-001",
            "need_category": "学业辅导与结对帮扶",
            "hours_per_week": "2",
            "skills": "math",
        },
        {
            "child_key": "A1",
            "name": "林小明",
            "region_code": ANHAI_VILLAGE,
            "need_category": "goods",
            "item": "书包文具",
            "quantity": "1",
            "unit": "套",
            "urgency": "紧急",
        },
        {
            "name": "陈晓雨",
            "birth_date": "2012/06/15",
            "gender": "女",
            "region_code": CIZAO_VILLAGE,
            "categories": "家庭困境",
            "risk_level": "低",
            "need_category": "companionship",
            "hours_per_week": "1",
            "in_person": "否",
        },
    ]


def as_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.get(k, "") for k in KEYS])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(k) for k in KEYS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, headers, content: bytes, name: str, dry_run: bool = False, lang: str = "en"):
    return client.post(
        f"{URL}?dry_run={'true' if dry_run else 'false'}",
        data={"file": (io.BytesIO(content), name)},
        headers={**headers, "Accept-Language": lang},
        content_type="multipart/form-data",
    )


def count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def coordinator(accounts):
    return accounts.create("coordinator", areas=(JINJIANG,))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_downloads_and_reads_back(client, accounts, coordinator, fmt):
    headers = accounts.headers(coordinator)
    response = client.get(f"/api/v1/ledger/template?format={fmt}", headers=headers)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
        header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    else:
        header = next(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert header == HEADERS
    assert "姓名 (name)" in header and "身份证号 (id_number)" in header
    # The template's example rows are themselves a valid ledger.
    dry = upload(client, headers, response.data, f"t.{fmt}", dry_run=True)
    assert dry.status_code == 200, dry.json
    assert dry.json["errors"] == [] and dry.json["rows_valid"] == 2


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_good_file_imports(client, accounts, coordinator, db_session, fmt):
    headers = accounts.headers(coordinator)
    content = as_xlsx(good_rows()) if fmt == "xlsx" else as_csv(good_rows())
    before = count(db_session, Child)
    response = upload(client, headers, content, f"ledger.{fmt}")
    assert response.status_code == 201, response.json
    body = response.json
    assert body["imported"] is True and body["errors"] == []
    assert body["rows_read"] == 3 and body["rows_valid"] == 3 and body["children"] == 2
    assert body["created"] == {"children": 2, "needs": 3, "consents": 1}
    assert count(db_session, Child) == before + 2
    listed = client.get("/api/v1/children/?q=林小明", headers=headers).json
    assert len(listed) == 1
    child = listed[0]
    assert child["birth_date"] == "2015-03-02" and child["risk_level"] == "high"
    assert child["categories"] == ["disability", "left_behind"]
    assert child["disability"]["grade"] == 2 and child["consent"]["evidence_ref"] == "AH-001"
    needs = client.get(f"/api/v1/needs/?child_id={child['id']}", headers=headers).json
    assert sorted(n["category_code"] for n in needs) == ["goods", "tutoring"]
    event = db_session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "ledger.import")
        .order_by(AuditEvent.id.desc())
    )
    assert event.actor_id == coordinator.id and event.detail["created"]["children"] == 2
    # the file opens as children.create opens it: the risk level, no note in another language
    opened = db_session.scalars(
        select(FileRecord).where(
            FileRecord.child_id == child["id"], FileRecord.kind == RecordKind.risk_change
        )
    ).all()
    assert [(r.data, r.body) for r in opened] == [({"to": "high"}, None)]


def bad_rows() -> list[dict[str, Any]]:
    rows = good_rows()
    rows[0]["id_number"] = rows[0]["id_number"][:-1] + (
        "0" if rows[0]["id_number"][-1] != "0" else "1"
    )  # row 2: wrong check digit
    rows[1]["need_category"] = "跳舞"  # row 3: unknown category
    rows[2]["birth_date"] = "2012-13-40"  # row 4: not a date
    rows.append(
        {
            "name": "王五",
            "birth_date": "2016-01-01",
            "region_code": "350581001201",  # row 5: another county (and no such village)
            "need_category": "tutoring",
        }
    )
    rows.append(
        {
            "name": "张三",
            "birth_date": "2016-01-01",
            "region_code": ANHAI_VILLAGE,
            "need_category": "tutoring",  # row 6: a service need without hours
        }
    )
    return rows


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_dry_run_reports_each_bad_row_and_writes_nothing(
    client, accounts, coordinator, db_session, fmt
):
    headers = accounts.headers(coordinator)
    content = as_xlsx(bad_rows()) if fmt == "xlsx" else as_csv(bad_rows())
    before = (count(db_session, Child), count(db_session, Need))
    response = upload(client, headers, content, f"ledger.{fmt}", dry_run=True)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["imported"] is False and body["rows_read"] == 5
    found = {(e["row"], e["key"]) for e in body["errors"]}
    assert found == {
        (2, "id_number"),
        (3, "need_category"),
        (4, "birth_date"),
        (5, "region_code"),
        (5, "hours_per_week"),  # checked even though the child's row is bad
        (6, "hours_per_week"),
    }, body["errors"]
    by_row = {e["row"]: e for e in body["errors"]}
    assert by_row[2]["column"] == "身份证号"
    assert "check character" in by_row[2]["message"]
    assert by_row[6]["message"] == "A service need gives its hours per week."
    assert body["rows_valid"] == 0
    assert (count(db_session, Child), count(db_session, Need)) == before


def test_messages_are_translated(client, accounts, coordinator):
    response = upload(
        client, accounts.headers(coordinator), as_csv(bad_rows()), "l.csv", True, lang="zh-CN"
    )
    by_row = {e["row"]: e["message"] for e in response.json["errors"]}
    assert by_row[4] == "不是有效的日期。"
    assert all(not re.search("[A-Za-z]", m) for m in by_row.values()), by_row


def test_one_bad_row_imports_nothing(client, accounts, coordinator, db_session):
    rows = good_rows()
    rows[2]["region_code"] = "350582100299"  # no such village
    before = (count(db_session, Child), count(db_session, Need))
    response = upload(client, accounts.headers(coordinator), as_xlsx(rows), "l.xlsx")
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert response.json["rows"] == [
        {"row": 4, "column": "村（社区）代码", "key": "region_code", "message": "No such region."}
    ]
    assert response.json["imported"] is False
    assert (count(db_session, Child), count(db_session, Need)) == before
    event = db_session.scalar(
        select(AuditEvent)
        .where(AuditEvent.action == "ledger.import")
        .order_by(AuditEvent.id.desc())
    )
    assert event.outcome == "failure" and event.detail["rows_with_errors"] == 1


def test_reimport_is_unchanged_not_a_duplicate(client, accounts, coordinator, db_session):
    headers = accounts.headers(coordinator)
    assert upload(client, headers, as_csv(good_rows()), "l.csv").status_code == 201
    before = (count(db_session, Child), count(db_session, Need))
    again = upload(client, headers, as_csv(good_rows()), "l.csv", dry_run=True).json
    assert again["errors"] == []
    assert [r["status"] for r in again["row_results"]] == ["unchanged"] * 3
    done = upload(client, headers, as_csv(good_rows()), "l.csv")
    assert done.status_code == 201, done.json
    assert done.json["created"] == {"children": 0, "needs": 0, "consents": 0}
    assert done.json["updated"] == {"children": 0, "needs": 0}
    assert (count(db_session, Child), count(db_session, Need)) == before


def test_unreadable_file_is_a_422(client, accounts, coordinator):
    headers = accounts.headers(coordinator)
    response = upload(client, headers, b"PK\x03\x04not really a zip", "l.xlsx")
    assert response.status_code == 422 and "file" in response.json["errors"]
    response = upload(client, headers, b"a,b\n1,2\n", "l.csv")
    assert response.status_code == 422 and "file" in response.json["errors"]


def test_township_coordinator_cannot_import_into_another_township(client, accounts):
    anhai = accounts.create("coordinator", areas=(ANHAI,))
    response = upload(client, accounts.headers(anhai), as_csv(good_rows()), "l.csv")
    assert response.status_code == 422
    assert response.json["rows"] == [
        {
            "row": 4,
            "column": "村（社区）代码",
            "key": "region_code",
            "message": "This region is outside your area.",
        }
    ]


@pytest.mark.parametrize("role", ["volunteer", "admin", "donor"])
def test_other_roles_get_403(client, accounts, role):
    headers = accounts.headers(accounts.create(role))
    assert upload(client, headers, as_csv(good_rows()), "l.csv").status_code == 403
    assert client.get("/api/v1/ledger/template", headers=headers).status_code == 403
    assert client.get("/api/v1/ledger/export", headers=headers).status_code == 403


def test_export_escapes_formulas_and_round_trips(client, accounts, coordinator, db_session):
    headers = accounts.headers(coordinator)
    rows = good_rows()
    rows[0]["address"] = '=HYPERLINK("http://evil","x")'
    rows[0]["guardian_name"] = "@SUM(1+1)"
    rows[2]["name"] = "-陈晓雨"
    rows[2]["phone"] = "+8613900000000"
    # CSV: openpyxl would store "=..." in an XLSX as a formula, not as text
    assert upload(client, headers, as_csv(rows), "l.csv").status_code == 201
    response = client.get(f"/api/v1/ledger/export?region={ANHAI}", headers=headers)
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0] == [c.label for c in EXPORT_COLUMNS]
    assert table[0][: len(HEADERS)] == HEADERS  # the template's columns, then the extras
    data = [dict(zip([c.key for c in EXPORT_COLUMNS], row, strict=True)) for row in table[1:]]
    assert len(data) == 2  # two needs of the Anhai child; Cizao is another township
    assert all(r["address"] == '\'=HYPERLINK("http://evil","x")' for r in data)
    assert all(r["guardian_name"] == "'@SUM(1+1)" for r in data)
    assert not any(
        isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for r in data for v in r.values()
    )
    whole = client.get("/api/v1/ledger/export", headers=headers)
    sheet = load_workbook(io.BytesIO(whole.data)).worksheets[0]
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert "'-陈晓雨" in values and "'+8613900000000" in values
    event = db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == "child.export").order_by(AuditEvent.id.desc())
    )
    assert event.actor_id == coordinator.id and len(event.detail["ids"]) == 2
    # The export reads back (escapes removed): every row is what the files say.
    again = upload(client, headers, whole.data, "export.xlsx", dry_run=True).json
    assert again["errors"] == []
    assert {r["status"] for r in again["row_results"]} == {"unchanged"}


def test_export_outside_area_is_refused(client, accounts):
    anhai = accounts.create("coordinator", areas=(ANHAI,))
    headers = accounts.headers(anhai)
    response = client.get(f"/api/v1/ledger/export?region={CIZAO_VILLAGE}", headers=headers)
    assert response.status_code == 422 and "region" in response.json["errors"]
    response = client.get("/api/v1/ledger/export?region=350582999999", headers=headers)
    assert response.status_code == 422


# A bad value in a column with a fixed list of values: the reason lists what the ledger
# accepts in that column, in the ledger's own words (高/中/低), never the API's codes.
BAD_CHOICES = {
    "gender": ("未知", ["男", "女"]),
    "risk_level": ("极高", ["高", "中", "低"]),
    "categories": ("贫困生", ["留守儿童", "家庭困境", "残疾", "重病", "孤独症", "监护困境"]),
    "disability_type": ("五官", ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"]),
    "urgency": ("很急", ["一般", "紧急", "危急"]),
}


def choice_rows() -> list[dict[str, Any]]:
    rows = good_rows()
    rows[0] |= {k: bad for k, (bad, _) in BAD_CHOICES.items() if k != "urgency"}
    rows[1]["urgency"] = BAD_CHOICES["urgency"][0]
    return rows


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_choice_columns_list_the_ledgers_own_labels(client, accounts, coordinator, lang):
    response = upload(
        client, accounts.headers(coordinator), as_csv(choice_rows()), "l.csv", True, lang=lang
    )
    assert response.status_code == 200, response.json
    by_key = {e["key"]: e["message"] for e in response.json["errors"]}
    assert set(BAD_CHOICES) <= set(by_key), by_key
    codes = re.compile(r"\b(high|medium|low|male|female|left_behind|normal|urgent|physical)\b")
    for key, (_bad, labels) in BAD_CHOICES.items():
        message = by_key[key]
        assert not codes.search(message), (key, message)
        assert all(label in message for label in labels), (key, message)
        if lang == "zh-CN":
            assert message.startswith("必须是以下之一：") and not re.search("[A-Za-z]", message)
        else:
            assert message.startswith("Must be one of: "), message


def test_every_code_a_choice_column_allows_has_a_ledger_label():
    """A code added to one of these vocabularies needs its label in the ledger too."""
    from app.models import ChildCategory, Gender, RiskLevel, Urgency
    from app.services.inputs import DISABILITY_TYPES
    from app.services.ledger import CHOICE_LABELS

    allowed = {
        "gender": {g.value for g in Gender},
        "risk_level": {r.value for r in RiskLevel},
        "categories": {c.value for c in ChildCategory},
        "disability_type": set(DISABILITY_TYPES),
        "urgency": {u.value for u in Urgency},
    }
    assert set(CHOICE_LABELS) == set(allowed)
    for key, codes in allowed.items():
        assert set(CHOICE_LABELS[key]) == codes, key


def sparse_xlsx(*cells: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([good_rows()[0].get(k) for k in KEYS])
    for ref in cells:
        sheet[ref] = "x"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("far_cell", "reason"),
    [("A30000", "more than 20000 rows"), ("ZZ2", "too large")],
)
def test_a_sheet_spread_beyond_a_ledger_is_refused_before_it_is_laid_out(
    client, accounts, coordinator, far_cell, reason
):
    """The reader lays a sheet out as a grid of all its rows and columns: two cells far
    apart in a few bytes of XML would take any amount of memory, so the extent is checked
    first (these two are small enough not to hurt if it were not)."""
    response = upload(client, accounts.headers(coordinator), sparse_xlsx(far_cell), "l.xlsx")
    assert response.status_code == 422, response.json
    assert reason in response.json["errors"]["file"][0]
    # a stray cell beside the ledger's columns is read as before (and ignored)
    near = upload(client, accounts.headers(coordinator), sparse_xlsx("AF3"), "l.xlsx", True)
    assert near.status_code == 200 and near.json["rows_read"] == 1, near.json
