"""Administrative divisions (public list, as the published catalogues are)."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.pagination import SelectPage
from app.api.regions.schemas import RegionCreateSchema, RegionQueryArgs, RegionSchema
from app.models import Role
from app.services import audit
from app.services import regions as service

blp = Blueprint("regions", __name__, url_prefix="/regions", description="Administrative regions")


@blp.route("/")
class Regions(MethodView):
    @blp.access(public=True)
    @blp.arguments(RegionQueryArgs, location="query")
    @blp.response(200, RegionSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """Search regions by parent, level or name"""
        return service.search(session=g.db, **args)

    @blp.access(Role.admin)
    @blp.arguments(RegionCreateSchema)
    @blp.response(201, RegionSchema)
    @blp.alt_response(409, description="The code exists already")
    def post(self, data):
        """Create a township under a county, or a village under a township (admins)"""
        actor = current_actor()
        region = service.create(session=g.db, **data)
        audit.record_by(
            actor,
            "region.create",
            session=g.db,
            object_type="region",
            object_id=region.code,
        )
        return region


@blp.route("/<string:code>")
class RegionByCode(MethodView):
    @blp.access(public=True)
    @blp.etag
    @blp.response(200, RegionSchema)
    @blp.alt_response(404, description="No such region")
    def get(self, code: str):
        """One region"""
        return service.get(code, session=g.db)
