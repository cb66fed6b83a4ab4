from __future__ import annotations

import marshmallow as ma

from app.api.common import StrictSchema


class CertificateCreateSchema(StrictSchema):
    volunteer_id = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Coordinators: the volunteer (volunteers: themselves)"},
    )
    start = ma.fields.Date(required=True, metadata={"description": "First day certified"})
    end = ma.fields.Date(required=True, metadata={"description": "Last day certified"})


class CertificateSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(dump_only=True, metadata={"description": "The verification code"})
    volunteer_id = ma.fields.Integer(dump_only=True)
    period_start = ma.fields.Date(dump_only=True)
    period_end = ma.fields.Date(dump_only=True)
    hours = ma.fields.Float(dump_only=True, metadata={"description": "Confirmed hours"})
    services = ma.fields.Integer(dump_only=True)
    organisation = ma.fields.String(dump_only=True)
    issued_at = ma.fields.DateTime(dump_only=True)
    verify_url = ma.fields.String(dump_only=True)
    pdf_url = ma.fields.String(dump_only=True)


class VerificationSchema(ma.Schema):
    code = ma.fields.String(required=True)
    valid = ma.fields.Boolean(required=True, metadata={"description": "False once revoked"})
    issued_on = ma.fields.Date(required=True)
    period_start = ma.fields.Date(required=True)
    period_end = ma.fields.Date(required=True)
    hours = ma.fields.Float(required=True)
    services = ma.fields.Integer(required=True)
    organisation = ma.fields.String(required=True)
