from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.common import (
    QueryArgs,
    StrictSchema,
    VisibleFilters,
    region_code_field,
)
from app.models import ChildCategory, Gender, RecordKind, RiskLevel
from app.services import children as service
from app.services.inputs import (  # noqa: F401 (the input rules live in the services layer)
    DISABILITY_TYPES,
    PHONE,
    ChildCreateSchema,
    ChildUpdateSchema,
    ConsentCreateSchema,
    ContactSchema,
    DisabilitySchema,
    EntrustedCareSchema,
)
from app.services.users import Actor


class ConsentSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    given_on = ma.fields.Date(dump_only=True)
    scope = ma.fields.List(ma.fields.String(), dump_only=True)
    evidence_ref = ma.fields.String(dump_only=True)
    recorded_at = ma.fields.DateTime(dump_only=True)
    guardian_name = ma.fields.Function(lambda c: c.guardian.get("name"), dump_only=True)
    guardian_relation = ma.fields.Function(lambda c: c.guardian.get("relation"), dump_only=True)


class ChildSchema(RoleFilteredSchema):
    """A child's file. The child's coordinators see it whole; everyone else a pseudonymous
    code, an age band and the township, nothing more."""

    visible_to = {"other": ("code", "age_band", "township_code", "id")}

    def audience(self, actor: Actor, obj: Any) -> str:
        return "coordinator" if service.coordinates_child(actor, obj) else "other"

    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(dump_only=True, metadata={"description": "Pseudonymous code"})
    age_band = ma.fields.Function(
        lambda c: service.age_band(c.age_on(date.today())), dump_only=True
    )
    township_code = ma.fields.String(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    name = ma.fields.Function(lambda c: c.pii.get("name"), dump_only=True)
    id_number = ma.fields.Function(lambda c: c.pii.get("id_number"), dump_only=True)
    phone = ma.fields.Function(lambda c: c.pii.get("phone"), dump_only=True)
    address = ma.fields.Function(lambda c: c.pii.get("address"), dump_only=True)
    guardian = ma.fields.Function(lambda c: c.pii.get("guardian"), dump_only=True)
    entrusted_care = ma.fields.Function(lambda c: c.pii.get("entrusted_care"), dump_only=True)
    birth_date = ma.fields.Date(dump_only=True)
    age = ma.fields.Function(lambda c: c.age_on(date.today()), dump_only=True)
    gender = ma.fields.Enum(Gender, dump_only=True, allow_none=True)
    lat = ma.fields.Float(dump_only=True)
    lon = ma.fields.Float(dump_only=True)
    categories = ma.fields.List(ma.fields.String(), dump_only=True)
    disability = ma.fields.Dict(dump_only=True, allow_none=True)
    risk_level = ma.fields.Enum(RiskLevel, dump_only=True)
    risk_changed_at = ma.fields.DateTime(dump_only=True)
    consent = ma.fields.Function(
        lambda c: ConsentSchema().dump(c.active_consent) if c.active_consent else None,
        dump_only=True,
    )
    matchable = ma.fields.Function(lambda c: service.matchable(c), dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class ChildQueryArgs(VisibleFilters):
    """Admins read files pseudonymously: code, age band and township."""

    refused = {"admin": ("category", "risk_level")}
    township_or_wider = ("admin",)

    region = region_code_field("Only children in or under this region")
    category = ma.fields.Enum(ChildCategory)
    risk_level = ma.fields.Enum(RiskLevel)
    q = ma.fields.String(
        validate=ma.validate.Length(min=1, max=50),
        metadata={"description": "Pseudonymous code; coordinators also the exact full name"},
    )


class RiskChangeSchema(StrictSchema):
    risk_level = ma.fields.Enum(RiskLevel, required=True)
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class RecordCreateSchema(StrictSchema):
    kind = ma.fields.String(
        required=True, validate=ma.validate.OneOf(["work_log", "assistance", "problem"])
    )
    body = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))


class ResolveSchema(StrictSchema):
    resolution = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))


class RecordSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    kind = ma.fields.Enum(RecordKind, dump_only=True)
    at = ma.fields.DateTime(dump_only=True)
    author_id = ma.fields.Integer(dump_only=True, allow_none=True)
    body = ma.fields.Raw(dump_only=True, allow_none=True)
    data = ma.fields.Dict(dump_only=True, allow_none=True)
    resolved_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    resolution = ma.fields.Raw(dump_only=True, allow_none=True)


class RecordQueryArgs(QueryArgs):
    kind = ma.fields.Enum(RecordKind)
