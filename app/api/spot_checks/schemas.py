from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, StrictSchema, region_code_field
from app.models import RiskLevel


class SpotCheckCreateSchema(StrictSchema):
    region_code = region_code_field("The region checked (usually your county)", required=True)
    year = ma.fields.Integer(required=True, validate=ma.validate.Range(min=2000, max=2100))
    share = ma.fields.Float(
        load_default=0.1,
        allow_nan=False,
        validate=ma.validate.Range(min=0.01, max=1.0),
        metadata={"description": "Share of each township's files (default 10 %)"},
    )
    minimum = ma.fields.Integer(
        load_default=3,
        validate=ma.validate.Range(min=1, max=100),
        metadata={"description": "At least this many files per township (default 3)"},
    )
    seed = ma.fields.Integer(
        validate=ma.validate.Range(min=0, max=2**31 - 1),
        metadata={"description": "Draw again with a known seed (default: a new random one)"},
    )


class SpotCheckQueryArgs(QueryArgs):
    year = ma.fields.Integer(validate=ma.validate.Range(min=2000, max=2100))


class SpotCheckSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    year = ma.fields.Integer(dump_only=True)
    seed = ma.fields.Integer(dump_only=True, metadata={"description": "Draws the same sample"})
    share = ma.fields.Float(dump_only=True)
    minimum = ma.fields.Integer(dump_only=True)
    population = ma.fields.Integer(dump_only=True, metadata={"description": "Files drawn from"})
    created_by = ma.fields.Integer(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class SpotCheckSummaryRowSchema(ma.Schema):
    sampled = ma.fields.Integer(required=True)
    checked = ma.fields.Integer(required=True)
    info_complete = ma.fields.Integer(required=True)
    visits_on_rhythm = ma.fields.Integer(required=True)
    consent_recorded = ma.fields.Integer(required=True)
    problems_resolved = ma.fields.Integer(required=True)
    passed = ma.fields.Integer(required=True, metadata={"description": "All four criteria"})
    pass_rate = ma.fields.Float(allow_none=True, required=True)


class SpotCheckRiskSummarySchema(SpotCheckSummaryRowSchema):
    risk_level = ma.fields.String(required=True)


class SpotCheckTownshipSummarySchema(SpotCheckSummaryRowSchema):
    township_code = ma.fields.String(required=True)
    township = ma.fields.String(required=True)


class SpotCheckSummarySchema(ma.Schema):
    total = ma.fields.Nested(SpotCheckSummaryRowSchema, required=True)
    by_risk = ma.fields.List(ma.fields.Nested(SpotCheckRiskSummarySchema), required=True)
    by_township = ma.fields.List(ma.fields.Nested(SpotCheckTownshipSummarySchema), required=True)


class SpotCheckDetailSchema(SpotCheckSchema):
    summary = ma.fields.Nested(SpotCheckSummarySchema, dump_only=True)


class SpotCheckItemQueryArgs(QueryArgs):
    township = region_code_field("Only files of this township")
    unchecked = ma.fields.Boolean(load_default=False)


class SpotCheckItemSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    child_id = ma.fields.Integer(dump_only=True)
    child_code = ma.fields.String(dump_only=True)
    township_code = ma.fields.String(dump_only=True)
    township = ma.fields.String(dump_only=True)
    risk_level = ma.fields.Enum(RiskLevel, dump_only=True, metadata={"description": "When drawn"})
    info_complete = ma.fields.Boolean(dump_only=True, allow_none=True)
    visits_on_rhythm = ma.fields.Boolean(dump_only=True, allow_none=True)
    consent_recorded = ma.fields.Boolean(dump_only=True, allow_none=True)
    problems_resolved = ma.fields.Boolean(dump_only=True, allow_none=True)
    note = ma.fields.String(dump_only=True, allow_none=True)
    checked_by = ma.fields.Integer(dump_only=True, allow_none=True)
    checked_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    version = ma.fields.Integer(dump_only=True)


class SpotCheckItemDetailSchema(SpotCheckItemSchema):
    facts = ma.fields.Dict(
        dump_only=True,
        metadata={"description": "What the file shows for each criterion (the checker decides)"},
    )


class SpotCheckRecordSchema(StrictSchema):
    info_complete = ma.fields.Boolean(required=True)
    visits_on_rhythm = ma.fields.Boolean(required=True)
    consent_recorded = ma.fields.Boolean(required=True)
    problems_resolved = ma.fields.Boolean(required=True)
    note = ma.fields.String(validate=ma.validate.Length(max=2000))
