from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, region_code_field
from app.api.matching.schemas import MatchRunSchema


class OverviewArgs(QueryArgs):
    region = region_code_field("A region of yours (default: all your areas; admins: everywhere)")


class HighRiskSchema(ma.Schema):
    with_needs = ma.fields.Integer(
        required=True, metadata={"description": "High-risk children with needs being met"}
    )
    served = ma.fields.Integer(
        required=True, metadata={"description": "Of those, children with a live pairing"}
    )
    share = ma.fields.Float(
        required=True, allow_none=True, metadata={"description": "served / with_needs"}
    )


class OverviewSchema(ma.Schema):
    region_code = ma.fields.String(required=True, allow_none=True)
    area_name = ma.fields.String(required=True)
    children_total = ma.fields.Integer(required=True)
    children_by_risk = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.Integer(), required=True
    )
    children_by_category = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Integer(),
        required=True,
        metadata={"description": "A child may be in several categories"},
    )
    needs = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Integer(),
        required=True,
        metadata={"description": "Needs by status"},
    )
    proposals_pending = ma.fields.Integer(required=True)
    high_risk = ma.fields.Nested(HighRiskSchema, required=True)
    visits_overdue = ma.fields.Integer(
        required=True, metadata={"description": "Children whose visit or contact is overdue"}
    )
    urgent_reports_open = ma.fields.Integer(required=True)
    last_run = ma.fields.Nested(MatchRunSchema, required=True, allow_none=True)
    next_run_at = ma.fields.DateTime(
        required=True, allow_none=True, metadata={"description": "The weekly recompute's next"}
    )


class MapArgs(QueryArgs):
    region = region_code_field("A township or county of yours (default: all your areas)")


class MapChildSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True, metadata={"description": "Pseudonymous code"})
    name = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "Coordinators only"}
    )
    risk_level = ma.fields.String(required=True)
    township_code = ma.fields.String(required=True)
    lat = ma.fields.Float(required=True)
    lon = ma.fields.Float(required=True)


class MapProviderSchema(ma.Schema):
    provider_type = ma.fields.String(required=True)
    provider_id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    organization = ma.fields.String(required=True, allow_none=True)
    region_code = ma.fields.String(required=True)
    lat = ma.fields.Float(required=True)
    lon = ma.fields.Float(required=True)


class MapLineSchema(ma.Schema):
    child_id = ma.fields.Integer(required=True)
    need_id = ma.fields.Integer(required=True)
    category_code = ma.fields.String(required=True)
    provider_type = ma.fields.String(required=True)
    provider_id = ma.fields.Integer(required=True)
    state = ma.fields.String(required=True, metadata={"description": "proposed or approved"})
    proposal_id = ma.fields.Integer(required=True, allow_none=True)
    pairing_id = ma.fields.Integer(required=True, allow_none=True)


class MapSchema(ma.Schema):
    region_code = ma.fields.String(required=True, allow_none=True)
    area_name = ma.fields.String(required=True)
    truncated = ma.fields.Boolean(
        required=True, metadata={"description": "More children than the map shows"}
    )
    children = ma.fields.List(ma.fields.Nested(MapChildSchema), required=True)
    providers = ma.fields.List(ma.fields.Nested(MapProviderSchema), required=True)
    lines = ma.fields.List(ma.fields.Nested(MapLineSchema), required=True)
