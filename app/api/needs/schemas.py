from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.children.schemas import ChildSchema
from app.api.common import (
    PartialUpdate,
    StrictSchema,
    VisibleFilters,
    name_field,
    region_code_field,
)
from app.models import Gender, NeedKind, NeedStatus, RiskLevel, Role, Urgency
from app.services import children as child_service
from app.services.inputs import (  # noqa: F401 (the input rules live in the services layer)
    SKILL,
    NeedCreateSchema,
    NeedUpdateSchema,
)
from app.services.users import Actor


class NeedCategorySchema(ma.Schema):
    code = ma.fields.String(dump_only=True)
    name_zh = ma.fields.String(dump_only=True)
    name_en = ma.fields.String(dump_only=True)
    kind = ma.fields.Enum(NeedKind, dump_only=True)
    in_person_default = ma.fields.Boolean(dump_only=True)
    active = ma.fields.Boolean(dump_only=True)


class NeedCategoryCreateSchema(StrictSchema):
    code = ma.fields.String(required=True, validate=ma.validate.Regexp(r"^[a-z][a-z0-9_]{1,31}$"))
    name_zh = name_field(64, required=True)
    name_en = name_field(64, required=True)
    kind = ma.fields.Enum(NeedKind, required=True)
    in_person_default = ma.fields.Boolean(load_default=True)


class NeedCategoryUpdateSchema(PartialUpdate, StrictSchema):
    name_zh = name_field(64)
    name_en = name_field(64)
    in_person_default = ma.fields.Boolean()
    active = ma.fields.Boolean()


class NeedChildSchema(RoleFilteredSchema):
    """The child as a need shows it: a name only to the child's coordinators."""

    visible_to = ChildSchema.visible_to
    audience = ChildSchema.audience

    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(dump_only=True)
    age_band = ma.fields.Function(
        lambda c: child_service.age_band(c.age_on(date.today())), dump_only=True
    )
    township_code = ma.fields.String(dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    name = ma.fields.Function(lambda c: c.pii.get("name"), dump_only=True)
    risk_level = ma.fields.Enum(RiskLevel, dump_only=True)
    matchable = ma.fields.Function(lambda c: child_service.matchable(c), dump_only=True)


class NeedSchema(RoleFilteredSchema):
    """A need. Providers see what a published need says, never the child's identity."""

    visible_to = {
        "provider": (
            "id",
            "category_code",
            "item_code",
            "status",
            "skills",
            "in_person",
            "hours_per_week",
            "quantity",
            "unit",
            "amount",
            "urgency",
            "recurring",
            "preferred_gender",
            "languages",
            "opened_at",
            "child",
        ),
    }

    hidden_from = {"admin": ("description",)}

    def audience(self, actor: Actor, obj: Any) -> str:
        if actor.role in (Role.volunteer, Role.agency_staff, Role.donor):
            return "provider"
        return actor.role.value

    id = ma.fields.Integer(dump_only=True)
    child = ma.fields.Nested(NeedChildSchema, dump_only=True)
    category_code = ma.fields.String(dump_only=True)
    item_code = ma.fields.String(dump_only=True, allow_none=True)
    status = ma.fields.Enum(NeedStatus, dump_only=True)
    skills = ma.fields.List(ma.fields.String(), dump_only=True)
    in_person = ma.fields.Boolean(dump_only=True)
    hours_per_week = ma.fields.Float(dump_only=True, allow_none=True)
    quantity = ma.fields.Float(dump_only=True, allow_none=True)
    unit = ma.fields.String(dump_only=True, allow_none=True)
    amount = ma.fields.Float(dump_only=True, allow_none=True)
    urgency = ma.fields.Enum(Urgency, dump_only=True)
    recurring = ma.fields.Boolean(dump_only=True)
    preferred_gender = ma.fields.Enum(Gender, dump_only=True, allow_none=True)
    languages = ma.fields.List(ma.fields.String(), dump_only=True)
    description = ma.fields.String(dump_only=True, allow_none=True)
    opened_at = ma.fields.DateTime(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class NeedDetailSchema(NeedSchema):
    """One need, with what the latest match run did with it (coordinators)."""

    paired = ma.fields.Method(
        "_paired",
        dump_only=True,
        metadata={"description": "Units approved pairings cover (goods and funds in parts)"},
    )
    last_match = ma.fields.Method(
        "_last_match",
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The latest run's outcome: proposed, or left open with the reason",
            "type": "object",
            "nullable": True,
        },
    )

    def _paired(self, need: Any) -> int:
        from flask import g

        from app.services import needs

        return needs.covered(g.db, need.id)

    def _last_match(self, need: Any) -> dict[str, Any] | None:
        from flask import g

        from app.api.matching import explain
        from app.services import match_runs

        outcome = match_runs.latest_outcome(need.id, session=g.db)
        if outcome is not None:
            outcome["message"] = explain.render(outcome["code"], outcome["details"])
        return outcome


class NeedQueryArgs(VisibleFilters):
    """Providers and admins see a child's code, age band and township only."""

    refused = {"provider": ("risk_level",), "admin": ("risk_level",)}
    township_or_wider = ("provider", "admin")

    def audience(self, role: str) -> str:
        return "provider" if role in ("volunteer", "agency_staff", "donor") else role

    region = region_code_field("Only needs of children in or under this region")
    category = ma.fields.String(validate=ma.validate.Length(min=1, max=32))
    status = ma.fields.Enum(NeedStatus)
    urgency = ma.fields.Enum(Urgency)
    risk_level = ma.fields.Enum(RiskLevel)
    child_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))
    q = ma.fields.String(
        validate=ma.validate.Length(min=1, max=50),
        metadata={"description": "The child's code; coordinators also the exact full name"},
    )


class TransitionCreateSchema(StrictSchema):
    to = ma.fields.Enum(NeedStatus, required=True)
    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


class TransitionSchema(RoleFilteredSchema):
    hidden_from = {"admin": ("reason",)}

    id = ma.fields.Integer(dump_only=True)
    from_status = ma.fields.String(dump_only=True, allow_none=True)
    to_status = ma.fields.String(dump_only=True)
    at = ma.fields.DateTime(dump_only=True)
    actor_id = ma.fields.Integer(dump_only=True, allow_none=True)
    reason = ma.fields.String(dump_only=True, allow_none=True)
