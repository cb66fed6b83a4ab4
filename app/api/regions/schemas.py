from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, StrictSchema, name_field, region_code_field
from app.models import RegionLevel


class RegionSchema(ma.Schema):
    code = ma.fields.String(dump_only=True, metadata={"example": "350582000000"})
    name = ma.fields.String(dump_only=True, metadata={"example": "晋江市"})
    level = ma.fields.Enum(RegionLevel, dump_only=True)
    parent_code = ma.fields.String(dump_only=True, allow_none=True)
    lat = ma.fields.Float(dump_only=True, allow_none=True)
    lon = ma.fields.Float(dump_only=True, allow_none=True)


class RegionCreateSchema(StrictSchema):
    code = region_code_field("9-digit township or 12-digit village statistical code", required=True)
    name = name_field(100, required=True)
    parent_code = region_code_field("The county (for a township) or township", required=True)
    lat = ma.fields.Float(validate=ma.validate.Range(min=-90, max=90), allow_nan=False)
    lon = ma.fields.Float(validate=ma.validate.Range(min=-180, max=180), allow_nan=False)


class RegionQueryArgs(QueryArgs):
    parent = region_code_field("Children of this region")
    level = ma.fields.Enum(RegionLevel)
    q = ma.fields.String(
        validate=ma.validate.Length(min=1, max=50),
        metadata={"description": "Name contains, or code starts with"},
    )
