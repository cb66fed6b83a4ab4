"""The annual spot-check of files (年度抽查): draw the sample, check each file, summarise."""

from __future__ import annotations

from typing import Any

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.pagination import Mapped, MappedPage, SelectPage
from app.api.spot_checks.schemas import (
    SpotCheckCreateSchema,
    SpotCheckDetailSchema,
    SpotCheckItemDetailSchema,
    SpotCheckItemQueryArgs,
    SpotCheckItemSchema,
    SpotCheckQueryArgs,
    SpotCheckRecordSchema,
    SpotCheckSchema,
)
from app.db import utcnow
from app.models import Child, Region, Role, SpotCheck, SpotCheckItem
from app.services import spot_checks as service

blp = Blueprint(
    "spot_checks",
    __name__,
    url_prefix="/spot-checks",
    description="The annual spot-check of files (年度抽查): a stratified random sample per "
    "township, a checklist per file, the results summarised",
)
STAFF = (Role.coordinator, Role.admin)
ID = "<int(min=1, max=2147483647):check_id>"
ITEM = "<int(min=1, max=2147483647):item_id>"


def _item_view(item: SpotCheckItem, code: str, township: str) -> dict[str, Any]:
    view = {c.key: getattr(item, c.key) for c in SpotCheckItem.__table__.columns}
    view.update({"child_code": code, "township": township})
    return view


def _detail(check: SpotCheck) -> dict[str, Any]:
    view = {c.key: getattr(check, c.key) for c in SpotCheck.__table__.columns}
    view["summary"] = service.summary(check, session=g.db)
    return view


@blp.route("/")
class SpotChecks(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(SpotCheckQueryArgs, location="query")
    @blp.response(200, SpotCheckSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args: dict[str, Any]) -> Any:
        """Spot-checks of your regions, newest first"""
        stmt = service.visible(current_actor())
        if args.get("year"):
            stmt = stmt.where(SpotCheck.year == args["year"])
        return stmt.order_by(SpotCheck.year.desc(), SpotCheck.id.desc())

    @blp.access(*STAFF)
    @blp.arguments(SpotCheckCreateSchema)
    @blp.response(201, SpotCheckDetailSchema)
    @blp.alt_response(409, description="That region's spot-check of that year exists already")
    @blp.alt_response(422, description="No such region, or outside your area")
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Draw the year's sample of a region of yours (stratified by risk level, per
        township; give `seed` to draw a known sample again)"""
        check = service.create(actor=current_actor(), session=g.db, **data)
        return _detail(check)


@blp.route(f"/{ID}")
class SpotCheckById(MethodView):
    @blp.access(*STAFF)
    @blp.response(200, SpotCheckDetailSchema)
    @blp.alt_response(404, description="No such spot-check of your regions")
    def get(self, check_id: int) -> dict[str, Any]:
        """A spot-check with its summary per township and risk level"""
        return _detail(service.get(check_id, actor=current_actor(), session=g.db))


@blp.route(f"/{ID}/items")
class Items(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(SpotCheckItemQueryArgs, location="query")
    @blp.response(200, SpotCheckItemSchema(many=True))
    @blp.paginate(MappedPage)
    @blp.alt_response(404, description="No such spot-check of your regions")
    def get(self, args: dict[str, Any], check_id: int) -> Mapped:
        """The sampled files (pseudonymous codes) and what was recorded for each"""
        check = service.get(check_id, actor=current_actor(), session=g.db)
        return Mapped(
            service.items(check, **args),
            lambda rows: [_item_view(item, code, name) for item, code, name in rows],
        )


@blp.route(f"/{ID}/items/{ITEM}")
class ItemById(MethodView):
    @blp.access(*STAFF)
    @blp.response(200, SpotCheckItemDetailSchema)
    @blp.alt_response(404, description="No such file in this spot-check")
    def get(self, check_id: int, item_id: int) -> dict[str, Any]:
        """One sampled file with what it shows for each criterion (a read of the file,
        audited)"""
        actor = current_actor()
        check = service.get(check_id, actor=actor, session=g.db)
        item = service.get_item(check, item_id, session=g.db)
        view = _item_view(item, item_code(item), township_name(item))
        view["facts"] = service.facts(check, item, actor=actor, session=g.db, now=utcnow())
        return view

    @blp.access(*STAFF)
    @blp.arguments(SpotCheckRecordSchema)
    @blp.response(200, SpotCheckItemSchema)
    @blp.alt_response(404, description="No such file in this spot-check")
    def put(self, data: dict[str, Any], check_id: int, item_id: int) -> dict[str, Any]:
        """Record the checklist of one file (audited)"""
        actor = current_actor()
        check = service.get(check_id, actor=actor, session=g.db)
        item = service.record(
            service.get_item(check, item_id, session=g.db), data, actor=actor, session=g.db
        )
        return _item_view(item, item_code(item), township_name(item))


def item_code(item: SpotCheckItem) -> str:
    child = g.db.get(Child, item.child_id)
    return child.code if child else ""


def township_name(item: SpotCheckItem) -> str:
    region = g.db.get(Region, item.township_code)
    return region.name if region else ""
