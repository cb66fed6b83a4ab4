from __future__ import annotations

import marshmallow as ma

from app.api.common import Instant, QueryArgs


class AuditEventSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    at = ma.fields.DateTime(dump_only=True)
    actor_id = ma.fields.Integer(dump_only=True, allow_none=True)
    actor_role = ma.fields.String(dump_only=True, allow_none=True)
    action = ma.fields.String(dump_only=True)
    object_type = ma.fields.String(dump_only=True, allow_none=True)
    object_id = ma.fields.String(dump_only=True, allow_none=True)
    outcome = ma.fields.String(dump_only=True)
    ip = ma.fields.String(dump_only=True, allow_none=True)
    user_agent = ma.fields.String(dump_only=True, allow_none=True)
    detail = ma.fields.Dict(dump_only=True, allow_none=True)


class AuditQueryArgs(QueryArgs):
    actor_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))
    action = ma.fields.String(validate=ma.validate.Length(max=64))
    object_type = ma.fields.String(validate=ma.validate.Length(max=32))
    object_id = ma.fields.String(validate=ma.validate.Length(max=64))
    since = Instant(metadata={"description": "From this instant (inclusive)"})
    until = Instant(metadata={"description": "Before this instant"})
