"""Social-work agencies: a public list; staff register and edit their own agency."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.agencies.schemas import (
    AgencyCreateSchema,
    AgencyQueryArgs,
    AgencySchema,
    AgencyUpdateSchema,
)
from app.api.base import Blueprint, current_actor
from app.api.pagination import SelectPage
from app.errors import NotFound
from app.models import Role
from app.services import providers as service

blp = Blueprint(
    "agencies", __name__, url_prefix="/agencies", description="Social-work agencies (社工机构)"
)
AGENCY_ID = "<int(min=1, max=2147483647):agency_id>"


@blp.route("/")
class Agencies(MethodView):
    @blp.access(public=True)
    @blp.arguments(AgencyQueryArgs, location="query")
    @blp.response(200, AgencySchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """The published list of social-work agencies"""
        return service.search_agencies(session=g.db, **args)

    @blp.access(Role.agency_staff)
    @blp.arguments(AgencyCreateSchema)
    @blp.response(201, AgencySchema)
    @blp.alt_response(409, description="Your account already acts for an organisation")
    def post(self, data):
        """Register your agency; you become its first member"""
        return service.create_agency(data, actor=current_actor(), session=g.db)


@blp.route(f"/{AGENCY_ID}")
class AgencyById(MethodView):
    @blp.access(public=True)
    @blp.etag
    @blp.response(200, AgencySchema)
    @blp.alt_response(404, description="No such agency")
    def get(self, agency_id: int):
        """One agency"""
        return service.get_agency(agency_id, session=g.db)

    @blp.access(Role.agency_staff, Role.admin)
    @blp.etag
    @blp.arguments(AgencyUpdateSchema)
    @blp.response(200, AgencySchema)
    @blp.alt_response(404, description="No such agency of yours")
    def patch(self, data, agency_id: int):
        """Edit your agency (services, capacity, townships, contract); If-Match required"""
        actor = current_actor()
        agency = service.get_agency(agency_id, session=g.db)
        if not (actor.is_admin or service.member_of_agency(actor, agency, g.db)):
            raise NotFound()
        blp.check_etag(agency, AgencySchema)
        return service.update_agency(agency, data, actor=actor, session=g.db)
