from __future__ import annotations

import marshmallow as ma

from app.api.common import (
    Day,
    LocationInput,
    PartialUpdate,
    QueryArgs,
    name_field,
    region_code_field,
)

CREDIT_CODE = ma.validate.Regexp(
    r"^[0-9A-HJ-NPQRTUWXY]{18}$", error="Not a unified social credit code."
)
CATEGORY = ma.fields.String(validate=ma.validate.Length(min=1, max=32))


class AgencyUpdateSchema(PartialUpdate, LocationInput):
    name = name_field(100)
    credit_code = ma.fields.String(validate=CREDIT_CODE, allow_none=True)
    categories = ma.fields.List(CATEGORY, validate=ma.validate.Length(max=12))
    skills = ma.fields.List(CATEGORY, validate=ma.validate.Length(max=30))
    staff_count = ma.fields.Integer(validate=ma.validate.Range(min=1, max=10000))
    caseload_capacity = ma.fields.Integer(validate=ma.validate.Range(min=0, max=100000))
    region_code = region_code_field("Where the agency is based")
    service_radius_km = ma.fields.Float(validate=ma.validate.Range(min=0, max=500), allow_nan=False)
    township_codes = ma.fields.List(
        region_code_field(),
        validate=ma.validate.Length(max=200),
        metadata={"description": "Townships it is contracted for"},
    )
    contract_start = Day(allow_none=True)
    contract_end = Day(allow_none=True)


class AgencyCreateSchema(AgencyUpdateSchema):
    name = name_field(100, required=True)
    categories = ma.fields.List(CATEGORY, required=True, validate=ma.validate.Length(min=1, max=12))
    region_code = region_code_field("Where the agency is based", required=True)


class AgencySchema(ma.Schema):
    """Public: the list of organisations that deliver services is published (003)."""

    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(dump_only=True)
    credit_code = ma.fields.String(dump_only=True, allow_none=True)
    categories = ma.fields.List(ma.fields.String(), dump_only=True)
    skills = ma.fields.List(ma.fields.String(), dump_only=True)
    staff_count = ma.fields.Integer(dump_only=True)
    caseload_capacity = ma.fields.Integer(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    lat = ma.fields.Float(dump_only=True)
    lon = ma.fields.Float(dump_only=True)
    service_radius_km = ma.fields.Float(dump_only=True)
    township_codes = ma.fields.List(ma.fields.String(), dump_only=True)
    contract_start = ma.fields.Date(dump_only=True, allow_none=True)
    contract_end = ma.fields.Date(dump_only=True, allow_none=True)


class AgencyQueryArgs(QueryArgs):
    region = region_code_field("Only those based in or under this region")
    category = CATEGORY
