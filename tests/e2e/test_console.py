"""The coordinator console in Chromium: sign in, stay signed in across a reload, sign out."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import (
    COUNTY_COORDINATOR,
    DEMO_PASSWORD,
    DEMO_VOLUNTEER,
    refresh_cookie,
    url_path,
)


def sign_in(page, phone: str, password: str = DEMO_PASSWORD) -> None:
    page.get_by_label("手机号或邮箱").fill(phone)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()


def test_county_coordinator_signs_in_stays_signed_in_after_a_reload_and_signs_out(console):
    page, check = console
    page.goto("/console/")
    expect(page).to_have_url(url_path(r"/console/signin\?redirect=.+"))
    expect(page.get_by_role("heading", name="登录工作台")).to_be_visible()
    check(page, "signin")

    sign_in(page, COUNTY_COORDINATOR)
    expect(page).to_have_url(url_path("/console/this-week"))  # the landing page
    page.get_by_role("menuitem", name="我的账户").click()
    expect(page).to_have_url(url_path("/console/account"))
    expect(page.get_by_role("heading", name="我的账户")).to_be_visible()
    expect(page.get_by_text("晋江市儿童督导员").first).to_be_visible()
    expect(page.get_by_text("晋江市", exact=True)).to_be_visible()  # the area, by name
    check(page, "account")

    # Chromium kept the Secure cookie on http://127.0.0.1 (loopback counts as secure).
    cookie = refresh_cookie(page.context)
    assert cookie is not None
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/api/v1/auth/refresh"
    # The page's script cannot read the refresh token; the access token is not stored.
    assert "refresh_token_cookie" not in page.evaluate("document.cookie")
    storage = page.evaluate("JSON.stringify({...localStorage, ...sessionStorage})")
    assert "eyJ" not in storage  # no JWT in web storage

    page.reload()
    expect(page.get_by_role("heading", name="我的账户")).to_be_visible()
    expect(page).to_have_url(url_path("/console/account"))

    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(url_path("/console/signin"))
    assert refresh_cookie(page.context) is None
    page.goto("/console/account")
    expect(page).to_have_url(url_path(r"/console/signin\?redirect=/account"))


def test_a_wrong_password_shows_the_apis_error_in_the_chosen_language(console):
    page, check = console
    page.goto("/console/signin")
    sign_in(page, COUNTY_COORDINATOR, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("账号或密码错误")
    check(page, "signin-wrong-password")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Sign in to the console")).to_be_visible()
    page.get_by_label("Password", exact=True).fill("still-not-it")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong account or password")
    check(page, "signin-english")


def test_empty_fields_are_named_before_anything_is_sent(console):
    page, check = console
    page.goto("/console/signin")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("请输入手机号或邮箱")).to_be_visible()
    expect(page.get_by_text("请输入密码")).to_be_visible()
    check(page, "signin-empty")


def test_a_volunteer_is_sent_to_the_phone_app(console):
    page, check = console
    page.goto("/console/signin")
    sign_in(page, DEMO_VOLUNTEER)
    expect(page.get_by_role("alert")).to_contain_text("/m/")
    assert refresh_cookie(page.context) is None  # signed out again
    check(page, "signin-volunteer-refused")


def test_unknown_pages_say_so(console):
    page, check = console
    page.goto("/console/no/such/page")
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    check(page, "not-found")
