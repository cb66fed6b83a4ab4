"""The phone app's sign-in without JavaScript: the form of web/src/mobile/index.html posted
to /m/sign-in signs in as the API's cookie sign-in does, refuses as it does, and answers
the page again with the reason; and the policy that lets that page's inline CSS and boot
script run, by their hashes."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import create_app
from app.models import AuditEvent, User
from tests.conftest import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
SOURCE_INDEX = ROOT / "web" / "src" / "mobile" / "index.html"
ORIGIN = {"Origin": "http://localhost"}
REFRESH = "/api/v1/auth/refresh?mode=cookie"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """The phone app's page as written (the build keeps its inline elements and markers)."""
    (tmp_path / "mobile").mkdir()
    shutil.copy(SOURCE_INDEX, tmp_path / "mobile" / "index.html")
    return tmp_path


def _app(app_config: dict[str, Any], dist: Path, **extra: Any) -> Any:
    return create_app({**app_config, "WEB_DIST_DIR": str(dist), **extra})


@pytest.fixture
def web_client(app_config: dict[str, Any], dist: Path) -> Any:
    return _app(app_config, dist).test_client()


def _post(client: Any, phone: str, password: str, headers: dict[str, str] | None = None) -> Any:
    return client.post(
        "/m/sign-in",
        data={"phone": phone, "password": password},
        headers=ORIGIN if headers is None else headers,
    )


def _set_cookies(response: Any) -> dict[str, str]:
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


def _alert(response: Any) -> str:
    match = re.search(r'<p class="sx__error" role="alert">(.*?)</p>', response.get_data(True))
    assert match, "no error shown"
    return match.group(1)


def _audits(db_session: Any, user: Any, action: str = "auth.sign_in") -> list[str]:
    db_session.expire_all()
    rows = db_session.execute(
        select(AuditEvent.outcome).where(
            AuditEvent.action == action, AuditEvent.object_id == str(user.id)
        )
    )
    return [outcome for (outcome,) in rows]


def test_form_sign_in_sets_the_apis_cookies_and_leads_to_the_app(web_client, accounts, db_session):
    user = accounts.create("volunteer")
    response = _post(web_client, f" {user.phone} ", TEST_PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == "/m/"
    assert b"access_token" not in response.get_data()  # the app's memory gets it, not a page
    cookies = _set_cookies(response)
    refresh = cookies["refresh_token_cookie"]
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth/refresh"):
        assert attribute in refresh, refresh
    csrf = cookies["csrf_refresh_token"]
    assert "HttpOnly" not in csrf and "Path=/;" in csrf and "SameSite=Strict" in csrf
    assert _audits(db_session, user) == ["success"]
    # the app, when it starts: a new access token from the cookie, as after any reload
    token = web_client.get_cookie("csrf_refresh_token", path="/").value
    renewed = web_client.post(REFRESH, headers={"X-CSRF-TOKEN": token})
    assert renewed.status_code == 200 and renewed.json["user"]["id"] == user.id


def test_wrong_password_answers_the_page_with_the_reason_and_the_number_kept(
    web_client, accounts, db_session
):
    user = accounts.create("volunteer")
    response = _post(web_client, user.phone, "not-the-password")
    assert response.status_code == 401 and response.mimetype == "text/html"
    assert "Set-Cookie" not in response.headers
    body = response.get_data(as_text=True)
    assert '<html lang="zh-CN" data-signin-failed>' in body
    assert _alert(response) == (
        '<span lang="zh-CN">账号或密码错误。</span>'
        '<span lang="en">Wrong account or password.</span>'
    )
    assert f'name="phone" value="{user.phone}"' in body
    assert "not-the-password" not in body
    assert "no-store" in response.headers["Cache-Control"]
    assert _audits(db_session, user) == ["failure"]  # as the API records it


def test_the_answer_speaks_english_to_a_browser_that_prefers_it(web_client, accounts):
    user = accounts.create("volunteer")
    response = _post(web_client, user.phone, "nope", {**ORIGIN, "Accept-Language": "en-GB,en"})
    body = response.get_data(as_text=True)
    assert '<html lang="en" data-signin-failed>' in body
    assert '<span lang="en">Wrong account or password.</span>' in _alert(response)
    assert "Accept-Language" in response.headers["Vary"]


def test_missing_fields_are_refused_without_a_lookup(web_client):
    response = _post(web_client, "", "")
    assert response.status_code == 422
    assert "请输入手机号和密码。" in _alert(response)


def test_a_post_from_another_site_is_refused_and_changes_nothing(web_client, accounts, db_session):
    user = accounts.create("volunteer")
    for headers in (
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://localhost"},  # another scheme is another origin
        {"Referer": "https://evil.example/m/"},
        {},  # a post that names no origin at all
    ):
        response = _post(web_client, user.phone, TEST_PASSWORD, headers)
        assert response.status_code == 403, headers
        assert "Set-Cookie" not in response.headers
    db_session.expire_all()
    assert db_session.get(User, user.id).last_sign_in_at is None
    assert _audits(db_session, user) == []
    # a browser that sends only Referer, from this host
    same = _post(web_client, user.phone, TEST_PASSWORD, {"Referer": "http://localhost/m/"})
    assert same.status_code == 303


def test_roles_of_the_console_get_the_apps_refusal(web_client, accounts, db_session):
    for role in ("coordinator", "admin"):
        user = accounts.create(role)
        response = _post(web_client, user.phone, TEST_PASSWORD)
        assert response.status_code == 403
        assert "Set-Cookie" not in response.headers
        alert = _alert(response)
        assert "儿童督导员和儿童主任请在电脑上打开 http://localhost/console/。" in alert
        assert "open http://localhost/console/ on a computer." in alert
        assert _audits(db_session, user) == []  # nothing issued, nothing recorded


def test_the_refusal_and_the_roles_are_the_apps_own():
    """The server says what the app's sign-in view says, to the same roles."""
    from flask_babel import force_locale, gettext

    from app.services.users import PHONE_APP_ROLES

    router = (ROOT / "web/src/mobile/router.ts").read_text(encoding="utf-8")
    listed = re.search(r"MOBILE_ROLES[^=]*=\s*\[([^\]]*)\]", router)
    assert listed
    assert set(re.findall(r'"(\w+)"', listed.group(1))) == {r.value for r in PHONE_APP_ROLES}
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "JWT_SECRET_KEY": "y" * 32})
    msgid = (
        "The phone app is for volunteers, agencies and donors. Child welfare supervisors "
        "and directors: open {url} on a computer."
    )
    for locale, source in (("zh_CN", "zh-CN"), ("en", "en")):
        words = (ROOT / f"web/src/mobile/locales/{source}.ts").read_text(encoding="utf-8")
        phone_only = re.search(r'phoneOnly: "([^"]*)"', words)
        assert phone_only
        with app.test_request_context(), force_locale(locale):
            assert gettext(msgid) == phone_only.group(1)


def test_form_and_api_share_the_limit_of_failed_sign_ins(app_config, dist, accounts):
    app = _app(app_config, dist, RATELIMIT_ENABLED=True, SIGNIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    user = accounts.create("volunteer")
    # posts from another site are refused before they count
    for _ in range(4):
        assert (
            _post(client, user.phone, "bad", {"Origin": "https://evil.example"}).status_code == 403
        )
    api = client.post("/api/v1/auth/signin", json={"identifier": user.phone, "password": "bad"})
    assert api.status_code == 401
    codes = [_post(client, user.phone, "bad").status_code for _ in range(3)]
    assert codes == [401, 401, 429]
    limited = _post(client, user.phone, TEST_PASSWORD)
    assert limited.status_code == 429 and limited.mimetype == "text/html"
    assert "Set-Cookie" not in limited.headers and "Retry-After" in limited.headers
    assert "尝试次数过多" in _alert(limited)
    assert f'value="{user.phone}"' in limited.get_data(as_text=True)
    api = client.post(
        "/api/v1/auth/signin", json={"identifier": user.phone, "password": TEST_PASSWORD}
    )
    assert api.status_code == 429
    other = accounts.create("volunteer")  # another account from this address is not locked out
    assert _post(client, other.phone, TEST_PASSWORD).status_code == 303


class _InlineElements(HTMLParser):
    """The contents of a page's inline scripts and styles, as a browser parses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.found and not any(name == "src" for name, _ in attrs):
            self._open = tag
            self.found[tag].append("")

    def handle_data(self, data: str) -> None:
        if self._open:
            self.found[self._open][-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def _inline_hashes(body: str) -> tuple[set[str], set[str]]:
    parser = _InlineElements()
    parser.feed(body)
    hashes = {
        tag: {
            f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
            for text in texts
        }
        for tag, texts in parser.found.items()
    }
    return hashes["script"], hashes["style"]


def _directives(response: Any) -> dict[str, set[str]]:
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe" not in policy
    return {
        name: set(values)
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_the_page_policy_allows_its_own_inline_elements_by_hash(web_client, accounts, dist):
    user = accounts.create("volunteer")
    pages = [
        web_client.get("/m/"),
        web_client.get("/m/pairings/3"),  # a route of the app
        web_client.get("/m/index.html"),  # as the service worker precaches it
        web_client.get("/m/", headers={"Accept-Encoding": "gzip"}),
        _post(web_client, user.phone, "wrong"),  # the page again, with an error
    ]
    for response in pages:
        assert response.status_code in (200, 401)
        body = response.get_data()
        if response.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        scripts, styles = _inline_hashes(body.decode())
        assert len(scripts) == 1 and len(styles) == 1  # the boot script, the critical CSS
        directives = _directives(response)
        assert directives["script-src"] == {"'self'", *scripts}
        assert directives["style-src"] == {"'self'", *styles}
        assert directives["default-src"] == {"'self'"}
        assert directives["frame-ancestors"] == {"'none'"}
    # a new build is read anew
    page = dist / "mobile" / "index.html"
    page.write_text(page.read_text().replace("tongxing.locale", "tongxing.locale "))
    import os

    os.utime(page, ns=(1, 1))
    again = web_client.get("/m/")
    assert _directives(again)["script-src"] != _directives(pages[0])["script-src"]
    assert _directives(again)["script-src"] == {"'self'", *_inline_hashes(again.get_data(True))[0]}
