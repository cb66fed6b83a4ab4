"""Security headers, set once for every response of the app.

The Content-Security-Policy depends on what a route serves: the front-ends (`/console/`,
`/m/`) run only their own scripts and styles; the API answers JSON that nothing should
execute or frame; Swagger UI (`/api/v1/docs`) needs its inline bootstrap script and, when its
assets come from elsewhere, that origin. A view that sets a header itself keeps its own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # The phone app asks for the position at check-in; nothing asks for the rest.
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
}


def _policy(**directives: str) -> str:
    return "; ".join(f"{name.replace('_', '-')} {value}" for name, value in directives.items())


# Vue, Element Plus, Vant and ECharts set styles through the CSSOM (allowed); no eval, no
# style attributes in markup, and no inline <script> or <style> but those of a page's own
# build, named by their hashes (`frontend_policy`).
FRONTEND_DIRECTIVES = dict(
    default_src="'self'",
    script_src="'self'",
    style_src="'self'",
    img_src="'self' data: blob:",
    font_src="'self' data:",
    connect_src="'self'",
    worker_src="'self'",
    manifest_src="'self'",
    object_src="'none'",
    base_uri="'self'",
    form_action="'self'",
    frame_ancestors="'none'",
)
FRONTEND_POLICY = _policy(**FRONTEND_DIRECTIVES)


def frontend_policy(scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> str:
    """The front-ends' policy, allowing also the inline elements whose hashes are given
    (CSP source expressions such as `'sha256-…'`): a page's critical CSS and boot script."""
    if not scripts and not styles:
        return FRONTEND_POLICY
    directives = dict(FRONTEND_DIRECTIVES)
    directives["script_src"] = " ".join((directives["script_src"], *scripts))
    directives["style_src"] = " ".join((directives["style_src"], *styles))
    return _policy(**directives)


# JSON and problem documents: nothing to load, run or frame.
API_POLICY = _policy(
    default_src="'none'",
    base_uri="'none'",
    form_action="'none'",
    frame_ancestors="'none'",
)


def docs_policy(swagger_ui_url: str | None) -> str:
    """Swagger UI's page starts with an inline script; its assets may live on another origin
    (OPENAPI_SWAGGER_UI_URL) or under this one."""
    extra = ""
    if swagger_ui_url:
        parts = urlsplit(swagger_ui_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            extra = f" {parts.scheme}://{parts.netloc}"
    return _policy(
        default_src="'self'",
        script_src=f"'self' 'unsafe-inline'{extra}",
        style_src=f"'self' 'unsafe-inline'{extra}",
        img_src=f"'self' data:{extra}",
        font_src=f"'self' data:{extra}",
        connect_src="'self'",
        object_src="'none'",
        base_uri="'self'",
        form_action="'self'",
        frame_ancestors="'none'",
    )


def policy_for(path: str) -> str:
    docs_path = current_app.config.get("OPENAPI_URL_PREFIX", "/api/v1").rstrip("/") + "/docs"
    if path == docs_path or path.startswith(docs_path + "/"):
        return docs_policy(current_app.config.get("OPENAPI_SWAGGER_UI_URL"))
    if path.startswith(("/console/", "/m/")):
        return FRONTEND_POLICY
    return API_POLICY


_OWN = {name.lower() for name in COMMON_HEADERS} | {
    "content-security-policy",
    "strict-transport-security",
}


def _add_headers(response: Response) -> Response:
    # One pass over what the view set, then the missing headers appended (rather than a
    # scan of the whole list per header).
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()} & _OWN
    missing = [
        (name, value) for name, value in COMMON_HEADERS.items() if name.lower() not in present
    ]
    if "content-security-policy" not in present:
        missing.append(("Content-Security-Policy", policy_for(request.path)))
    if request.is_secure and "strict-transport-security" not in present:
        missing.append(("Strict-Transport-Security", "max-age=31536000"))
    headers.extend(missing)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
