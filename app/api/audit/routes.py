"""The audit log, read-only: no endpoint alters or deletes it."""

from __future__ import annotations

from flask.views import MethodView

from app.api.audit.schemas import AuditEventSchema, AuditQueryArgs
from app.api.base import Blueprint
from app.api.pagination import SelectPage
from app.models import Role
from app.services import audit as service

blp = Blueprint("audit", __name__, url_prefix="/audit-events", description="Audit log")


@blp.route("/")
class AuditEvents(MethodView):
    @blp.access(Role.admin)
    @blp.arguments(AuditQueryArgs, location="query")
    @blp.response(200, AuditEventSchema(many=True))
    @blp.paginate(SelectPage)
    def get(self, args):
        """Query the audit log by user, action, object and time (admins)"""
        return service.query(**args)
