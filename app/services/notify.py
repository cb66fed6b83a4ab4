"""Delivering the outbox through channels behind one interface: the in-app inbox now; SMS
and push (domestic vendors: Google's push does not reach China) as adapters configured later.
Payloads carry ids and codes only, never a child's personal data."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.errors import NotFound
from app.models import Notification, User

log = logging.getLogger("tongxing.notify")


class Channel(Protocol):
    name: str

    def send(self, notification: Notification, user: User) -> bool:
        """True when handed over; False to try again later."""
        ...


class InAppChannel:
    """The phone reads its inbox through the API: being stored is being delivered."""

    name = "in_app"

    def send(self, notification: Notification, user: User) -> bool:
        return True


@dataclass
class SmsChannel:
    """Adapter for a domestic SMS gateway (e.g. a cloud vendor's template SMS). Without a
    configured sender it does nothing, so it can be wired in before a contract exists."""

    sender: Any = None  # callable(phone, template_code, params) -> bool
    templates: Mapping[str, str] | None = None
    name: str = "sms"

    def send(self, notification: Notification, user: User) -> bool:
        template = (self.templates or {}).get(notification.kind)
        if self.sender is None or template is None or not user.phone:
            return True  # nothing to send through this channel
        return bool(self.sender(user.phone, template, dict(notification.payload)))


@dataclass
class PushChannel:
    """Adapter for a domestic push service (vendor channels or a unified push alliance)."""

    sender: Any = None  # callable(user_id, kind, payload) -> bool
    name: str = "push"

    def send(self, notification: Notification, user: User) -> bool:
        if self.sender is None:
            return True
        return bool(self.sender(user.id, notification.kind, dict(notification.payload)))


def deliver_pending(*, session: Session, channels: Sequence[Channel], limit: int = 1000) -> int:
    """Hand undelivered notifications to every channel; mark those all channels took."""
    pending = session.scalars(
        select(Notification)
        .where(Notification.delivered_at.is_(None))
        .order_by(Notification.id)
        .limit(limit)
    ).all()
    done = 0
    for notification in pending:
        user = session.get(User, notification.recipient_id)
        if user is None:
            continue
        ok = True
        for channel in channels:
            try:
                ok = channel.send(notification, user) and ok
            except Exception:  # a vendor outage must not stop the others
                log.exception("channel %s failed", channel.name)
                ok = False
        if ok:
            notification.delivered_at = utcnow()
            done += 1
    session.flush()
    return done


def inbox(
    user_id: int, *, since: datetime | None = None, unread: bool = False, kind: str | None = None
) -> Select[tuple[Notification]]:
    stmt = select(Notification).where(Notification.recipient_id == user_id)
    if since:
        stmt = stmt.where(Notification.created_at > since)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.id.desc())


def mark_read(user_id: int, notification_id: int, *, session: Session) -> Notification:
    notification = session.get(Notification, notification_id)
    if notification is None or notification.recipient_id != user_id:
        raise NotFound()
    if notification.read_at is None:
        notification.read_at = utcnow()
    session.flush()
    return notification
