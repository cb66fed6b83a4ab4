"""The phone app's sign-in screen works from the HTML alone: without JavaScript a volunteer
signs in through the page's own form; on a slow network what they type before the app's
script arrives is still there when the app takes over; a returning volunteer sees no
sign-in form flash by while the app starts."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Route, expect

from tests.e2e.conftest import (
    CSP_PROBE,
    DEMO_PASSWORD,
    DEMO_VOLUNTEER,
    PHONE_OPTIONS,
    Checker,
    refresh_cookie,
)

APP_SCRIPTS = re.compile(r"/m/assets/.*\.js$")
STATIC = "[data-static-signin]"
MOUNTED = "#app[data-v-app]"


def _phone_context(browser: Any, base_url: str, **options: Any) -> Any:
    return browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        **PHONE_OPTIONS,
        base_url=base_url,
        **options,
    )


class HeldScripts:
    """Holds the app's scripts back (a slow network) until `release()`."""

    def __init__(self, page: Any) -> None:
        self.held: list[Route] = []
        self.released = False
        page.route(APP_SCRIPTS, self._arrive)

    def _arrive(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()


def test_the_page_alone_passes_axe_and_its_policy(phone):
    """The screen as a phone without the app's script shows it (axe needs a script of its
    own, so the page's scripts run; the app's never arrive): axe finds nothing serious or
    critical, the inline CSS and boot script run under the policy, refused or not."""
    page, check = phone
    page.route(APP_SCRIPTS, lambda route: route.abort())
    page.goto("/m/")
    expect(page.get_by_role("heading", name="登录同行")).to_be_visible()
    check(page, "signin-page-alone")
    page.get_by_label("手机号").fill(DEMO_VOLUNTEER)
    page.get_by_label("密码").fill("not-my-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_match_aria_snapshot("- alert: 账号或密码错误。")
    check(page, "signin-page-alone-refused")
    for control in (page.get_by_label("手机号"), page.get_by_role("button", name="登录")):
        box = control.bounding_box()
        assert box is not None and box["height"] >= 44


def test_without_javascript_a_volunteer_signs_in_through_the_page_itself(browser, live_server):
    context = _phone_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/m/")
    expect(page.get_by_role("heading", name="登录同行")).to_be_visible()

    page.get_by_label("手机号").fill(DEMO_VOLUNTEER)
    page.get_by_label("密码").fill("not-my-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_match_aria_snapshot("- alert: 账号或密码错误。")
    expect(page.get_by_label("手机号")).to_have_value(DEMO_VOLUNTEER)
    assert refresh_cookie(context) is None

    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/m/$"))
    expect(page.get_by_role("heading", name="登录同行")).to_be_attached()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert refresh_cookie(context) is not None
    signed_in = context.storage_state()
    context.close()

    # The same phone with JavaScript: a returning volunteer sees no sign-in form while the
    # app's script is on its way, then the app starts signed in from the cookie.
    checker = Checker("mobile")
    context = _phone_context(browser, live_server, storage_state=signed_in)
    context.add_init_script(CSP_PROBE)
    page = context.new_page()
    scripts = HeldScripts(page)
    page.goto("/m/", wait_until="commit")
    expect(page.locator(STATIC).get_by_role("status")).to_match_aria_snapshot("- status: 加载中…")
    expect(page.locator(f"{STATIC} form")).to_be_hidden()
    scripts.release()
    consent = page.get_by_role("button", name="我已阅读并同意")
    home = page.get_by_role("heading", name=re.compile("^你好"))
    expect(consent.or_(home)).to_be_visible()
    expect(page.locator(MOUNTED)).to_be_attached()
    expect(page.locator(STATIC)).to_have_count(0)
    assert "/m/signin" not in page.url
    checker(page, "signed-in-after-the-form")
    context.close()


def test_what_a_volunteer_types_before_the_app_arrives_is_kept(phone):
    page, check = phone
    scripts = HeldScripts(page)
    page.goto("/m/", wait_until="commit")
    static_phone = page.locator(STATIC).get_by_label("手机号")
    static_phone.fill(DEMO_VOLUNTEER)
    expect(static_phone).to_be_focused()
    assert page.locator(MOUNTED).count() == 0  # the app has not started

    scripts.release()
    expect(page.locator(MOUNTED)).to_be_attached()
    expect(page.locator(STATIC)).to_have_count(0)
    field = page.locator(MOUNTED).get_by_label("手机号")
    expect(field).to_have_value(DEMO_VOLUNTEER)
    expect(field).to_be_focused()
    check(page, "signin-taken-over")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    consent = page.get_by_role("button", name="我已阅读并同意")
    home = page.get_by_role("heading", name=re.compile("^你好"))
    expect(consent.or_(home)).to_be_visible()


def test_the_page_speaks_the_language_and_text_size_the_app_remembers(phone):
    page, check = phone
    scripts = HeldScripts(page)
    page.goto("/m/", wait_until="commit")
    page.evaluate(
        "localStorage.setItem('tongxing.locale', 'en');"
        "localStorage.setItem('tongxing.largeText', '1')"
    )
    page.reload(wait_until="commit")
    expect(page.get_by_role("heading", name="Sign in to Tongxing")).to_be_visible()
    expect(page.locator(STATIC).get_by_label("Mobile number")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    button = page.locator(STATIC).get_by_role("button", name="Sign in").bounding_box()
    assert button is not None and button["height"] >= 44
    scripts.release()
    expect(page.locator(MOUNTED)).to_be_attached()
    expect(page.get_by_role("heading", name="Sign in to Tongxing")).to_be_visible()
    check(page, "signin-english-large-text")
