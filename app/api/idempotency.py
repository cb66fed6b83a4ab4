"""Offline-tolerant writes: POSTs accept an `Idempotency-Key`. The same key, path and body
answer the first response again (a retried visit never doubles); the same key with another
request is a 422; a second request while the first is still running waits for it (or, if it
cannot, is a 409). Entries are kept `RETENTION` (7 days)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, jsonify, request

from app.api.base import current_actor
from app.db import utcnow
from app.errors import ValidationFailed
from app.services import idempotency as service

F = TypeVar("F", bound=Callable[..., Any])

HEADER = service.HEADER
_KEY = re.compile(r"^[\x21-\x7e]{8,128}$")  # printable ASCII, as a UUID is
PARAMETER = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 8, "maxLength": 128, "pattern": "^[!-~]+$"},
    "description": "Client-made key (a UUID): a retry with the same key and body within 7 days "
    "is answered with the first response and changes nothing.",
}


def idempotent(replay: Callable[[str], Any]) -> Callable[[F], F]:
    """`replay(resource_id)` gives the body of a replayed answer: the resource as it is now,
    read again with the caller's own access (nothing of the first body is stored)."""

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = request.headers.get(HEADER)
            if key is None:
                return func(*args, **kwargs)
            if not _KEY.match(key):
                raise ValidationFailed(
                    {HEADER: ["Use a key of 8 to 128 printable ASCII characters."]}
                )
            actor = current_actor()
            request_hash = service.fingerprint(
                request.method, request.path, request.get_json(silent=True)
            )
            claimed, seen = service.claim(
                g.db, user_id=actor.id, key=key, request_hash=request_hash, now=utcnow()
            )
            if seen is not None:
                answer = jsonify(replay(seen.resource_id) if seen.resource_id else None)
                answer.status_code = seen.status_code or 200
                if seen.location:
                    answer.headers["Location"] = seen.location
                answer.headers["Idempotent-Replayed"] = "true"
                return answer
            response = func(*args, **kwargs)
            if claimed is not None and 200 <= response.status_code < 300:
                body = response.get_json(silent=True)
                resource_id = body.get("id") if isinstance(body, dict) else None
                service.complete(
                    claimed,
                    session=g.db,
                    status_code=response.status_code,
                    location=response.headers.get("Location"),
                    resource_id=None if resource_id is None else str(resource_id),
                )
            # Any other answer rolls the request back, the claim with it: the key stays free.
            return response

        return wrapper  # type: ignore[return-value]

    return decorator
