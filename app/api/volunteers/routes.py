"""Volunteers: their own profile; coordinators see those of their area, record background
checks and verify skills."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.pagination import SelectPage
from app.api.volunteers.schemas import (
    CheckChangeSchema,
    SkillVerificationSchema,
    VolunteerProfileSchema,
    VolunteerQueryArgs,
    VolunteerSchema,
)
from app.models import Role
from app.services import providers as service

blp = Blueprint("volunteers", __name__, url_prefix="/volunteers", description="Volunteers")
VOLUNTEER_ID = "<int(min=1, max=2147483647):volunteer_id>"
STAFF = (Role.coordinator, Role.admin)


@blp.route("/me")
class MyProfile(MethodView):
    @blp.access(Role.volunteer)
    @blp.etag
    @blp.response(200, VolunteerSchema)
    @blp.alt_response(404, description="No profile yet")
    def get(self):
        """Your volunteer profile"""
        return service.own_volunteer(current_actor(), session=g.db)

    @blp.access(Role.volunteer)
    @blp.arguments(VolunteerProfileSchema)
    @blp.response(200, VolunteerSchema)
    def put(self, data):
        """Register or update your volunteer profile"""
        return service.save_volunteer(data, actor=current_actor(), session=g.db)


@blp.route("/")
class Volunteers(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(VolunteerQueryArgs, location="query")
    @blp.response(200, VolunteerSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """Volunteers living in your area (admins: all)"""
        return service.search_volunteers(actor=current_actor(), session=g.db, **args)


@blp.route(f"/{VOLUNTEER_ID}")
class VolunteerById(MethodView):
    @blp.access(Role.volunteer, *STAFF)
    @blp.etag
    @blp.response(200, VolunteerSchema)
    @blp.alt_response(404, description="No such volunteer in your area")
    def get(self, volunteer_id: int):
        """One volunteer"""
        return service.get_volunteer(volunteer_id, actor=current_actor(), session=g.db)


@blp.route(f"/{VOLUNTEER_ID}/check")
class BackgroundCheck(MethodView):
    @blp.access(*STAFF)
    @blp.etag
    @blp.arguments(CheckChangeSchema)
    @blp.response(200, VolunteerSchema)
    @blp.alt_response(404, description="No such volunteer in your area")
    @blp.alt_response(409, description="Not a transition the check allows")
    def put(self, data, volunteer_id: int):
        """Record a background-check outcome (only outcome, verifier and dates are kept)"""
        actor = current_actor()
        volunteer = service.get_volunteer(volunteer_id, actor=actor, session=g.db)
        blp.check_etag(volunteer, VolunteerSchema)
        return service.set_check(
            volunteer,
            data["state"],
            actor=actor,
            session=g.db,
            decided_on=data.get("decided_on"),
            expires_on=data.get("expires_on"),
        )


@blp.route(f"/{VOLUNTEER_ID}/verified-skills")
class VerifiedSkills(MethodView):
    @blp.access(*STAFF)
    @blp.arguments(SkillVerificationSchema)
    @blp.response(200, VolunteerSchema)
    @blp.alt_response(404, description="No such volunteer in your area")
    def post(self, data, volunteer_id: int):
        """Mark declared skills as verified (certificates seen)"""
        actor = current_actor()
        volunteer = service.get_volunteer(volunteer_id, actor=actor, session=g.db)
        return service.verify_skills(volunteer, data["skills"], actor=actor, session=g.db)
