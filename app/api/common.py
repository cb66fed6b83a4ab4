"""Fields and helpers shared by the resource schemas."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import marshmallow as ma

from app.geo import CoordSystem

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class StrictSchema(ma.Schema):
    """Input schemas refuse unknown fields, so protected ones cannot be slipped in, and
    control characters (NUL breaks PostgreSQL text) in any string."""

    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def _refuse_control_characters(self, data: Any, **_: Any) -> Any:
        if isinstance(data, Mapping):
            bad = {key: [CONTROL_MESSAGE] for key, value in data.items() if _has_control(value)}
            if bad:
                raise ma.ValidationError(bad)
        return data


CONTROL_MESSAGE = "Contains control characters."


def _has_control(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_CONTROL.search(value))
    if isinstance(value, list | tuple):
        return any(_has_control(v) for v in value)
    return False


def region_code_field(
    description: str = "Region code: 6-digit GB/T 2260 or 9/12-digit statistical code",
    **kwargs: Any,
) -> ma.fields.String:
    return ma.fields.String(
        validate=ma.validate.Regexp(r"^(\d{6}|\d{9}|\d{12})$"),
        metadata={"description": description, "example": "350582000000"},
        **kwargs,
    )


class LocationInput(StrictSchema):
    """A point as the phone or map gives it; stored as WGS-84."""

    lat = ma.fields.Float(validate=ma.validate.Range(min=-90, max=90), allow_nan=False)
    lon = ma.fields.Float(validate=ma.validate.Range(min=-180, max=180), allow_nan=False)
    coord_system = ma.fields.Enum(
        CoordSystem,
        load_default=CoordSystem.wgs84,
        metadata={"description": "gcj02 for what Chinese map SDKs return; stored as WGS-84"},
    )

    @ma.validates_schema
    def _both_or_neither(self, data: dict[str, Any], **_: Any) -> None:
        if ("lat" in data) != ("lon" in data):
            raise ma.ValidationError("Give both lat and lon.", "lat")
