from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, StrictSchema, region_code_field
from app.models import Gender, ProviderType

SKILL = ma.fields.String(validate=ma.validate.Length(min=1, max=32))


class RecruitSchema(StrictSchema):
    category = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=32),
        metadata={"description": "A need category of services, e.g. tutoring"},
    )
    township_code = region_code_field(
        "Where they would live: a township of the run's region", required=True
    )
    skills = ma.fields.List(SKILL, load_default=list, validate=ma.validate.Length(max=20))
    capacity = ma.fields.Integer(
        load_default=1,
        validate=ma.validate.Range(min=1, max=200),
        metadata={"description": "Children each takes (an agency: its caseload)"},
    )
    count = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=50))
    radius_km = ma.fields.Float(
        load_default=10.0, allow_nan=False, validate=ma.validate.Range(min=0.5, max=100)
    )
    gender = ma.fields.Enum(Gender, allow_none=True, load_default=None)
    languages = ma.fields.List(SKILL, load_default=list, validate=ma.validate.Length(max=10))


class MoreCapacitySchema(StrictSchema):
    provider_type = ma.fields.Enum(ProviderType, required=True)
    provider_id = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    extra = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=1, max=100_000),
        metadata={"description": "More children (or units, for donors) it would take"},
    )


class WhatIfSchema(StrictSchema):
    recruit = ma.fields.List(
        ma.fields.Nested(RecruitSchema), load_default=list, validate=ma.validate.Length(max=20)
    )
    more_capacity = ma.fields.List(
        ma.fields.Nested(MoreCapacitySchema), load_default=list, validate=ma.validate.Length(max=50)
    )


class ByRiskSchema(ma.Schema):
    high = ma.fields.Integer(required=True)
    medium = ma.fields.Integer(required=True)
    low = ma.fields.Integer(required=True)


class SideSchema(ma.Schema):
    served_needs = ma.fields.Integer(required=True)
    served_priority = ma.fields.Integer(required=True)
    served_by_risk = ma.fields.Nested(ByRiskSchema, required=True)
    engine_status = ma.fields.String(required=True)


class GainSchema(ma.Schema):
    needs = ma.fields.Integer(required=True)
    priority = ma.fields.Integer(required=True)
    by_risk = ma.fields.Nested(ByRiskSchema, required=True)


class PlannedNeedSchema(ma.Schema):
    need_id = ma.fields.Integer(required=True)
    category = ma.fields.String(required=True)
    township_code = ma.fields.String(required=True)
    risk_level = ma.fields.String(required=True)


class WhatIfResultSchema(ma.Schema):
    run_id = ma.fields.Integer(required=True)
    region_code = ma.fields.String(required=True)
    read_at = ma.fields.DateTime(required=True, metadata={"description": "Inputs read as of"})
    open_needs = ma.fields.Integer(required=True)
    needs_considered = ma.fields.Integer(
        required=True, metadata={"description": "Needs the change could reach (solved again)"}
    )
    recruits = ma.fields.Integer(required=True)
    baseline = ma.fields.Nested(SideSchema, required=True)
    scenario = ma.fields.Nested(SideSchema, required=True)
    gain = ma.fields.Nested(GainSchema, required=True)
    newly_served = ma.fields.List(ma.fields.Nested(PlannedNeedSchema), required=True)
    no_longer_served = ma.fields.List(
        ma.fields.Nested(PlannedNeedSchema),
        required=True,
        metadata={"description": "Needs of lower priority the better plan leaves for others"},
    )


class RecruitingArgs(QueryArgs):
    per_township = ma.fields.Integer(load_default=2, validate=ma.validate.Range(min=1, max=10))
    capacity = ma.fields.Integer(load_default=2, validate=ma.validate.Range(min=1, max=50))
    radius_km = ma.fields.Float(
        load_default=10.0, allow_nan=False, validate=ma.validate.Range(min=0.5, max=100)
    )
    limit = ma.fields.Integer(load_default=30, validate=ma.validate.Range(min=1, max=100))


class SuggestionSchema(ma.Schema):
    township_code = ma.fields.String(required=True)
    township = ma.fields.String(required=True)
    category = ma.fields.String(required=True)
    category_label = ma.fields.String(required=True)
    skills = ma.fields.List(ma.fields.String(), required=True)
    unserved_needs = ma.fields.Integer(required=True)
    unserved_priority = ma.fields.Integer(required=True)
    unserved_by_risk = ma.fields.Nested(ByRiskSchema, required=True)
    reasons = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Integer(),
        required=True,
        metadata={"description": "Binding reason code -> needs"},
    )
    gain_of_one = ma.fields.Nested(GainSchema, required=True)
