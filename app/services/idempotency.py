"""Idempotent writes: a POST made with an Idempotency-Key is done once. What is kept is what a
replay needs (status, location, the resource's id), never the response body, and for
RETENTION only; `purge_expired` drops older entries (a daily job)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, ValidationFailed
from app.models import IdempotentRequest

RETENTION = timedelta(days=7)
HEADER = "Idempotency-Key"


def fingerprint(method: str, path: str, body: Any) -> str:
    """What makes two requests the same: method, path and body (the user is in the key)."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(f"{method}\n{path}\n{canonical}".encode()).hexdigest()


def find(session: Session, user_id: int, key: str) -> IdempotentRequest | None:
    return session.scalar(
        select(IdempotentRequest).where(
            IdempotentRequest.user_id == user_id, IdempotentRequest.key == key
        )
    )


def claim(
    session: Session, *, user_id: int, key: str, request_hash: str, now: datetime
) -> tuple[IdempotentRequest | None, IdempotentRequest | None]:
    """(claimed, seen): the key is claimed for this request, or an earlier request with it is
    to be replayed. The claim is a row inserted before the work is done, so a second request
    with the key waits on the unique index (PostgreSQL) and then replays the first; one
    with another body is a 422."""
    seen = find(session, user_id, key)
    if seen is not None and seen.created_at < now - RETENTION:
        session.delete(seen)  # expired: the key may be used afresh
        session.flush()
        seen = None
    if seen is None:
        row = IdempotentRequest(user_id=user_id, key=key, request_hash=request_hash, created_at=now)
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
            return row, None
        except IntegrityError:
            seen = find(session, user_id, key)  # another request with the key committed first
            if seen is None:
                raise Conflict("A request with this key is in progress; retry shortly.") from None
    if seen.request_hash != request_hash:
        raise ValidationFailed({HEADER: ["This key was used for another request."]})
    if seen.status_code is None:
        raise Conflict("A request with this key is in progress; retry shortly.")
    return None, seen


def complete(
    row: IdempotentRequest,
    *,
    session: Session,
    status_code: int,
    location: str | None,
    resource_id: str | None,
) -> None:
    row.status_code, row.location, row.resource_id = status_code, location, resource_id
    session.flush()


def purge_expired(session: Session, now: datetime) -> int:
    """Delete entries older than RETENTION; returns how many (run daily)."""
    result = session.execute(
        delete(IdempotentRequest).where(IdempotentRequest.created_at < now - RETENTION)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
