"""What-if planning on a match run, and where to recruit (never written as proposals)."""

from __future__ import annotations

from typing import Any

from flask import current_app, g
from flask.views import MethodView
from flask_babel import get_locale

from app.api.base import Blueprint, current_actor
from app.api.planning.schemas import (
    RecruitingArgs,
    SuggestionSchema,
    WhatIfResultSchema,
    WhatIfSchema,
)
from app.db import utcnow
from app.models import Role
from app.services import match_runs, planning
from app.services.labels import Labels
from app.services.match_runs import RunSettings

blp = Blueprint(
    "planning",
    __name__,
    url_prefix="/match-runs",
    description="What-if planning on a run's inputs: more providers, more capacity, "
    "where to recruit",
)
STAFF = (Role.coordinator, Role.admin)
ID = "<int(min=1, max=2147483647):run_id>"


@blp.route(f"/{ID}/what-if")
class WhatIf(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(WhatIfSchema)
    @blp.response(200, WhatIfResultSchema)
    @blp.alt_response(404, description="No such run of your regions")
    @blp.alt_response(422, description="A recruit or provider the run cannot use")
    def post(self, data: dict[str, Any], run_id: int) -> dict[str, Any]:
        """If you recruited these providers, or a provider took more: how many more needs the
        run's region would serve, by risk tier, and which (computed, never proposed)"""
        run = match_runs.get_run(run_id, actor=current_actor(), session=g.db)
        answer = planning.what_if(
            run,
            recruits=[
                planning.Recruit(
                    category=r["category"],
                    township_code=r["township_code"],
                    skills=tuple(r["skills"]),
                    capacity=r["capacity"],
                    count=r["count"],
                    radius_km=r["radius_km"],
                    gender=r["gender"].value if r["gender"] else None,
                    languages=tuple(r["languages"]),
                )
                for r in data["recruit"]
            ],
            more=[
                planning.MoreCapacity(m["provider_type"], m["provider_id"], m["extra"])
                for m in data["more_capacity"]
            ],
            session=g.db,
            settings=RunSettings.from_config(current_app.config),
            now=utcnow(),
        )
        return planning.describe(answer)


@blp.route(f"/{ID}/recruiting")
class Recruiting(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(RecruitingArgs, location="query")
    @blp.response(200, SuggestionSchema(many=True))
    @blp.alt_response(404, description="No such run of your regions")
    def get(self, args: dict[str, Any], run_id: int) -> list[dict[str, Any]]:
        """Where to recruit: per township, the categories and skills whose lack leaves the
        most priority unserved in this run, with what one more provider there would serve"""
        run = match_runs.get_run(run_id, actor=current_actor(), session=g.db)
        found = planning.recruiting(
            run,
            session=g.db,
            settings=RunSettings.from_config(current_app.config),
            now=utcnow(),
            **args,
        )
        labels = Labels(g.db, "en" if str(get_locale() or "").startswith("en") else "zh")
        for item in found:
            item["category_label"] = labels.of("need_category", item["category"])
        return found
