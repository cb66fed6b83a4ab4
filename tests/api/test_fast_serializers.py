"""The phone's hot payloads are written by hand (`pairing_json`, `notification_json`, the
sync's `dump`) rather than by marshmallow field by field: each must write exactly what its
schema's own fields (which document it in OpenAPI) would, for every stage of a pairing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import marshmallow as ma
import pytest

from app.api.field.schemas import (
    FieldPairingSchema,
    NotificationSchema,
    SyncSchema,
    notification_json,
    pairing_json,
)
from app.models import Notification, PairingStatus
from app.services.field import ChildFacts, NeedFacts, PairingView

NOW = datetime(2026, 11, 29, 7, 30, 12, 345678, tzinfo=UTC)


def view(status: PairingStatus, **changes) -> PairingView:
    active = status is PairingStatus.active
    child = ChildFacts(
        code="C350582000123",
        birth_date=date(2015, 3, 9),
        township_code="350582100",
        region_code="350582100201",
        pii={"name": "陈小明", "guardian": {"relation": "grandmother", "phone": "13900000000"}}
        if active
        else None,
    )
    need = NeedFacts(
        id=41,
        category_code="tutoring",
        description="数学辅导" if active else None,
        skills=["math"],
        hours_per_week=2.5,
        in_person=True,
        languages=["minnan"],
        child=child,
        recurring=False,
    )
    fields = {
        "id": 7,
        "status": status,
        "approved_at": NOW - timedelta(days=3),
        "responded_at": NOW - timedelta(days=2)
        if status is not PairingStatus.awaiting_acceptance
        else None,
        "ended_at": NOW if status in (PairingStatus.ended, PairingStatus.declined) else None,
        "updated_at": NOW,
        "need": need,
        "distance_km": 3,  # an integer from the database is still written as a float
        "next_due": date(2026, 12, 20) if active else None,
        "next_kind": "visit" if active else None,
    }
    fields.update(changes)
    return PairingView(**fields)


ALL_STAGES = [view(status) for status in PairingStatus] + [
    view(PairingStatus.active, distance_km=None),
    view(
        PairingStatus.active,
        need=NeedFacts(
            id=42,
            category_code="companionship",
            description=None,
            skills=[],
            hours_per_week=None,
            in_person=False,
            languages=[],
            child=ChildFacts("C1", date(2020, 1, 1), "350582100", "350582100201", {"name": "林"}),
        ),
    ),
]


@pytest.mark.parametrize("pairing", ALL_STAGES, ids=lambda p: p.status.value)
def test_a_pairing_is_written_as_its_schema_writes_it(pairing):
    generic = ma.Schema.dump(FieldPairingSchema(), pairing)
    assert pairing_json(pairing) == generic
    assert list(pairing_json(pairing)) == list(generic)  # the same order of keys too
    assert FieldPairingSchema().dump(pairing) == generic


def test_a_list_of_pairings_is_written_as_its_schema_writes_it():
    schema = FieldPairingSchema(many=True)
    assert schema.dump(ALL_STAGES) == ma.Schema.dump(schema, ALL_STAGES)


def notifications() -> list[Notification]:
    return [
        Notification(
            id=3,
            recipient_id=1,
            kind="pairing.approved",
            payload={"pairing_id": 7},
            created_at=NOW,
            read_at=None,
        ),
        Notification(
            id=2,
            recipient_id=1,
            kind="hours.confirmed",
            payload={"visit_id": "a5d3c3a2-8d39-4c1f-9f0e-7d0b7c3b2d11"},
            created_at=NOW - timedelta(hours=1),
            read_at=NOW,
        ),
    ]


def test_notifications_are_written_as_their_schema_writes_them():
    schema = NotificationSchema(many=True)
    rows = notifications()
    assert schema.dump(rows) == ma.Schema.dump(schema, rows)
    assert [notification_json(n) for n in rows] == ma.Schema.dump(schema, rows)
    assert NotificationSchema().dump(rows[0]) == ma.Schema.dump(NotificationSchema(), rows[0])


def test_the_sync_is_written_as_its_schema_writes_it():
    body = {
        "watermark": NOW,
        "pairings": ALL_STAGES,
        "removed_pairings": [5, 6],
        "notifications": [notification_json(n) for n in notifications()],
    }
    schema = SyncSchema()
    assert schema.dump(body) == ma.Schema.dump(schema, body)
    assert list(schema.dump(body)) == list(ma.Schema.dump(schema, body))
