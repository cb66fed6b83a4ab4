"""Domain exceptions, raised by services and mapped once to HTTP in `app.api.problems`."""

from __future__ import annotations

from typing import Any


class TongxingError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str | None = None, **details: Any) -> None:
        super().__init__(message or self.code)
        self.message = message
        self.details = details


class NotFound(TongxingError):
    status = 404
    code = "not_found"


class Unauthorized(TongxingError):
    status = 401
    code = "unauthorized"


class Forbidden(TongxingError):
    status = 403
    code = "forbidden"


class Conflict(TongxingError):
    status = 409
    code = "conflict"


class InvalidTransition(Conflict):
    code = "invalid_transition"


class PreconditionFailed(TongxingError):
    status = 412
    code = "precondition_failed"


class ValidationFailed(TongxingError):
    """Input that passes the schema but breaks a rule; `fields` maps a field to messages."""

    status = 422
    code = "validation_failed"

    def __init__(self, fields: dict[str, list[str]], message: str | None = None) -> None:
        super().__init__(message)
        self.fields = fields
