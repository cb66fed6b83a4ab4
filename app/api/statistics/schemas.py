from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, region_code_field


def _period() -> ma.fields.String:
    return ma.fields.String(
        validate=ma.validate.Regexp(r"^\d{4}(-(Q[1-4]|\d{2}))?$"),
        metadata={
            "description": "A year (2026), a quarter (2026-Q3) or a month (2026-07); "
            "default: this quarter",
            "example": "2026-Q3",
        },
    )


def _start() -> ma.fields.Date:
    return ma.fields.Date(metadata={"description": "First day of a period of your own"})


def _end() -> ma.fields.Date:
    return ma.fields.Date(metadata={"description": "Last day (included) of that period"})


class StatisticsArgs(QueryArgs):
    region = region_code_field("The region (default: all your areas; admins: everywhere)")
    period = _period()
    start = _start()
    end = _end()
    published = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Published figures: cells under 5 children are blanked"},
    )


class PublicArgs(QueryArgs):
    region = region_code_field("The region (a county, a township...)", required=True)
    period = _period()
    start = _start()
    end = _end()


class ReportArgs(StatisticsArgs):
    format = ma.fields.String(
        load_default="json",
        validate=ma.validate.OneOf(["json", "xlsx", "pdf"]),
        metadata={"description": "json, xlsx (one sheet per table) or pdf"},
    )
    published = ma.fields.Boolean(
        metadata={
            "description": "Blank cells under 5 children (default: yes for a year, no otherwise)"
        }
    )


class ColumnSchema(ma.Schema):
    key = ma.fields.String(required=True)
    label = ma.fields.String(required=True, metadata={"description": "In the reader's language"})
    role = ma.fields.String(required=True, metadata={"description": "dimension or measure"})


class TableSchema(ma.Schema):
    name = ma.fields.String(required=True)
    title = ma.fields.String(required=True, metadata={"description": "In the reader's language"})
    columns = ma.fields.List(ma.fields.Nested(ColumnSchema), required=True)
    rows = ma.fields.List(
        ma.fields.Dict(),
        required=True,
        metadata={
            "description": "One object per row: the columns' keys, each dimension's "
            "`<key>_label`, and on published figures `suppressed` (the keys blanked)"
        },
    )
    total = ma.fields.Dict(allow_none=True, required=True)
    suppressed = ma.fields.Integer(
        required=True, metadata={"description": "Cells blanked (published figures)"}
    )


class AreaSchema(ma.Schema):
    region_code = ma.fields.String(allow_none=True, required=True)
    name = ma.fields.String(required=True)


class PeriodSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"example": "2026-Q3"})
    kind = ma.fields.String(required=True, metadata={"description": "year, quarter, month, range"})
    start = ma.fields.Date(required=True)
    end = ma.fields.Date(required=True, metadata={"description": "Last day, included"})
    title = ma.fields.String(required=True, metadata={"example": "2026年第3季度"})


class StatisticsSchema(ma.Schema):
    area = ma.fields.Nested(AreaSchema, required=True)
    period = ma.fields.Nested(PeriodSchema, required=True)
    published = ma.fields.Boolean(required=True)
    tables = ma.fields.List(ma.fields.Nested(TableSchema), required=True)
