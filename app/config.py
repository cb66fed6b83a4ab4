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
        "BABEL_DEFAULT_LOCALE": env.get("DEFAULT_LOCALE", "zh_CN"),
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Asia/Shanghai"),
        "TIMEZONE": env.get("TIMEZONE", "Asia/Shanghai"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "SIGNIN_RATE_LIMIT": env.get("SIGNIN_RATE_LIMIT", "5 per minute"),
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
        # Fernet keys, newest first, comma-separated; derived from SECRET_KEY when unset.
        "FIELD_ENCRYPTION_KEYS": [k for k in env.get("FIELD_ENCRYPTION_KEYS", "").split(",") if k],
        "BLIND_INDEX_KEY": env.get("BLIND_INDEX_KEY", ""),
        # Weekly recompute: cron in TIMEZONE, grace for a missed run, lease of a running one.
        "MATCH_CRON": env.get("MATCH_CRON", "0 2 * * mon"),
        "MATCH_GRACE_SECONDS": int(env.get("MATCH_GRACE_SECONDS", str(6 * 3600))),
        "MATCH_LEASE_SECONDS": int(env.get("MATCH_LEASE_SECONDS", "1800")),
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
