from __future__ import annotations

import json
from pathlib import Path

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_openapi_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json["info"]["title"].startswith("Tongxing")


def test_committed_openapi_equals_generated(app):
    from app.extensions import api

    with app.app_context():
        generated = api.spec.to_dict()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(generated)), (
        "openapi/openapi.json is stale: run `flask --app app openapi write --format=json "
        "openapi/openapi.json`"
    )


def test_every_operation_documents_summary_errors_and_security(app):
    from app.extensions import api

    with app.app_context():
        spec = api.spec.to_dict()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            where = f"{method.upper()} {path}"
            assert op.get("summary"), f"{where} has no summary"
            codes = set(op["responses"])
            assert any(code.startswith(("4", "5")) or code == "default" for code in codes), where
            if "security" in op:
                assert "401" in codes, f"{where} is secured but does not document 401"


def _operations(spec):  # type: ignore[no-untyped-def]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, op


def test_every_operation_has_a_stable_unique_operation_id(app):
    from app.extensions import api

    with app.app_context():
        spec = api.spec.to_dict()
    ids = [op.get("operationId") for _p, _m, op in _operations(spec)]
    assert all(ids) and len(set(ids)) == len(ids)
    named = {(p, m): op["operationId"] for p, m, op in _operations(spec)}
    assert named[("/api/v1/visits/{visit_id}", "patch")] == "patchVisitById"
    assert named[("/api/v1/auth/signin", "post")] == "postSignIn"


def test_every_operation_declares_what_the_edge_can_answer(app):
    from app.extensions import api

    with app.app_context():
        spec = api.spec.to_dict()
    for path, method, op in _operations(spec):
        codes, where = set(op["responses"]), f"{method.upper()} {path}"
        assert "429" in codes, where
        if "{" in path:
            assert "404" in codes, where
        if "requestBody" in op:
            assert {"400", "413", "422"} <= codes, where
        if method != "get":
            assert "409" in codes, where
        if op.get("parameters"):
            assert "422" in codes, where
    etagged = spec["paths"]["/api/v1/visits/{visit_id}/hours"]["put"]["responses"]
    assert {"412", "428"} <= set(etagged)
    problem = spec["components"]["schemas"]["Problem"]
    assert problem["properties"]["errors"]["type"] == "object"
    assert {"type", "title", "status", "code"} <= set(problem["required"])


def test_the_explorer_loads_its_assets_from_the_server_not_a_cdn(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "cdn" not in page and "https://" not in page
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        response = client.get(f"/api/v1/docs/assets/{asset}")
        assert response.status_code == 200 and len(response.data) > 1000, asset


def test_query_string_schemas_convert_text():
    """A query string is text: a schema that wants JSON types there refuses every number and
    boolean in a URL (`?published=true` answered 422). The Blueprint refuses such a schema
    when the view is declared, so none can ship."""
    import marshmallow as ma
    import pytest

    from app.api.base import Blueprint
    from app.api.common import QueryArgs, StrictSchema

    class Strict(StrictSchema):
        flag = ma.fields.Boolean()

    class Text(QueryArgs):
        flag = ma.fields.Boolean()

    blp = Blueprint("probe", __name__)
    with pytest.raises(TypeError, match="QueryArgs"):
        blp.arguments(Strict, location="query")
    blp.arguments(Text, location="query")
    blp.arguments(Strict)  # a JSON body keeps its JSON types
