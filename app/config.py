"""Configuration from the environment (12-factor); `create_app(config=...)` overrides it."""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

INSTANCE_DIR = Path(os.environ.get("TONGXING_INSTANCE_DIR", Path.cwd() / "instance"))


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'tongxing.sqlite3'}"


def _default_broker_url() -> str:
    return f"sqla+sqlite:///{INSTANCE_DIR / 'broker.sqlite3'}"


def _secret(name: str) -> str:
    # Development falls back to a random key per process; production must set it.
    value = os.environ.get(name)
    if value:
        return value
    return secrets.token_urlsafe(48)


def from_environment() -> dict[str, Any]:
    env = os.environ
    return {
        "ENV_NAME": env.get("TONGXING_ENV", "development"),
        "DATABASE_URL": env.get("DATABASE_URL", _default_database_url()),
        # Two-role PostgreSQL (app/dbroles.py): migrations and key rotation connect as the
        # owner; the application's restricted role is granted its rights after each upgrade.
        "MIGRATION_DATABASE_URL": env.get("MIGRATION_DATABASE_URL", ""),
        "DATABASE_APP_ROLE": env.get("DATABASE_APP_ROLE", ""),
        "SECRET_KEY": _secret("SECRET_KEY"),
        "JWT_SECRET_KEY": _secret("JWT_SECRET_KEY"),
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=int(env.get("JWT_ACCESS_MINUTES", "15"))),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(days=int(env.get("JWT_REFRESH_DAYS", "30"))),
        # Browsers keep the refresh token in a cookie (`?mode=cookie` on the auth routes);
        # access tokens only ever travel in the Authorization header.
        "JWT_TOKEN_LOCATION": ["headers", "cookies"],
        "JWT_COOKIE_SECURE": True,  # browsers treat http://127.0.0.1 and localhost as secure
        "JWT_COOKIE_SAMESITE": "Strict",
        "JWT_SESSION_COOKIE": False,
        "JWT_REFRESH_COOKIE_PATH": "/api/v1/auth/refresh",
        "JWT_REFRESH_CSRF_COOKIE_PATH": "/",  # read by the front-ends' scripts
        "JWT_COOKIE_CSRF_PROTECT": True,
        "BABEL_DEFAULT_LOCALE": env.get("DEFAULT_LOCALE", "zh_CN"),
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Asia/Shanghai"),
        "TIMEZONE": env.get("TIMEZONE", "Asia/Shanghai"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "SIGNIN_RATE_LIMIT": env.get("SIGNIN_RATE_LIMIT", "5 per minute"),
        "SIGNUP_RATE_LIMIT": env.get("SIGNUP_RATE_LIMIT", "20 per hour"),
        "API_RATE_LIMIT": env.get("API_RATE_LIMIT", "600 per minute"),
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        # Largest request body (413 above it); ledger uploads have their own limit.
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        "LEDGER_MAX_BYTES": int(env.get("LEDGER_MAX_BYTES", str(10 * 1024 * 1024))),
        # Argon2id cost (argon2-cffi's defaults): passes, memory in KiB, lanes.
        "ARGON2_TIME_COST": int(env.get("ARGON2_TIME_COST", "3")),
        "ARGON2_MEMORY_COST": int(env.get("ARGON2_MEMORY_COST", "65536")),
        "ARGON2_PARALLELISM": int(env.get("ARGON2_PARALLELISM", "4")),
        "OPENAPI_VIEWER": env.get("OPENAPI_VIEWER", "1") == "1",
        # The front-ends' build output (`npm run build` in web/); web/dist by default.
        "WEB_DIST_DIR": env.get("WEB_DIST_DIR", ""),
        # Fernet keys, newest first, comma-separated; derived from SECRET_KEY when unset.
        "FIELD_ENCRYPTION_KEYS": [k for k in env.get("FIELD_ENCRYPTION_KEYS", "").split(",") if k],
        "BLIND_INDEX_KEY": env.get("BLIND_INDEX_KEY", ""),
        # Background work: Celery's broker (an embedded SQLite file unless set; RabbitMQ in
        # production, e.g. amqp://guest:guest@127.0.0.1:5672//), and its two queues.
        "CELERY_BROKER_URL": env.get("CELERY_BROKER_URL", _default_broker_url()),
        "MATCH_QUEUE": env.get("MATCH_QUEUE", "tongxing.match"),
        "JOBS_QUEUE": env.get("JOBS_QUEUE", "tongxing.jobs"),
        # Weekly recompute: cron in TIMEZONE, grace for a missed run.
        "MATCH_CRON": env.get("MATCH_CRON", "0 2 * * mon"),
        "MATCH_GRACE_SECONDS": int(env.get("MATCH_GRACE_SECONDS", str(6 * 3600))),
        # A worker renews its run's lease every quarter of this; a run whose lease ran out
        # is taken over. Failed attempts are retried with backoff (60 s, 120 s, ...).
        "MATCH_LEASE_SECONDS": int(env.get("MATCH_LEASE_SECONDS", "120")),
        "MATCH_RUN_TIMEOUT_SECONDS": int(env.get("MATCH_RUN_TIMEOUT_SECONDS", "3600")),
        "MATCH_MAX_ATTEMPTS": int(env.get("MATCH_MAX_ATTEMPTS", "3")),
        "MATCH_RETRY_BACKOFF_SECONDS": int(env.get("MATCH_RETRY_BACKOFF_SECONDS", "60")),
        "MATCH_REQUEUE_SECONDS": int(env.get("MATCH_REQUEUE_SECONDS", "300")),
        # Solver processes per run (default: the machine's cores).
        "MATCH_WORKERS": int(env.get("MATCH_WORKERS", "0")) or None,
        # Goods and funds given in parts: no part below this share of the need, nor below
        # this many yuan for money (unless the need, or what is left of it, is smaller).
        "MATCH_MIN_PART_SHARE": float(env.get("MATCH_MIN_PART_SHARE", "0.1")),
        "MATCH_MIN_PART_YUAN": int(env.get("MATCH_MIN_PART_YUAN", "100")),
        # Tests only: each run attempt parks between its read and its write until told to go.
        "MATCH_PAUSE_DIR": env.get("MATCH_PAUSE_DIR") or None,
        # Seconds the CP-SAT stage (goods, funds, posts) may take before answering FEASIBLE.
        "MATCH_TIME_LIMIT_S": float(env.get("MATCH_TIME_LIMIT_S", "20")),
        "MATCH_REGIONS": [c for c in env.get("MATCH_REGIONS", "").split(",") if c],
        "PRIORITY_POLICY": json.loads(env["PRIORITY_POLICY"])
        if env.get("PRIORITY_POLICY")
        else None,
    }


SWAGGER_UI_ASSETS = "/api/v1/docs/assets/"


def api_spec_settings(enable_viewer: bool) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "API_TITLE": "Tongxing 同行 API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": (
                    "Tongxing pairs the needs of children in difficulty (困境儿童) with "
                    "volunteers, social-work agencies and donors. Errors are RFC 9457 "
                    "problem documents; messages are in Simplified Chinese unless the "
                    "request sends `Accept-Language: en`."
                )
            },
            "servers": [{"url": "/"}],
        },
    }
    if enable_viewer:
        settings.update(
            {
                "OPENAPI_SWAGGER_UI_PATH": "docs",
                # Served from the flask-swagger-ui package (see TongxingApi): the explorer
                # works offline and on a government intranet, no CDN.
                "OPENAPI_SWAGGER_UI_URL": os.environ.get("SWAGGER_UI_URL", SWAGGER_UI_ASSETS),
            }
        )
    return settings
