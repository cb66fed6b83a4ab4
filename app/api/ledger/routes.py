"""Ledgers (台账): the template, bulk import (dry run, then all or nothing) and export."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, g, make_response, request
from flask.views import MethodView
from flask_babel import gettext

from app.api.base import Blueprint, after_rollback, current_actor
from app.api.ledger.schemas import (
    ExportArgs,
    ImportArgs,
    ImportFileSchema,
    ImportReportSchema,
    TemplateArgs,
)
from app.api.problems import translate_message
from app.errors import ValidationFailed
from app.models import Role
from app.services import ledger as service

blp = Blueprint(
    "ledger",
    __name__,
    url_prefix="/ledger",
    description="Ledgers (台账): move an Excel ledger of children and needs in and out",
)

# What multipart framing adds to the file itself.
_FORM_OVERHEAD = 64 * 1024
_BINARY = {"schema": {"type": "string", "format": "binary"}}


def _file(content: bytes, mimetype: str, filename: str) -> Any:
    from urllib.parse import quote

    response = make_response(content)
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{filename.encode("ascii", "replace").decode()}"; '
        f"filename*=UTF-8''{quote(filename)}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _translated(report: service.Report) -> list[dict[str, Any]]:
    return [
        {
            "row": e.row,
            "column": e.column,
            "key": e.key,
            "message": (
                gettext(e.message).format(**e.params) if e.params else translate_message(e.message)
            ),
        }
        for e in report.errors
    ]


def _file_problem(exc: service.LedgerError) -> ValidationFailed:
    message = gettext(exc.message or "") if exc.message else exc.code
    return ValidationFailed({"file": [message.format(**exc.details)]})


def _ledger_sized(view: Callable[..., Any]) -> Callable[..., Any]:
    """Ledger files may be larger than other request bodies (LEDGER_MAX_BYTES, not
    MAX_CONTENT_LENGTH); set before the form is read."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        request.max_content_length = current_app.config["LEDGER_MAX_BYTES"] + _FORM_OVERHEAD
        return view(*args, **kwargs)

    return wrapper


@blp.route("/template")
class Template(MethodView):
    @blp.access(Role.coordinator)
    @blp.arguments(TemplateArgs, location="query")
    @blp.response(200, description="The template", content_type=service.XLSX_TYPE)
    @blp.doc(
        responses={
            "200": {
                "description": "The template",
                "content": {service.XLSX_TYPE: _BINARY, service.CSV_TYPE: _BINARY},
            }
        }
    )
    def get(self, args):
        """Download the ledger template (Chinese headers, each with its English key)"""
        if args["format"] == "csv":
            return _file(service.template_csv(), service.CSV_TYPE, "tongxing-ledger-template.csv")
        return _file(
            service.template_xlsx(g.db), service.XLSX_TYPE, "tongxing-ledger-template.xlsx"
        )


@blp.route("/imports")
class Imports(MethodView):
    @blp.access(Role.coordinator)
    @_ledger_sized
    @blp.arguments(ImportArgs, location="query")
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(201, ImportReportSchema, description="Imported: every row was written")
    @blp.alt_response(200, schema=ImportReportSchema, description="Dry run: the report")
    @blp.alt_response(
        422,
        description=(
            "The file cannot be read, or some rows are bad and nothing was imported: "
            "`rows` lists each bad row's number, column and reason"
        ),
    )
    @blp.alt_response(413, description="The file is larger than LEDGER_MAX_BYTES (10 MiB)")
    def post(self, args, files):
        """Import or update a ledger (CSV or XLSX), all rows or none; dry_run reports each row

        Each child is matched to a file on record by ID number, else by the code an export
        wrote in `child_key`, else by name and birth date: new children get a file, files
        on record get the changed fields (a blank cell keeps what the file says) and new
        needs, unchanged rows are left alone. `row_results` gives each row's status (new,
        changed with the columns, unchanged, error). `dry_run=true` checks every row with
        the same rules as the API and answers the report (200), writing nothing.
        Otherwise, if every row is good, all are written (201); if any row is bad,
        nothing is written (422, `rows` lists the bad rows). Headers may be the
        template's or the national exchange layout's.
        """
        actor = current_actor()
        upload = files["file"]
        limit = current_app.config["LEDGER_MAX_BYTES"]
        content = upload.read(limit + 1)
        if len(content) > limit:
            from werkzeug.exceptions import RequestEntityTooLarge

            raise RequestEntityTooLarge()
        filename = getattr(upload, "filename", None)
        try:
            report = service.import_file(
                content, filename=filename, actor=actor, session=g.db, dry_run=args["dry_run"]
            )
        except service.LedgerError as exc:
            raise _file_problem(exc) from None
        body = {
            **report.counts(),
            "errors": _translated(report),
            "row_results": [r.as_dict() for r in report.results],
        }
        if report.dry_run or report.imported:
            service.audit_import(report, actor=actor, session=g.db, filename=filename)
            return body, (200 if report.dry_run else 201)
        after_rollback(
            lambda session: service.audit_import(
                report, actor=actor, session=session, filename=filename
            )
        )
        # Already translated: gettext() at the edge leaves it as it is.
        message = gettext(service.NOT_IMPORTED).format(count=report.counts()["rows_with_errors"])
        error = ValidationFailed({"file": [message]}, message)
        error.details = {
            k: v
            for k, v in body.items()
            if k not in ("errors", "row_results") and not isinstance(v, dict)
        }
        error.details["rows"] = body["errors"]
        raise error


@blp.route("/export")
class Export(MethodView):
    @blp.access(Role.coordinator)
    @blp.arguments(ExportArgs, location="query")
    @blp.response(
        200,
        description="The children and needs of the region, in the template's columns",
        content_type=service.XLSX_TYPE,
    )
    @blp.doc(
        responses={
            "200": {
                "description": "The children and needs, in the template's columns",
                "content": {service.XLSX_TYPE: _BINARY},
            }
        }
    )
    @blp.alt_response(422, description="No such region, or outside your area")
    def get(self, args):
        """Export a region's children and needs as XLSX (audited as a read of each file)

        The template's columns (or, with `layout=national`, the national exchange layout's
        headers), then each need's status, the child's last visit and the township and
        village names (ignored when the file is imported again). Imported again unedited,
        every row is `unchanged`.
        """
        content, filename, _count = service.export_region(
            args.get("region"),
            actor=current_actor(),
            session=g.db,
            layout=args["layout"],
            tz=current_app.config["TIMEZONE"],
        )
        return _file(content, service.XLSX_TYPE, filename)
