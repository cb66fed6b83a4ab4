"""Goods items and purposes of funds (物资品类与资金用途): the vocabulary needs and
resources are matched on."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.aid_items.schemas import (
    AidItemCreateSchema,
    AidItemQueryArgs,
    AidItemSchema,
    AidItemUpdateSchema,
)
from app.api.base import Blueprint, current_actor
from app.models import Role
from app.services import aid_items as service

blp = Blueprint(
    "aid_items",
    __name__,
    url_prefix="/aid-items",
    description="Goods items and purposes of funds, matched between needs and resources",
)


@blp.route("/")
class AidItems(MethodView):
    @blp.access(public=True)
    @blp.arguments(AidItemQueryArgs, location="query")
    @blp.response(200, AidItemSchema(many=True))
    def get(self, args):
        """The items and purposes in use"""
        return service.search(session=g.db, kind=args.get("kind"))

    @blp.access(Role.admin)
    @blp.arguments(AidItemCreateSchema)
    @blp.response(201, AidItemSchema)
    @blp.alt_response(409, description="The code exists already")
    def post(self, data):
        """Add an item or purpose (admins)"""
        return service.create(data, actor=current_actor(), session=g.db)


@blp.route("/<string:code>")
class AidItemByCode(MethodView):
    @blp.access(Role.admin)
    @blp.arguments(AidItemUpdateSchema)
    @blp.response(200, AidItemSchema)
    @blp.alt_response(404, description="No such item")
    def patch(self, data, code: str):
        """Rename or retire an item or purpose (admins)"""
        item = service.get(code, session=g.db)
        return service.update(item, data, actor=current_actor(), session=g.db)
