from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import g

from app.api.base import RoleFilteredSchema
from app.api.common import QueryArgs, StrictSchema, VisibleFilters, region_code_field
from app.api.matching import explain
from app.api.needs.schemas import NeedSchema
from app.models import (
    PairingStatus,
    ProposalStatus,
    ProviderType,
    RiskLevel,
    RunStage,
    RunStatus,
    RunTrigger,
)
from app.services import overview
from app.services.match_runs import change_context

EXPLANATION = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "Stable reason code"},
        "message": {"type": "string", "description": "The reason, in the caller's language"},
        "details": {"type": "object", "description": "The numbers behind it"},
        "others": {
            "type": "integer",
            "nullable": True,
            "description": "How many other providers could have served the need",
        },
    },
}


TEXT = {"type": "string", "nullable": True}
PROVIDER = {
    "type": "object",
    "properties": {
        "name": {
            "type": "string",
            "description": "A volunteer's name, an agency's, a resource's title",
        },
        "organization": {
            "type": "string",
            "nullable": True,
            "description": "A resource's organisation",
        },
        "region_code": {"type": "string"},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
    },
}


class MatchRunCreateSchema(StrictSchema):
    region_code = region_code_field("The county (or any region of yours) to match", required=True)
    time_limit_s = ma.fields.Float(
        allow_nan=False,
        validate=ma.validate.Range(min=1, max=600),
        metadata={
            "description": "Seconds for the engine's CP-SAT stage (default: the deployment's)"
        },
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
    error_code = ma.fields.String(dump_only=True, allow_none=True)
    previous_run_id = ma.fields.Integer(dump_only=True, allow_none=True)
    stage = ma.fields.Enum(RunStage, dump_only=True)
    progress = ma.fields.Float(dump_only=True, metadata={"description": "0 to 1"})
    attempt = ma.fields.Integer(dump_only=True)
    next_attempt_at = ma.fields.DateTime(
        dump_only=True, allow_none=True, metadata={"description": "When a failed run is retried"}
    )
    summary = ma.fields.Method(
        "_summary", dump_only=True, metadata={"description": "What the run did, in words"}
    )

    def _summary(self, run) -> str:  # type: ignore[no-untyped-def]
        return explain.run_summary(run.figures, run.status.value, run.error_code)


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
    version = ma.fields.Integer(dump_only=True, metadata={"description": "For decisions"})
    kept = ma.fields.Boolean(dump_only=True, metadata={"description": "Also proposed last run"})
    explanation = ma.fields.Method(
        "_explanation", dump_only=True, metadata={"description": "Why", **EXPLANATION}
    )
    provider = ma.fields.Method(
        "_provider",
        dump_only=True,
        allow_none=True,
        metadata={"description": "Who: the provider's name and place", **PROVIDER},
    )
    status = ma.fields.Enum(ProposalStatus, dump_only=True)
    decided_by = ma.fields.Integer(dump_only=True, allow_none=True)
    decided_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    reason = ma.fields.String(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)

    def _explanation(self, proposal) -> dict:  # type: ignore[no-untyped-def,type-arg]
        return explain.explanation(proposal.explanation)

    @ma.pre_dump(pass_collection=True)
    def _load_providers(self, data: Any, many: bool, **_: Any) -> Any:
        # one query per kind of provider for a whole page, not one per row
        rows = list(data) if many else [data]
        self._briefs = overview.provider_briefs(
            g.db, {(p.provider_type, p.provider_id) for p in rows}
        )
        return rows if many else data

    def _provider(self, proposal) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
        briefs = getattr(self, "_briefs", {})
        return briefs.get((proposal.provider_type, proposal.provider_id))


class ProposalEtagSchema(ma.Schema):
    """What a proposal's ETag covers: its identity and version (not the language it is read
    in)."""

    id = ma.fields.Integer()
    version = ma.fields.Integer()


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
    provider_type = ma.fields.Enum(ProviderType)
    run_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))


class RejectSchema(StrictSchema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class ApprovalItemSchema(StrictSchema):
    id = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    version = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "The proposal's `version` as you read it (412 if it moved)"},
    )


class RejectionItemSchema(ApprovalItemSchema):
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class DecisionsSchema(StrictSchema):
    approve = ma.fields.List(
        ma.fields.Nested(ApprovalItemSchema),
        load_default=list,
        validate=ma.validate.Length(max=500),
    )
    reject = ma.fields.List(
        ma.fields.Nested(RejectionItemSchema),
        load_default=list,
        validate=ma.validate.Length(max=500),
    )

    @ma.validates_schema
    def _decides_something(self, data: dict, **_: object) -> None:  # type: ignore[type-arg]
        if not data.get("approve") and not data.get("reject"):
            raise ma.ValidationError("Decide on at least one proposal.", "approve")
        ids = [i["id"] for i in data.get("approve", []) + data.get("reject", [])]
        if len(ids) != len(set(ids)):
            raise ma.ValidationError("A proposal appears twice.", "approve")


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
    delivered_at = ma.fields.DateTime(
        dump_only=True, allow_none=True, metadata={"description": "Goods signed for (签收)"}
    )


class PairingQueryArgs(QueryArgs):
    status = ma.fields.Enum(PairingStatus)


class ChangeSchema(RoleFilteredSchema):
    hidden_from = {"admin": ("child_name",)}

    need_id = ma.fields.Integer(required=True)
    provider_type = ma.fields.Enum(ProviderType, required=True)
    provider_id = ma.fields.Integer(required=True)
    change = ma.fields.String(required=True, metadata={"description": "new, kept or gone"})
    why = ma.fields.String(allow_none=True, metadata={"description": "Why it is gone (a code)"})
    why_text = ma.fields.Function(
        lambda row: explain.render(row.why),
        dump_only=True,
        allow_none=True,
        metadata={"description": "Why it is gone, in the caller's language"},
    )
    proposal_id = ma.fields.Integer(
        allow_none=True, metadata={"description": "This run's proposal (new or kept)"}
    )
    status = ma.fields.Method(
        "_status",
        allow_none=True,
        metadata={
            "description": "What became of this run's proposal: pending, approved...",
            **TEXT,
        },
    )
    category_code = ma.fields.Method("_category", allow_none=True, metadata=TEXT)
    child_code = ma.fields.Method("_child_code", allow_none=True, metadata=TEXT)
    child_name = ma.fields.Method(
        "_child_name",
        allow_none=True,
        metadata={"description": "The child's coordinators only", **TEXT},
    )
    provider_name = ma.fields.Method("_provider_name", allow_none=True, metadata=TEXT)

    @ma.pre_dump(pass_collection=True)
    def _load_names(self, data: Any, many: bool, **_: Any) -> Any:
        rows = list(data) if many else [data]
        self._needs, self._statuses = change_context(g.db, rows)
        self._briefs = overview.provider_briefs(
            g.db, {(ProviderType(r.provider_type), r.provider_id) for r in rows}
        )
        return rows if many else data

    def _status(self, row: Any) -> str | None:
        return self._statuses.get(row.proposal_id) if row.proposal_id else None

    def _category(self, row: Any) -> str | None:
        need = self._needs.get(row.need_id)
        return need.category_code if need else None

    def _child_code(self, row: Any) -> str | None:
        need = self._needs.get(row.need_id)
        return need.child.code if need else None

    def _child_name(self, row: Any) -> str | None:
        need = self._needs.get(row.need_id)
        return need.child.pii.get("name") if need else None

    def _provider_name(self, row: Any) -> str | None:
        brief = self._briefs.get((ProviderType(row.provider_type), row.provider_id))
        return brief["name"] if brief else None


class UnservedSchema(ma.Schema):
    need_id = ma.fields.Function(lambda row: row[0].need_id, dump_only=True)
    category_code = ma.fields.Function(lambda row: row[1], dump_only=True)
    township_code = ma.fields.Function(lambda row: row[2], dump_only=True)
    risk_level = ma.fields.Function(lambda row: row[3].value, dump_only=True)
    code = ma.fields.Function(lambda row: row[0].code, dump_only=True)
    message = ma.fields.Function(
        lambda row: explain.render(row[0].code, row[0].details), dump_only=True
    )
    details = ma.fields.Function(lambda row: row[0].details or {}, dump_only=True)


class UnservedQueryArgs(QueryArgs):
    reason = ma.fields.String(validate=ma.validate.Length(min=1, max=48))
    township = region_code_field("Only needs of children of this township")
    category = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
