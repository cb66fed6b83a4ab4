from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from sqlalchemy import text

from app.api.base import Blueprint

blp = Blueprint("health", __name__, url_prefix="/health", description="Service health")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})
    database = ma.fields.String(required=True, metadata={"example": "sqlite"})


@blp.route("/")
class Health(MethodView):
    @blp.access(public=True)
    @blp.response(200, HealthSchema)
    def get(self):
        """Liveness and database reachability"""
        g.db.execute(text("SELECT 1"))
        return {"status": "ok", "database": g.db.get_bind().dialect.name}
