"""Idempotent writes: a POST made with an Idempotency-Key is done once. What is kept is what a
replay needs (status, location, the resource's id), never the response body, and for
RETENTION only; `purge_expired` drops older entries (a daily job)."""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from app.db import insert_or_skip
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
) -> tuple[int | None, IdempotentRequest | None]:
    """(claimed, seen): the id of the claim made for this request, or an earlier request
    with the key, to be replayed. The claim is a row inserted before the work is done (one
    statement, INSERT ... ON CONFLICT DO NOTHING), so a second request with the key waits on
    the unique index (PostgreSQL) and then replays the first; one with another body is a
    422."""
    seen = None
    for _attempt in range(2):
        claimed = _insert_claim(session, user_id, key, request_hash, now)
        if claimed is not None:
            return claimed, None
        seen = find(session, user_id, key)
        if seen is not None and seen.created_at < now - RETENTION:
            session.delete(seen)  # expired: the key may be used afresh
            session.flush()
            seen = None
        if seen is not None:
            break
        # expired, or the request that held the key rolled back meanwhile: claim again
    if seen is None:
        raise Conflict("A request with this key is in progress; retry shortly.")
    if seen.request_hash != request_hash:
        raise ValidationFailed({HEADER: ["This key was used for another request."]})
    if seen.status_code is None:
        raise Conflict("A request with this key is in progress; retry shortly.")
    return None, seen


def _insert_claim(
    session: Session, user_id: int, key: str, request_hash: str, now: datetime
) -> int | None:
    """The new claim's id, or None if the key is taken (by a committed request: on
    PostgreSQL a concurrent one is waited for)."""
    params = {"user_id": user_id, "key": key, "request_hash": request_hash, "created_at": now}
    return session.connection().execute(_claim_statement(), params).scalar()


@functools.cache
def _claim_statement() -> Any:
    table = cast(Table, IdempotentRequest.__table__)
    columns = ("user_id", "key", "request_hash", "created_at")
    return insert_or_skip(table, columns, ["user_id", "key"], "id")


def complete(
    claimed: int,
    *,
    session: Session,
    status_code: int,
    location: str | None,
    resource_id: str | None,
) -> None:
    session.connection().execute(
        _complete_statement(),
        {"claim": claimed, "answer": status_code, "at": location, "resource": resource_id},
    )


@functools.cache
def _complete_statement() -> Any:
    table = cast(Table, IdempotentRequest.__table__)
    return (
        update(table)
        .where(table.c.id == bindparam("claim"))
        .values(
            status_code=bindparam("answer"),
            location=bindparam("at"),
            resource_id=bindparam("resource"),
        )
    )


def purge_expired(session: Session, now: datetime) -> int:
    """Delete entries older than RETENTION; returns how many (run daily)."""
    result = session.execute(
        delete(IdempotentRequest).where(IdempotentRequest.created_at < now - RETENTION)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
