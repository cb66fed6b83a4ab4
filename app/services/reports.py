"""Reports to superiors: the quarterly and annual statistics of an area as XLSX (one sheet
per table, Chinese headers, the area and period in each title) and PDF.

The annual report is published: cells under 5 children are blanked (`*`). A quarterly
report goes up the line in full unless asked for as published."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.services import pdf
from app.services.labels import Labels
from app.services.ledger import escape_cell
from app.services.statistics import Figures, Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUPPRESSED = "*"
SUPPRESSED_NOTE = "* 涉及儿童不足5名，不予公布。"
_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def title_of(figures: Figures) -> str:
    kind = {"year": "年度", "quarter": "季度"}.get(figures.period.kind, "")
    return f"{figures.area.name}{figures.period.title_zh}儿童关爱服务{kind}统计报表"


def _cell(row: dict[str, Any] | None, key: str) -> Any:
    if row is None:
        return None
    if key in (row.get("suppressed") or ()):
        return SUPPRESSED
    return row.get(key)


def _rows(table: Table, labels: Labels) -> tuple[list[str], list[list[Any]], list[Any] | None]:
    """Header, body and total row of a table, with names in place of codes."""
    dims = [d for d in table.dims if d != "township_code" or "township" not in table.dims]
    header = [labels.column(d) for d in dims] + [labels.column(m) for m in table.measures]
    body = [
        [labels.value(table.name, d, row.get(d)) for d in dims]
        + [_cell(row, m) for m in table.measures]
        for row in table.rows
    ]
    total = None
    if table.total is not None:
        total = ["合计"] + [""] * (len(dims) - 1) + [_cell(table.total, m) for m in table.measures]
        extra = [k for k in table.total if k not in table.measures and k != "suppressed"]
        for key in extra:  # figures only the total has (e.g. all funds in yuan)
            total.append(f"{labels.column(key)}：{table.total[key]}")
    return header, body, total


def _sheet_title(name: str, used: set[str]) -> str:
    base = name.translate(_SHEET_FORBIDDEN)[:28]
    title, n = base, 2
    while title in used:
        title, n = f"{base[:26]}-{n}", n + 1
    used.add(title)
    return title


def xlsx(figures: Figures, *, session: Session, now: datetime, tz: ZoneInfo) -> bytes:
    """One sheet per table: the title (area, period, table) on the first row, Chinese
    headers on the second, then the rows and the total; a cover sheet says what it is."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    labels = Labels(session, "zh")
    workbook = Workbook(write_only=True)
    title = title_of(figures)
    cover = workbook.create_sheet("说明")
    bold = Font(bold=True, size=14)
    heading = WriteOnlyCell(cover, value=escape_cell(title))
    heading.font = bold
    cover.append([heading])
    local = now.astimezone(tz)
    for label, value in (
        ("地区", figures.area.name),
        ("区划代码", figures.area.region_code or "、".join(figures.area.paths) or "全部"),
        (
            "统计期间",
            f"{figures.period.start.isoformat()} 至 {figures.period.last_day.isoformat()}",
        ),
        ("生成时间", local.strftime("%Y-%m-%d %H:%M")),
        ("公开口径", "是：" + SUPPRESSED_NOTE if figures.published else "否（内部报送）"),
    ):
        cover.append([label, escape_cell(value)])
    cover.append([])
    cover.append(["表", "内容"])
    used = {"说明"}
    names = [(t, _sheet_title(labels.table(t.name), used)) for t in figures.tables]
    for table, sheet_name in names:
        cover.append([sheet_name, labels.table(table.name)])
    for table, sheet_name in names:
        sheet = workbook.create_sheet(sheet_name)
        header, body, total = _rows(table, labels)
        top = WriteOnlyCell(sheet, value=escape_cell(f"{title} — {labels.table(table.name)}"))
        top.font = Font(bold=True, size=12)
        sheet.append([top])
        head_cells = []
        for value in header:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = Font(bold=True)
            head_cells.append(cell)
        sheet.append(head_cells)
        for row in body:
            sheet.append([escape_cell(v) for v in row])
        if total is not None:
            sheet.append([escape_cell(v) for v in total])
        if figures.published and table.suppressed:
            sheet.append([SUPPRESSED_NOTE])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pdf_report(figures: Figures, *, session: Session, now: datetime, tz: ZoneInfo) -> bytes:
    """The same tables as a printable report (A4 landscape)."""
    labels = Labels(session, "zh")
    styles = pdf.Styles()
    title = title_of(figures)
    local = now.astimezone(tz)
    story: list[Any] = [
        pdf.para(title, styles.title),
        pdf.para(
            f"统计期间：{figures.period.start.isoformat()} 至 {figures.period.last_day.isoformat()}"
            f"　　生成日期：{pdf.stamp(local)}",
            styles.subtitle,
        ),
    ]
    if figures.published:
        story.append(pdf.para(SUPPRESSED_NOTE, styles.subtitle))
    width = pdf.frame_width(wide=True)
    for table in figures.tables:
        header, body, total = _rows(table, labels)
        rows = [header, *body]
        if total is not None:
            rows.append(total[: len(header)])
        block = [
            pdf.para(labels.table(table.name), styles.heading),
            pdf.grid(
                [[_show(v) for v in r] for r in rows],
                styles,
                widths=[width / len(header)] * len(header),
                total=total is not None,
            ),
        ]
        if total is not None and len(total) > len(header):
            block.append(pdf.para("；".join(str(v) for v in total[len(header) :]), styles.small))
        story.append(pdf.KeepTogether(block) if len(rows) < 25 else block[0])
        if len(rows) >= 25:
            story.extend(block[1:])
    return pdf.render(story, title=title, footer=f"{title}　{pdf.stamp(local)}", wide=True)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
