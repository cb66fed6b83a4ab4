"""Offline-tolerant writes: POSTs accept an `Idempotency-Key`. The same key and body answer
the stored response (a retried visit never doubles); the same key with another body is a 422."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, g, request
from sqlalchemy import select

from app.api.base import current_actor
from app.errors import ValidationFailed
from app.models import IdempotentRequest

F = TypeVar("F", bound=Callable[..., Any])

HEADER = "Idempotency-Key"
PARAMETER = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 8, "maxLength": 128},
    "description": "Client-made key (a UUID): a retry with the same key and body is answered "
    "with the first response and changes nothing.",
}


def _fingerprint() -> str:
    body = request.get_json(silent=True)
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{request.endpoint}\n{canonical}".encode()).hexdigest()


def idempotent(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return func(*args, **kwargs)
        if not 8 <= len(key) <= 128:
            raise ValidationFailed({HEADER: ["Use a key of 8 to 128 characters."]})
        actor = current_actor()
        fingerprint = _fingerprint()
        seen = g.db.scalar(
            select(IdempotentRequest).where(
                IdempotentRequest.user_id == actor.id, IdempotentRequest.key == key
            )
        )
        if seen is not None:
            if seen.body_hash != fingerprint:
                raise ValidationFailed({HEADER: ["This key was used for another request."]})
            replay = Response(seen.response, status=seen.status_code, mimetype="application/json")
            replay.headers["Idempotent-Replayed"] = "true"
            return replay
        response = func(*args, **kwargs)
        if 200 <= response.status_code < 300:
            g.db.add(
                IdempotentRequest(
                    user_id=actor.id,
                    key=key,
                    endpoint=request.endpoint,
                    body_hash=fingerprint,
                    status_code=response.status_code,
                    response=response.get_data(as_text=True),
                )
            )
            g.db.flush()
        return response

    return wrapper  # type: ignore[return-value]
