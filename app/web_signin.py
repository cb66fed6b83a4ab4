"""The phone app's sign-in form, for a page whose script has not arrived (a slow network) or
will not run: `POST /m/sign-in` with the form-encoded `phone` and `password` of the sign-in
screen that web/src/mobile/index.html shows on its own.

The same sign-in as `POST /api/v1/auth/signin?mode=cookie`: the same password check and
audit, the same limits, the same refresh-token cookie and its CSRF cookie. The access token
is not issued here: it lives in the page's memory only, and the app gets one from the cookie
when it starts (as on any reload). Success answers 303 to /m/; a refusal answers the page
again with the reason and the phone number kept, in the caller's language.

A form post can come from any site (login CSRF: signing the victim in as the attacker), so
a post whose Origin (or, lacking it, Referer) is not this host is refused (403) before it
counts against any limit.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, redirect, request
from flask_babel import force_locale, gettext
from markupsafe import escape
from werkzeug.exceptions import Forbidden, TooManyRequests

from app.api.auth.routes import check_password, sign_in_limits, signed_in
from app.api.problems import translate_message
from app.errors import Unauthorized
from app.extensions import select_locale
from app.services.users import PHONE_APP_ROLES
from app.web import NOT_BUILT, index_html, page_policy

blp = Blueprint("web_signin", __name__)

PREFIX = "m"
HOME = f"/{PREFIX}/"
# Where index.html takes the server's answer (see there).
ERROR_MARK = "<!--signin-error-->"
HTML_TAG = '<html lang="zh-CN">'
PHONE_INPUT = 'name="phone"'
LANGS = {"zh_CN": "zh-CN", "en": "en"}


def same_origin() -> bool:
    """The post comes from a page of this host (Origin, or Referer when a browser sends no
    Origin); a request naming neither is refused too."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return parts.scheme == request.scheme and parts.netloc == request.host


def _foreign() -> bool:
    return not same_origin()


def _in_both_languages(say: Callable[[], str]) -> str:
    """The message in each language the page speaks; the page shows the one of <html lang>."""
    parts = []
    for locale, lang in LANGS.items():
        with force_locale(locale):
            parts.append(f'<span lang="{lang}">{escape(say())}</span>')
    return "".join(parts)


def _page(status: int, say: Callable[[], str], phone: str) -> Response:
    built = index_html(PREFIX)
    if built is None:
        body = NOT_BUILT.format(folder="mobile")
        return Response(body, status=503, mimetype="text/html", headers={"Retry-After": "60"})
    text, file = built
    lang = LANGS[select_locale()]
    alert = f'<p class="sx__error" role="alert">{_in_both_languages(say)}</p>'
    text = text.replace(HTML_TAG, f'<html lang="{lang}" data-signin-failed>', 1)
    text = text.replace(ERROR_MARK, alert, 1)
    text = text.replace(PHONE_INPUT, f'{PHONE_INPUT} value="{escape(phone)}"', 1)
    response = Response(text, status=status, mimetype="text/html")
    response.cache_control.no_store = True
    response.vary.add("Accept-Language")
    response.headers["Content-Security-Policy"] = page_policy(file)
    return response


def _phone_only() -> str:
    url = f"{request.host_url}console/"
    return gettext(
        "The phone app is for volunteers, agencies and donors. Child welfare supervisors "
        "and directors: open {url} on a computer."
    ).format(url=url)


@blp.post(f"/{PREFIX}/sign-in")
@sign_in_limits(exempt_when=_foreign)
def sign_in() -> Response:
    if not same_origin():
        raise Forbidden()
    phone = request.form.get("phone", "").strip()[:254]
    password = request.form.get("password", "")
    if len(phone) < 3 or not password or len(password) > 128:
        return _page(422, lambda: gettext("Enter your mobile number and password."), phone)
    try:
        user = check_password(phone, password)
    except Unauthorized as exc:
        reason = exc.message or "Wrong account or password."
        return _page(401, lambda: translate_message(reason), phone)
    if user.role not in PHONE_APP_ROLES:
        # as the app's own sign-in view answers them; nothing is issued or recorded
        return _page(403, _phone_only, phone)
    signed_in(user, mode="cookie")
    return redirect(HOME, code=303)  # type: ignore[return-value]


@blp.errorhandler(TooManyRequests)
def _too_many(error: TooManyRequests) -> Response:
    # the limiter adds its Retry-After and RateLimit headers to this answer
    return _page(
        429,
        lambda: gettext("Too many failed attempts; wait a minute and try again."),
        request.form.get("phone", "").strip()[:254],
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(blp)
