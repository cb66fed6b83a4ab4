"""Fields and helpers shared by the resource schemas (the input rules themselves live in
`app.services.validation`, which the services use too)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from app.services.validation import (  # noqa: F401 (re-exported for the resource schemas)
    EARLIEST,
    INVISIBLE,
    LATEST,
    NOTHING_TO_CHANGE,
    Day,
    Instant,
    LocationInput,
    PartialUpdate,
    StrictSchema,
    cells_as_text,
    name_field,
    region_code_field,
)


class QueryArgs(StrictSchema):
    """Query arguments: text, converted by each field."""

    json_body = False


NOT_VISIBLE = "You cannot filter on what you cannot see."
TOO_FINE = "Filter by township or a wider region."


class VisibleFilters(QueryArgs):
    """Query arguments of a list: a role filters only on what it may see in the answer,
    or a filter becomes an oracle (does a row come back for `risk_level=high`?). `refused`
    maps an audience to the filters it may not use; audiences in `township_or_wider` see a
    township, not the village, so their `region` filter stops at townships."""

    refused: dict[str, tuple[str, ...]] = {}
    township_or_wider: tuple[str, ...] = ()

    def audience(self, role: str) -> str:
        return role

    @ma.validates_schema
    def _only_what_is_visible(self, data: dict[str, Any], **_: Any) -> None:
        from flask import g

        from app.models import RegionLevel
        from app.services.regions import level_of, normalize_code

        actor = g.get("actor")
        if actor is None:
            return
        audience = self.audience(actor.role.value)
        errors = {name: [NOT_VISIBLE] for name in self.refused.get(audience, ()) if name in data}
        region = data.get("region")
        if (
            audience in self.township_or_wider
            and region
            and level_of(normalize_code(region)) is RegionLevel.village
        ):
            errors["region"] = [TOO_FINE]
        if errors:
            raise ma.ValidationError(errors)
