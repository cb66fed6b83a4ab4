from __future__ import annotations

from typing import Any

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.common import Day, LocationInput, QueryArgs, StrictSchema, region_code_field
from app.models import CheckState, Gender, Transport

NAME = ma.fields.String(validate=ma.validate.Length(min=1, max=32))


class SlotSchema(StrictSchema):
    weekday = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=0, max=6),
        metadata={"description": "0 = Monday"},
    )
    start = ma.fields.String(
        required=True, validate=ma.validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$")
    )
    end = ma.fields.String(required=True, validate=ma.validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$"))

    @ma.validates_schema
    def _ordered(self, data: dict[str, Any], **_: Any) -> None:
        if data["end"] <= data["start"]:
            raise ma.ValidationError("The slot ends before it starts.", "end")


class VolunteerProfileSchema(LocationInput):
    """What a volunteer registers from the phone (five minutes, one screen)."""

    gender = ma.fields.Enum(Gender, allow_none=True)
    skills = ma.fields.List(
        NAME,
        load_default=list,
        validate=ma.validate.Length(max=20),
        metadata={"description": "Self-declared; coordinators verify"},
    )
    categories = ma.fields.List(NAME, required=True, validate=ma.validate.Length(min=1, max=12))
    languages = ma.fields.List(NAME, load_default=list, validate=ma.validate.Length(max=8))
    availability = ma.fields.List(
        ma.fields.Nested(SlotSchema), load_default=list, validate=ma.validate.Length(max=21)
    )
    max_children = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=10))
    hours_per_week = ma.fields.Float(
        load_default=2.0, allow_nan=False, validate=ma.validate.Range(min=0.5, max=40)
    )
    region_code = region_code_field("Home village or township", required=True)
    travel_km = ma.fields.Float(
        load_default=5.0, allow_nan=False, validate=ma.validate.Range(min=0, max=200)
    )
    transport = ma.fields.Enum(Transport, allow_none=True)

    @ma.post_load
    def _unique(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("categories", "languages"):
            data[key] = sorted(set(data.get(key, [])))
        return data


class VolunteerSchema(RoleFilteredSchema):
    id = ma.fields.Integer(dump_only=True)
    owner_id = ma.fields.Integer(dump_only=True)
    gender = ma.fields.Enum(Gender, dump_only=True, allow_none=True)
    skills = ma.fields.List(ma.fields.Dict(), dump_only=True)
    categories = ma.fields.List(ma.fields.String(), dump_only=True)
    languages = ma.fields.List(ma.fields.String(), dump_only=True)
    availability = ma.fields.List(ma.fields.Dict(), dump_only=True)
    max_children = ma.fields.Integer(dump_only=True)
    hours_per_week = ma.fields.Float(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    lat = ma.fields.Float(dump_only=True)
    lon = ma.fields.Float(dump_only=True)
    travel_km = ma.fields.Float(dump_only=True)
    transport = ma.fields.Enum(Transport, dump_only=True, allow_none=True)
    check_state = ma.fields.Enum(CheckState, dump_only=True)
    check_decided_on = ma.fields.Date(dump_only=True, allow_none=True)
    check_expires_on = Day(dump_only=True, allow_none=True)
    check_verifier_id = ma.fields.Integer(dump_only=True, allow_none=True)
    active = ma.fields.Boolean(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


class VolunteerQueryArgs(QueryArgs):
    region = region_code_field("Only volunteers living in or under this region")
    category = NAME
    skill = NAME
    check_state = ma.fields.Enum(CheckState)


class CheckChangeSchema(StrictSchema):
    state = ma.fields.Enum(CheckState, required=True)
    decided_on = Day()
    expires_on = Day(metadata={"description": "Required when cleared"})


class SkillVerificationSchema(StrictSchema):
    skills = ma.fields.List(NAME, required=True, validate=ma.validate.Length(min=1, max=20))
