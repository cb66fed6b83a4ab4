from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.common import (
    Day,
    LocationInput,
    PartialUpdate,
    QueryArgs,
    StrictSchema,
    VisibleFilters,
    name_field,
    region_code_field,
)
from app.models import ChildCategory, Gender, RecordKind, RiskLevel
from app.services import children as service
from app.services.users import Actor

DISABILITY_TYPES = ["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"]
PHONE = ma.validate.Regexp(r"^\+?[0-9 -]{5,20}$", error="Not a valid phone number.")


class ContactSchema(StrictSchema):
    name = name_field(50, required=True)
    relation = name_field(20, min_length=0, metadata={"example": "祖母"})
    phone = ma.fields.String(validate=PHONE)
    work_place = ma.fields.String(
        validate=ma.validate.Length(max=100), metadata={"description": "Parents: where they work"}
    )


class EntrustedCareSchema(StrictSchema):
    """委托监护确认书: parents, where they work, the entrusted carer, the period."""

    parents = ma.fields.List(ma.fields.Nested(ContactSchema), validate=ma.validate.Length(max=2))
    carer = ma.fields.Nested(ContactSchema)
    start = Day()
    end = Day()


class DisabilitySchema(StrictSchema):
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(DISABILITY_TYPES))
    grade = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=4))
    certificate_no = ma.fields.String(validate=ma.validate.Length(max=30))


class ChildUpdateSchema(PartialUpdate, LocationInput):
    name = name_field(50)
    id_number = ma.fields.String(
        validate=ma.validate.Regexp(r"^\d{17}[\dXx]$", error="Not a valid ID number.")
    )
    birth_date = Day()
    gender = ma.fields.Enum(Gender)
    phone = ma.fields.String(validate=PHONE)
    address = ma.fields.String(validate=ma.validate.Length(max=200))
    region_code = region_code_field("The child's village (12 digits)")
    categories = ma.fields.List(ma.fields.Enum(ChildCategory), validate=ma.validate.Length(max=9))
    disability = ma.fields.Nested(DisabilitySchema, allow_none=True)
    guardian = ma.fields.Nested(ContactSchema)
    entrusted_care = ma.fields.Nested(EntrustedCareSchema, allow_none=True)

    @ma.post_load
    def _plain(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("entrusted_care",):
            care = data.get(key)
            if care:
                data[key] = {
                    k: (v.isoformat() if isinstance(v, date) else v) for k, v in care.items()
                }
        if "categories" in data:
            data["categories"] = [c.value for c in data["categories"]]
        return data


class ChildCreateSchema(ChildUpdateSchema):
    name = name_field(50, required=True)
    region_code = region_code_field("The child's village (12 digits)", required=True)
    risk_level = ma.fields.Enum(RiskLevel, load_default=RiskLevel.low)


class ConsentSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    given_on = ma.fields.Date(dump_only=True)
    scope = ma.fields.List(ma.fields.String(), dump_only=True)
    evidence_ref = ma.fields.String(dump_only=True)
    recorded_at = ma.fields.DateTime(dump_only=True)
    guardian_name = ma.fields.Function(lambda c: c.guardian.get("name"), dump_only=True)
    guardian_relation = ma.fields.Function(lambda c: c.guardian.get("relation"), dump_only=True)


class ConsentCreateSchema(StrictSchema):
    guardian_name = name_field(50, required=True)
    guardian_relation = name_field(20, required=True)
    given_on = Day(required=True)
    scope = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(["matching", "visits", "sharing"])),
        required=True,
        validate=ma.validate.Length(min=1, max=3),
    )
    evidence_ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "Where the signed form is kept (archive number, scan id)"},
    )


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
