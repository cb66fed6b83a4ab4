"""Extensions, created unbound here and bound to an app in `create_app()`."""

from __future__ import annotations

from flask import request
from flask_babel import Babel
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from app.api.base import TongxingApi
from app.db import Database

db = Database()
api = TongxingApi()
jwt = JWTManager()
babel = Babel()


def _rate_key() -> str:
    """Per-user limits for signed-in callers, per address otherwise. The token's signature is
    checked (a forged identity must not dodge the limit); revocation is left to the view.
    The verified claims stay on the request: authentication reads them there rather than
    decoding the token again, and so does a second call of this key."""
    from app.api.base import bearer_claims

    claims = bearer_claims()
    if claims and "sub" in claims:
        return f"user:{claims['sub']}"
    return f"ip:{get_remote_address()}"


limiter = Limiter(key_func=_rate_key, headers_enabled=True)


def select_locale() -> str:
    """zh_CN unless the caller prefers English (Accept-Language: en)."""
    match = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    if match and match.startswith("en"):
        return "en"
    return "zh_CN"
