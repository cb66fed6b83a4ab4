"""Tongxing (同行): getting the right help to children in difficulty, fast."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

# Nothing web-related is imported at module level: `app.matching` must import without Flask.


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application. `config` overrides what the environment says."""
    from flask import g, request
    from werkzeug.middleware.proxy_fix import ProxyFix

    from app import api as api_package
    from app import cli, security_headers, web, web_signin
    from app import config as config_module
    from app.api.payload import JSONProvider
    from app.extensions import api, babel, db, jwt, limiter, select_locale
    from app.i18n import compile_catalogues
    from app.services import audit

    app = _flask_class()(__name__, instance_path=str(config_module.INSTANCE_DIR))
    settings = config_module.from_environment()
    settings.update(config or {})
    app.config.update(settings)
    app.config.update(config_module.api_spec_settings(app.config["OPENAPI_VIEWER"]))
    app.config.setdefault("RATELIMIT_DEFAULT", app.config["API_RATE_LIMIT"])
    app.config["JSON_SORT_KEYS"] = False
    app.json = JSONProvider(app)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    _configure_routing(app)

    if app.config["DATABASE_URL"].startswith("sqlite:///"):
        config_module.INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]

    if "DATABASE_SESSIONMAKER" in app.config:  # tests bind sessions to one connection
        db.sessionmaker = app.config["DATABASE_SESSIONMAKER"]
        db.engine = db.sessionmaker.kw["bind"].engine
    else:
        db.init(app.config["DATABASE_URL"])
    app.extensions["tongxing.db"] = db

    _configure_encryption(app)
    _configure_passwords(app)
    compile_catalogues()
    babel.init_app(app, locale_selector=select_locale)
    jwt.init_app(app)
    limiter.init_app(app)
    api.init_app(app)
    api_package.register(api)
    _register_token_checks(jwt)
    web.init_app(app)
    web_signin.init_app(app)
    security_headers.init_app(app)
    cli.register(app)
    from app import tasks

    tasks.init_celery(app)

    @app.before_request
    def _open_session() -> None:
        g.db = db.sessionmaker()  # type: ignore[misc]
        audit.current_origin.set(
            audit.Origin.of(request.remote_addr, request.headers.get("User-Agent"))
        )

    @app.after_request
    def _finish_unit_of_work(response):  # type: ignore[no-untyped-def]
        session = g.pop("db", None)
        if session is not None:
            try:
                if response.status_code < 400:
                    response = _commit(session, response)
                else:
                    session.rollback()
            finally:
                session.close()
        # Records that must outlive the request's rollback (failed sign-ins, token reuse).
        for write in g.pop("after_rollback", []):
            with db.session() as own:
                write(own)
        return response

    @app.teardown_request
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:  # an exception skipped after_request
            session.rollback()
            session.close()

    return app


def _flask_class() -> type[Flask]:
    """Flask, less what every request paid for and none used: no cookie session is opened
    or signed (callers carry tokens; the refresh cookie is flask-jwt-extended's own), and
    whether a hook or view is a coroutine is asked once per function, not per request."""
    from inspect import iscoroutinefunction

    from flask import Flask
    from flask.sessions import SessionInterface

    class NoCookieSession(SessionInterface):
        def open_session(self, app: Any, request: Any) -> None:
            return None  # Flask then uses its null session, which nothing writes to

        def save_session(self, app: Any, session: Any, response: Any) -> None:
            return None

    class TongxingFlask(Flask):
        session_interface = NoCookieSession()

        def ensure_sync(self, func: Any) -> Any:
            # a bound method (a MethodView's per request) is keyed by its function
            target = getattr(func, "__func__", func)
            try:
                is_async = _ASYNC_HOOKS.get(target)
            except TypeError:  # unhashable callable
                return super().ensure_sync(func)
            if is_async is None:
                is_async = iscoroutinefunction(func)
                if len(_ASYNC_HOOKS) < 4096:  # per-request closures are not kept
                    _ASYNC_HOOKS[target] = is_async
            return self.async_to_sync(func) if is_async else func

    return TongxingFlask


_ASYNC_HOOKS: dict[Any, bool] = {}


def _commit(session: Any, response: Any) -> Any:
    """Commit the request's unit of work. A unique key taken meanwhile by another request
    answers 409 like any other conflict; nothing of this request is kept."""
    from sqlalchemy.exc import IntegrityError

    from app.api.base import handle_integrity_error

    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        return handle_integrity_error(exc)
    return response


def _configure_routing(app: Flask) -> None:
    """Path segments with control characters match no route (404): they never reach a
    query, where PostgreSQL refuses a NUL."""
    from werkzeug.routing import UnicodeConverter

    class TextConverter(UnicodeConverter):
        def __init__(
            self,
            map: Any,
            minlength: int = 1,
            maxlength: int | None = None,
            length: int | None = None,
        ) -> None:
            super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
            self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]")

    app.url_map.converters["default"] = TextConverter
    app.url_map.converters["string"] = TextConverter


def _configure_encryption(app: Flask) -> None:
    from app import crypto

    keys = app.config["FIELD_ENCRYPTION_KEYS"] or [
        crypto.derive_key(app.config["SECRET_KEY"], "fields")
    ]
    index_key = (
        app.config["BLIND_INDEX_KEY"]
        or crypto.derive_key(app.config["SECRET_KEY"], "blind-index").decode()
    )
    crypto.configure(crypto.FieldCipher(keys, index_key))


def _configure_passwords(app: Flask) -> None:
    from app import passwords

    passwords.configure(
        time_cost=app.config["ARGON2_TIME_COST"],
        memory_cost=app.config["ARGON2_MEMORY_COST"],
        parallelism=app.config["ARGON2_PARALLELISM"],
    )


def _register_token_checks(jwt: Any) -> None:
    from flask import g

    from app.services import users

    @jwt.token_in_blocklist_loader
    def _revoked(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
        if payload.get("type") != "access":
            return False  # refresh tokens are checked by rotation
        return users.is_access_token_revoked(
            payload["jti"], family=payload.get("fam"), session=g.db
        )
