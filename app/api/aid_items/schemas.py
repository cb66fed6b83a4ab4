from __future__ import annotations

import marshmallow as ma

from app.api.common import QueryArgs, StrictSchema
from app.models import AidItemKind


class AidItemSchema(ma.Schema):
    code = ma.fields.String(dump_only=True)
    kind = ma.fields.Enum(AidItemKind, dump_only=True)
    name_zh = ma.fields.String(dump_only=True)
    name_en = ma.fields.String(dump_only=True)
    active = ma.fields.Boolean(dump_only=True)


class AidItemCreateSchema(StrictSchema):
    code = ma.fields.String(required=True, validate=ma.validate.Regexp(r"^[a-z][a-z0-9_]{1,31}$"))
    kind = ma.fields.Enum(AidItemKind, required=True)
    name_zh = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=64))
    name_en = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=64))


class AidItemUpdateSchema(StrictSchema):
    name_zh = ma.fields.String(validate=ma.validate.Length(min=1, max=64))
    name_en = ma.fields.String(validate=ma.validate.Length(min=1, max=64))
    active = ma.fields.Boolean()


class AidItemQueryArgs(QueryArgs):
    kind = ma.fields.Enum(AidItemKind, metadata={"description": "goods items or fund purposes"})
