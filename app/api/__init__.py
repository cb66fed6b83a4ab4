"""HTTP edge. Every resource package is registered from the one list in `register()`."""

from __future__ import annotations

from typing import Any

PREFIX = "/api/v1"


def blueprints() -> list[Any]:
    from app.api.audit.routes import blp as audit_blp
    from app.api.auth.routes import blp as auth_blp
    from app.api.health.routes import blp as health_blp
    from app.api.regions.routes import blp as regions_blp
    from app.api.users.routes import blp as users_blp

    return [health_blp, auth_blp, users_blp, regions_blp, audit_blp]


def register(api: Any) -> None:
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    for blueprint in blueprints():
        api.register_blueprint(blueprint, url_prefix=PREFIX + blueprint.url_prefix)
    from app.api.auth.schemas import OPENAPI_EXTRAS

    for name, extra in OPENAPI_EXTRAS.items():
        api.spec.components.schemas[name].update(extra)
