"""Statistics of an area over a period (`/stats/…`), and the quarterly and annual report."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g
from flask.views import MethodView
from flask_babel import get_locale

from app.api.base import Blueprint, current_actor
from app.api.files import file_response
from app.api.statistics.schemas import (
    PublicArgs,
    ReportArgs,
    StatisticsArgs,
    StatisticsSchema,
)
from app.db import utcnow
from app.errors import NotFound, ValidationFailed
from app.models import Role
from app.services import regions, reports, statistics
from app.services.labels import Labels
from app.services.pdf import PDF_TYPE

blp = Blueprint(
    "statistics",
    __name__,
    url_prefix="/stats",
    description="Statistics of your area over a period, computed in the database; the "
    "quarterly and annual report (XLSX, PDF)",
)
STAFF = (Role.coordinator, Role.admin)
_BINARY = {"schema": {"type": "string", "format": "binary"}}


def _tz() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Shanghai"))


def _query(args: dict[str, Any]) -> statistics.Query:
    tz = _tz()
    now = utcnow()
    period = statistics.period_from(
        args.get("period"), args.get("start"), args.get("end"), today=now.astimezone(tz).date()
    )
    area = statistics.area_for(current_actor(), args.get("region"), session=g.db)
    return statistics.Query(area=area, period=period, now=now, tz=tz)


def _document(figures: statistics.Figures) -> dict[str, Any]:
    language = "en" if str(get_locale() or "").startswith("en") else "zh"
    labels = Labels(g.db, language)
    tables = []
    for table in figures.tables:
        rows = []
        for row in [*table.rows]:
            shown = dict(row)
            for dim in table.dims:
                if labels.names(table.name, dim):
                    shown[f"{dim}_label"] = labels.value(table.name, dim, row.get(dim))
            rows.append(shown)
        tables.append(
            {
                "name": table.name,
                "title": labels.table(table.name),
                "columns": [
                    *(
                        {"key": d, "label": labels.column(d), "role": "dimension"}
                        for d in table.dims
                    ),
                    *(
                        {"key": m, "label": labels.column(m), "role": "measure"}
                        for m in table.measures
                    ),
                ],
                "rows": rows,
                "total": table.total,
                "suppressed": table.suppressed,
            }
        )
    period = figures.period
    return {
        "area": {"region_code": figures.area.region_code, "name": figures.area.name},
        "period": {
            "code": period.code,
            "kind": period.kind,
            "start": period.start,
            "end": period.last_day,
            "title": period.title_zh if language == "zh" else period.code,
        },
        "published": figures.published,
        "tables": tables,
    }


def _section(name: str, summary: str) -> type[MethodView]:
    class Section(MethodView):
        @blp.access(*STAFF)
        @blp.arguments(StatisticsArgs, location="query")
        @blp.response(200, StatisticsSchema)
        @blp.alt_response(422, description="Bad period, or a region outside your area")
        def get(self, args: dict[str, Any]) -> dict[str, Any]:
            figures = statistics.compute(
                _query(args), session=g.db, sections=[name], published=args["published"]
            )
            return _document(figures)

    Section.get.__doc__ = summary
    Section.__name__ = f"Stats_{name}"
    return Section


for _path, _name, _summary in (
    ("children", "children", "Children by risk level, category, township and age band"),
    ("needs", "needs", "Needs by category and status; time from opening to matched"),
    ("served", "served", "Children with needs who were served, by risk level"),
    ("visits", "visits", "Visits and contacts due vs done by risk level (004 item 4)"),
    ("urgent-reports", "urgent_reports", "Urgent reports by danger; time to first handling"),
    ("providers", "providers", "Volunteers, agencies and organisations registered and active"),
    ("delivery", "delivery", "Service hours; goods and funds given"),
):
    blp.add_url_rule(f"/{_path}", endpoint=f"stats_{_name}", view_func=_section(_name, _summary))


@blp.route("/organizations")
class Organisations(MethodView):
    @blp.access(public=True)
    @blp.arguments(PublicArgs, location="query")
    @blp.response(200, StatisticsSchema)
    @blp.alt_response(422, description="Bad period, or no such region")
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The public list of organisations (003): agencies, enterprises and charities that
        served children of a region in a period, with how many (fewer than 5: not shown)"""
        tz = _tz()
        now = utcnow()
        period = statistics.period_from(
            args.get("period"), args.get("start"), args.get("end"), today=now.astimezone(tz).date()
        )
        try:
            region = regions.get(args["region"], session=g.db)
        except NotFound:
            raise ValidationFailed({"region": ["No such region."]}) from None
        query = statistics.Query(
            area=statistics.area_of_region(region, session=g.db), period=period, now=now, tz=tz
        )
        figures = statistics.compute(
            query, session=g.db, sections=["organisations"], published=True
        )
        return _document(figures)


@blp.route("/report")
class Report(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(ReportArgs, location="query")
    @blp.response(200, StatisticsSchema)
    @blp.doc(
        responses={
            "200": {
                "description": "Every table of the period: JSON, or the report as XLSX or PDF",
                "content": {
                    "application/json": {"schema": StatisticsSchema},
                    reports.XLSX_TYPE: _BINARY,
                    PDF_TYPE: _BINARY,
                },
            }
        }
    )
    @blp.alt_response(422, description="Bad period, or a region outside your area")
    def get(self, args: dict[str, Any]) -> Any:
        """The quarterly or annual report: all the statistics of a period, as JSON, XLSX (one
        sheet per table) or PDF; a year's report is published (cells under 5 children
        blanked) unless `published=false`"""
        query = _query(args)
        published = args.get("published")
        if published is None:
            published = query.period.kind == "year"
        figures = statistics.compute(query, session=g.db, published=published)
        if args["format"] == "json":
            return _document(figures)
        stem = f"report-{query.area.region_code or 'area'}-{query.period.code}"
        if args["format"] == "xlsx":
            content = reports.xlsx(figures, session=g.db, now=query.now, tz=query.tz)
            return file_response(content, reports.XLSX_TYPE, f"{stem}.xlsx")
        content = reports.pdf_report(figures, session=g.db, now=query.now, tz=query.tz)
        return file_response(content, PDF_TYPE, f"{stem}.pdf")
