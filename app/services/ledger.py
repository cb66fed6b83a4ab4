"""Ledgers (台账): import children and their needs from a CSV or XLSX sheet, all or nothing,
and export them again.

One row per need; the child's columns are repeated on each of its rows. Rows with the same
`child_key` (or, when it is blank, the same ID number) describe one child; a row without a
need category opens the child's file only. Every row goes through the same schemas and
services as the API (`children.create`, `children.record_consent`, `needs.create`), each
child in its own savepoint inside one outer savepoint: a dry run, or any error, rolls the
outer savepoint back, so nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import marshmallow as ma
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.crypto import cipher
from app.errors import TongxingError, ValidationFailed
from app.models import AidItem, Child, Need, NeedCategory, Region
from app.services import aid_items, audit, children, needs, regions, scope
from app.services.users import Actor

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"
MAX_ROWS = 20_000
SHEET_TITLE = "台账"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    note: str
    child: bool = True  # a column of the child (repeated on each of its rows)
    text: bool = True  # formatted as text in the template (keeps leading zeros)

    @property
    def label(self) -> str:
        return f"{self.header} ({self.key})"


COLUMNS: tuple[Column, ...] = (
    Column("child_key", "台账编号", "同一儿童的多行填写相同编号；留空则按身份证号归并"),
    Column("name", "姓名", "必填"),
    Column("id_number", "身份证号", "18位，校验码正确；出生日期由此推出"),
    Column("gender", "性别", "男/女"),
    Column("birth_date", "出生日期", "无身份证号时必填，如 2015-03-02", text=False),
    Column("phone", "联系电话", ""),
    Column("address", "住址", ""),
    Column("region_code", "村（社区）代码", "必填，12位统计用区划代码，须在您的辖区内"),
    Column(
        "categories",
        "儿童类别",
        "可多个，用、或;分隔：留守儿童、家庭困境、残疾、重病、孤独症、监护困境、孤儿、事实无人抚养、受艾滋病影响",
    ),
    Column("disability_type", "残疾类别", "视力/听力/言语/肢体/智力/精神/多重"),
    Column("disability_grade", "残疾等级", "1-4 或 一级至四级", text=False),
    Column("risk_level", "风险等级", "高/中/低，默认低"),
    Column("guardian_name", "监护人姓名", ""),
    Column("guardian_relation", "监护人关系", "如 祖母"),
    Column("guardian_phone", "监护人电话", ""),
    Column("consent_guardian", "同意书签署人", "不满14周岁的儿童需监护人同意；默认为监护人"),
    Column("consent_date", "同意日期", "如 2024-09-01", text=False),
    Column("consent_evidence", "同意书存档号", "纸质同意书的存档编号或扫描件编号"),
    Column(
        "need_category", "需求类别", "类别代码或名称，如 学业辅导与结对帮扶、亲情陪伴", child=False
    ),
    Column(
        "item",
        "物资品类/资金用途",
        "物资类需求填品类、资金类需求填用途（名称或代码），如 书包文具、助学（学费）",
        child=False,
    ),
    Column("hours_per_week", "每周小时数", "服务类需求必填", child=False, text=False),
    Column("quantity", "数量", "物资类需求必填", child=False, text=False),
    Column("unit", "单位", "物资类需求必填，如 套", child=False),
    Column("amount", "金额（元）", "资金类需求必填", child=False, text=False),
    Column("urgency", "紧急程度", "一般/紧急/危急，默认一般", child=False),
    Column("in_person", "是否上门", "是/否，默认按类别", child=False),
    Column("skills", "所需技能", "可多个，用、或;分隔", child=False),
    Column("description", "需求说明", "", child=False),
)
BY_KEY = {c.key: c for c in COLUMNS}
CHILD_KEYS = [c.key for c in COLUMNS if c.child]
NEED_KEYS = [c.key for c in COLUMNS if not c.child]

_SPLIT = re.compile(r"[、;；,，/\s]+")
_CATEGORY_NAMES = {
    "留守儿童": "left_behind",
    "农村留守儿童": "left_behind",
    "留守": "left_behind",
    "家庭困境": "family_hardship",
    "家庭困境儿童": "family_hardship",
    "残疾": "disability",
    "残疾儿童": "disability",
    "重病": "serious_illness",
    "重病儿童": "serious_illness",
    "孤独症": "autism",
    "自闭症": "autism",
    "孤独症儿童": "autism",
    "监护困境": "guardianship_hardship",
    "监护困境儿童": "guardianship_hardship",
    "孤儿": "orphan",
    "事实无人抚养": "de_facto_unsupported",
    "事实无人抚养儿童": "de_facto_unsupported",
    "受艾滋病影响": "hiv_affected",
    "受艾滋病影响儿童": "hiv_affected",
}
CATEGORY_LABELS = {
    "left_behind": "留守儿童",
    "family_hardship": "家庭困境",
    "disability": "残疾",
    "serious_illness": "重病",
    "autism": "孤独症",
    "guardianship_hardship": "监护困境",
    "orphan": "孤儿",
    "de_facto_unsupported": "事实无人抚养",
    "hiv_affected": "受艾滋病影响",
}
DISABILITY_LABELS = {
    "visual": "视力",
    "hearing": "听力",
    "speech": "言语",
    "physical": "肢体",
    "intellectual": "智力",
    "mental": "精神",
    "multiple": "多重",
}
_DISABILITY_NAMES = {v: k for k, v in DISABILITY_LABELS.items()} | {
    v + "残疾": k for k, v in DISABILITY_LABELS.items()
}
_GRADES = {"一级": 1, "二级": 2, "三级": 3, "四级": 4, "一": 1, "二": 2, "三": 3, "四": 4}
RISK_LABELS = {"high": "高", "medium": "中", "low": "低"}
_RISK_NAMES = {"高": "high", "中": "medium", "低": "low", "高风险": "high", "中风险": "medium"} | {
    "低风险": "low"
}
URGENCY_LABELS = {"normal": "一般", "urgent": "紧急", "critical": "危急"}
_URGENCY_NAMES = {"一般": "normal", "普通": "normal", "紧急": "urgent", "危急": "critical"} | {
    "特急": "critical"
}
_GENDER_NAMES = {"男": "male", "女": "female", "m": "male", "f": "female"}
_YES = {"是", "y", "yes", "true", "1", "上门", "线下"}
_NO = {"否", "n", "no", "false", "0", "远程", "线上"}
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONSENT_SCOPE = ["matching", "visits"]

# Which column a schema or service field's error belongs to.
_FIELD_COLUMN = {
    "disability": "disability_type",
    "disability.type": "disability_type",
    "disability.grade": "disability_grade",
    "guardian": "guardian_name",
    "guardian.name": "guardian_name",
    "guardian.relation": "guardian_relation",
    "guardian.phone": "guardian_phone",
    "lat": "region_code",
    "lon": "region_code",
    "given_on": "consent_date",
    "guardian_name": "consent_guardian",
    "guardian_relation": "guardian_relation",
    "evidence_ref": "consent_evidence",
    "scope": "consent_date",
    "category_code": "need_category",
    "item_code": "item",
}


# --- messages (English; translated at the edge) -----------------------------------------

UNKNOWN_FORMAT = "Upload a .xlsx or .csv file."
UNREADABLE = "The file cannot be read as a spreadsheet."
NO_HEADER = "The first row has none of the template's column headers."
MISSING_COLUMNS = "Columns missing: {columns}."
TOO_MANY_ROWS = "The file has more than {max} rows."
NO_ROWS = "The file has no data rows."
NOT_TEXT = "Enter ID numbers and codes as text: the spreadsheet turned this into a number."
NOT_A_DATE = "Not a valid date."
NOT_YES_NO = "Give 是 or 否."
UNKNOWN_CATEGORY = "No such need category."
UNKNOWN_ITEM = "No such goods item or purpose of funds."
DIFFERS = "Differs from the first row of this child ({row})."
CONSENT_INCOMPLETE = "Give the consent date, the signer and the evidence reference together."
DUPLICATE = "A child with this name and birth date is already on file."
SAME_CHILD = "Same name and birth date as row {row}; give both rows the same child_key."
NOT_IMPORTED = "{count} rows have errors; nothing was imported."


@dataclass
class RowError:
    row: int
    key: str
    message: str  # English, a template when `params` are given
    params: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return self.message.format(**self.params) if self.params else self.message

    @property
    def column(self) -> str:
        col = BY_KEY.get(self.key)
        return col.header if col else self.key


@dataclass
class Row:
    number: int  # as the spreadsheet shows it
    values: dict[str, Any]


@dataclass
class Report:
    dry_run: bool
    rows_read: int = 0
    children: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: dict[str, int] = field(
        default_factory=lambda: {"children": 0, "needs": 0, "consents": 0}
    )
    imported: bool = False

    @property
    def rows_valid(self) -> int:
        return self.rows_read - len({e.row for e in self.errors if e.row > 0})

    def counts(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "imported": self.imported,
            "rows_read": self.rows_read,
            "rows_valid": self.rows_valid,
            "rows_with_errors": len({e.row for e in self.errors}),
            "children": self.children,
            "created": dict(self.created),
        }


class LedgerError(TongxingError):
    """The file as a whole cannot be read (format, header); no row was looked at.
    `message` is an English template filled from `details`."""

    status = 422
    code = "invalid_ledger"


# --- reading ---------------------------------------------------------------------------


def _header_key(cell: Any) -> str | None:
    if cell is None:
        return None
    text = str(cell).strip()
    match = re.search(r"\(([a-z_]+)\)\s*$", text)
    if match and match.group(1) in BY_KEY:
        return match.group(1)
    text = text.rstrip("*＊ ").strip()
    if text in BY_KEY:
        return text
    for col in COLUMNS:
        if text == col.header:
            return col.key
    return None


def _rows_from_table(table: Iterable[tuple[int, list[Any]]]) -> tuple[list[Row], int]:
    iterator = iter(table)
    try:
        _, header = next(iterator)
    except StopIteration:
        raise LedgerError(NO_ROWS) from None
    keys = [_header_key(c) for c in header]
    if not any(keys):
        raise LedgerError(NO_HEADER)
    missing = [BY_KEY[k].header for k in ("name", "region_code") if k not in keys]
    if missing:
        raise LedgerError(MISSING_COLUMNS, columns="、".join(missing))
    rows: list[Row] = []
    for number, cells in iterator:
        values = {
            key: value
            for key, value in zip(keys, cells, strict=False)
            if key is not None and value is not None and str(value).strip() != ""
        }
        if not values:
            continue
        if len(rows) >= MAX_ROWS:
            raise LedgerError(TOO_MANY_ROWS, max=MAX_ROWS)
        rows.append(Row(number, values))
    return rows, len(rows)


def read_rows(content: bytes, filename: str | None = None) -> list[Row]:
    """Rows of an uploaded ledger. XLSX is recognised by its zip signature, else CSV
    (UTF-8, with or without BOM, or GB18030 as Excel saves it in China)."""
    name = (filename or "").lower()
    if content[:4] == b"PK\x03\x04":
        table = _xlsx_table(content)
    elif name.endswith((".xlsx", ".xlsm")):
        raise LedgerError(UNREADABLE)
    elif name.endswith((".csv", ".txt")) or not name:
        table = _csv_table(content)
    else:
        raise LedgerError(UNKNOWN_FORMAT)
    try:
        rows, _ = _rows_from_table(table)
    except LedgerError:
        raise
    except Exception:  # a corrupt sheet fails while it is read
        raise LedgerError(UNREADABLE) from None
    return rows


def _csv_table(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise LedgerError(UNREADABLE)
    if "\x00" in text:
        raise LedgerError(UNREADABLE)
    reader = csv.reader(io.StringIO(text, newline=""))

    def rows() -> Iterator[tuple[int, list[Any]]]:
        start = 1
        for cells in reader:
            yield start, list(cells)
            start = reader.line_num + 1

    return rows()


def _xlsx_table(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # zipfile, XML and openpyxl errors alike
        raise LedgerError(UNREADABLE) from None
    sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
        finally:
            workbook.close()

    return rows()


# --- cell values -----------------------------------------------------------------------


class CellError(ValueError):
    pass


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        text = text[1:]  # our own export escaped it
    return text


def _code(value: Any) -> str:
    """ID numbers and region codes: text only (a float has lost digits already)."""
    if isinstance(value, float) or (isinstance(value, int) and len(str(value)) > 15):
        raise CellError(NOT_TEXT)
    return _text(value).upper() if isinstance(value, str) else _text(value)


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text)
    if not match:
        raise CellError(NOT_A_DATE)
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise CellError(NOT_A_DATE) from None


def _number(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _text(value)  # the schema says "Not a valid number."


def _choice(value: Any, names: dict[str, str]) -> str:
    text = _text(value)
    return names.get(text, names.get(text.lower(), text.lower()))


def _list(value: Any) -> list[str]:
    return [p for p in _SPLIT.split(_text(value)) if p]


def _yes_no(value: Any) -> bool:
    text = _text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(NOT_YES_NO)


def _grade(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = _text(value).removesuffix("级") if _text(value) not in _GRADES else _text(value)
    return _GRADES.get(text, _GRADES.get(text + "级", text))


def _put(target: dict[str, Any], errors: dict[str, str], key: str, fn: Any, value: Any) -> Any:
    try:
        return fn(value)
    except CellError as exc:
        errors[key] = str(exc)
        return None


def child_input(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """The row's child columns as `ChildCreateSchema` input; cell errors go to `errors`."""
    data: dict[str, Any] = {}
    simple = {
        "name": _text,
        "id_number": _code,
        "gender": lambda v: _choice(v, _GENDER_NAMES),
        "birth_date": _date,
        "phone": _text,
        "address": _text,
        "region_code": _code,
        "risk_level": lambda v: _choice(v, _RISK_NAMES),
    }
    for key, fn in simple.items():
        if key in values:
            converted = _put(data, errors, key, fn, values[key])
            if converted is not None:
                data[key] = converted
    if "categories" in values:
        data["categories"] = [
            _CATEGORY_NAMES.get(p, p.lower()) for p in _list(values["categories"])
        ]
    if "disability_type" in values or "disability_grade" in values:
        data["disability"] = {}
        if "disability_type" in values:
            data["disability"]["type"] = _choice(values["disability_type"], _DISABILITY_NAMES)
        if "disability_grade" in values:
            data["disability"]["grade"] = _grade(values["disability_grade"])
    guardian = {
        k: _text(values[f"guardian_{k}"])
        for k in ("name", "relation", "phone")
        if f"guardian_{k}" in values
    }
    if guardian:
        data["guardian"] = guardian
    return data


def consent_input(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any] | None:
    given = [k for k in ("consent_date", "consent_evidence") if k in values]
    if not given and "consent_guardian" not in values:
        return None
    if len(given) < 2:
        errors["consent_date" if "consent_date" not in values else "consent_evidence"] = (
            CONSENT_INCOMPLETE
        )
        return None
    data: dict[str, Any] = {
        "guardian_name": _text(values.get("consent_guardian") or values.get("guardian_name", "")),
        "guardian_relation": _text(values.get("guardian_relation", "")),
        "evidence_ref": _text(values["consent_evidence"]),
        "scope": list(CONSENT_SCOPE),
    }
    given_on = _put(data, errors, "consent_date", _date, values["consent_date"])
    if given_on is None:
        return None
    data["given_on"] = given_on
    return data


def need_input(
    values: dict[str, Any],
    errors: dict[str, str],
    categories: dict[str, str],
    items: dict[str, str] | None = None,
) -> dict[str, Any] | None:
    if not any(k in values for k in NEED_KEYS):
        return None
    data: dict[str, Any] = {}
    raw = _text(values.get("need_category", ""))
    code = categories.get(raw) or categories.get(raw.lower())
    if not raw:
        errors["need_category"] = "Missing data for required field."
    elif code is None:
        errors["need_category"] = UNKNOWN_CATEGORY
    else:
        data["category_code"] = code
    if "item" in values:
        raw_item = _text(values["item"])
        item = (items or {}).get(raw_item) or (items or {}).get(raw_item.lower())
        if item is None:
            errors["item"] = UNKNOWN_ITEM
        else:
            data["item_code"] = item
    for key in ("hours_per_week", "quantity", "amount"):
        if key in values:
            data[key] = _number(values[key])
    for key in ("unit", "description"):
        if key in values:
            data[key] = _text(values[key])
    if "urgency" in values:
        data["urgency"] = _choice(values["urgency"], _URGENCY_NAMES)
    if "in_person" in values:
        value = _put(data, errors, "in_person", _yes_no, values["in_person"])
        if value is not None:
            data["in_person"] = value
    if "skills" in values:
        data["skills"] = _list(values["skills"])
    return data


def _flatten(messages: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(key, int):  # list index
                name = prefix
            yield from _flatten(value, name)
    elif isinstance(messages, list | tuple):
        for value in messages:
            yield from _flatten(value, prefix)
    else:
        yield prefix, str(messages)


def _column_of(field_name: str, default: str) -> str:
    if field_name in _FIELD_COLUMN:
        return _FIELD_COLUMN[field_name]
    top = field_name.split(".")[0]
    if top in _FIELD_COLUMN:
        return _FIELD_COLUMN[top]
    if top in BY_KEY:
        return top
    return default


def _errors_of(row: int, messages: Any, default: str) -> list[RowError]:
    out: list[RowError] = []
    seen: set[tuple[str, str]] = set()
    for name, message in _flatten(messages):
        key = _column_of(name, default)
        if (key, message) not in seen:
            seen.add((key, message))
            out.append(RowError(row, key, message))
    return out


# --- the import ------------------------------------------------------------------------


@dataclass
class _Group:
    key: str
    rows: list[Row]


def _group(rows: list[Row]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for row in rows:
        key = _text(row.values.get("child_key") or "") or _text(row.values.get("id_number") or "")
        key = key.upper() or f"row:{row.number}"
        groups.setdefault(key, _Group(key, [])).rows.append(row)
    return list(groups.values())


def _category_names(session: Session) -> dict[str, str]:
    names: dict[str, str] = {}
    for cat in needs.categories(session=session):
        names[cat.code] = cat.code
        names[cat.name_zh] = cat.code
        names[cat.name_en.lower()] = cat.code
    return names


def _item_names(session: Session) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in aid_items.search(session=session):
        names[item.code] = item.code
        names[item.name_zh] = item.code
        names[item.name_en.lower()] = item.code
    return names


def run_import(rows: list[Row], *, actor: Actor, session: Session, dry_run: bool = False) -> Report:
    """Validate every row and, unless `dry_run` or any row is bad, write them all."""
    report = Report(dry_run=dry_run, rows_read=len(rows))
    categories = _category_names(session)
    items = _item_names(session)
    child_schema = _child_schema()
    consent_schema = _consent_schema()
    need_schema = _need_schema()
    groups = _group(rows)
    report.children = len(groups)
    existing = _existing_children(actor, session)
    # Strong references: the identity map is weak, and every child looks up its village,
    # township and need categories again.
    keep_alive: list[Any] = list(
        session.scalars(select(Region).where(regions.within(Region.path, actor.area_paths)))
    )
    keep_alive += needs.categories(session=session)
    seen_in_file: dict[tuple[str, date], int] = {}

    # Cells are text (CSV) or spreadsheet values, not JSON: the API's schemas convert them.
    as_text = _cells_as_text()
    as_text.__enter__()
    outer = session.begin_nested()
    try:
        for group in groups:
            first = group.rows[0]
            cell_errors: dict[str, str] = {}
            raw_child = child_input(first.values, cell_errors)
            raw_consent = consent_input(first.values, cell_errors)
            group_errors = [RowError(first.number, k, m) for k, m in cell_errors.items()]
            for other in group.rows[1:]:
                for key in ("name", "id_number", "region_code", "birth_date"):
                    if (
                        key in other.values
                        and key in first.values
                        and _text(other.values[key]) != _text(first.values[key])
                    ):
                        group_errors.append(
                            RowError(other.number, key, DIFFERS, {"row": first.number})
                        )
            child_data: dict[str, Any] | None = None
            try:
                child_data = child_schema.load(
                    {k: v for k, v in raw_child.items() if k not in cell_errors}
                )
            except ma.ValidationError as exc:
                group_errors += _errors_of(first.number, exc.messages, "name")
            consent_data = None
            if raw_consent is not None:
                try:
                    consent_data = consent_schema.load(raw_consent)
                except ma.ValidationError as exc:
                    group_errors += _errors_of(first.number, exc.messages, "consent_date")
            need_rows: list[tuple[Row, dict[str, Any]]] = []
            for row in group.rows:
                need_errors: dict[str, str] = {}
                raw_need = need_input(row.values, need_errors, categories, items)
                group_errors += [RowError(row.number, k, m) for k, m in need_errors.items()]
                if raw_need is None or need_errors:
                    continue
                try:
                    need_rows.append((row, need_schema.load(raw_need)))
                except ma.ValidationError as exc:
                    group_errors += _errors_of(row.number, exc.messages, "need_category")
            if child_data is not None and not any(e.row == first.number for e in group_errors):
                birth = _birth(child_data)
                if birth is not None:
                    ident = (cipher().blind_index(child_data["name"]), birth)
                    if ident in existing:
                        group_errors.append(RowError(first.number, "name", DUPLICATE))
                    elif ident in seen_in_file:
                        group_errors.append(
                            RowError(first.number, "name", SAME_CHILD, {"row": seen_in_file[ident]})
                        )
                    else:
                        seen_in_file[ident] = first.number
            if child_data is not None and child_data.get("id_number"):
                try:
                    children.id_number_birth_date(child_data["id_number"])
                except ValueError as exc:
                    group_errors.append(RowError(first.number, "id_number", str(exc)))
            if child_data is not None and not any(e.row == first.number for e in group_errors):
                # Rows of the child with errors are left out; the rest still meet the rules.
                group_errors += _write_child(
                    first, child_data, consent_data, need_rows, actor, session, report
                )
            report.errors += group_errors
        report.imported = not dry_run and not report.errors
    finally:
        as_text.__exit__(None, None, None)
        del keep_alive
        if report.imported:
            outer.commit()
        else:
            outer.rollback()
            report.created = {"children": 0, "needs": 0, "consents": 0}
    unique = {(e.row, e.key, e.text): e for e in report.errors}
    report.errors = sorted(unique.values(), key=lambda e: (e.row, _order(e.key)))
    return report


def _order(key: str) -> int:
    keys = [c.key for c in COLUMNS]
    return keys.index(key) if key in keys else len(keys)


def _birth(data: dict[str, Any]) -> date | None:
    try:
        return children._birth_date(data)
    except ValidationFailed:
        return None


def _existing_children(actor: Actor, session: Session) -> set[tuple[str, date]]:
    stmt = select(Child.name_index, Child.birth_date).where(
        scope.area_or_all(actor, Child.region_path)
    )
    return {(n, b) for n, b in session.execute(stmt)}


def _write_child(
    first: Row,
    child_data: dict[str, Any],
    consent_data: dict[str, Any] | None,
    need_rows: list[tuple[Row, dict[str, Any]]],
    actor: Actor,
    session: Session,
    report: Report,
) -> list[RowError]:
    """Create one child with its consent and needs in a savepoint; errors roll it back."""
    current = first.number
    default = "name"
    savepoint = session.begin_nested()
    try:
        child = children.create(child_data, actor=actor, session=session)
        set_committed_value(child, "consents", [])  # new: nothing to load
        if consent_data is not None:
            default = "consent_date"
            children.record_consent(child, consent_data, actor=actor, session=session)
        for row, data in need_rows:
            current, default = row.number, "need_category"
            needs.create(child, data, actor=actor, session=session)
    except ValidationFailed as exc:
        savepoint.rollback()
        return _errors_of(current, exc.fields, default)
    except TongxingError as exc:
        savepoint.rollback()
        return [RowError(current, default, exc.message or exc.code)]
    savepoint.commit()
    report.created["children"] += 1
    report.created["consents"] += 1 if consent_data is not None else 0
    report.created["needs"] += len(need_rows)
    return []


def _cells_as_text() -> Any:
    from app.api.common import cells_as_text

    return cells_as_text()


def _child_schema() -> ma.Schema:
    from app.api.children.schemas import ChildCreateSchema

    return ChildCreateSchema()


def _consent_schema() -> ma.Schema:
    from app.api.children.schemas import ConsentCreateSchema

    return ConsentCreateSchema()


def _need_schema() -> ma.Schema:
    from app.api.needs.schemas import NeedCreateSchema

    return NeedCreateSchema()


def import_file(
    content: bytes,
    *,
    filename: str | None,
    actor: Actor,
    session: Session,
    dry_run: bool = False,
) -> Report:
    rows = read_rows(content, filename)
    if not rows:
        raise LedgerError(NO_ROWS)
    report = run_import(rows, actor=actor, session=session, dry_run=dry_run)
    return report


def audit_import(report: Report, *, actor: Actor, session: Session, filename: str | None) -> None:
    audit.record_by(
        actor,
        "ledger.import",
        session=session,
        object_type="ledger",
        outcome="success"
        if report.imported or (report.dry_run and not report.errors)
        else "failure",
        detail={**report.counts(), "errors": len(report.errors), "file": (filename or "")[:100]},
    )


# --- template and export ----------------------------------------------------------------


def escape_cell(value: Any) -> Any:
    """Stop formula injection: text starting with = + - @ (or tab, CR) gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_EXAMPLE = {
    "child_key": "A001",
    "name": "林小明",
    "id_number": "350582201503020170",
    "gender": "男",
    "birth_date": "",
    "phone": "",
    "address": "安海镇东村12号",
    "region_code": "350582100201",
    "categories": "留守儿童",
    "risk_level": "中",
    "guardian_name": "林秀英",
    "guardian_relation": "祖母",
    "guardian_phone": "13900000000",
    "consent_guardian": "林秀英",
    "consent_date": "2024-09-01",
    "consent_evidence": "AH-2024-001",
    "need_category": "学业辅导与结对帮扶",
    "hours_per_week": 2,
    "urgency": "一般",
    "in_person": "是",
    "skills": "math",
}
_EXAMPLE_2 = {
    "child_key": "A001",
    "name": "林小明",
    "region_code": "350582100201",
    "need_category": "亲情陪伴",
    "hours_per_week": 1,
    "in_person": "否",
}


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.label for c in COLUMNS])
    for example in (_EXAMPLE, _EXAMPLE_2):
        writer.writerow([example.get(c.key, "") for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")  # BOM: Excel then reads UTF-8


def template_xlsx(session: Session) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    sheet.append([c.label for c in COLUMNS])
    for example in (_EXAMPLE, _EXAMPLE_2):
        sheet.append([example.get(c.key) or None for c in COLUMNS])
    required = {"name", "region_code"}
    for index, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if col.key in required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDEBF7" if col.child else "E2EFDA")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = max(12, min(30, len(col.label) * 1.6))
        if col.text:
            for row in range(2, 1002):  # text format keeps ID numbers and codes whole
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "C2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列 (key)", "说明"])
    for col in COLUMNS:
        notes.append([col.label, col.note])
    notes.append([])
    notes.append(["需求类别", "代码 / 名称"])
    for cat in needs.categories(session=session):
        notes.append([cat.name_zh, cat.code])
    notes.append([])
    notes.append(["物资品类 / 资金用途", "代码 / 名称"])
    for item in aid_items.search(session=session):
        kind = "物资品类" if item.kind.value == "goods" else "资金用途"
        notes.append([f"{item.name_zh}（{kind}）", item.code])
    notes.column_dimensions["A"].width = 30
    notes.column_dimensions["B"].width = 80
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_region(
    region_code: str | None, *, actor: Actor, session: Session
) -> tuple[bytes, str, int]:
    """XLSX (write-only) of the children and needs in `region_code` (default: the caller's
    whole area); the columns are the template's, so the file can be edited and re-read.
    Audited as one read of all those children's files. Returns (content, name, children)."""
    from openpyxl import Workbook

    if region_code:
        try:
            region = regions.get(region_code, session=session)
        except Exception:
            raise ValidationFailed({"region": ["No such region."]}) from None
        scope.require_in_area(actor, region, field="region")
        path, label = region.path, region.code
    else:
        path, label = None, "area"
    stmt = children.visible(actor)
    if path:
        stmt = stmt.where(Child.region_path.startswith(path, autoescape=True))
    kids = list(session.scalars(stmt.order_by(Child.region_code, Child.id)))
    by_child: dict[int, list[Need]] = {}
    ids = [c.id for c in kids]
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for need in session.scalars(select(Need).where(Need.child_id.in_(chunk)).order_by(Need.id)):
            by_child.setdefault(need.child_id, []).append(need)
    cats = {c.code: c.name_zh for c in session.scalars(select(NeedCategory))}
    cats.update({f"item:{i.code}": i.name_zh for i in session.scalars(select(AidItem))})

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.append([c.label for c in COLUMNS])
    for child in kids:
        base = _child_cells(child)
        for need in by_child.get(child.id) or [None]:  # type: ignore[list-item]
            cells = {**base, **(_need_cells(need, cats) if need is not None else {})}
            sheet.append([escape_cell(cells.get(c.key)) for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    if kids:
        audit.record_by(
            actor,
            "child.export",
            session=session,
            object_type="child",
            object_id=None,
            detail={"ids": ids, "region": label},
        )
    return out.getvalue(), f"ledger-{label}-{date.today():%Y%m%d}.xlsx", len(kids)


def _child_cells(child: Child) -> dict[str, Any]:
    pii = child.pii or {}
    guardian = pii.get("guardian") or {}
    consent = child.active_consent
    disability = child.disability or {}
    return {
        "child_key": child.code,
        "name": pii.get("name"),
        "id_number": pii.get("id_number"),
        "gender": {"male": "男", "female": "女"}.get(child.gender.value if child.gender else ""),
        "birth_date": child.birth_date.isoformat(),
        "phone": pii.get("phone"),
        "address": pii.get("address"),
        "region_code": child.region_code,
        "categories": "、".join(CATEGORY_LABELS.get(c, c) for c in child.categories),
        "disability_type": DISABILITY_LABELS.get(disability.get("type", "")),
        "disability_grade": disability.get("grade"),
        "risk_level": RISK_LABELS[child.risk_level.value],
        "guardian_name": guardian.get("name"),
        "guardian_relation": guardian.get("relation"),
        "guardian_phone": guardian.get("phone"),
        "consent_guardian": consent.guardian.get("name") if consent else None,
        "consent_date": consent.given_on.isoformat() if consent else None,
        "consent_evidence": consent.evidence_ref if consent else None,
    }


def _need_cells(need: Need, cats: dict[str, str]) -> dict[str, Any]:
    return {
        "need_category": cats.get(need.category_code, need.category_code),
        "item": cats.get(f"item:{need.item_code}", need.item_code) if need.item_code else None,
        "hours_per_week": need.hours_per_week,
        "quantity": need.quantity,
        "unit": need.unit,
        "amount": need.amount,
        "urgency": URGENCY_LABELS[need.urgency.value],
        "in_person": "是" if need.in_person else "否",
        "skills": "、".join(need.skills or []),
        "description": need.description,
    }
