"""HTTP edge. Every resource package is registered from the one list in `register()`."""

from __future__ import annotations

from typing import Any

PREFIX = "/api/v1"


def blueprints() -> list[Any]:
    from app.api.agencies.routes import blp as agencies
    from app.api.aid_items.routes import blp as aid_items
    from app.api.audit.routes import blp as audit
    from app.api.auth.routes import blp as auth
    from app.api.children.routes import blp as children
    from app.api.documents.routes import blp as documents
    from app.api.field.routes import me_blp as me
    from app.api.field.routes import reports_blp as urgent_reports
    from app.api.field.routes import schedule_blp as visit_schedule
    from app.api.field.routes import visits_blp as visits
    from app.api.health.routes import blp as health
    from app.api.ledger.routes import blp as ledger
    from app.api.matching.routes import pairings_blp as pairings
    from app.api.matching.routes import proposals_blp as proposals
    from app.api.matching.routes import runs_blp as match_runs
    from app.api.needs.routes import blp as needs
    from app.api.needs.routes import categories_blp as need_categories
    from app.api.organizations.routes import blp as organizations
    from app.api.organizations.routes import resources_blp as resources
    from app.api.overview.routes import blp as overview
    from app.api.planning.routes import blp as planning
    from app.api.regions.routes import blp as regions
    from app.api.spot_checks.routes import blp as spot_checks
    from app.api.statistics.routes import blp as statistics
    from app.api.users.routes import blp as users
    from app.api.volunteers.routes import blp as volunteers

    return [
        health,
        auth,
        users,
        regions,
        audit,
        need_categories,
        aid_items,
        children,
        needs,
        volunteers,
        agencies,
        organizations,
        resources,
        ledger,
        match_runs,
        proposals,
        pairings,
        me,
        visits,
        visit_schedule,
        urgent_reports,
        statistics,
        overview,
        planning,
        spot_checks,
        documents,
    ]


def register(api: Any) -> None:
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    api.spec.components.security_scheme(
        "refreshCookie",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": "refresh_token_cookie",
            "description": "Set by `mode=cookie`; send its `csrf_refresh_token` cookie's value "
            "in the `X-CSRF-TOKEN` header",
        },
    )
    for blueprint in blueprints():
        api.register_blueprint(blueprint, url_prefix=PREFIX + blueprint.url_prefix)
    from app.api.auth.schemas import OPENAPI_EXTRAS

    for name, extra in OPENAPI_EXTRAS.items():
        api.spec.components.schemas[name].update(extra)
