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
    layout = ma.fields.String(
        load_default="template",
        validate=ma.validate.OneOf(["template", "national"]),
        metadata={
            "description": (
                "template: the import template's headers (Chinese with the English key); "
                "national: the headers of the national child welfare information system's "
                "ledgers (docs/ledger-exchange.md). Either file imports again as it is."
            )
        },
    )


class RowErrorSchema(ma.Schema):
    row = ma.fields.Integer(metadata={"description": "Row number as the spreadsheet shows it"})
    column = ma.fields.String(metadata={"description": "The column header (Chinese)"})
    key = ma.fields.String(metadata={"description": "The column's stable English key"})
    message = ma.fields.String(metadata={"description": "The reason, in the caller's language"})


class CreatedSchema(ma.Schema):
    children = ma.fields.Integer()
    needs = ma.fields.Integer()
    consents = ma.fields.Integer()


class UpdatedSchema(ma.Schema):
    children = ma.fields.Integer(metadata={"description": "Files on record that changed"})
    needs = ma.fields.Integer(metadata={"description": "Needs on record that changed"})


class ChangedColumnSchema(ma.Schema):
    key = ma.fields.String(metadata={"description": "The column's stable English key"})
    column = ma.fields.String(metadata={"description": "The column header (Chinese)"})


class RowResultSchema(ma.Schema):
    row = ma.fields.Integer(metadata={"description": "Row number as the spreadsheet shows it"})
    status = ma.fields.String(
        validate=ma.validate.OneOf(["new", "changed", "unchanged", "error"]),
        metadata={
            "description": (
                "new: a new file, or a new need of a file on record; changed: the row changes "
                "the file on record (`changes` says which columns); unchanged: the file "
                "already says this; error: see `errors` for this row"
            )
        },
    )
    child_key = ma.fields.String(
        allow_none=True,
        metadata={"description": "The file's code when it is on record, else the row's child_key"},
    )
    changes = ma.fields.List(
        ma.fields.Nested(ChangedColumnSchema),
        metadata={"description": "Columns whose value differs from the file on record"},
    )


class ImportReportSchema(ma.Schema):
    dry_run = ma.fields.Boolean()
    imported = ma.fields.Boolean(metadata={"description": "False: nothing was written"})
    rows_read = ma.fields.Integer()
    rows_valid = ma.fields.Integer()
    rows_with_errors = ma.fields.Integer()
    children = ma.fields.Integer(metadata={"description": "Children the file describes"})
    created = ma.fields.Nested(CreatedSchema)
    updated = ma.fields.Nested(UpdatedSchema)
    rows_new = ma.fields.Integer(metadata={"description": "Rows with status new"})
    rows_changed = ma.fields.Integer(metadata={"description": "Rows with status changed"})
    rows_unchanged = ma.fields.Integer(metadata={"description": "Rows with status unchanged"})
    errors = ma.fields.List(ma.fields.Nested(RowErrorSchema))
    row_results = ma.fields.List(
        ma.fields.Nested(RowResultSchema),
        metadata={"description": "Every row's outcome, in file order (dry run or not)"},
    )
