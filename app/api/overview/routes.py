"""The console's two summaries: the week at a glance and the map of an area."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.overview.schemas import MapArgs, MapSchema, OverviewArgs, OverviewSchema
from app.db import utcnow
from app.models import Role
from app.scheduler import weekly_trigger
from app.services import overview

blp = Blueprint(
    "overview",
    __name__,
    url_prefix="/stats",
    description="The coordinator's week at a glance and the map of an area",
)
STAFF = (Role.coordinator, Role.admin)


@blp.route("/overview")
class Overview(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(OverviewArgs, location="query")
    @blp.response(200, OverviewSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """This week in your area: children by risk and category, needs by status, high-risk
        children served, overdue visits, open urgent reports, the last and the next run"""
        now = utcnow()
        tz = ZoneInfo(current_app.config.get("TIMEZONE", "Asia/Shanghai"))
        figures = overview.this_week(
            actor=current_actor(),
            session=g.db,
            today=now.astimezone(tz).date(),
            region=args.get("region"),
        )
        figures["next_run_at"] = overview.next_run_at(weekly_trigger(current_app.config), now)
        return figures


@blp.route("/map")
class Map(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(MapArgs, location="query")
    @blp.response(200, MapSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Children with needs (pseudonymous codes; names for their coordinators), the
        providers proposed or paired for them and the pairs, with coordinates"""
        return overview.map_points(actor=current_actor(), session=g.db, region=args.get("region"))
