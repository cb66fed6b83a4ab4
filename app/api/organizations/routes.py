"""Enterprises and charities, and the goods, funds and training posts they offer."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.organizations.schemas import (
    OrganizationCreateSchema,
    OrganizationQueryArgs,
    OrganizationSchema,
    OrganizationUpdateSchema,
    ResourceCreateSchema,
    ResourceQueryArgs,
    ResourceSchema,
)
from app.api.pagination import SelectPage
from app.errors import NotFound
from app.models import Role
from app.services import providers as service

blp = Blueprint(
    "organizations",
    __name__,
    url_prefix="/organizations",
    description="Enterprises (企业) and charities (慈善组织)",
)
resources_blp = Blueprint(
    "resources",
    __name__,
    url_prefix="/resources",
    description="Goods, funds and training posts on offer",
)
ORG_ID = "<int(min=1, max=2147483647):org_id>"


@blp.route("/")
class Organizations(MethodView):
    @blp.access(public=True)
    @blp.arguments(OrganizationQueryArgs, location="query")
    @blp.response(200, OrganizationSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """The published list of donating enterprises and charities"""
        return service.search_organizations(session=g.db, **args)

    @blp.access(Role.donor)
    @blp.arguments(OrganizationCreateSchema)
    @blp.response(201, OrganizationSchema)
    @blp.alt_response(409, description="Your account already acts for an organisation")
    def post(self, data):
        """Register your enterprise or charity; you become its first member"""
        return service.create_organization(data, actor=current_actor(), session=g.db)


@blp.route(f"/{ORG_ID}")
class OrganizationById(MethodView):
    @blp.access(public=True)
    @blp.etag
    @blp.response(200, OrganizationSchema)
    @blp.alt_response(404, description="No such organisation")
    def get(self, org_id: int):
        """One organisation"""
        return service.get_organization(org_id, session=g.db)

    @blp.access(Role.donor, Role.admin, Role.coordinator)
    @blp.etag
    @blp.arguments(OrganizationUpdateSchema)
    @blp.response(200, OrganizationSchema)
    @blp.alt_response(404, description="No such organisation of yours (or of your area)")
    def patch(self, data, org_id: int):
        """Edit your organisation (If-Match required); alliance membership is confirmed by
        an admin or the area's coordinator, who may change nothing else"""
        actor = current_actor()
        org = service.get_organization(org_id, session=g.db)
        if not service.may_edit_organization(actor, org, g.db):
            raise NotFound()
        blp.check_etag(org, OrganizationSchema)
        return service.update_organization(org, data, actor=actor, session=g.db)


@blp.route(f"/{ORG_ID}/resources")
class OrganizationResources(MethodView):
    @blp.access(Role.donor)
    @blp.arguments(ResourceCreateSchema)
    @blp.response(201, ResourceSchema)
    @blp.alt_response(404, description="No such organisation of yours")
    def post(self, data, org_id: int):
        """Offer goods, funds or training posts"""
        actor = current_actor()
        org = service.get_organization(org_id, session=g.db)
        if not service.member_of_org(actor, org, g.db):
            raise NotFound()
        return service.create_resource(org, data, actor=actor, session=g.db)


@resources_blp.route("/")
class Resources(MethodView):
    @resources_blp.access()
    @resources_blp.arguments(ResourceQueryArgs, location="query")
    @resources_blp.response(200, ResourceSchema(many=True))
    @resources_blp.paginate(SelectPage)
    def get(self, args):
        """Resources on offer"""
        return service.search_resources(actor=current_actor(), session=g.db, **args)
