"""Serving the built front-ends, and the security headers every response carries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import create_app


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    for folder in ("console", "mobile"):
        root = tmp_path / folder
        (root / "assets").mkdir(parents=True)
        (root / "index.html").write_text(f"<!doctype html><title>{folder}</title>")
        (root / "assets" / "index-AbC123.js").write_text("export {}")
    (tmp_path / "mobile" / "sw.js").write_text("self.skipWaiting()")
    (tmp_path / "mobile" / "manifest.webmanifest").write_text("{}")
    return tmp_path


@pytest.fixture
def web_client(app_config: dict[str, Any], dist: Path) -> Any:
    return create_app({**app_config, "WEB_DIST_DIR": str(dist)}).test_client()


@pytest.mark.parametrize("prefix,folder", [("console", "console"), ("m", "mobile")])
def test_history_routes_fall_back_to_index_html_uncached(web_client, prefix, folder):
    for path in (f"/{prefix}/", f"/{prefix}/children/42", f"/{prefix}/signin"):
        response = web_client.get(path)
        assert response.status_code == 200, path
        assert f"<title>{folder}</title>" in response.get_data(as_text=True)
        assert response.mimetype == "text/html"
        assert "no-cache" in response.headers["Cache-Control"]
    assert web_client.get(f"/{prefix}").status_code == 308


def test_hashed_assets_are_cached_for_a_year(web_client):
    response = web_client.get("/console/assets/index-AbC123.js")
    assert response.status_code == 200
    cache = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "no-cache" not in cache
    assert response.mimetype == "text/javascript"


def test_text_files_go_out_gzipped_to_browsers_that_accept_it(web_client, dist):
    import gzip

    big = "export const words = " + repr(["同行"] * 2000) + ";\n"
    (dist / "mobile" / "assets" / "big-XyZ789.js").write_text(big, encoding="utf-8")
    url = "/m/assets/big-XyZ789.js"
    packed = web_client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.get_data()).decode() == big
    assert len(packed.get_data()) < len(big.encode()) / 5
    again = web_client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert again.status_code == 304
    plain = web_client.get(url)  # no Accept-Encoding: as it is
    assert "Content-Encoding" not in plain.headers and plain.get_data(as_text=True) == big
    tiny = web_client.get("/m/assets/index-AbC123.js", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in tiny.headers  # not worth it under 1 KB


def test_service_worker_and_manifest_are_revalidated(web_client):
    worker = web_client.get("/m/sw.js")
    assert worker.status_code == 200 and "no-cache" in worker.headers["Cache-Control"]
    manifest = web_client.get("/m/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"


def test_missing_files_are_404_not_the_app(web_client):
    assert web_client.get("/console/assets/gone-123.js").status_code == 404
    assert web_client.get("/m/icon-999.png").status_code == 404
    assert web_client.get("/console/../pyproject.toml").status_code == 404


def test_missing_build_answers_503_with_how_to_build(app_config, tmp_path):
    client = create_app({**app_config, "WEB_DIST_DIR": str(tmp_path / "none")}).test_client()
    for path in ("/console/", "/console/proposals", "/m/"):
        response = client.get(path)
        assert response.status_code == 503, path
        text = response.get_data(as_text=True)
        assert "scripts/bootstrap" in text and "npm ci" in text


def test_front_ends_are_not_api_operations(app):
    from app.extensions import api

    with app.app_context():
        paths = api.spec.to_dict()["paths"]
    assert all(path.startswith("/api/v1/") for path in paths)


def test_root_leads_to_the_console(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/console/"


COMMON = ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy")


def test_front_end_csp_allows_only_own_scripts_styles_and_connections(web_client):
    response = web_client.get("/console/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    directives = dict(
        d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["img-src"] == "'self' data: blob:"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_api_json_and_errors_carry_the_headers_and_a_deny_all_csp(client):
    for response in (
        client.get("/api/v1/health/"),
        client.get("/api/v1/users/me"),  # 401 problem document
        client.get("/api/v1/nowhere"),  # 404
    ):
        for name in COMMON:
            assert name in response.headers, (response.status_code, name)
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_swagger_ui_has_its_own_policy(client, app):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    viewer = app.config.get("OPENAPI_SWAGGER_UI_URL", "")
    if viewer.startswith("http"):
        from urllib.parse import urlsplit

        assert urlsplit(viewer).netloc in policy


def test_the_apps_files_do_not_count_against_the_apis_limit(app_config, dist):
    """A phone that opens the app downloads all its files for the offline cache (about 80):
    a village's phones behind one address must not exhaust the API's per-address limit,
    nor be refused the app's scripts when they have. The API's answers carry the limit's
    headers; the apps' files are not counted at all."""
    app = create_app({**app_config, "WEB_DIST_DIR": str(dist), "RATELIMIT_ENABLED": True})
    client = app.test_client()
    api = client.get("/api/v1/health/")
    assert api.status_code == 200 and "X-RateLimit-Limit" in api.headers
    for path in ("/m/assets/index-AbC123.js", "/m/", "/m/pairings", "/console/"):
        answer = client.get(path)
        assert answer.status_code == 200
        assert "X-RateLimit-Limit" not in answer.headers, path
