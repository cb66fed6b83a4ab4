"""The front-ends' built files (`web/dist`): the coordinator console at `/console/` and the
volunteer's phone app at `/m/`. Not part of the API: no OpenAPI operations, no tokens here;
the pages call `/api/v1` like any other client.

Hashed files under `assets/` are cached for a year; everything else (index.html, the
service worker, the manifest) is revalidated on every load, so a new build shows at once.
Paths without a file extension are the apps' history-mode routes: they get index.html.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from flask import Blueprint, Flask, Response, current_app, redirect, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

mimetypes.add_type("application/manifest+json", ".webmanifest")

# URL prefix -> folder under the build output.
FRONTENDS = {"console": "console", "m": "mobile"}
DEFAULT_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
ONE_YEAR = 365 * 24 * 3600

blp = Blueprint("web", __name__)

NOT_BUILT = """<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>同行 · 前端尚未构建 / front-end not built</title></head>
<body>
<h1>前端尚未构建</h1>
<p>服务器找不到 <code>web/dist/{folder}/index.html</code>。请在项目根目录运行
<code>scripts/bootstrap</code>（或
<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>），然后刷新本页。</p>
<h1 lang="en">The front-end is not built</h1>
<p lang="en">The server cannot find <code>web/dist/{folder}/index.html</code>. Run
<code>scripts/bootstrap</code> at the project root (or
<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>), then reload this page.</p>
</body>
</html>
"""


def dist_dir() -> Path:
    return Path(current_app.config.get("WEB_DIST_DIR") or DEFAULT_DIST)


def serve(prefix: str, path: str = "") -> Response:
    folder = FRONTENDS[prefix]
    root = dist_dir() / folder
    if not (root / "index.html").is_file():
        body = NOT_BUILT.format(folder=folder)
        return Response(body, status=503, mimetype="text/html", headers={"Retry-After": "60"})
    if path:
        target = safe_join(str(root), path)
        if target is not None and Path(target).is_file():
            response = send_from_directory(root, path)
            if path.startswith("assets/"):
                response.cache_control.max_age = ONE_YEAR
                response.cache_control.public = True
                response.cache_control.immutable = True
                response.cache_control.no_cache = None
            else:
                response.cache_control.no_cache = True
            return response
        if "." in PurePosixPath(path).name:
            raise NotFound()  # a missing file, not a route of the app
    response = send_from_directory(root, "index.html")
    response.cache_control.no_cache = True
    return response


def _register(prefix: str) -> None:
    def index() -> Response:
        return serve(prefix)

    def page(path: str) -> Response:
        return serve(prefix, path)

    def bare() -> Response:
        return redirect(f"/{prefix}/", code=308)  # type: ignore[return-value]

    blp.add_url_rule(f"/{prefix}", f"{prefix}_bare", bare, strict_slashes=True)
    blp.add_url_rule(f"/{prefix}/", f"{prefix}_index", index)
    blp.add_url_rule(f"/{prefix}/<path:path>", f"{prefix}_page", page)


for _prefix in FRONTENDS:
    _register(_prefix)


@blp.route("/")
def home() -> Response:
    return redirect("/console/", code=302)  # type: ignore[return-value]


def init_app(app: Flask) -> None:
    app.register_blueprint(blp)
