"""Writing and querying the append-only audit log."""

from __future__ import annotations

import functools
import ipaddress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, insert, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.models import AuditEvent


@dataclass(frozen=True)
class Origin:
    """Where a request came from; set by the edge for each request. Both come from the
    client: an address that is not one is dropped, the user agent kept printable."""

    ip: str | None = None
    user_agent: str | None = None

    @classmethod
    def of(cls, ip: str | None, user_agent: str | None) -> Origin:
        try:
            address = str(ipaddress.ip_address(ip)) if ip else None
        except ValueError:
            address = None
        text = user_agent or ""
        if not text.isprintable():  # the usual agent is, and is kept without a scan
            text = "".join(c for c in text if c.isprintable())
        agent = text[:256] or None
        return cls(ip=address, user_agent=agent)


current_origin: ContextVar[Origin | None] = ContextVar("current_origin", default=None)


def record(
    action: str,
    *,
    session: Session,
    actor_id: int | None,
    actor_role: str | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    outcome: str = "success",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    origin = current_origin.get() or Origin()
    event = AuditEvent(
        action=action,
        actor_id=actor_id,
        actor_role=actor_role,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        outcome=outcome,
        ip=origin.ip,
        user_agent=origin.user_agent,
        detail=detail,
    )
    session.add(event)  # flushed with the rest of the unit of work
    return event


def record_by(
    actor: Any,
    action: str,
    *,
    session: Session,
    object_type: str | None = None,
    object_id: str | int | None = None,
    outcome: str = "success",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """`record` for an action of a signed-in actor (anything with `id` and `role`)."""
    return record(
        action,
        session=session,
        actor_id=actor.id,
        actor_role=actor.role.value,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
        detail=detail,
    )


def write_by(
    actor: Any,
    action: str,
    *,
    session: Session,
    object_type: str | None = None,
    object_id: str | int | None = None,
    outcome: str = "success",
    detail: dict[str, Any] | None = None,
) -> None:
    """`record_by` written at once by one INSERT through Core, in the session's transaction
    (rolled back with it): for hot paths that build no ORM objects."""
    origin = current_origin.get() or Origin()
    session.connection().execute(
        _insert_event(),
        {
            "at": utcnow(),
            "action": action,
            "actor_id": actor.id,
            "actor_role": actor.role.value,
            "object_type": object_type,
            "object_id": None if object_id is None else str(object_id),
            "outcome": outcome,
            "ip": origin.ip,
            "user_agent": origin.user_agent,
            "detail": detail,
        },
    )


@functools.cache
def _insert_event() -> Any:
    return insert(cast(Table, AuditEvent.__table__))


def query(
    *,
    actor_id: int | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select[tuple[AuditEvent]]:
    stmt = select(AuditEvent)
    if actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    if object_id:
        stmt = stmt.where(AuditEvent.object_id == object_id)
    if since:
        stmt = stmt.where(AuditEvent.at >= since)
    if until:
        stmt = stmt.where(AuditEvent.at < until)
    return stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
