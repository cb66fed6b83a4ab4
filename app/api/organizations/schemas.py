from __future__ import annotations

import marshmallow as ma

from app.api.agencies.schemas import CREDIT_CODE
from app.api.common import (
    LocationInput,
    PartialUpdate,
    QueryArgs,
    name_field,
    region_code_field,
)
from app.models import OrgKind, ResourceKind, ResourceStatus


class OrganizationUpdateSchema(PartialUpdate, LocationInput):
    name = name_field(100)
    credit_code = ma.fields.String(validate=CREDIT_CODE, allow_none=True)
    alliance_member = ma.fields.Boolean(metadata={"description": "晋爱同行企业助残联盟"})
    region_code = region_code_field("Where it is based")


class OrganizationCreateSchema(OrganizationUpdateSchema):
    kind = ma.fields.Enum(OrgKind, required=True)
    name = name_field(100, required=True)
    region_code = region_code_field("Where it is based", required=True)


class OrganizationSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    kind = ma.fields.Enum(OrgKind, dump_only=True)
    name = ma.fields.String(dump_only=True)
    credit_code = ma.fields.String(dump_only=True, allow_none=True)
    alliance_member = ma.fields.Boolean(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    lat = ma.fields.Float(dump_only=True)
    lon = ma.fields.Float(dump_only=True)


class OrganizationQueryArgs(QueryArgs):
    region = region_code_field("Only those based in or under this region")
    kind = ma.fields.Enum(OrgKind)
    alliance_member = ma.fields.Boolean()


class ResourceCreateSchema(LocationInput):
    category_code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=32))
    title = name_field(100, required=True)
    item_code = ma.fields.String(
        validate=ma.validate.Length(min=1, max=32),
        metadata={"description": "Goods: the item, from /aid-items/?kind=goods"},
    )
    quantity = ma.fields.Float(
        validate=ma.validate.Range(min=0, min_inclusive=False, max=1e7), allow_nan=False
    )
    unit = ma.fields.String(validate=ma.validate.Length(min=1, max=16))
    amount = ma.fields.Float(
        validate=ma.validate.Range(min=0, min_inclusive=False, max=1e9),
        allow_nan=False,
        metadata={"description": "Yuan"},
    )
    allowed_uses = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(min=1, max=32)),
        validate=ma.validate.Length(max=10),
        metadata={"description": "Funds: purposes it may pay for (none: any purpose)"},
    )
    posts = ma.fields.Integer(validate=ma.validate.Range(min=1, max=10000))
    min_age = ma.fields.Integer(validate=ma.validate.Range(min=16, max=60))
    autism_friendly = ma.fields.Boolean()
    region_code = region_code_field("Pickup place (default: the organisation's)")
    delivery_radius_km = ma.fields.Float(
        validate=ma.validate.Range(min=0, max=2000), allow_nan=False
    )


class ResourceSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    organization_id = ma.fields.Integer(dump_only=True)
    kind = ma.fields.Enum(ResourceKind, dump_only=True)
    category_code = ma.fields.String(dump_only=True)
    title = ma.fields.String(dump_only=True)
    item_code = ma.fields.String(dump_only=True, allow_none=True)
    quantity = ma.fields.Float(dump_only=True, allow_none=True)
    unit = ma.fields.String(dump_only=True, allow_none=True)
    amount = ma.fields.Float(dump_only=True, allow_none=True)
    allowed_uses = ma.fields.List(ma.fields.String(), dump_only=True)
    posts = ma.fields.Integer(dump_only=True, allow_none=True)
    min_age = ma.fields.Integer(dump_only=True, allow_none=True)
    autism_friendly = ma.fields.Boolean(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    lat = ma.fields.Float(dump_only=True)
    lon = ma.fields.Float(dump_only=True)
    delivery_radius_km = ma.fields.Float(dump_only=True)
    status = ma.fields.Enum(ResourceStatus, dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


class ResourceQueryArgs(QueryArgs):
    organization_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))
    kind = ma.fields.Enum(ResourceKind)
    region = region_code_field("Only resources picked up in or under this region")
    category = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
