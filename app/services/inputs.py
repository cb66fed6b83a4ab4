"""Input schemas of children's files, consents and needs: the rules a file or a need must
meet, whoever gives it (the API's request bodies reuse these classes; the ledger loads its
rows through them)."""

from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma

from app.models import ChildCategory, Gender, RiskLevel, Urgency
from app.services.validation import (
    Day,
    LocationInput,
    PartialUpdate,
    StrictSchema,
    name_field,
    region_code_field,
)

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


SKILL = ma.fields.String(validate=ma.validate.Length(min=1, max=32))


class NeedUpdateSchema(PartialUpdate, StrictSchema):
    item_code = ma.fields.String(
        validate=ma.validate.Length(min=1, max=32),
        metadata={"description": "Goods: the item (书包文具...); funds: the purpose (学费...)"},
    )
    skills = ma.fields.List(SKILL, validate=ma.validate.Length(max=10))
    in_person = ma.fields.Boolean()
    hours_per_week = ma.fields.Float(validate=ma.validate.Range(min=0.5, max=40), allow_nan=False)
    quantity = ma.fields.Float(
        validate=ma.validate.Range(min=0, min_inclusive=False, max=1e6), allow_nan=False
    )
    unit = ma.fields.String(validate=ma.validate.Length(min=1, max=16))
    amount = ma.fields.Float(
        validate=ma.validate.Range(min=0, min_inclusive=False, max=1e8),
        allow_nan=False,
        metadata={"description": "Yuan"},
    )
    urgency = ma.fields.Enum(Urgency)
    recurring = ma.fields.Boolean()
    preferred_gender = ma.fields.Enum(
        Gender, allow_none=True, metadata={"description": "A hard preference"}
    )
    languages = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(min=1, max=16)),
        validate=ma.validate.Length(max=5),
        metadata={"description": "e.g. sign, minnan"},
    )
    description = ma.fields.String(validate=ma.validate.Length(max=500), allow_none=True)

    @ma.post_load
    def _lists(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("skills", "languages"):
            if key in data:
                data[key] = sorted(set(data[key]))
        return data


class NeedCreateSchema(NeedUpdateSchema):
    category_code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=32))
