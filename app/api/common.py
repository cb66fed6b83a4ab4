"""Fields and helpers shared by the resource schemas."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import marshmallow as ma

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
