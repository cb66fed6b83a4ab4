"""The edge: the Api with one error mapping, and a Blueprint whose `access` decorator is
the single authorization mechanism every endpoint goes through."""

from __future__ import annotations

import functools
import http
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

import flask_smorest
import jwt
import marshmallow as ma
from flask import current_app, g, jsonify, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_smorest.utils import prepare_response
from jwt.exceptions import PyJWTError
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from app.api.payload import ArgumentsParser
from app.api.problems import (
    PROBLEM_CONTENT_TYPE,
    ProblemSchema,
    http_exception_problem,
    problem,
    translate_message,
)
from app.errors import Forbidden, TongxingError, Unauthorized, ValidationFailed
from app.models import Role
from app.services.users import Actor

F = TypeVar("F", bound=Callable[..., Any])

BEARER = "bearerAuth"
REFRESH_COOKIE = "refreshCookie"


def _problem_response(body: dict[str, Any], status: int, headers: dict[str, str] | None = None):
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_CONTENT_TYPE
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


class TongxingApi(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        # Error responses are documented as application/problem+json.
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            content_type = PROBLEM_CONTENT_TYPE if status >= 400 else "application/json"
            prepare_response(response, self.spec, content_type)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def _register_swagger_ui_rule(self, blueprint: Any) -> None:
        """Swagger UI's own files, from the flask-swagger-ui package, next to the page."""
        super()._register_swagger_ui_rule(blueprint)
        if self.config.get("OPENAPI_SWAGGER_UI_PATH") is None:
            return
        from pathlib import Path

        import flask_swagger_ui
        from flask import send_from_directory

        assets = Path(flask_swagger_ui.__file__).resolve().parent / "dist"

        def swagger_ui_asset(filename: str) -> Any:
            return send_from_directory(assets, filename, max_age=86400)

        blueprint.add_url_rule(
            "/docs/assets/<path:filename>",
            endpoint="swagger_ui_assets",
            view_func=swagger_ui_asset,
        )

    def _register_error_handlers(self) -> None:
        app = self._app
        app.register_error_handler(HTTPException, self.handle_http_exception)
        app.register_error_handler(TongxingError, handle_domain_error)
        app.register_error_handler(JWTExtendedException, handle_token_error)
        app.register_error_handler(PyJWTError, handle_token_error)
        # flask-jwt-extended registers its own (422 for some) per exception class: every token
        # problem answers one 401 problem document instead.
        for exc_class in list(app.error_handler_spec[None][None]):
            if issubclass(exc_class, JWTExtendedException | PyJWTError):
                app.register_error_handler(exc_class, handle_token_error)
        app.register_error_handler(StaleDataError, handle_stale)
        app.register_error_handler(IntegrityError, handle_integrity_error)
        app.register_error_handler(DataError, handle_data_error)
        app.register_error_handler(DBAPIError, handle_database_error)
        app.register_error_handler(Exception, handle_unexpected)

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        body, status, headers = http_exception_problem(error)
        return _problem_response(body, status, headers)


def handle_domain_error(error: TongxingError):

    errors = error.fields if isinstance(error, ValidationFailed) else None
    detail = translate_message(error.message) if error.message else None
    extra = {k: v for k, v in error.details.items() if isinstance(v, str | int | list)}
    body = problem(error.status, code=error.code, detail=detail, errors=errors, extra=extra or None)
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return _problem_response(body, error.status, headers)


def handle_token_error(error: Exception):
    from flask_babel import gettext

    detail = gettext("The token is missing, invalid, expired or revoked.")
    body = problem(401, code="invalid_token", detail=detail)
    return _problem_response(body, 401, {"WWW-Authenticate": "Bearer"})


def handle_stale(error: StaleDataError):
    from flask_babel import gettext

    detail = gettext("Someone else changed this record at the same time; reload and retry.")
    return _problem_response(problem(409, code="edit_conflict", detail=detail), 409)


def handle_integrity_error(error: IntegrityError):
    """A unique key taken by a request that committed first (two phones, one visit id)."""
    return _problem_response(integrity_problem(), 409)


def integrity_problem() -> dict[str, Any]:
    from flask_babel import gettext

    detail = gettext("This conflicts with a record saved at the same time; reload and retry.")
    return problem(409, code="conflict", detail=detail)


def handle_data_error(error: DataError):
    """A value the database refused that validation let through: a defect, logged, but the
    caller still gets a 422 rather than a 500."""
    current_app.logger.error("database refused a value: %s", error.orig)
    return _problem_response(problem(422, code="invalid_value"), 422)


def handle_database_error(error: DBAPIError):
    """A connection the database server dropped (a restart, an idle timeout): the pool has
    discarded every connection of that age, so the next request gets a fresh one. This one
    answers 503 with Retry-After; any other database failure is unexpected."""
    if not error.connection_invalidated:
        return handle_unexpected(error)
    current_app.logger.warning("database connection lost: %s", error.orig)
    return _problem_response(problem(503, code="database_unavailable"), 503, {"Retry-After": "1"})


def handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):  # pragma: no cover - routed above
        raise error
    current_app.logger.exception("unhandled error")
    return _problem_response(problem(500, code="internal_error"), 500)


def after_rollback(write: Callable[[Any], None]) -> None:
    """Run `write(session)` in its own transaction once the request's unit of work has ended,
    whatever its outcome: for audit records of refused actions."""
    g.setdefault("after_rollback", []).append(write)


def current_actor() -> Actor:
    actor = g.get("actor")
    if actor is None:
        raise Unauthorized()
    return actor


_PAGINATION_HEADER = {
    "description": "Pagination metadata, a JSON object",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    name: {"type": "integer"}
                    for name in (
                        "total",
                        "total_pages",
                        "first_page",
                        "last_page",
                        "page",
                        "previous_page",
                        "next_page",
                    )
                },
            }
        }
    },
}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ArgumentsParser()
    # A POST that acts on a versioned object (approving a proposal) is guarded by If-Match
    # too, wherever the view is decorated with `etag`.
    METHODS_NEEDING_CHECK_ETAG = ["PUT", "PATCH", "DELETE", "POST"]

    def _check_precondition(self) -> None:
        """428 without If-Match, and with `If-Match: *`: a star names no version, so it
        would let a lost update through every guard."""
        from flask import request
        from flask_babel import gettext
        from werkzeug.exceptions import PreconditionRequired

        if request.method in self.METHODS_NEEDING_CHECK_ETAG and (
            not request.if_match or request.if_match.star_tag
        ):
            error = PreconditionRequired()
            error.data = {  # type: ignore[attr-defined]
                "message": gettext("Send the ETag you read in If-Match (not *).")
            }
            raise error

    def register_views_in_doc(self, api: Any, app: Any, spec: Any, *, name: str, parameters: Any):
        """Every operation gets a stable operationId (the method and the view's name, e.g.
        `getVisitById`) and declares the statuses the edge can answer for it."""

        class _Completing:
            def __getattr__(self, attr: str) -> Any:
                return getattr(spec, attr)

            def path(self, *, rule: Any, operations: dict[str, Any], parameters: Any) -> Any:
                for method, operation in operations.items():
                    operation.setdefault("operationId", operation_id(rule.endpoint, method))
                    declare_edge_statuses(rule, method, operation)
                return spec.path(rule=rule, operations=operations, parameters=parameters)

        return super().register_views_in_doc(
            api, app, _Completing(), name=name, parameters=parameters
        )

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:
        # The header carries JSON: say so with `content`, not a form-style `schema`.
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = _PAGINATION_HEADER

    def arguments(self, schema: Any, *args: Any, **kwargs: Any) -> Any:
        """Query strings are text: their schema must convert text (`json_body = False`, as
        `QueryArgs` does), or every number and boolean in a URL is refused."""
        location = kwargs.get("location", "json")
        if location != "json" and getattr(schema, "json_body", False):
            name = getattr(schema, "__name__", type(schema).__name__)
            raise TypeError(f"{name} reads the {location}: base it on QueryArgs")
        if isinstance(schema, type):
            # One instance for the view's life: webargs would build one (deep-copying
            # every field) per request from a class. Loading keeps no state on it.
            schema = schema()
        return super().arguments(schema, *args, **kwargs)

    def access(self, *roles: Role, public: bool = False) -> Callable[[F], F]:
        """Function-level authorization, and the declaration of it in OpenAPI.

        `public=True` marks an endpoint anyone may call; otherwise a valid access token of
        an active account is required, and if `roles` are given, one of those roles.
        Object-level checks live in the services (out of scope answers 404); property-level
        checks in the role-aware response schemas.
        """
        allowed = frozenset(roles)

        def decorator(func: F) -> F:
            @wraps(func)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                if not public:
                    g.actor = authenticate()
                    if allowed and g.actor.role not in allowed:
                        raise Forbidden()
                return func(*args, **kwargs)

            wrapper._access = {"public": public, "roles": sorted(allowed)}  # type: ignore[attr-defined]
            wrapper = self.alt_response("default", response="DEFAULT_ERROR")(wrapper)
            if public:
                return wrapper  # type: ignore[return-value]
            doc_roles = ", ".join(sorted(allowed)) or "any signed-in user"
            decorated = self.doc(**{"security": [{BEARER: []}], "x-roles": sorted(allowed)})(
                wrapper
            )
            decorated = self.alt_response(401, description="Not signed in or token invalid")(
                decorated
            )
            if allowed:
                decorated = self.alt_response(403, description=f"Allowed roles: {doc_roles}")(
                    decorated
                )
            return decorated  # type: ignore[return-value]

        return decorator


def operation_id(endpoint: str, method: str) -> str:
    """`visits.VisitById` + `patch` -> `patchVisitById` (unique: a test checks)."""
    return method.lower() + endpoint.rsplit(".", 1)[-1]


def declare_edge_statuses(rule: Any, method: str, operation: dict[str, Any]) -> None:
    """What the edge itself answers, whatever the view: 404 when the path names an object,
    400 and 413 for a body (unparseable, too large), 422 for any input, 409 for a write (a
    unique key taken by a concurrent request), 429 (the rate limit)."""
    responses = operation.setdefault("responses", {})

    def declare(status: int) -> None:
        responses.setdefault(str(status), http.HTTPStatus(status).name)

    has_body = "requestBody" in operation
    if rule.arguments:
        declare(404)
    if has_body:
        declare(400)
        declare(413)
    if has_body or operation.get("parameters") or rule.arguments:
        declare(422)
    if method.lower() in ("post", "put", "patch", "delete"):
        declare(409)
    declare(429)


def authenticate() -> Actor:
    """Verify the access token and load the account: disabled accounts, tokens revoked
    (sign-out, password change, a stolen refresh token) and tokens older than the last
    password or role change are refused. The token is decoded once per request (the rate
    limiter's key did it already when it ran)."""
    from app.services import users as user_service

    claims = bearer_claims()
    if claims is None:
        # Missing, malformed, forged or expired: the library says which (a 401 either way).
        # Access tokens travel only in the Authorization header; cookies carry refresh
        # tokens. Revocation is checked below, in the same query as the account.
        verify_jwt_in_request(locations=["headers"], skip_revocation_check=True)
        claims = get_jwt()
    if claims.get("type") != "access":
        raise Unauthorized()
    return user_service.load_actor(
        int(claims["sub"]),
        session=g.db,
        issued_at=claims.get("iat"),
        token=(claims["jti"], claims.get("fam")),
    )


def bearer_claims() -> dict[str, Any] | None:
    """The claims of the request's `Authorization: Bearer` token if its signature and expiry
    hold, else None; kept on the request as flask-jwt-extended keeps them (`get_jwt()`
    reads them). Revocation is not checked here (see `authenticate`).

    A token's signature is verified once per process (`_verified`, keyed by the whole
    token, signature included, so only that very token matches); its expiry on every
    request."""
    if "_jwt_extended_jwt" in g:
        return g._jwt_extended_jwt or None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not token:
        return None
    from flask_jwt_extended.config import config

    try:
        verified = _verified(
            token,
            config.decode_key,
            tuple(config.decode_algorithms),
            config.identity_claim_key,
            config.leeway,
        )
    except (PyJWTError, JWTExtendedException):
        return None
    if verified["exp"] + config.leeway < time.time():
        return None  # expired since it was first verified
    claims = dict(verified)
    g._jwt_extended_jwt = claims
    g._jwt_extended_jwt_header = {}
    g._jwt_extended_jwt_user = {"loaded_user": None}
    g._jwt_extended_jwt_location = "headers"
    return claims


@functools.lru_cache(maxsize=8192)
def _verified(
    token: str, secret: str, algorithms: tuple[str, ...], identity_claim: str, leeway: int
) -> dict[str, Any]:
    """A token's claims once its signature and expiry are verified (as flask-jwt-extended
    does it, in one decoding rather than its four). Failures raise and are not kept."""
    claims = jwt.decode(
        token,
        secret,
        algorithms=list(algorithms),
        leeway=leeway,
        options={"verify_aud": False, "require": ["exp", "jti", identity_claim]},
    )
    claims.setdefault("type", "access")
    claims.setdefault("fresh", False)
    return claims


class RoleFilteredSchema(ma.Schema):
    """Property-level authorization: `visible_to` maps an audience (a role, "self", or what
    `audience()` returns) to the fields it may see; other fields are absent, never null.
    An audience missing from `visible_to` sees everything but what `hidden_from` hides
    from it (admins see structure, never free text about a child)."""

    visible_to: dict[str, Iterable[str]] = {}
    hidden_from: dict[str, Iterable[str]] = {}

    def audience(self, actor: Actor, obj: Any) -> str:
        owner = getattr(obj, "owner_id", None)
        if owner is not None and owner == actor.id and "self" in self.visible_to:
            return "self"
        return actor.role.value

    @ma.post_dump(pass_original=True)
    def _drop_hidden(self, data: dict[str, Any], original: Any, **_: Any) -> dict[str, Any]:
        actor = g.get("actor")
        if actor is None:
            return data
        audience = self.audience(actor, original)
        if audience in self.hidden_from:
            hidden = set(self.hidden_from[audience])
            data = {k: v for k, v in data.items() if k not in hidden}
        if audience not in self.visible_to:
            return data
        keep = set(self.visible_to[audience])
        return {k: v for k, v in data.items() if k in keep}
