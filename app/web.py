"""The front-ends' built files (`web/dist`): the coordinator console at `/console/` and the
volunteer's phone app at `/m/`. Not part of the API: no OpenAPI operations, no tokens here;
the pages call `/api/v1` like any other client.

Hashed files under `assets/` are cached for a year; everything else (index.html, the
service worker, the manifest) is revalidated on every load, so a new build shows at once.
Paths without a file extension are the apps' history-mode routes: they get index.html.
Text files go out gzipped to browsers that accept it (a phone on a slow network downloads a
third of the bytes); each file is compressed once per build and kept in memory.

An index.html may carry inline critical CSS and a tiny boot script (the phone app's sign-in
screen works from the HTML alone): its response carries a Content-Security-Policy that
allows exactly those elements by their SHA-256 hashes, computed once per build.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import mimetypes
import re
from pathlib import Path, PurePosixPath

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    redirect,
    request,
    send_from_directory,
)
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from app.security_headers import frontend_policy

mimetypes.add_type("application/manifest+json", ".webmanifest")

# URL prefix -> folder under the build output.
FRONTENDS = {"console": "console", "m": "mobile"}
DEFAULT_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
ONE_YEAR = 365 * 24 * 3600
COMPRESSIBLE = {".js", ".mjs", ".css", ".html", ".svg", ".json", ".webmanifest", ".txt"}
MIN_COMPRESS_BYTES = 1024

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


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file gzipped; keyed by its modification time and size, so a new build is read anew."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


# Inline <script> (without src) and <style> elements of a built page, outside comments.
_INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@functools.lru_cache(maxsize=16)
def _inline_hashes(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CSP hash sources of the page's inline scripts and styles; keyed like `_gzipped`."""
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    page = _COMMENT.sub("", Path(path).read_text(encoding="utf-8"))
    for tag, attributes, body in _INLINE.findall(page):
        if tag.lower() == "script" and _SRC.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        (scripts if tag.lower() == "script" else styles)[f"'sha256-{digest}'"] = None
    return tuple(scripts), tuple(styles)


def page_policy(file: Path) -> str:
    """The front-end policy for this built page, its own inline elements allowed."""
    stat = file.stat()
    return frontend_policy(*_inline_hashes(str(file), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)
def _text(path: str, mtime_ns: int, size: int) -> str:
    return Path(path).read_text(encoding="utf-8")


def index_html(prefix: str) -> tuple[str, Path] | None:
    """A front-end's built index.html (text, path), read once per build; None if not built."""
    file = dist_dir() / FRONTENDS[prefix] / "index.html"
    try:
        stat = file.stat()
    except FileNotFoundError:
        return None
    return _text(str(file), stat.st_mtime_ns, stat.st_size), file


def _compressed(response: Response, file: Path) -> Response:
    if response.status_code != 200 or "gzip" not in request.accept_encodings:
        return response
    stat = file.stat()
    if file.suffix not in COMPRESSIBLE or stat.st_size < MIN_COMPRESS_BYTES:
        return response
    response.direct_passthrough = False
    response.set_data(_gzipped(str(file), stat.st_mtime_ns, stat.st_size))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    etag, _ = response.get_etag()
    if etag:  # the same file in another encoding: a weak validator still answers 304
        response.set_etag(etag, weak=True)
    return response


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
            if Path(target) == root / "index.html":  # as the service worker precaches it
                response.headers["Content-Security-Policy"] = page_policy(Path(target))
            return _compressed(response, Path(target))
        if "." in PurePosixPath(path).name:
            raise NotFound()  # a missing file, not a route of the app
    response = send_from_directory(root, "index.html")
    response.cache_control.no_cache = True
    response.headers["Content-Security-Policy"] = page_policy(root / "index.html")
    return _compressed(response, root / "index.html")


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
    from app.extensions import limiter

    # The apps' files are not API calls: a phone opening the app fetches all of them for its
    # offline cache (about 80), and a village's phones often share one address. Only the API
    # (and the sign-in form, which has its own limits) is limited.
    limiter.exempt(blp)
    app.register_blueprint(blp)
