from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, region_code_field


class TemplateArgs(QueryArgs):
    format = ma.fields.String(
        load_default="xlsx",
        validate=ma.validate.OneOf(["xlsx", "csv"]),
        metadata={"description": "xlsx (with a sheet of instructions) or csv (UTF-8 with BOM)"},
    )


class ImportArgs(QueryArgs):
    dry_run = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Check every row and report; write nothing"},
    )


class ImportFileSchema(ma.Schema):
    file = ma.fields.Raw(
        required=True,
        metadata={
            "type": "string",
            "format": "binary",
            "description": "The ledger: .xlsx or .csv, columns as in the template",
        },
    )


class ExportArgs(QueryArgs):
    region = region_code_field("Only children in or under this region (default: your area)")


class RowErrorSchema(ma.Schema):
    row = ma.fields.Integer(metadata={"description": "Row number as the spreadsheet shows it"})
    column = ma.fields.String(metadata={"description": "The column header (Chinese)"})
    key = ma.fields.String(metadata={"description": "The column's stable English key"})
    message = ma.fields.String(metadata={"description": "The reason, in the caller's language"})


class CreatedSchema(ma.Schema):
    children = ma.fields.Integer()
    needs = ma.fields.Integer()
    consents = ma.fields.Integer()


class ImportReportSchema(ma.Schema):
    dry_run = ma.fields.Boolean()
    imported = ma.fields.Boolean(metadata={"description": "False: nothing was written"})
    rows_read = ma.fields.Integer()
    rows_valid = ma.fields.Integer()
    rows_with_errors = ma.fields.Integer()
    children = ma.fields.Integer(metadata={"description": "Children the file describes"})
    created = ma.fields.Nested(CreatedSchema)
    errors = ma.fields.List(ma.fields.Nested(RowErrorSchema))
