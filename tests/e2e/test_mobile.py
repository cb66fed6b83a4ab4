"""The volunteer's phone app in Chromium with mobile emulation: sign up, the privacy notice
once, the large-text mode, the offline shell, sign out."""

from __future__ import annotations

import random

from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, DEMO_VOLUNTEER, refresh_cookie, url_path


def test_a_new_volunteer_signs_up_and_reaches_the_home_screen(phone):
    page, check = phone
    page.goto("/m/")
    expect(page).to_have_url(url_path(r"/m/signin\?redirect=/"))
    check(page, "signin")
    page.get_by_role("button", name="还没有账号？注册").click()
    expect(page.get_by_role("heading", name="注册同行")).to_be_visible()
    check(page, "signup")

    page.get_by_text("阅读告知书").click()
    expect(page.get_by_role("heading", name="儿童信息保护告知书")).to_be_visible()
    check(page, "signup-privacy-notice")
    page.get_by_role("checkbox", name="我已阅读并同意").click()

    number = f"137{random.randrange(10**8):08d}"
    page.get_by_label("手机号").fill(number)
    page.get_by_label("姓名").fill("陈晓梅")
    page.get_by_label("密码").fill("walk-together-2025")
    page.get_by_role("button", name="注册", exact=True).click()

    expect(page.get_by_role("heading", name="你好，陈晓梅")).to_be_visible()
    expect(page.get_by_text("等待我回复")).to_be_visible()
    check(page, "home")
    assert refresh_cookie(page.context) is not None

    page.reload()  # still signed in, no notice again
    expect(page.get_by_role("heading", name="你好，陈晓梅")).to_be_visible()

    page.get_by_role("tab", name="我的").click()
    expect(page).to_have_url(url_path("/m/me"))
    check(page, "me")
    page.get_by_role("switch", name="长辈模式").click()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    check(page, "me-large-text")
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    page.get_by_role("tab", name="首页").click()
    check(page, "home-large-text")

    page.get_by_role("tab", name="我的").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(url_path("/m/signin"))
    assert refresh_cookie(page.context) is None


def test_sign_up_refuses_without_the_privacy_notice_and_names_the_field(phone):
    page, check = phone
    page.goto("/m/signup")
    page.get_by_label("手机号").fill("12345")
    page.get_by_role("button", name="注册", exact=True).click()
    expect(page.get_by_text("请输入 11 位中国大陆手机号")).to_be_visible()
    expect(page.get_by_text("请先阅读并同意儿童信息保护告知书")).to_be_visible()
    check(page, "signup-errors")


def test_an_existing_volunteer_accepts_the_privacy_notice_once(phone):
    page, check = phone
    page.goto("/m/signin")
    page.get_by_label("手机号").fill(DEMO_VOLUNTEER)
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("账号或密码错误")
    check(page, "signin-wrong-password")

    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(url_path(r"/m/privacy\?redirect=/"))
    check(page, "privacy")
    page.get_by_role("button", name="我已阅读并同意").click()
    expect(page.get_by_role("heading", name="你好，志愿者林老师")).to_be_visible()

    page.get_by_role("tab", name="我的").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(url_path("/m/signin"))
    page.get_by_label("手机号").fill(DEMO_VOLUNTEER)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="你好，志愿者林老师")).to_be_visible()


def test_the_app_shell_opens_offline_once_installed(phone):
    page, check = phone
    page.goto("/m/signin")
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope.endswith("/m/")
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json())"
    )
    assert manifest["scope"] == "/m/" and manifest["display"] == "standalone"
    page.reload()  # now controlled by the service worker
    page.context.set_offline(True)
    page.goto("/m/signup")
    expect(page.get_by_role("heading", name="注册同行")).to_be_visible()
    page.context.set_offline(False)
