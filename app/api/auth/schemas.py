from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, StrictSchema, name_field, region_code_field
from app.api.users.schemas import UserSchema
from app.services.users import SELF_SERVICE_ROLES

PASSWORD = ma.validate.Length(min=8, max=128)
PHONE_PATTERN = r"^(\+86|0086)?[ -]*1[3-9](\d[ -]*){8}\d$"

# Rules a marshmallow field cannot state, merged into the OpenAPI components.
OPENAPI_EXTRAS = {
    "SignUp": {"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]},
}


class SignUpSchema(StrictSchema):
    phone = ma.fields.String(
        validate=ma.validate.Regexp(
            PHONE_PATTERN, error="Not a valid mainland China mobile number."
        ),
        metadata={"description": "Mainland mobile number, +86 optional", "example": "13800138000"},
    )
    email = ma.fields.Email(validate=ma.validate.Length(max=254))
    password = ma.fields.String(required=True, load_only=True, validate=PASSWORD)
    display_name = name_field(64, required=True)
    account_type = ma.fields.String(
        load_default="volunteer",
        validate=ma.validate.OneOf([r.value for r in SELF_SERVICE_ROLES]),
        metadata={"description": "Coordinators see nothing until an admin assigns an area"},
    )
    region_code = region_code_field("Home village or township")
    locale = ma.fields.String(validate=ma.validate.OneOf(["zh_CN", "en"]))


class SignInSchema(StrictSchema):
    identifier = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=3, max=254),
        metadata={"description": "Mobile phone number or e-mail address"},
    )
    password = ma.fields.String(required=True, load_only=True, validate=ma.validate.Length(max=128))


class TokenModeSchema(QueryArgs):
    mode = ma.fields.String(
        load_default="json",
        validate=ma.validate.OneOf(["json", "cookie"]),
        metadata={
            "description": "Where the refresh token travels: `json` in the body (API clients), "
            "`cookie` in an HttpOnly cookie with a CSRF double-submit token (browsers)"
        },
    )


class TokenPairSchema(ma.Schema):
    access_token = ma.fields.String(required=True)
    refresh_token = ma.fields.String(
        metadata={"description": "Absent with `mode=cookie`: the refresh token is in a cookie"}
    )
    token_type = ma.fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = ma.fields.Integer(
        required=True, metadata={"description": "Seconds the access token stays valid"}
    )
    user = ma.fields.Nested(UserSchema, required=True)


class PasswordChangeSchema(StrictSchema):
    current_password = ma.fields.String(
        required=True, load_only=True, validate=ma.validate.Length(max=128)
    )
    new_password = ma.fields.String(required=True, load_only=True, validate=PASSWORD)
