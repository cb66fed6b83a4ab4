"""A volunteer who signed in yesterday opens the installed app in a village with no signal:
the app starts signed in from what the phone remembers, shows the pairings from the phone's
cache, and queues a visit and an urgent report; back online, the session is renewed and
both reach the server exactly once."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, DEMO_VOLUNTEER, url_path
from tests.e2e.test_mobile_volunteer import Api

REMEMBERED = "tongxing.session"


def _sign_in_and_agree(page: Any) -> None:
    """The demo volunteer signs in on the phone and accepts the privacy notice."""
    page.goto("/m/signin")
    page.get_by_label("手机号").fill(DEMO_VOLUNTEER)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="我已阅读并同意").click()


def test_a_volunteer_opens_the_app_without_signal_and_records_a_visit(phone, live_server):
    page, check = phone
    context = page.context
    done = f"陪孩子读绘本（{uuid.uuid4().hex[:8]}）"  # this test's visit
    seen = f"村口有个孩子独自哭了很久（{uuid.uuid4().hex[:8]}）"  # and its urgent report

    # --- yesterday, with signal: sign in and sync --------------------------------------------
    _sign_in_and_agree(page)
    page.get_by_role("tab", name="结对").click()
    page.get_by_role("tab", name=re.compile("进行中")).click()
    active = page.locator("li.card").filter(has=page.get_by_role("button", name="记录走访"))
    expect(active.first).to_be_visible()
    pairing = active.first.get_attribute("data-pairing")
    # the need's category by its name, not its code, once the names are loaded
    expect(active.first.locator(".card__title")).not_to_have_text(re.compile(r"[a-z_]$"))
    title = active.first.locator(".card__title").inner_text()  # the child's given name
    remembered = json.loads(page.evaluate(f"localStorage.getItem('{REMEMBERED}')"))
    assert set(remembered) == {"id", "display_name", "role"}  # nothing about any child
    assert remembered["role"] == "volunteer"
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.close()

    # --- today, in a village without signal: the app opens fresh ------------------------------
    context.set_offline(True)
    page = context.new_page()
    page.goto("/m/")
    expect(page.get_by_role("heading", name="你好，志愿者林老师")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="离线")).to_be_visible()
    check(page, "offline-start-home")
    page.get_by_role("tab", name="结对").click()
    page.get_by_role("tab", name=re.compile("进行中")).click()
    card = page.locator(f"li.card[data-pairing='{pairing}']")
    expect(card.locator(".card__title")).to_have_text(title)
    check(page, "offline-start-pairings")
    card.get_by_role("button", name="记录走访").click()
    page.get_by_label("时长").fill("40")
    page.get_by_label("做了什么").fill(done)
    page.get_by_role("button", name="保存走访记录").click()
    expect(page).to_have_url(url_path("/m/visits"))
    queued = page.get_by_test_id("outbox").locator("li")
    expect(queued.first).to_contain_text("尚未发送")

    # an urgent report: the phone gives no position (not allowed), the report goes all the same
    page.get_by_role("link", name="强制报告：发现儿童处于危险").click()
    expect(page.get_by_test_id("urgent-position")).to_contain_text("无法获取手机位置")
    page.get_by_role("radio", name="无人监护").click()
    page.get_by_label("看到的情况").fill(seen)
    page.get_by_role("button", name="提交报告").click()
    expect(page.get_by_role("link", name="1 份报告尚未发送")).to_be_visible()

    me = Api(live_server, DEMO_VOLUNTEER)
    assert not [v for v in me.call("GET", "/visits/?page_size=100") if v.get("done") == done]

    # --- signal again: the session is renewed and the queue sent, once ------------------------
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("link", name="1 份报告尚未发送")).to_have_count(0, timeout=20_000)
    page.get_by_role("tab", name="走访").click()
    expect(page.get_by_text("没有等待发送的记录。")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="立即同步").click()  # a second flush sends nothing again
    expect(page.get_by_text("没有等待发送的记录。")).to_be_visible()
    check(page, "offline-start-sent")

    visits = [v for v in me.call("GET", "/visits/?page_size=100") if v.get("done") == done]
    assert len(visits) == 1, visits
    assert visits[0]["duration_minutes"] == 40
    reports = [r for r in me.call("GET", "/urgent-reports/") if r["seen"] == seen]
    assert len(reports) == 1, reports
    assert reports[0]["lat"] is None and reports[0]["lon"] is None


def test_a_session_refused_after_an_offline_start_drops_to_sign_in_and_forgets(phone, live_server):
    page, _check = phone
    context = page.context
    _sign_in_and_agree(page)
    page.get_by_role("tab", name="结对").click()
    expect(page.locator("li.card").first).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.close()

    context.set_offline(True)
    page = context.new_page()
    page.goto("/m/pairings")
    expect(page.locator("li.card").first).to_be_visible()
    # Meanwhile the session ended on the server (e.g. signed out on another phone): the
    # refresh cookie this phone holds is no longer valid.
    context.clear_cookies(name="refresh_token_cookie")
    context.add_cookies(
        [
            {
                "name": "refresh_token_cookie",
                "value": "revoked",
                "url": f"{live_server}/api/v1/auth/refresh",
                "httpOnly": True,
            }
        ]
    )
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page).to_have_url(url_path(r"/m/signin\?redirect=.*"), timeout=20_000)
    assert page.evaluate(f"localStorage.getItem('{REMEMBERED}')") is None
    stored = page.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open("tongxing");
          open.onsuccess = () => {
            const req = open.result.transaction("cache").objectStore("cache").getAll();
            req.onsuccess = () => resolve(req.result.length);
          };
        })"""
    )
    assert stored == 0
