from __future__ import annotations

from datetime import date
from typing import Any

import marshmallow as ma

from app.api.base import RoleFilteredSchema
from app.api.common import (
    Instant,
    LocationInput,
    PartialUpdate,
    QueryArgs,
    StrictSchema,
    region_code_field,
)
from app.models import HoursStatus, PairingStatus, ReportStatus, VisitKind
from app.services import children as child_service
from app.services.users import Actor

DANGERS = ["unsupervised", "missing", "abuse", "injury", "neglect", "abandonment", "other"]


def _child_view(pairing: Any) -> dict[str, Any] | None:
    """What a provider sees of the child grows with the pairing's stage (a
    `services.field.PairingView`, read as columns)."""
    if pairing.status not in (PairingStatus.awaiting_acceptance, PairingStatus.active):
        return None  # ended or declined: nothing personal
    child = pairing.need.child
    view: dict[str, Any] = {
        "code": child.code,
        "age_band": child_service.age_band(child.age_on(date.today())),
        "township_code": child.township_code,
    }
    if pairing.status is PairingStatus.active:
        name = child.pii.get("name") or ""
        guardian = child.pii.get("guardian") or {}
        view.update(
            {
                "alias": name[1:] if len(name) > 1 else name,  # given name, as a visit needs
                "village_code": child.region_code,
                "guardian_relation": guardian.get("relation"),
                "guardian_phone": guardian.get("phone"),
            }
        )
    return view


def _need_view(pairing: Any) -> dict[str, Any]:
    need = pairing.need
    view: dict[str, Any] = {"id": need.id, "category_code": need.category_code}
    if pairing.status in (PairingStatus.awaiting_acceptance, PairingStatus.active):
        # What the provider weighs before answering: the time asked and its rhythm, nothing
        # about the child.
        view.update(
            {
                "hours_per_week": need.hours_per_week,
                "recurring": need.recurring,
                "in_person": need.in_person,
            }
        )
    if pairing.status is PairingStatus.active:
        view.update(
            {
                "description": need.description,
                "skills": need.skills,
                "languages": need.languages,
            }
        )
    return view


def _instant(value: Any) -> Any:
    """A date or an instant as marshmallow's `DateTime` and `Date` write it."""
    return None if value is None else value.isoformat()


def pairing_json(pairing: Any) -> dict[str, Any]:
    """`FieldPairingSchema`'s dump of one pairing, written out: the phone's sync sends many,
    and marshmallow's per-field machinery cost more than all the rest of the request (a
    test holds the two equal)."""
    distance = pairing.distance_km
    return {
        "id": pairing.id,
        "status": pairing.status.name,
        "need": _need_view(pairing),
        "child": _child_view(pairing),
        "distance_km": None if distance is None else float(distance),
        "next_due": _instant(pairing.next_due),
        "next_kind": pairing.next_kind,
        "approved_at": _instant(pairing.approved_at),
        "responded_at": _instant(pairing.responded_at),
        "ended_at": _instant(pairing.ended_at),
        "updated_at": _instant(pairing.updated_at),
    }


def notification_json(notification: Any) -> dict[str, Any]:
    """`NotificationSchema`'s dump of one notification (an entity or a row of its
    columns), written out as `pairing_json` is."""
    payload = notification.payload
    return {
        "id": notification.id,
        "kind": notification.kind,
        "payload": None if payload is None else dict(payload),
        "created_at": _instant(notification.created_at),
        "read_at": _instant(notification.read_at),
    }


class FieldPairingSchema(ma.Schema):
    """A provider's pairing: minimal before acceptance, what a visit needs while active,
    nothing personal after it ends. The fields document the shape; `dump` writes it with
    `pairing_json`."""

    id = ma.fields.Integer(dump_only=True)
    status = ma.fields.Enum(PairingStatus, dump_only=True)
    need = ma.fields.Function(_need_view, dump_only=True)
    child = ma.fields.Function(_child_view, dump_only=True, allow_none=True)
    distance_km = ma.fields.Float(dump_only=True, allow_none=True)
    next_due = ma.fields.Date(dump_only=True, allow_none=True)
    next_kind = ma.fields.String(dump_only=True, allow_none=True)
    approved_at = ma.fields.DateTime(dump_only=True)
    responded_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    ended_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    updated_at = ma.fields.DateTime(dump_only=True)

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        if self.many if many is None else many:
            return [pairing_json(p) for p in obj]
        return pairing_json(obj)


class SinceArgs(QueryArgs):
    since = Instant(metadata={"description": "Watermark of the last sync"})


class SyncSchema(ma.Schema):
    """The fields document the shape; `dump` writes it directly (see `pairing_json`)."""

    watermark = ma.fields.DateTime(required=True)
    pairings = ma.fields.List(ma.fields.Nested(FieldPairingSchema), required=True)
    removed_pairings = ma.fields.List(ma.fields.Integer(), required=True)
    notifications = ma.fields.List(ma.fields.Dict(), required=True)

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        if self.many if many is None else many:
            return [self.dump(one, many=False) for one in obj]
        return {
            "watermark": _instant(obj["watermark"]),
            "pairings": [pairing_json(p) for p in obj["pairings"]],
            "removed_pairings": [int(i) for i in obj["removed_pairings"]],
            "notifications": [dict(n) for n in obj["notifications"]],
        }


class VisitCreateSchema(LocationInput):
    id = ma.fields.UUID(metadata={"description": "Made by the phone, so retries are safe"})
    pairing_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))
    child_id = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Coordinators' own visits"},
    )
    kind = ma.fields.Enum(VisitKind, required=True)
    occurred_at = Instant(required=True)
    duration_minutes = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=720))
    done = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))
    problems = ma.fields.String(validate=ma.validate.Length(max=5000))
    corrects_id = ma.fields.UUID(metadata={"description": "The closed record this corrects"})

    @ma.post_load
    def _ids(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("id", "corrects_id"):
            if data.get(key) is not None:
                data[key] = str(data[key])
        return data


class VisitEditSchema(PartialUpdate, StrictSchema):
    kind = ma.fields.Enum(VisitKind)
    occurred_at = Instant()
    duration_minutes = ma.fields.Integer(validate=ma.validate.Range(min=1, max=720))
    done = ma.fields.String(validate=ma.validate.Length(min=1, max=5000))
    problems = ma.fields.String(validate=ma.validate.Length(max=5000))


class VisitSchema(RoleFilteredSchema):
    """Admins see that a visit happened, not what the notes say."""

    hidden_from = {"admin": ("done", "problems")}

    id = ma.fields.String(dump_only=True)
    pairing_id = ma.fields.Integer(dump_only=True, allow_none=True)
    child_id = ma.fields.Integer(dump_only=True)
    author_id = ma.fields.Integer(dump_only=True)
    author_name = ma.fields.Function(
        lambda v: v.__dict__.get("author_name"),  # only where the listing loaded it
        allow_none=True,
        dump_only=True,
        metadata={"description": "Who recorded it (for deciding the hours)", "type": "string"},
    )
    kind = ma.fields.Enum(VisitKind, dump_only=True)
    occurred_at = ma.fields.DateTime(dump_only=True)
    duration_minutes = ma.fields.Integer(dump_only=True)
    lat = ma.fields.Float(dump_only=True, allow_none=True)
    lon = ma.fields.Float(dump_only=True, allow_none=True)
    done = ma.fields.Function(lambda v: v.notes.get("done"), dump_only=True)
    problems = ma.fields.Function(lambda v: v.notes.get("problems"), dump_only=True)
    corrects_id = ma.fields.String(dump_only=True, allow_none=True)
    editable_until = ma.fields.DateTime(dump_only=True)
    hours_status = ma.fields.Enum(HoursStatus, dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


class VisitQueryArgs(QueryArgs):
    child_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))
    pairing_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=2**31 - 1))
    hours_status = ma.fields.Enum(HoursStatus)
    since = Instant()


class HoursDecisionSchema(StrictSchema):
    decision = ma.fields.Enum(HoursStatus, required=True)


class MyHoursSchema(ma.Schema):
    confirmed = ma.fields.Float(required=True)
    pending = ma.fields.Float(required=True)
    stars = ma.fields.Integer(required=True, metadata={"description": "0-5 star level"})


class RollEntrySchema(MyHoursSchema):
    volunteer_id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)


class RhythmSchema(ma.Schema):
    child_id = ma.fields.Integer(required=True)
    risk_level = ma.fields.String(required=True)
    last_visit = ma.fields.DateTime(allow_none=True)
    last_contact = ma.fields.DateTime(allow_none=True)
    next_due = ma.fields.Date(required=True)
    next_kind = ma.fields.String(required=True)
    code = ma.fields.String(metadata={"description": "The child's pseudonymous code"})
    township_code = ma.fields.String()
    region_code = ma.fields.String(
        metadata={"description": "The child's village (the child's coordinators only)"}
    )
    name = ma.fields.String(metadata={"description": "The child's coordinators only"})
    reminded_at = ma.fields.DateTime(
        allow_none=True,
        metadata={"description": "Last visit reminder sent to the child's providers"},
    )


class OverdueArgs(QueryArgs):
    region = region_code_field("Only children in or under this region")


class NotificationSchema(ma.Schema):
    """The fields document the shape; `dump` writes it with `notification_json`."""

    id = ma.fields.Integer(dump_only=True)
    kind = ma.fields.String(dump_only=True)
    payload = ma.fields.Dict(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    read_at = ma.fields.DateTime(dump_only=True, allow_none=True)

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        if self.many if many is None else many:
            return [notification_json(n) for n in obj]
        return notification_json(obj)


class NotificationArgs(SinceArgs):
    unread = ma.fields.Boolean(load_default=False)
    kind = ma.fields.String(
        validate=ma.validate.Length(min=1, max=48),
        metadata={"description": "Only this kind, e.g. urgent_report.received"},
    )


class ReportCreateSchema(LocationInput):
    danger = ma.fields.String(required=True, validate=ma.validate.OneOf(DANGERS))
    seen = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=5000),
        metadata={"description": "What was seen"},
    )
    place = ma.fields.String(validate=ma.validate.Length(max=200))
    region_code = region_code_field("Village or township where it happened", required=True)
    seen_at = Instant(required=True)
    child_id = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Only a child you already know"},
    )
    child_description = ma.fields.String(validate=ma.validate.Length(max=500))


class ReportEventCreateSchema(StrictSchema):
    status = ma.fields.Enum(ReportStatus)
    note = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))


class ReportEventSchema(RoleFilteredSchema):
    hidden_from = {"admin": ("note",)}

    def audience(self, actor: Actor, obj: Any) -> str:
        return "author" if obj.author_id == actor.id else actor.role.value

    id = ma.fields.Integer(dump_only=True)
    author_id = ma.fields.Integer(dump_only=True)
    at = ma.fields.DateTime(dump_only=True)
    status = ma.fields.Enum(ReportStatus, dump_only=True, allow_none=True)
    note = ma.fields.Raw(dump_only=True)


class ReportSchema(RoleFilteredSchema):
    """The reporter and the area's coordinators read it whole; admins see its course, not
    what was seen or who the child is."""

    hidden_from = {"admin": ("seen", "place", "child_description")}

    def audience(self, actor: Actor, obj: Any) -> str:
        return "reporter" if obj.reporter_id == actor.id else actor.role.value

    id = ma.fields.Integer(dump_only=True)
    reporter_id = ma.fields.Integer(dump_only=True)
    danger = ma.fields.String(dump_only=True)
    seen = ma.fields.Function(lambda r: r.details.get("seen"), dump_only=True)
    place = ma.fields.Function(lambda r: r.details.get("place"), dump_only=True)
    child_description = ma.fields.Function(lambda r: r.details.get("child"), dump_only=True)
    region_code = ma.fields.String(dump_only=True)
    lat = ma.fields.Float(dump_only=True, allow_none=True)
    lon = ma.fields.Float(dump_only=True, allow_none=True)
    seen_at = ma.fields.DateTime(dump_only=True)
    child_id = ma.fields.Integer(dump_only=True, allow_none=True)
    status = ma.fields.Enum(ReportStatus, dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    events = ma.fields.List(ma.fields.Nested(ReportEventSchema), dump_only=True)
