"""Sign-up, sign-in, token refresh (rotated), sign-out and password change.

Two ways to carry the refresh token, chosen per request with `?mode=`:
- `json` (default, for API clients): both tokens in the body; refresh with the refresh token
  as the bearer token.
- `cookie` (for the browser front-ends): the refresh token only in an `HttpOnly; Secure;
  SameSite=Strict` cookie scoped to `/api/v1/auth/refresh`, with Flask-JWT-Extended's
  double-submit CSRF check (a readable `csrf_refresh_token` cookie echoed in `X-CSRF-TOKEN`).
  The access token stays in the page's memory. A refused cookie refresh and a sign-out clear
  the cookies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Response, after_this_request, current_app, g, request
from flask.views import MethodView
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    decode_token,
    get_jwt,
    set_refresh_cookies,
    unset_refresh_cookies,
    verify_jwt_in_request,
)
from flask_limiter.util import get_remote_address

from app.api.auth.schemas import (
    PasswordChangeSchema,
    SignInSchema,
    SignUpSchema,
    TokenModeSchema,
    TokenPairSchema,
)
from app.api.base import BEARER, REFRESH_COOKIE, Blueprint, after_rollback, current_actor
from app.db import utcnow
from app.errors import Unauthorized
from app.extensions import limiter
from app.models import Role, User
from app.services import users as service

F = TypeVar("F", bound=Callable[..., Any])

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Sign-up, sign-in and tokens")


def _signin_account_key() -> str:
    """Failed sign-ins are counted per account and address, through sign-in or sign-up, as
    JSON or as the phone app's form (`phone`, form-encoded)."""
    body = request.get_json(silent=True) if request.is_json else request.form
    identifier = None
    if body is not None and hasattr(body, "get"):
        identifier = body.get("identifier") or body.get("phone") or body.get("email")
    kind, value = service.classify_identifier(str(identifier or ""))
    return f"signin:{kind}:{value}:{get_remote_address()}"


def _signin_limit() -> str:
    return current_app.config["SIGNIN_RATE_LIMIT"]


def _signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def sign_in_limits(exempt_when: Callable[[], bool] | None = None) -> Callable[[F], F]:
    """The limits of every way to sign in with a password: failed attempts per account and
    address (shared by the API's sign-in and sign-up and the phone app's form: a refusal
    answers 401), and attempts per address. `exempt_when` lets a view refuse a request
    itself before it counts (the form's foreign origin)."""

    def decorator(func: F) -> F:
        limited = limiter.limit(
            "60 per minute", key_func=get_remote_address, exempt_when=exempt_when
        )(func)
        return limiter.shared_limit(  # type: ignore[return-value]
            _signin_limit,
            scope="signin",
            key_func=_signin_account_key,
            deduct_when=lambda r: r.status_code == 401,
            exempt_when=exempt_when,
        )(limited)

    return decorator


def _issue_tokens(user: User, family: str | None = None, mode: str = "json") -> dict[str, Any]:
    family = family or service.new_family()
    identity = str(user.id)
    # `iat` to the microsecond (RFC 7519 allows a fraction): the password-change cut-off
    # compares exact instants, not whole seconds.
    iat = utcnow().timestamp()
    access = create_access_token(
        identity, additional_claims={"role": user.role.value, "fam": family, "iat": iat}
    )
    refresh = create_refresh_token(identity, additional_claims={"fam": family, "iat": iat})
    claims = decode_token(refresh)
    service.store_refresh_token(
        session=g.db,
        jti=claims["jti"],
        family=family,
        user_id=user.id,
        expires_at=datetime.fromtimestamp(claims["exp"], UTC),
    )
    issued: dict[str, Any] = {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": int(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds()),
        "user": user,
    }
    if mode == "cookie":
        _set_cookies_on_success(refresh)
    else:
        issued["refresh_token"] = refresh
    return issued


def _set_cookies_on_success(refresh: str) -> None:
    max_age = int(current_app.config["JWT_REFRESH_TOKEN_EXPIRES"].total_seconds())

    @after_this_request
    def _set(response: Response) -> Response:
        if response.status_code < 400:
            set_refresh_cookies(response, refresh, max_age=max_age)
        return response


def _clear_cookies_on_failure() -> None:
    @after_this_request
    def _clear(response: Response) -> Response:
        if response.status_code >= 400:
            unset_refresh_cookies(response)
        return response


def _clear_cookies() -> None:
    @after_this_request
    def _clear(response: Response) -> Response:
        unset_refresh_cookies(response)
        return response


def _as_self(user: User) -> None:
    # The response shows the caller's own account.
    g.actor = service.Actor(id=user.id, role=user.role, area_paths=())


def _failed_sign_in(identifier: str, exc: Unauthorized) -> None:
    reason = exc.message or ""
    after_rollback(
        lambda session: service.record_failed_sign_in(identifier, reason, session=session)
    )


def check_password(identifier: str, password: str) -> User:
    """The account these credentials open, or Unauthorized; a failure is audited in a
    transaction of its own (it survives the request's rollback)."""
    try:
        return service.authenticate(identifier, password, session=g.db)
    except Unauthorized as exc:
        _failed_sign_in(identifier, exc)
        raise


def signed_in(user: User, mode: str = "json") -> dict[str, Any]:
    """Audit the sign-in and issue the tokens (with `mode="cookie"` the refresh token is set
    as a cookie on a successful response)."""
    service.audit.record(
        "auth.sign_in",
        session=g.db,
        actor_id=user.id,
        actor_role=user.role.value,
        object_type="user",
        object_id=user.id,
    )
    _as_self(user)
    return _issue_tokens(user, mode=mode)


@blp.route("/signup")
class SignUp(MethodView):
    @blp.access(public=True)
    @limiter.limit(_signup_limit, key_func=get_remote_address)
    @limiter.shared_limit(
        _signin_limit,
        scope="signin",
        key_func=_signin_account_key,
        deduct_when=lambda r: r.status_code == 401,
    )
    @blp.arguments(SignUpSchema)
    @blp.arguments(TokenModeSchema, location="query", as_kwargs=True)
    @blp.response(201, TokenPairSchema)
    @blp.alt_response(
        200, schema=TokenPairSchema, description="Already registered: signed in, as sign-in does"
    )
    @blp.alt_response(401, description="Already registered with another password (as sign-in)")
    @blp.alt_response(429, description="Too many sign-ups from this address")
    def post(self, data, mode="json"):
        """Create an account (volunteer by default) and sign in

        A phone number or e-mail that is already registered answers as sign-in would: 200
        with the account's tokens if the password is its own, otherwise 401 "wrong account
        or password". The answer never says whether an account exists.
        """
        role = Role(data.pop("account_type"))
        identifier = data.get("phone") or data.get("email") or ""
        try:
            user, created = service.sign_up(session=g.db, role=role, **data)
        except Unauthorized as exc:
            _failed_sign_in(identifier, exc)
            raise
        if not created:
            return signed_in(user, mode), 200
        _as_self(user)
        return _issue_tokens(user, mode=mode)


@blp.route("/signin")
class SignIn(MethodView):
    @blp.access(public=True)
    @sign_in_limits()
    @blp.arguments(SignInSchema)
    @blp.arguments(TokenModeSchema, location="query", as_kwargs=True)
    @blp.response(200, TokenPairSchema)
    @blp.alt_response(401, description="Wrong account or password")
    @blp.alt_response(429, description="Too many failed attempts for this account and address")
    def post(self, data, mode="json"):
        """Sign in with a mobile phone number or e-mail and a password"""
        return signed_in(check_password(data["identifier"], data["password"]), mode)


@blp.route("/refresh")
class Refresh(MethodView):
    @blp.access(public=True)
    @blp.doc(security=[{BEARER: []}, {REFRESH_COOKIE: []}])
    @blp.arguments(TokenModeSchema, location="query", as_kwargs=True)
    @blp.response(200, TokenPairSchema)
    @blp.alt_response(
        401, description="Refresh token missing, expired, used or revoked, or CSRF header wrong"
    )
    def post(self, mode="json"):
        """Exchange a refresh token for a new pair; the old one is spent

        `mode=json`: the refresh token as the bearer token. `mode=cookie`: the refresh cookie
        and its CSRF token in `X-CSRF-TOKEN`; the new refresh token comes as a cookie."""
        if mode == "cookie":
            _clear_cookies_on_failure()
        location = "cookies" if mode == "cookie" else "headers"
        verify_jwt_in_request(refresh=True, locations=[location])
        claims = get_jwt()
        try:
            token = service.use_refresh_token(claims["jti"], session=g.db)
        except service.RefreshTokenReuse as reuse:
            spent = reuse  # `reuse` is unbound once the except block ends
            after_rollback(lambda session: service.revoke_reused_family(spent, session=session))
            raise
        actor = service.load_actor(token.user_id, session=g.db, issued_at=claims.get("iat"))
        user = g.db.get(User, actor.id)
        g.actor = actor
        return _issue_tokens(user, family=token.family, mode=mode)


@blp.route("/signout")
class SignOut(MethodView):
    @blp.access()
    @blp.arguments(TokenModeSchema, location="query", as_kwargs=True)
    @blp.response(204)
    def post(self, mode="json"):
        """Sign out: this access token and its refresh tokens stop working

        With `mode=cookie` the refresh cookies are cleared too."""
        if mode == "cookie":
            _clear_cookies()
        actor = current_actor()
        claims = get_jwt()
        service.sign_out(
            session=g.db,
            user_id=actor.id,
            role=actor.role.value,
            jti=claims["jti"],
            exp=claims["exp"],
            family=claims.get("fam"),
        )


@blp.route("/password")
class Password(MethodView):
    @blp.access()
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204)
    def post(self, data):
        """Change your password; every other session is signed out"""
        actor = current_actor()
        claims = get_jwt()
        user = g.db.get(User, actor.id)
        service.change_password(
            session=g.db,
            user=user,
            current_password=data["current_password"],
            new_password=data["new_password"],
            jti=claims["jti"],
            exp=claims["exp"],
        )
