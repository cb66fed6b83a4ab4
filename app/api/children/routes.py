"""Children's files: coordinators of the child's area see and change them; every read and
change is audited; updates need If-Match."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from app.api.base import Blueprint, current_actor
from app.api.children.schemas import (
    ChildCreateSchema,
    ChildQueryArgs,
    ChildSchema,
    ChildUpdateSchema,
    ConsentCreateSchema,
    ConsentSchema,
    RecordCreateSchema,
    RecordQueryArgs,
    RecordSchema,
    ResolveSchema,
    RiskChangeSchema,
)
from app.api.needs.schemas import NeedCreateSchema, NeedSchema
from app.api.pagination import page_of
from app.models import RecordKind, Role
from app.services import children as service
from app.services import needs as need_service

blp = Blueprint(
    "children", __name__, url_prefix="/children", description="Children's files (一人一档)"
)

COORDINATORS = (Role.coordinator,)
READERS = (Role.coordinator, Role.admin)
CHILD_ID = "<int(min=1, max=2147483647):child_id>"


@blp.route("/")
class Children(MethodView):
    @blp.access(*READERS)
    @blp.arguments(ChildQueryArgs, location="query")
    @blp.response(200, ChildSchema(many=True))
    @blp.paginate()
    def get(self, args, pagination_parameters):
        """List children of your area (admins: pseudonymous); every listing is audited"""
        actor = current_actor()
        items = page_of(service.search(actor=actor, session=g.db, **args), pagination_parameters)
        service.audit_list(items, actor=actor, session=g.db)
        return items

    @blp.access(*COORDINATORS)
    @blp.arguments(ChildCreateSchema)
    @blp.response(201, ChildSchema)
    def post(self, data):
        """Open a child's file in your area"""
        return service.create(data, actor=current_actor(), session=g.db)


@blp.route(f"/{CHILD_ID}")
class ChildById(MethodView):
    @blp.access(*READERS)
    @blp.etag
    @blp.response(200, ChildSchema)
    @blp.alt_response(404, description="No such child in your area")
    def get(self, child_id: int):
        """A child's file (the read is audited)"""
        return service.get(child_id, actor=current_actor(), session=g.db)

    @blp.access(*COORDINATORS)
    @blp.etag
    @blp.arguments(ChildUpdateSchema)
    @blp.response(200, ChildSchema)
    @blp.alt_response(404, description="No such child in your area")
    def patch(self, data, child_id: int):
        """Update a child's file; send the ETag you read as If-Match"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        blp.check_etag(child, ChildSchema)
        return service.update(child, data, actor=actor, session=g.db)


@blp.route(f"/{CHILD_ID}/risk")
class ChildRisk(MethodView):
    @blp.access(*COORDINATORS)
    @blp.etag
    @blp.arguments(RiskChangeSchema)
    @blp.response(200, ChildSchema)
    @blp.alt_response(404, description="No such child in your area")
    def put(self, data, child_id: int):
        """Set the guardianship risk level, with the reason; recorded in the file"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        blp.check_etag(child, ChildSchema)
        return service.set_risk(
            child, data["risk_level"], data["reason"], actor=actor, session=g.db
        )


@blp.route(f"/{CHILD_ID}/consent")
class ChildConsent(MethodView):
    @blp.access(*COORDINATORS)
    @blp.arguments(ConsentCreateSchema)
    @blp.response(201, ConsentSchema)
    @blp.alt_response(404, description="No such child in your area")
    def post(self, data, child_id: int):
        """Record the guardian's consent (supersedes an earlier one)"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        return service.record_consent(child, data, actor=actor, session=g.db)

    @blp.access(*COORDINATORS)
    @blp.response(204)
    @blp.alt_response(404, description="No such child in your area")
    @blp.alt_response(409, description="No consent to revoke")
    def delete(self, child_id: int):
        """Record that the guardian withdrew consent: the child's needs stop being matched"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        service.revoke_consent(child, actor=actor, session=g.db)


@blp.route(f"/{CHILD_ID}/records")
class ChildRecords(MethodView):
    @blp.access(*COORDINATORS)
    @blp.arguments(RecordQueryArgs, location="query")
    @blp.response(200, RecordSchema(many=True))
    @blp.paginate()
    @blp.alt_response(404, description="No such child in your area")
    def get(self, args, child_id: int, pagination_parameters):
        """The file's history: visits, work log, assistance, problems, changes"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_history")
        return page_of(service.history(child, session=g.db, **args), pagination_parameters)

    @blp.access(*COORDINATORS)
    @blp.arguments(RecordCreateSchema)
    @blp.response(201, RecordSchema)
    @blp.alt_response(404, description="No such child in your area")
    def post(self, data, child_id: int):
        """Add a work-log entry, an assistance record or a problem found"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        return service.write_entry(
            child, RecordKind(data["kind"]), data["body"], actor=actor, session=g.db
        )


@blp.route(f"/{CHILD_ID}/records/<int(min=1, max=2147483647):record_id>/resolution")
class ProblemResolution(MethodView):
    @blp.access(*COORDINATORS)
    @blp.arguments(ResolveSchema)
    @blp.response(200, RecordSchema)
    @blp.alt_response(404, description="No such problem record")
    @blp.alt_response(409, description="Already resolved")
    def put(self, data, child_id: int, record_id: int):
        """Record how a problem found was solved"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        return service.resolve_problem(
            child, record_id, data["resolution"], actor=actor, session=g.db
        )


@blp.route(f"/{CHILD_ID}/needs")
class ChildNeeds(MethodView):
    @blp.access(*COORDINATORS)
    @blp.arguments(NeedCreateSchema)
    @blp.response(201, NeedSchema)
    @blp.alt_response(404, description="No such child in your area")
    def post(self, data, child_id: int):
        """Add a need to the child's need list (需求清单)"""
        actor = current_actor()
        child = service.get(child_id, actor=actor, session=g.db, purpose="read_for_update")
        return need_service.create(child, data, actor=actor, session=g.db)
