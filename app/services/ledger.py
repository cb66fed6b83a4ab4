"""Ledgers (台账): import children and their needs from a CSV or XLSX sheet, all or nothing,
and export them again in the same layout.

One row per need; the child's columns are repeated on each of its rows. Rows with the same
`child_key` (or, when it is blank, the same ID number) describe one child; a row without a
need category opens the child's file only. A child already on file (same ID number, or the
code an export wrote in `child_key`, or the same name and birth date) is updated: the
changed fields are applied through the same services as the API, new needs are added, and
unchanged rows are left alone. Every row is checked first with the services' own input
schemas and rules, without writing; a dry run stops there, and so does any bad row.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import marshmallow as ma
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.crypto import cipher, seal
from app.db import bulk_insert, chunked, utcnow
from app.errors import TongxingError, ValidationFailed
from app.models import (
    AidItem,
    AidItemKind,
    AuditEvent,
    Child,
    Consent,
    FileRecord,
    Gender,
    Need,
    NeedCategory,
    NeedKind,
    NeedStatus,
    NeedTransition,
    RecordKind,
    Region,
    RegionLevel,
    RiskLevel,
    Urgency,
)
from app.services import aid_items, audit, children, needs, regions, scope
from app.services.inputs import ChildCreateSchema, ConsentCreateSchema, NeedCreateSchema
from app.services.users import Actor
from app.services.validation import cells_as_text

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
    export_only: bool = False  # written by the export, ignored by the import

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
# What the export adds after the template's columns: read back, they are ignored.
EXPORT_ONLY: tuple[Column, ...] = (
    Column("township_name", "乡镇（街道）", "导出时填写，导入时忽略", export_only=True),
    Column("village_name", "村（社区）", "导出时填写，导入时忽略", export_only=True),
    Column("last_visit", "最近走访日期", "导出时填写，导入时忽略", text=False, export_only=True),
    Column("need_status", "需求状态", "导出时填写，导入时忽略", child=False, export_only=True),
)
EXPORT_COLUMNS = COLUMNS + EXPORT_ONLY
BY_KEY = {c.key: c for c in EXPORT_COLUMNS}

# The exchange layout of the national child welfare information system (全国儿童福利信息系统,
# 004 item 8 and 19): the same columns under the headers of the county's own ledgers
# (docs/ledger-exchange.md maps them). The import recognises either set of headers.
NATIONAL_HEADERS: dict[str, str] = {
    "child_key": "档案编号",
    "name": "儿童姓名",
    "id_number": "公民身份号码",
    "gender": "性别",
    "birth_date": "出生日期",
    "phone": "儿童联系电话",
    "address": "现居住地址",
    "region_code": "所在村（居）统计用区划代码",
    "categories": "儿童类型",
    "disability_type": "残疾类别",
    "disability_grade": "残疾等级",
    "risk_level": "监护风险等级",
    "guardian_name": "监护人姓名",
    "guardian_relation": "监护人与儿童关系",
    "guardian_phone": "监护人联系电话",
    "consent_guardian": "知情同意书签署人",
    "consent_date": "知情同意书签署日期",
    "consent_evidence": "知情同意书编号",
    "need_category": "关爱服务需求类别",
    "item": "物资品类或资金用途",
    "hours_per_week": "每周服务时长（小时）",
    "quantity": "物资数量",
    "unit": "物资计量单位",
    "amount": "资金金额（元）",
    "urgency": "需求紧急程度",
    "in_person": "是否需要上门服务",
    "skills": "所需专业技能",
    "description": "需求描述",
    "township_name": "所在乡镇（街道）",
    "village_name": "所在村（居）",
    "last_visit": "最近一次走访日期",
    "need_status": "需求办理状态",
}
_NATIONAL_KEYS = {header: key for key, header in NATIONAL_HEADERS.items()}
LAYOUTS = ("template", "national")
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
NATIONAL_CATEGORY_LABELS = {
    "left_behind": "农村留守儿童",
    "family_hardship": "家庭困境儿童",
    "disability": "残疾儿童",
    "serious_illness": "重病儿童",
    "autism": "孤独症儿童",
    "guardianship_hardship": "监护困境儿童",
    "orphan": "孤儿",
    "de_facto_unsupported": "事实无人抚养儿童",
    "hiv_affected": "受艾滋病影响儿童",
}
NEED_STATUS_LABELS = {
    "open": "待匹配",
    "proposed": "已推荐",
    "matched": "已匹配",
    "fulfilled": "已完成",
    "closed": "已关闭",
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
GENDER_LABELS = {"male": "男", "female": "女"}
_GENDER_NAMES = {"男": "male", "女": "female", "m": "male", "f": "female"}
_YES = {"是", "y", "yes", "true", "1", "上门", "线下"}
_NO = {"否", "n", "no", "false", "0", "远程", "线上"}
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONSENT_SCOPE = ["matching", "visits"]
# The columns with a fixed list of values, each value's code and the label the ledger uses
# for it. A bad cell's reason lists the labels (高/中/低), never the codes the schemas check.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "gender": GENDER_LABELS,
    "risk_level": RISK_LABELS,
    "categories": CATEGORY_LABELS,
    "disability_type": DISABILITY_LABELS,
    "urgency": URGENCY_LABELS,
}

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
ONE_OF = "Must be one of: {choices}."
_ONE_OF = re.compile(r"^Must be one of: (?P<choices>.*)\.$")


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
    updated: dict[str, int] = field(default_factory=lambda: {"children": 0, "needs": 0})
    imported: bool = False
    results: list[RowResult] = field(default_factory=list)  # one per row, in order
    matched: list[int] = field(default_factory=list)  # ids of the files on record it names

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
            "updated": dict(self.updated),
            "rows_new": sum(1 for r in self.results if r.status == "new"),
            "rows_changed": sum(1 for r in self.results if r.status == "changed"),
            "rows_unchanged": sum(1 for r in self.results if r.status == "unchanged"),
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
    for col in EXPORT_COLUMNS:
        if text == col.header:
            return col.key
    return _NATIONAL_KEYS.get(text)


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


# python-calamine (Rust) reads a sheet ten times faster than openpyxl, but lays it out as a
# full grid of rows × columns (32 bytes a cell) before anything can be read: a few cells
# far apart would make it allocate without bound. So a sheet's extent is checked first,
# streaming through its XML with a cap on the inflated size; a ledger fits well inside.
MAX_COLUMNS = 256
MAX_SHEET_XML = 256 * 1024 * 1024
TOO_LARGE = "The sheet is too large for a ledger."
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")
_ROW_REF = re.compile(rb'<(?:\w+:)?row\s[^>]*?(?<=\s)r="(\d+)"')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?(?<=\s)r="([A-Z]+)\d+"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_extent(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook whose sheets would span more than the rows an import takes or
    `MAX_COLUMNS` columns, or whose sheet XML inflates beyond `MAX_SHEET_XML`."""
    for info in archive.infolist():
        if not _SHEET_PART.match(info.filename):
            continue
        rows = columns = size = 0
        tail = b""
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 22):
                size += len(chunk)
                if size > MAX_SHEET_XML:
                    raise LedgerError(TOO_LARGE)
                data = tail + chunk
                cut = data.rfind(b">") + 1
                data, tail = data[:cut], data[cut:]
                row_refs = _ROW_REF.findall(data)
                rows = max([rows, *map(int, row_refs)])
                # rows and cells without a reference follow the one before them
                rows += len(_ROW_TAG.findall(data)) - len(row_refs)
                letters = _CELL_REF.findall(data)
                if letters:
                    widest = max(map(len, letters))
                    columns = max(
                        columns, _column_number(max(c for c in letters if len(c) == widest))
                    )
                if len(_CELL_TAG.findall(data)) > len(letters):
                    for part in _ROW_TAG.split(data):
                        columns = max(columns, len(_CELL_TAG.findall(part)))
                if rows > MAX_ROWS + 1:  # the header and the rows an import takes
                    raise LedgerError(TOO_MANY_ROWS, max=MAX_ROWS)
                if columns > MAX_COLUMNS:
                    raise LedgerError(TOO_LARGE)


def _xlsx_table(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    from python_calamine import CalamineWorkbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise LedgerError(UNREADABLE)
            _check_extent(archive)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = workbook.sheet_names
        sheet = workbook.get_sheet_by_name(SHEET_TITLE if SHEET_TITLE in names else names[0])
        table = sheet.to_python(skip_empty_area=False)
        workbook.close()
    except LedgerError:
        raise
    except Exception:  # zip, XML and calamine errors alike
        raise LedgerError(UNREADABLE) from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, cells in enumerate(table, start=1):
            yield number, [_number_cell(v) if type(v) is float else v for v in cells]

    return rows()


def _number_cell(value: float) -> float | int:
    """Numbers without a fraction are integers, as openpyxl gave them (calamine reads every
    number as a float): a region code typed as a number is still whole."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


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


def _row_error(row: int, key: str, message: str) -> RowError:
    """A schema's reason for a cell. A choice column's "Must be one of: high, medium, low."
    lists the values the ledger takes there instead, as the ledger writes them (高/中/低)."""
    labels = CHOICE_LABELS.get(key)
    match = _ONE_OF.match(message) if labels else None
    if labels is None or match is None:
        return RowError(row, key, message)
    codes = match.group("choices").split(", ")
    return RowError(row, key, ONE_OF, {"choices": "/".join(labels.get(c, c) for c in codes)})


def _errors_of(row: int, messages: Any, default: str) -> list[RowError]:
    out: list[RowError] = []
    seen: set[tuple[str, str]] = set()
    for name, message in _flatten(messages):
        key = _column_of(name, default)
        if (key, message) not in seen:
            seen.add((key, message))
            out.append(_row_error(row, key, message))
    return out


# --- the import ------------------------------------------------------------------------
#
# Three steps: read every row; check every row against the rules and against the files on
# record (in memory, with what the database holds read once); then, unless this is a dry
# run or any row is bad, write it all in one go. New files, their consents, needs, file
# history and audit entries are inserted in batches with their ids assigned ahead (COPY on
# PostgreSQL); the few files an update changes go through the same services as the API.


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


@dataclass(frozen=True)
class _Place:
    code: str
    level: RegionLevel
    parent_code: str | None
    path: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class _Known:
    """A file on record, as the import matches it."""

    id: int
    code: str
    birth_date: date


class _Context:
    """What the checks need from the database, read once per import."""

    def __init__(self, actor: Actor, session: Session) -> None:
        self.actor = actor
        self.session = session
        self.places = {
            r.code: _Place(r.code, r.level, r.parent_code, r.path, r.lat, r.lon)
            for r in session.execute(
                select(
                    Region.code,
                    Region.level,
                    Region.parent_code,
                    Region.path,
                    Region.lat,
                    Region.lon,
                ).where(scope.area_or_all(actor, Region.path))
            )
        }
        self.categories = {c.code: c for c in needs.categories(session=session)}
        self.category_names: dict[str, str] = {}
        for cat in self.categories.values():
            self.category_names[cat.code] = cat.code
            self.category_names[cat.name_zh] = cat.code
            self.category_names[cat.name_en.lower()] = cat.code
        self.items = {i.code: i for i in aid_items.search(session=session)}
        self.item_names: dict[str, str] = {}
        for item in self.items.values():
            self.item_names[item.code] = item.code
            self.item_names[item.name_zh] = item.code
            self.item_names[item.name_en.lower()] = item.code
        # Schemas are built once: building one copies every field.
        self.child_schema = ChildCreateSchema()
        self.consent_schema = ConsentCreateSchema()
        self.need_schema = NeedCreateSchema()
        self._needs_loaded: dict[tuple[tuple[str, str], ...], tuple[Any, Any]] = {}
        self.by_id_number: dict[str, _Known] = {}
        self.by_code: dict[str, _Known] = {}
        self.by_name: dict[tuple[str, date], list[tuple[_Known, bool]]] = {}
        stmt = select(
            Child.id, Child.code, Child.name_index, Child.id_number_index, Child.birth_date
        ).where(scope.area_or_all(actor, Child.region_path))
        for cid, code, name_index, id_index, birth in session.execute(stmt):
            known = _Known(cid, code, birth)
            self.by_code[code] = known
            if id_index:
                self.by_id_number[id_index] = known
            self.by_name.setdefault((name_index, birth), []).append((known, bool(id_index)))

    def load_need(self, raw: dict[str, Any]) -> tuple[dict[str, Any] | None, Any]:
        """A need's cells through the need schema. A ledger repeats the same few needs
        (category, hours, urgency) on many rows: each distinct one is loaded once."""
        key = tuple(sorted((k, repr(v)) for k, v in raw.items()))
        if key not in self._needs_loaded:
            try:
                self._needs_loaded[key] = (self.need_schema.load(raw), None)
            except ma.ValidationError as exc:
                self._needs_loaded[key] = (None, exc.messages)
        data, messages = self._needs_loaded[key]
        if data is None:
            return None, messages
        return {k: list(v) if isinstance(v, list) else v for k, v in data.items()}, None

    def elsewhere(self, id_indexes: list[str]) -> set[str]:
        """ID numbers (blind indexes) on file outside the caller's area."""
        found: set[str] = set()
        for part in chunked(id_indexes):
            found.update(
                i
                for i in self.session.scalars(
                    select(Child.id_number_index).where(
                        Child.id_number_index.in_(part),
                        ~scope.area_or_all(self.actor, Child.region_path),
                    )
                )
                if i
            )
        return found

    def place_errors(self, code: str) -> tuple[_Place | None, str | None]:
        place = self.places.get(code)
        if place is None:
            try:
                known = self.session.get(Region, regions.normalize_code(code))
            except ValueError:
                known = None
            if known is None:
                return None, "No such region."
            if known.level is not RegionLevel.village:
                return None, "Give the child's village (12-digit code)."
            return None, "This region is outside your area."
        if place.level is not RegionLevel.village:
            return None, "Give the child's village (12-digit code)."
        if place.lat is None or place.lon is None:
            return None, "No location given and the village has none."
        return place, None


@dataclass
class _NeedPlan:
    row: Row
    data: dict[str, Any]
    existing: Need | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Plan:
    """One child of the file: what it says, which file it is, what would change."""

    group: _Group
    errors: list[RowError] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the child's columns, loaded
    given: set[str] = field(default_factory=set)  # child columns the row fills in
    place: _Place | None = None
    birth: date | None = None
    consent: dict[str, Any] | None = None
    needs: list[_NeedPlan] = field(default_factory=list)
    known: _Known | None = None
    child: Child | None = None  # the file on record, loaded when the row matches one
    changes: dict[str, Any] = field(default_factory=dict)  # the file's fields that change
    risk: RiskLevel | None = None  # a changed risk level
    new_consent: bool = False
    consent_changes: list[str] = field(default_factory=list)
    child_columns: list[str] = field(default_factory=list)  # columns that change the file
    on_file: list[Need] = field(default_factory=list)  # the matched file's needs

    @property
    def first(self) -> Row:
        return self.group.rows[0]

    def fail(self, row: int, key: str, message: str, params: dict[str, Any] | None = None) -> None:
        self.errors.append(RowError(row, key, message, params))

    def failed(self, row: int | None = None) -> bool:
        return any(row is None or e.row == row for e in self.errors)


# Columns of the child that a row compares with the file on record; a blank cell keeps
# what the file says.
_COMPARED = (
    "name",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "address",
    "region_code",
    "categories",
    "disability_type",
    "disability_grade",
    "risk_level",
    "guardian_name",
    "guardian_relation",
    "guardian_phone",
)
_NEED_COMPARED = (
    "hours_per_week",
    "quantity",
    "unit",
    "amount",
    "urgency",
    "in_person",
    "skills",
    "description",
)
_NEED_COLUMN = {k: k for k in _NEED_COMPARED} | {"item_code": "item"}
NEED_NOT_EDITABLE = "Only open or proposed needs can be edited."
ELSEWHERE = "A file with this ID number is kept outside your area."
SAME_ID = "Same ID number as row {row}; give both rows the same child_key."


def run_import(rows: list[Row], *, actor: Actor, session: Session, dry_run: bool = False) -> Report:
    """Check every row and, unless `dry_run` or any row is bad, write them all: new files
    are created, files on record (matched by ID number, then by the export's child_key,
    then by name and birth date) get the changed fields, unchanged rows are left alone."""
    report = Report(dry_run=dry_run, rows_read=len(rows))
    ctx = _Context(actor, session)
    groups = _group(rows)
    report.children = len(groups)
    with cells_as_text():
        plans = [_check(group, ctx) for group in groups]
    _match(plans, ctx)
    _load_known(plans, session)
    for plan in plans:
        _compare(plan, ctx)
    for plan in plans:
        report.errors += plan.errors
    unique = {(e.row, e.key, e.text): e for e in report.errors}
    report.errors = sorted(unique.values(), key=lambda e: (e.row, _order(e.key)))
    report.results = _results(plans, report.errors)
    report.matched = sorted(p.known.id for p in plans if p.known is not None)
    if dry_run or report.errors:
        return report
    savepoint = session.begin_nested()
    try:
        _write(plans, ctx, actor=actor, session=session, report=report)
    except BaseException:
        savepoint.rollback()
        report.created = {"children": 0, "needs": 0, "consents": 0}
        report.updated = {"children": 0, "needs": 0}
        raise
    savepoint.commit()
    report.imported = True
    return report


def _order(key: str) -> int:
    keys = [c.key for c in COLUMNS]
    return keys.index(key) if key in keys else len(keys)


def _check(group: _Group, ctx: _Context) -> _Plan:
    """The rules a row meets on its own (the file on record is compared later)."""
    plan = _Plan(group)
    first = plan.first
    cell_errors: dict[str, str] = {}
    raw_child = child_input(first.values, cell_errors)
    raw_consent = consent_input(first.values, cell_errors)
    for key, message in cell_errors.items():
        plan.fail(first.number, key, message)
    plan.given = {k for k in _COMPARED if k in first.values and k not in cell_errors}
    for other in group.rows[1:]:
        for key in ("name", "id_number", "region_code", "birth_date"):
            if (
                key in other.values
                and key in first.values
                and _text(other.values[key]) != _text(first.values[key])
            ):
                plan.fail(other.number, key, DIFFERS, {"row": first.number})
    try:
        plan.data = ctx.child_schema.load(
            {k: v for k, v in raw_child.items() if k not in cell_errors}
        )
    except ma.ValidationError as exc:
        plan.errors += _errors_of(first.number, exc.messages, "name")
    data = plan.data
    if data is not None:
        place, problem = ctx.place_errors(data["region_code"])
        if problem:
            plan.fail(first.number, "region_code", problem)
        plan.place = place
        try:
            plan.birth = children._birth_date(data)
            if plan.birth is None:
                raise ValidationFailed({"birth_date": ["Give the birth date or the ID number."]})
            children.check_birth_date(
                plan.birth, field="id_number" if data.get("id_number") else "birth_date"
            )
            children.validate_categories(data, plan.birth)
        except ValidationFailed as exc:
            plan.errors += [
                e
                for e in _errors_of(first.number, exc.fields, "name")
                if e.key not in cell_errors  # one reason per cell: the cell's own
            ]
    if raw_consent is not None:
        try:
            plan.consent = ctx.consent_schema.load(raw_consent)
        except ma.ValidationError as exc:
            plan.errors += _errors_of(first.number, exc.messages, "consent_date")
    if plan.consent is not None and plan.birth is not None:
        if plan.consent["given_on"] > date.today():
            plan.fail(first.number, "consent_date", "The date is in the future.")
        elif plan.consent["given_on"] < plan.birth:
            plan.fail(first.number, "consent_date", "The date is before the child's birth.")
    for row in group.rows:
        need_errors: dict[str, str] = {}
        raw_need = need_input(row.values, need_errors, ctx.category_names, ctx.item_names)
        for key, message in need_errors.items():
            plan.fail(row.number, key, message)
        if raw_need is None or need_errors:
            continue
        need, messages = ctx.load_need(raw_need)
        if need is None:
            plan.errors += _errors_of(row.number, messages, "need_category")
            continue
        problems = _need_errors(need, ctx, plan.birth)
        if problems:
            plan.errors += _errors_of(row.number, problems, "need_category")
            continue
        plan.needs.append(_NeedPlan(row, need))
    return plan


def _need_errors(data: dict[str, Any], ctx: _Context, birth: date | None) -> dict[str, list[str]]:
    """`needs.create`'s rules, on what the context read once."""
    category = ctx.categories.get(data["category_code"])
    if category is None or not category.active:
        return {"category_code": ["No such need category."]}
    errors: dict[str, list[str]] = {}
    item_code, kind = data.get("item_code"), category.kind
    item = ctx.items.get(item_code) if item_code else None
    if kind is NeedKind.goods:
        if not item_code:
            errors["item_code"] = ["A goods need names its item."]
        elif item is None or not item.active or item.kind is not AidItemKind.goods:
            errors["item_code"] = ["No such goods item."]
    elif kind is NeedKind.funds:
        if not item_code:
            errors["item_code"] = ["A funds need names its purpose."]
        elif item is None or not item.active or item.kind is not AidItemKind.funds:
            errors["item_code"] = ["No such purpose of funds."]
    elif item_code:
        errors["item_code"] = ["Only goods and funds needs name an item or purpose."]
    if kind is NeedKind.service and not data.get("hours_per_week"):
        errors["hours_per_week"] = ["A service need gives its hours per week."]
    if kind is NeedKind.goods and not (data.get("quantity") and data.get("unit")):
        errors["quantity"] = ["A goods need gives a quantity and a unit."]
    if kind is NeedKind.funds and not data.get("amount"):
        errors["amount"] = ["A funds need gives an amount."]
    if errors:
        return errors
    if kind is NeedKind.post and birth is not None and _age(birth, date.today()) < 16:
        return {"category_code": ["Training posts are for youth from 16."]}
    return {}


def _age(birth: date, day: date) -> int:
    years = day.year - birth.year
    return years - 1 if (day.month, day.day) < (birth.month, birth.day) else years


def _match(plans: list[_Plan], ctx: _Context) -> None:
    """Which file on record each child of the ledger is: by ID number (blind index), else
    by the child_key an export wrote (the file's code), else by name and birth date
    (a file on record with another ID number is another child). Two rows of the ledger
    may not describe the same child, nor a file kept in someone else's area."""
    index = cipher().blind_index
    id_of: dict[int, str] = {}
    for n, plan in enumerate(plans):
        number = (plan.data or {}).get("id_number")
        if number:
            id_of[n] = children.id_number_index(number) or ""
    outside = ctx.elsewhere(sorted({i for i in id_of.values() if i not in ctx.by_id_number}))
    claimed: dict[int, int] = {}  # file id -> the ledger row that claimed it
    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple[str, date], int] = {}
    for n, plan in enumerate(plans):
        first = plan.first
        ident = id_of.get(n)
        known: _Known | None = None
        if ident:
            if ident in seen_ids:
                plan.fail(first.number, "id_number", SAME_ID, {"row": seen_ids[ident]})
                continue
            seen_ids[ident] = first.number
            known = ctx.by_id_number.get(ident)
            if known is None and ident in outside:
                plan.fail(first.number, "id_number", ELSEWHERE)
                continue
        key = _text(first.values.get("child_key") or "").upper()
        if known is None and key and key in ctx.by_code:
            known = ctx.by_code[key]
        if known is None and plan.data is not None and plan.birth is not None:
            name_key = (index(plan.data["name"]), plan.birth)
            if name_key in seen_names:
                plan.fail(first.number, "name", SAME_CHILD, {"row": seen_names[name_key]})
                continue
            seen_names[name_key] = first.number
            # A file without an ID number (or the row has none): the same child.
            for candidate, has_id in ctx.by_name.get(name_key, []):
                if not (ident and has_id):
                    known = candidate
                    break
        if known is not None:
            if known.id in claimed:
                plan.fail(first.number, "name", SAME_CHILD, {"row": claimed[known.id]})
                continue
            claimed[known.id] = first.number
        plan.known = known


def _load_known(plans: list[_Plan], session: Session) -> None:
    """The matched files and their needs, in a few queries."""
    ids = [p.known.id for p in plans if p.known is not None]
    loaded: dict[int, Child] = {}
    by_child: dict[int, list[Need]] = {}
    for part in chunked(ids, 1000):
        loaded.update((c.id, c) for c in session.scalars(select(Child).where(Child.id.in_(part))))
        for need in session.scalars(
            select(Need).where(Need.child_id.in_(part)).order_by(Need.id)
        ).unique():
            by_child.setdefault(need.child_id, []).append(need)
    for plan in plans:
        if plan.known is not None:
            plan.child = loaded[plan.known.id]
            plan.on_file = by_child.get(plan.known.id, [])


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-9
    return bool(a == b)


def _compare(plan: _Plan, ctx: _Context) -> None:
    """What the row would change in the file on record (nothing for a new file)."""
    child, data = plan.child, plan.data
    if child is None or data is None:
        return
    first = plan.first.number
    pii = child.pii or {}
    given = plan.given
    changes: dict[str, Any] = {}
    columns: list[str] = []
    for key in ("name", "phone", "address"):
        if key in given and key in data and data[key] != pii.get(key):
            changes[key] = data[key]
            columns.append(key)
    number = str(data.get("id_number") or "").upper()
    if "id_number" in given and number and number != str(pii.get("id_number") or "").upper():
        changes["id_number"] = number
        columns.append("id_number")
    if {"id_number", "birth_date"} & given and plan.birth and plan.birth != child.birth_date:
        changes["birth_date"] = plan.birth
        columns.append("birth_date")
    if "gender" in given and data.get("gender") is not None and data["gender"] != child.gender:
        changes["gender"] = data["gender"]
        columns.append("gender")
    if "region_code" in given and data["region_code"] != child.region_code:
        changes["region_code"] = data["region_code"]
        columns.append("region_code")
    if "categories" in given and sorted(set(data.get("categories") or [])) != sorted(
        child.categories or []
    ):
        changes["categories"] = sorted(set(data["categories"]))
        columns.append("categories")
    if data.get("disability"):
        old = dict(child.disability or {})
        new = {**old, **data["disability"]}
        moved = [k for k in ("type", "grade") if old.get(k) != new.get(k)]
        if moved:
            changes["disability"] = new
            columns += [f"disability_{k}" for k in moved]
    if "risk_level" in given and data["risk_level"] != child.risk_level:
        plan.risk = RiskLevel(data["risk_level"])
        columns.append("risk_level")
    if data.get("guardian"):
        old_guardian = dict(pii.get("guardian") or {})
        new_guardian = {**old_guardian, **data["guardian"]}
        moved = [
            k for k in ("name", "relation", "phone") if old_guardian.get(k) != new_guardian.get(k)
        ]
        if moved:
            changes["guardian"] = new_guardian
            columns += [f"guardian_{k}" for k in moved]
    if "categories" in changes or "disability" in changes:
        try:
            children.validate_categories(
                {
                    "categories": changes.get("categories", child.categories),
                    "disability": changes.get("disability", child.disability),
                },
                changes.get("birth_date", child.birth_date),
            )
        except ValidationFailed as exc:
            plan.errors += _errors_of(first, exc.fields, "categories")
    plan.changes = changes
    consent = plan.consent
    if consent is not None:
        active = child.active_consent
        if active is None:
            plan.new_consent = True
            plan.consent_changes = ["consent_guardian", "consent_date", "consent_evidence"]
        else:
            moved = []
            if active.guardian.get("name") != consent["guardian_name"]:
                moved.append("consent_guardian")
            if active.given_on != consent["given_on"]:
                moved.append("consent_date")
            if active.evidence_ref != consent["evidence_ref"]:
                moved.append("consent_evidence")
            plan.new_consent = bool(moved)
            plan.consent_changes = moved
    plan.child_columns = columns + plan.consent_changes
    # Needs: a row is the file's need of the same category (and item), in file order.
    pool = list(plan.on_file)
    for need_plan in plan.needs:
        match = next(
            (
                n
                for n in pool
                if n.category_code == need_plan.data["category_code"]
                and n.item_code == need_plan.data.get("item_code")
            ),
            None,
        )
        if match is None:
            continue
        pool.remove(match)
        need_plan.existing = match
        moved_need = {
            k: v
            for k, v in need_plan.data.items()
            if k not in ("category_code", "item_code") and not _same(v, _need_value(match, k))
        }
        if not moved_need:
            continue
        if match.status not in (NeedStatus.open, NeedStatus.proposed):
            plan.fail(need_plan.row.number, "need_category", NEED_NOT_EDITABLE)
            continue
        need_plan.changes = moved_need


def _need_value(need: Need, key: str) -> Any:
    value = getattr(need, key, None)
    if key == "skills":
        return sorted(value or [])
    if key == "urgency" and value is not None:
        return Urgency(value)
    return value


@dataclass
class RowResult:
    row: int
    status: str  # new, changed, unchanged, error
    child_key: str | None = None
    changes: list[str] = field(default_factory=list)  # column keys

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "status": self.status,
            "child_key": self.child_key,
            "changes": [{"key": k, "column": BY_KEY[k].header} for k in self.changes],
        }


def _results(plans: list[_Plan], errors: list[RowError]) -> list[RowResult]:
    bad = {e.row for e in errors}
    out: list[RowResult] = []
    for plan in plans:
        code = plan.child.code if plan.child is not None else None
        key = code or _text(plan.first.values.get("child_key") or "") or None
        need_of = {n.row.number: n for n in plan.needs}
        for row in plan.group.rows:
            changes: list[str] = []
            status = "unchanged"
            if plan.known is None:
                status = "new"
            else:
                if row is plan.first:
                    changes += plan.child_columns
                need = need_of.get(row.number)
                if need is not None and need.existing is None:
                    status = "new"
                elif need is not None:
                    changes += [_NEED_COLUMN.get(k, k) for k in need.changes]
                if status != "new" and changes:
                    status = "changed"
            if row.number in bad:
                status = "error"
            ordered = sorted(set(changes), key=_order)
            out.append(RowResult(row.number, status, key, ordered))
    return sorted(out, key=lambda r: r.row)


# --- writing ---------------------------------------------------------------------------


def reserve_ids(session: Session, model: type[Any], count: int) -> list[int]:
    """`count` primary keys for rows inserted in bulk: from the table's sequence on
    PostgreSQL (safe beside concurrent inserts), after the largest id on SQLite (one
    writer at a time)."""
    if count <= 0:
        return []
    table = model.__table__
    if session.get_bind().dialect.name == "postgresql":
        sequence = session.scalar(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        )
        return list(
            session.scalars(
                text("SELECT nextval(CAST(:seq AS regclass)) FROM generate_series(1, :n)"),
                {"seq": sequence, "n": count},
            )
        )
    start = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(start, start + count))


def _write(
    plans: list[_Plan], ctx: _Context, *, actor: Actor, session: Session, report: Report
) -> None:
    now = utcnow()
    origin = audit.current_origin.get() or audit.Origin()
    fresh = [p for p in plans if p.known is None]
    child_ids = reserve_ids(session, Child, len(fresh))
    consent_count = sum(1 for p in fresh if p.consent is not None) + sum(
        1 for p in plans if p.known is not None and p.new_consent
    )
    consent_ids = iter(reserve_ids(session, Consent, consent_count))
    new_needs = [(p, n) for p in plans for n in p.needs if n.existing is None]
    need_ids = iter(reserve_ids(session, Need, len(new_needs)))
    kids: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    need_rows: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    transitions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    created = seal("created")  # the one reason of every new need: encrypted once

    def event(action: str, object_type: str, object_id: int, detail: Any = None) -> None:
        events.append(
            {
                "at": now,
                "actor_id": actor.id,
                "actor_role": actor.role.value,
                "action": action,
                "object_type": object_type,
                "object_id": str(object_id),
                "outcome": "success",
                "ip": origin.ip,
                "user_agent": origin.user_agent,
                "detail": detail,
            }
        )

    def record(child_id: int, kind: RecordKind, data: Any, body: Any = None) -> None:
        records.append(
            {
                "child_id": child_id,
                "kind": kind,
                "at": now,
                "author_id": actor.id,
                "body": body,
                "data": data,
                "resolved_at": None,
                "resolution": None,
            }
        )

    def add_consent(child_id: int, consent: dict[str, Any]) -> None:
        consent_id = next(consent_ids)
        consents.append(
            {
                "id": consent_id,
                "child_id": child_id,
                "guardian": {
                    "name": consent["guardian_name"],
                    "relation": consent["guardian_relation"],
                },
                "given_on": consent["given_on"],
                "scope": sorted(set(consent["scope"])),
                "evidence_ref": consent["evidence_ref"],
                "recorded_by": actor.id,
                "recorded_at": now,
                "revoked_at": None,
                "revoked_by": None,
            }
        )
        record(
            child_id, RecordKind.consent, {"consent_id": consent_id, "scope": consents[-1]["scope"]}
        )
        event("child.consent", "child", child_id)

    for plan, child_id, code in zip(fresh, child_ids, children.new_codes(len(fresh)), strict=True):
        data, place = plan.data, plan.place
        assert data is not None and place is not None and plan.birth is not None
        risk = RiskLevel(data.get("risk_level", RiskLevel.low))
        kids.append(
            {
                "id": child_id,
                "code": code,
                "region_code": place.code,
                "township_code": place.parent_code,
                "region_path": place.path,
                "lat": place.lat,
                "lon": place.lon,
                "birth_date": plan.birth,
                "gender": Gender(data["gender"]) if data.get("gender") else None,
                "categories": sorted(set(data.get("categories") or [])),
                "disability": data.get("disability"),
                "risk_level": risk,
                "risk_changed_at": now,
                "risk_changed_by": actor.id,
                "pii": children._pii(data),
                "name_index": cipher().blind_index(data["name"]),
                "id_number_index": children.id_number_index(data.get("id_number")),
                "entrusted_care_until": None,
                "created_at": now,
                "created_by": actor.id,
                "updated_at": now,
                "version": 1,
            }
        )
        # as children.create opens a file: the risk level, no "from", no note
        record(child_id, RecordKind.risk_change, {"to": risk.value})
        event("child.create", "child", child_id)
        plan.known = _Known(child_id, code, plan.birth)
        if plan.consent is not None:
            add_consent(child_id, plan.consent)
    for plan, need_plan in new_needs:
        assert plan.known is not None
        need_id, data = next(need_ids), need_plan.data
        category = data["category_code"]
        default_in_person = ctx.categories[category].in_person_default
        need_rows.append(
            {
                "id": need_id,
                "child_id": plan.known.id,
                "category_code": category,
                "item_code": data.get("item_code"),
                "status": NeedStatus.open,
                "skills": data.get("skills", []),
                "in_person": data.get("in_person", default_in_person),
                "hours_per_week": data.get("hours_per_week"),
                "quantity": data.get("quantity"),
                "unit": data.get("unit"),
                "amount": data.get("amount"),
                "urgency": data.get("urgency", Urgency.normal),
                "recurring": data.get("recurring", True),
                "preferred_gender": data.get("preferred_gender"),
                "languages": data.get("languages", []),
                "description": data.get("description"),
                "opened_at": now,
                "created_at": now,
                "created_by": actor.id,
                "updated_at": now,
                "version": 1,
            }
        )
        transitions.append(
            {
                "need_id": need_id,
                "from_status": None,
                "to_status": "open",
                "at": now,
                "actor_id": actor.id,
                "reason": created,
                "data": None,
            }
        )
        record(plan.known.id, RecordKind.need_change, {"need_id": need_id, "to": "open"})
        event("need.create", "need", need_id, {"child_id": plan.known.id})
    # Files on record that change: the API's services, one file at a time (few, usually).
    for plan in plans:
        child = plan.child
        if child is None:
            continue
        touched = False
        if plan.changes:
            children.update(child, dict(plan.changes), actor=actor, session=session)
            touched = True
        if plan.risk is not None:
            children.set_risk(child, plan.risk, "台账导入", actor=actor, session=session)
            touched = True
        if plan.new_consent and plan.consent is not None:
            for old in child.consents:
                if old.revoked_at is None:
                    old.revoked_at, old.revoked_by = now, actor.id  # superseded
            add_consent(child.id, plan.consent)
            touched = True
        for need_plan in plan.needs:
            if need_plan.existing is not None and need_plan.changes:
                needs.update(
                    need_plan.existing, dict(need_plan.changes), actor=actor, session=session
                )
                report.updated["needs"] += 1
        report.updated["children"] += 1 if touched else 0
    session.flush()
    bulk_insert(session, Child, kids)
    bulk_insert(session, Consent, consents)
    bulk_insert(session, Need, need_rows)
    bulk_insert(session, NeedTransition, transitions)
    bulk_insert(session, FileRecord, records)
    bulk_insert(session, AuditEvent, events)
    report.created = {"children": len(kids), "needs": len(need_rows), "consents": len(consents)}


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
        detail={
            **report.counts(),
            "errors": len(report.errors),
            "file": (filename or "")[:100],
            "ids": report.matched,  # files on record the ledger was compared with
        },
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
    region_code: str | None,
    *,
    actor: Actor,
    session: Session,
    layout: str = "template",
    tz: str = "Asia/Shanghai",
) -> tuple[bytes, str, int]:
    """XLSX of the children and needs in `region_code` (default: the caller's
    whole area), in the template's columns (or the national exchange layout's headers),
    with each need's status, the child's last visit and the village and township names
    after them, so the file can be edited and imported again. Read in a few column
    queries; audited as one read of all those children's files.
    Returns (content, file name, children)."""
    from zoneinfo import ZoneInfo

    from app.models import Visit

    if region_code:
        try:
            region = regions.get(region_code, session=session)
        except Exception:
            raise ValidationFailed({"region": ["No such region."]}) from None
        scope.require_in_area(actor, region, field="region")
        path, label = region.path, region.code
    else:
        path, label = None, "area"
    where = [scope.area_or_all(actor, Child.region_path)]
    if path:
        where.append(Child.region_path.startswith(path, autoescape=True))
    kids = session.execute(
        select(
            Child.id,
            Child.code,
            Child.region_code,
            Child.township_code,
            Child.birth_date,
            Child.gender,
            Child.categories,
            Child.disability,
            Child.risk_level,
            Child.pii,
        )
        .where(*where)
        .order_by(Child.region_code, Child.id)
    ).all()
    consents: dict[int, Any] = {}
    for row in session.execute(
        select(Consent.child_id, Consent.guardian, Consent.given_on, Consent.evidence_ref)
        .join(Child, Child.id == Consent.child_id)
        .where(*where, Consent.revoked_at.is_(None))
        .order_by(Consent.id)
    ):
        consents[row.child_id] = row  # the latest unrevoked one
    by_child: dict[int, list[Any]] = {}
    for row in session.execute(
        select(
            Need.child_id,
            Need.category_code,
            Need.item_code,
            Need.hours_per_week,
            Need.quantity,
            Need.unit,
            Need.amount,
            Need.urgency,
            Need.in_person,
            Need.skills,
            Need.description,
            Need.status,
        )
        .join(Child, Child.id == Need.child_id)
        .where(*where)
        .order_by(Need.child_id, Need.id)
    ):
        by_child.setdefault(row.child_id, []).append(row)
    zone = ZoneInfo(tz)
    last_visit = {
        child_id: at.astimezone(zone).date() if at is not None else None
        for child_id, at in session.execute(
            select(Visit.child_id, func.max(Visit.occurred_at))
            .join(Child, Child.id == Visit.child_id)
            .where(*where)
            .group_by(Visit.child_id)
        )
    }
    places = {
        code: name
        for code, name in session.execute(
            select(Region.code, Region.name).where(scope.area_or_all(actor, Region.path))
        )
    }
    missing = {k.township_code for k in kids} | {k.region_code for k in kids}
    missing -= places.keys()
    for part in chunked(sorted(missing)):
        places.update(
            session.execute(select(Region.code, Region.name).where(Region.code.in_(part))).tuples()
        )
    cats = {c.code: c.name_zh for c in session.scalars(select(NeedCategory))}
    items = {i.code: i.name_zh for i in session.scalars(select(AidItem))}
    national = layout == "national"
    category_labels = NATIONAL_CATEGORY_LABELS if national else CATEGORY_LABELS

    keys = [c.key for c in EXPORT_COLUMNS]
    table: list[list[Any]] = []
    for kid in kids:
        pii = kid.pii or {}
        guardian = pii.get("guardian") or {}
        consent = consents.get(kid.id)
        disability = kid.disability or {}
        visited = last_visit.get(kid.id)
        base = {
            "child_key": kid.code,
            "name": pii.get("name"),
            "id_number": pii.get("id_number"),
            "gender": GENDER_LABELS.get(kid.gender.value if kid.gender else ""),
            "birth_date": kid.birth_date.isoformat(),
            "phone": pii.get("phone"),
            "address": pii.get("address"),
            "region_code": kid.region_code,
            "categories": "、".join(category_labels.get(c, c) for c in kid.categories or []),
            "disability_type": DISABILITY_LABELS.get(disability.get("type", "")),
            "disability_grade": disability.get("grade"),
            "risk_level": RISK_LABELS[kid.risk_level.value],
            "guardian_name": guardian.get("name"),
            "guardian_relation": guardian.get("relation"),
            "guardian_phone": guardian.get("phone"),
            "consent_guardian": consent.guardian.get("name") if consent else None,
            "consent_date": consent.given_on.isoformat() if consent else None,
            "consent_evidence": consent.evidence_ref if consent else None,
            "township_name": places.get(kid.township_code),
            "village_name": places.get(kid.region_code),
            "last_visit": visited.isoformat() if visited else None,
        }
        for need in by_child.get(kid.id) or [None]:
            cells = base if need is None else {**base, **_need_cells(need, cats, items)}
            table.append([escape_cell(cells.get(k)) for k in keys])
    header = [NATIONAL_HEADERS[c.key] if national else c.label for c in EXPORT_COLUMNS]
    content = write_xlsx(SHEET_TITLE, header, table)
    ids = [k.id for k in kids]
    if kids:
        audit.record_by(
            actor,
            "child.export",
            session=session,
            object_type="child",
            object_id=None,
            detail={"ids": ids, "region": label, "layout": layout},
        )
    prefix = "children-exchange" if national else "ledger"
    return content, f"{prefix}-{label}-{date.today():%Y%m%d}.xlsx", len(kids)


def write_xlsx(title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    """One sheet of values as XLSX (XlsxWriter): text stays text, never a formula, a link
    or a number. Up to `MAX_ROWS` rows (what an import takes) the sheet is built in memory
    with shared strings, as Excel saves it, which is also what reads back fastest; larger
    sheets stream row by row through a temporary file."""
    import xlsxwriter

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        out,
        {
            "in_memory": len(rows) <= MAX_ROWS,
            "constant_memory": len(rows) > MAX_ROWS,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet(title)
    sheet.write_row(0, 0, header)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return out.getvalue()


def _need_cells(need: Any, cats: dict[str, str], items: dict[str, str]) -> dict[str, Any]:
    return {
        "need_category": cats.get(need.category_code, need.category_code),
        "item": items.get(need.item_code, need.item_code) if need.item_code else None,
        "hours_per_week": need.hours_per_week,
        "quantity": need.quantity,
        "unit": need.unit,
        "amount": need.amount,
        "urgency": URGENCY_LABELS[need.urgency.value],
        "in_person": "是" if need.in_person else "否",
        "skills": "、".join(need.skills or []),
        "description": need.description,
        "need_status": NEED_STATUS_LABELS.get(need.status.value, need.status.value),
    }
