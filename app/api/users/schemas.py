from __future__ import annotations

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.common import PartialUpdate, QueryArgs, StrictSchema, name_field, region_code_field
from app.models import Role, UserStatus


class UserSchema(RoleFilteredSchema):
    """An account as others see it: a field a role may not see is absent."""

    visible_to = {
        "self": (
            "id",
            "display_name",
            "role",
            "status",
            "region_code",
            "phone",
            "email",
            "locale",
            "area_codes",
            "agency_id",
            "organization_id",
            "created_at",
            "last_sign_in_at",
        ),
        "coordinator": ("id", "display_name", "role", "status", "region_code", "phone"),
    }

    id = ma.fields.Integer(dump_only=True)
    display_name = ma.fields.String(dump_only=True)
    role = ma.fields.Enum(Role, dump_only=True)
    status = ma.fields.Enum(UserStatus, dump_only=True)
    region_code = ma.fields.String(dump_only=True, allow_none=True)
    phone = ma.fields.String(dump_only=True, allow_none=True)
    email = ma.fields.String(dump_only=True, allow_none=True)
    locale = ma.fields.String(dump_only=True, allow_none=True)
    area_codes = ma.fields.List(ma.fields.String(), dump_only=True)
    agency_id = ma.fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The agency you act for"}
    )
    organization_id = ma.fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The enterprise or charity you act for"},
    )
    created_at = ma.fields.DateTime(dump_only=True)
    last_sign_in_at = ma.fields.DateTime(dump_only=True, allow_none=True)


class ProfileUpdateSchema(PartialUpdate, StrictSchema):
    display_name = name_field(64)
    region_code = region_code_field()
    locale = ma.fields.String(validate=ma.validate.OneOf(["zh_CN", "en"]))


class UserQueryArgs(QueryArgs):
    role = ma.fields.Enum(Role)
    status = ma.fields.Enum(UserStatus)
    region = region_code_field("Only users in or under this region")
    q = ma.fields.String(
        validate=ma.validate.Length(min=1, max=64),
        metadata={"description": "Name or phone prefix; admins also an e-mail prefix"},
    )


class RoleChangeSchema(StrictSchema):
    role = ma.fields.Enum(Role, required=True)


class AreasSchema(StrictSchema):
    region_codes = ma.fields.List(
        region_code_field(), required=True, validate=ma.validate.Length(max=100)
    )


class StatusChangeSchema(StrictSchema):
    status = ma.fields.Enum(UserStatus, required=True)
