"""Input validation shared by the services and the API: strict schemas (no unknown fields,
no unstorable text, JSON types as declared), days and instants in range, names without
invisible characters, region codes. The API's schemas build on these; services that read
input other than a request (the ledger) load it through the same schemas, so each rule
lives in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any

import marshmallow as ma

from app.geo import CoordSystem

BAD_TEXT = "Contains control characters or invalid Unicode."

# C0 controls but tab, line feed and carriage return; DEL; lone UTF-16 surrogates (a JSON
# `\udc00` escape decodes to one and no database or encoder accepts it).
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def has_bad_text(value: str) -> bool:
    return bool(_BAD_TEXT.search(value))


def bad_text_paths(value: Any, prefix: str = "") -> list[str]:
    """Dotted paths (list items by index) of strings and keys a database cannot store."""
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(value, prefix)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if has_bad_text(item):
                found.append(path or "_schema")
        elif isinstance(item, dict):
            for key, child in item.items():
                name = safe_text(str(key))
                where = f"{path}.{name}" if path else name
                if has_bad_text(str(key)):
                    found.append(where)
                else:
                    stack.append((child, where))
        elif isinstance(item, list):
            stack.extend((child, f"{path}.{i}" if path else str(i)) for i, child in enumerate(item))
    return sorted(found)


def safe_text(value: str) -> str:
    """The text with anything unstorable escaped (for echoing a bad key back)."""
    if not has_bad_text(value):
        return value
    return _BAD_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


# Instants and days outside these are typing errors, and some would overflow when converted.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


class StrictSchema(ma.Schema):
    """Input schemas refuse unknown fields, so protected ones cannot be slipped in, and
    control characters or lone surrogates in any string (bodies are checked when parsed,
    query strings here). A JSON body's values must have the JSON type the document gives:
    no "1.5" for a number, no 0 for a boolean, no 2.5 for an integer (query strings, all
    text, are converted as usual: set `json_body = False`)."""

    json_body = True

    class Meta:
        unknown = ma.RAISE

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        if not self.json_body:
            return
        strict = _STRICT_JSON.get(type(field_obj))
        if strict is not None:
            field_obj.__class__ = strict

    @ma.pre_load
    def _refuse_bad_text(self, data: Any, **_: Any) -> Any:
        if isinstance(data, Mapping):
            bad = bad_text_paths(dict(data))
            if bad:
                raise ma.ValidationError({path.split(".")[0]: [BAD_TEXT] for path in bad})
        return data


# Off while the ledger loads spreadsheet cells (text) through the same schemas.
_typed_json: ContextVar[bool] = ContextVar("typed_json", default=True)


@contextmanager
def cells_as_text() -> Iterator[None]:
    """Load values that arrive as text (a CSV's cells) through the API's schemas."""
    token = _typed_json.set(False)
    try:
        yield
    finally:
        _typed_json.reset(token)


class _JSONInteger(ma.fields.Integer):
    def _validated(self, value: Any) -> int:
        if not _typed_json.get():
            return super()._validated(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid", input=value)
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class _JSONFloat(ma.fields.Float):
    def _validated(self, value: Any) -> float:
        if not _typed_json.get():
            return super()._validated(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class _JSONBoolean(ma.fields.Boolean):
    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not _typed_json.get():
            return bool(super()._deserialize(value, attr, data, **kwargs))
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


_STRICT_JSON: dict[type, type] = {
    ma.fields.Integer: _JSONInteger,
    ma.fields.Int: _JSONInteger,
    ma.fields.Float: _JSONFloat,
    ma.fields.Boolean: _JSONBoolean,
    ma.fields.Bool: _JSONBoolean,
}


class PartialUpdate:
    """Mixed into the schema of a PATCH: an empty body changes nothing and is refused."""

    @ma.validates_schema(pass_original=True)
    def _not_empty(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        if not original:
            raise ma.ValidationError(NOTHING_TO_CHANGE, "_schema")


NOTHING_TO_CHANGE = "Give at least one field to change."


class Instant(ma.fields.AwareDateTime):
    """An instant with its offset, as UTC; one outside 1900-2100 (or that overflows when
    converted) is refused as a 422, never a 500."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validate", ma.validate.Range(min=EARLIEST, max=LATEST))
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> datetime:
        instant = super()._deserialize(value, attr, data, **kwargs)
        try:
            return instant.astimezone(UTC)
        except (OverflowError, ValueError):
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE) from None


class Day(ma.fields.Date):
    """A calendar day between 1900 and 2100."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "validate", ma.validate.Range(min=EARLIEST.date(), max=date(2099, 12, 31))
        )
        super().__init__(**kwargs)


# Unicode format characters (category Cf): direction overrides and isolates (U+202A-202E,
# U+2066-2069) that make a name read differently from what it is, and zero-width ones
# (U+200B-200D, U+2060, U+FEFF) that make two names look alike.
INVISIBLE = "Contains invisible or direction-changing characters."


def _no_format_characters(value: str) -> None:
    if any(unicodedata.category(c) == "Cf" for c in value):
        raise ma.ValidationError(INVISIBLE)


def name_field(max_length: int, *, min_length: int = 1, **kwargs: Any) -> ma.fields.String:
    """A name people read (of a person, a child, an organisation): no invisible characters."""
    return ma.fields.String(
        validate=[ma.validate.Length(min=min_length, max=max_length), _no_format_characters],
        **kwargs,
    )


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
