from __future__ import annotations

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.common import QueryArgs, StrictSchema, VisibleFilters, region_code_field
from app.api.needs.schemas import NeedSchema
from app.models import PairingStatus, ProposalStatus, ProviderType, RiskLevel, RunStatus, RunTrigger


class MatchRunCreateSchema(StrictSchema):
    region_code = region_code_field("The county (or any region of yours) to match", required=True)
    time_limit_s = ma.fields.Float(
        load_default=60.0, allow_nan=False, validate=ma.validate.Range(min=1, max=600)
    )
    seed = ma.fields.Integer(load_default=0, validate=ma.validate.Range(min=0, max=2**31 - 1))


class MatchRunSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    period = ma.fields.String(dump_only=True, allow_none=True)
    trigger = ma.fields.Enum(RunTrigger, dump_only=True)
    started_by = ma.fields.Integer(dump_only=True, allow_none=True)
    status = ma.fields.Enum(RunStatus, dump_only=True)
    parameters = ma.fields.Dict(dump_only=True)
    policy = ma.fields.Dict(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    started_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    finished_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    timings = ma.fields.Dict(dump_only=True)
    engine_status = ma.fields.String(dump_only=True, allow_none=True)
    gap = ma.fields.Float(dump_only=True, allow_none=True)
    figures = ma.fields.Dict(dump_only=True)
    error = ma.fields.String(dump_only=True, allow_none=True)
    previous_run_id = ma.fields.Integer(dump_only=True, allow_none=True)


class MatchRunQueryArgs(QueryArgs):
    region = region_code_field("Runs of this region")
    status = ma.fields.Enum(RunStatus)


class ProposalSchema(RoleFilteredSchema):
    hidden_from = {"admin": ("reason",)}

    id = ma.fields.Integer(dump_only=True)
    run_id = ma.fields.Integer(dump_only=True)
    need = ma.fields.Nested(NeedSchema, dump_only=True)
    provider_type = ma.fields.Enum(ProviderType, dump_only=True)
    provider_id = ma.fields.Integer(dump_only=True)
    amount = ma.fields.Integer(dump_only=True)
    distance_km = ma.fields.Float(dump_only=True)
    priority = ma.fields.Integer(dump_only=True)
    explanation = ma.fields.Dict(dump_only=True)
    status = ma.fields.Enum(ProposalStatus, dump_only=True)
    decided_by = ma.fields.Integer(dump_only=True, allow_none=True)
    decided_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    reason = ma.fields.String(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class ProposalQueryArgs(VisibleFilters):
    """Admins see the child of a proposal pseudonymously."""

    refused = {"admin": ("risk_level",)}
    township_or_wider = ("admin",)

    status = ma.fields.Enum(ProposalStatus, metadata={"description": "Default: pending"})
    region = region_code_field(
        "Only proposals for children in or under this region (e.g. a township)"
    )
    category = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
    risk_level = ma.fields.Enum(RiskLevel)
    run_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))


class RejectSchema(StrictSchema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class RejectionItemSchema(StrictSchema):
    id = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class DecisionsSchema(StrictSchema):
    approve = ma.fields.List(
        ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1)),
        load_default=list,
        validate=ma.validate.Length(max=500),
    )
    reject = ma.fields.List(
        ma.fields.Nested(RejectionItemSchema),
        load_default=list,
        validate=ma.validate.Length(max=500),
    )


class DecisionsResultSchema(ma.Schema):
    approved = ma.fields.List(ma.fields.Integer(), required=True)
    rejected = ma.fields.List(ma.fields.Integer(), required=True)


class PairingSchema(RoleFilteredSchema):
    hidden_from = {"admin": ("end_reason",)}

    id = ma.fields.Integer(dump_only=True)
    need = ma.fields.Nested(NeedSchema, dump_only=True)
    proposal_id = ma.fields.Integer(dump_only=True, allow_none=True)
    provider_type = ma.fields.Enum(ProviderType, dump_only=True)
    provider_id = ma.fields.Integer(dump_only=True)
    amount = ma.fields.Integer(dump_only=True)
    status = ma.fields.Enum(PairingStatus, dump_only=True)
    approved_at = ma.fields.DateTime(dump_only=True)
    responded_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    ended_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    end_reason = ma.fields.String(dump_only=True, allow_none=True)


class PairingQueryArgs(QueryArgs):
    status = ma.fields.Enum(PairingStatus)


class ChangeSchema(ma.Schema):
    need_id = ma.fields.Integer(required=True)
    provider_type = ma.fields.String(required=True)
    provider_id = ma.fields.Integer(required=True)
    change = ma.fields.String(required=True, metadata={"description": "new, kept or gone"})
    why = ma.fields.String(allow_none=True)
