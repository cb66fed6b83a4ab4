"""Accounts: one's own profile; admins and coordinators see users of their scope."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.pagination import SelectPage
from app.api.users.schemas import (
    AreasSchema,
    ProfileUpdateSchema,
    RoleChangeSchema,
    StatusChangeSchema,
    UserQueryArgs,
    UserSchema,
)
from app.models import Role
from app.services import users as service

blp = Blueprint("users", __name__, url_prefix="/users", description="Accounts and roles")


@blp.route("/me")
class Me(MethodView):
    @blp.access()
    @blp.etag
    @blp.response(200, UserSchema)
    def get(self):
        """Your own account"""
        actor = current_actor()
        return service.get_visible(actor.id, actor=actor, session=g.db)

    @blp.access()
    @blp.arguments(ProfileUpdateSchema)
    @blp.response(200, UserSchema)
    def patch(self, data):
        """Update your own profile (name, home region, language)"""
        actor = current_actor()
        user = service.get_visible(actor.id, actor=actor, session=g.db)
        return service.update_profile(user, session=g.db, actor=actor, **data)


@blp.route("/")
class Users(MethodView):
    @blp.access(Role.admin, Role.coordinator)
    @blp.arguments(UserQueryArgs, location="query")
    @blp.response(200, UserSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """List the accounts in your scope (admins: all; coordinators: their areas)"""
        return service.search(actor=current_actor(), session=g.db, **args)


@blp.route("/<int(min=1, max=2147483647):user_id>")
class UserById(MethodView):
    @blp.access()
    @blp.etag
    @blp.response(200, UserSchema)
    @blp.alt_response(404, description="No such account in your scope")
    def get(self, user_id: int):
        """One account, if it is in your scope"""
        return service.get_visible(user_id, actor=current_actor(), session=g.db)


@blp.route("/<int(min=1, max=2147483647):user_id>/role")
class UserRole(MethodView):
    @blp.access(Role.admin)
    @blp.arguments(RoleChangeSchema)
    @blp.response(200, UserSchema)
    @blp.alt_response(404, description="No such account")
    def put(self, data, user_id: int):
        """Change an account's role (admins)"""
        actor = current_actor()
        user = service.get_visible(user_id, actor=actor, session=g.db)
        return service.set_role(user, data["role"], session=g.db, actor=actor)


@blp.route("/<int(min=1, max=2147483647):user_id>/areas")
class UserAreas(MethodView):
    @blp.access(Role.admin)
    @blp.arguments(AreasSchema)
    @blp.response(200, UserSchema)
    @blp.alt_response(404, description="No such account")
    @blp.alt_response(409, description="The account is not a coordinator")
    def put(self, data, user_id: int):
        """Assign the regions a coordinator is responsible for (admins)"""
        actor = current_actor()
        user = service.get_visible(user_id, actor=actor, session=g.db)
        return service.set_areas(user, data["region_codes"], session=g.db, actor=actor)


@blp.route("/<int(min=1, max=2147483647):user_id>/status")
class UserStatusView(MethodView):
    @blp.access(Role.admin)
    @blp.arguments(StatusChangeSchema)
    @blp.response(200, UserSchema)
    @blp.alt_response(404, description="No such account")
    def put(self, data, user_id: int):
        """Enable or disable an account (admins)"""
        actor = current_actor()
        user = service.get_visible(user_id, actor=actor, session=g.db)
        return service.set_status(user, data["status"], session=g.db, actor=actor)
