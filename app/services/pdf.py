"""Printable documents: ReportLab with its built-in Chinese CID fonts (STSong-Light for text,
no font file to ship), A4, a header line and page numbers, tables and a QR code."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

FONT = "STSong-Light"
PDF_TYPE = "application/pdf"


@lru_cache(maxsize=1)
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


class Styles:
    def __init__(self) -> None:
        font = _font()
        self.title = ParagraphStyle(
            "title", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=4
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=font, fontSize=10.5, leading=16, alignment=TA_CENTER
        )
        self.heading = ParagraphStyle(
            "heading", fontName=font, fontSize=12.5, leading=18, spaceBefore=10, spaceAfter=4
        )
        self.body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12)
        self.small = ParagraphStyle("small", fontName=font, fontSize=8, leading=11)


def text(value: Any) -> str:
    """Markup-safe text for a Paragraph (user data may hold < or &)."""
    return escape("" if value is None else str(value))


def para(value: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def grid(
    rows: Sequence[Sequence[Any]],
    styles: Styles,
    *,
    widths: Sequence[float] | None = None,
    header: bool = True,
    total: bool = False,
) -> Table:
    """A ruled table; cells wrap; the header row repeats on each page."""
    data = [[c if isinstance(c, Flowable) else para(c, styles.cell) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")))
    if total:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
    table.setStyle(TableStyle(commands))
    return table


def fields(pairs: Sequence[tuple[str, Any]], styles: Styles, width: float) -> Table:
    """Label / value pairs, two to a row, as on a paper form."""
    cells: list[list[Any]] = []
    row: list[Any] = []
    for label, value in pairs:
        row.extend(
            [para(label, styles.cell), para(value if value not in (None, "") else "", styles.cell)]
        )
        if len(row) == 4:
            cells.append(row)
            row = []
    if row:
        row.extend([""] * (4 - len(row)))
        cells.append(row)
    label_w = width * 0.17
    value_w = width / 2 - label_w
    table = Table(cells, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F2F2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def qr(value: str, size_mm: float = 32) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = size_mm * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def render(
    story: list[Flowable],
    *,
    title: str,
    footer: str,
    wide: bool = False,
    author: str = "同行",
) -> bytes:
    """The document as PDF bytes: A4 (landscape when `wide`), `footer` and page numbers at
    the foot of each page, the title in the file's metadata."""
    font = _font()
    out = io.BytesIO()
    size = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        creator="Tongxing",
    )

    def foot(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(16 * mm, 10 * mm, footer)
        canvas.drawRightString(size[0] - 16 * mm, 10 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=foot, onLaterPages=foot)
    return out.getvalue()


def frame_width(wide: bool = False) -> float:
    size = landscape(A4) if wide else A4
    return float(size[0] - 32 * mm)


def stamp(now: datetime) -> str:
    return f"{now.year}年{now.month}月{now.day}日"


__all__ = [
    "KeepTogether",
    "PDF_TYPE",
    "Paragraph",
    "Spacer",
    "Styles",
    "fields",
    "frame_width",
    "grid",
    "para",
    "qr",
    "render",
    "stamp",
    "text",
]
