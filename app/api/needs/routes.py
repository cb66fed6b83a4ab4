"""Needs and their lifecycle; the category taxonomy."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.needs.schemas import (
    NeedCategoryCreateSchema,
    NeedCategorySchema,
    NeedCategoryUpdateSchema,
    NeedDetailSchema,
    NeedQueryArgs,
    NeedSchema,
    NeedUpdateSchema,
    TransitionCreateSchema,
    TransitionSchema,
)
from app.api.pagination import SelectPage
from app.models import Role
from app.services import needs as service
from app.services import pairings

blp = Blueprint("needs", __name__, url_prefix="/needs", description="Needs (需求清单)")
categories_blp = Blueprint(
    "need_categories", __name__, url_prefix="/need-categories", description="The need taxonomy"
)
NEED_ID = "<int(min=1, max=2147483647):need_id>"


@blp.route("/")
class Needs(MethodView):
    @blp.access()
    @blp.arguments(NeedQueryArgs, location="query")
    @blp.response(200, NeedSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """Needs: coordinators their area's; providers the published open ones, pseudonymous"""
        return service.search(actor=current_actor(), session=g.db, **args)


@blp.route(f"/{NEED_ID}")
class NeedById(MethodView):
    @blp.access()
    @blp.etag
    @blp.response(200, NeedDetailSchema)
    @blp.alt_response(404, description="No such need visible to you")
    def get(self, need_id: int):
        """One need; coordinators also see what the latest match run did with it"""
        need = service.get(need_id, actor=current_actor(), session=g.db)
        blp.set_etag(need, NeedSchema)
        return need

    @blp.access(Role.coordinator)
    @blp.etag
    @blp.arguments(NeedUpdateSchema)
    @blp.response(200, NeedSchema)
    @blp.alt_response(404, description="No such need in your area")
    @blp.alt_response(409, description="The need is no longer open")
    def patch(self, data, need_id: int):
        """Edit an open need; send the ETag you read as If-Match"""
        actor = current_actor()
        need = service.get(need_id, actor=actor, session=g.db)
        blp.check_etag(need, NeedSchema)
        return service.update(need, data, actor=actor, session=g.db)


@blp.route(f"/{NEED_ID}/transitions")
class NeedTransitions(MethodView):
    @blp.access(Role.coordinator, Role.admin)
    @blp.response(200, TransitionSchema(many=True))
    @blp.alt_response(404, description="No such need in your area")
    def get(self, need_id: int):
        """Every status change of the need: who, when, why"""
        need = service.get(need_id, actor=current_actor(), session=g.db)
        return service.transitions(need, session=g.db)

    @blp.access(Role.coordinator)
    @blp.arguments(TransitionCreateSchema)
    @blp.response(201, NeedSchema)
    @blp.alt_response(404, description="No such need in your area")
    @blp.alt_response(409, description="Not a transition the lifecycle allows")
    def post(self, data, need_id: int):
        """Move the need along open → proposed → matched → fulfilled | closed (or reopen)"""
        actor = current_actor()
        need = service.get(need_id, actor=actor, session=g.db)
        return pairings.move_need(
            need, data["to"], actor=actor, session=g.db, reason=data["reason"]
        )


@categories_blp.route("/")
class NeedCategories(MethodView):
    @categories_blp.access(public=True)
    @categories_blp.response(200, NeedCategorySchema(many=True))
    def get(self):
        """The need categories in use"""
        return service.categories(session=g.db)

    @categories_blp.access(Role.admin)
    @categories_blp.arguments(NeedCategoryCreateSchema)
    @categories_blp.response(201, NeedCategorySchema)
    @categories_blp.alt_response(409, description="The code exists already")
    def post(self, data):
        """Add a category (admins)"""
        return service.create_category(data, actor=current_actor(), session=g.db)


@categories_blp.route("/<string:code>")
class NeedCategoryByCode(MethodView):
    @categories_blp.access(Role.admin)
    @categories_blp.arguments(NeedCategoryUpdateSchema)
    @categories_blp.response(200, NeedCategorySchema)
    @categories_blp.alt_response(404, description="No such category")
    def patch(self, data, code: str):
        """Rename or retire a category (admins)"""
        actor = current_actor()
        category = service.get_category(code, session=g.db)
        return service.update_category(category, data, actor=actor, session=g.db)
