"""The volunteer's field work on the phone (375×812, Chromium): sign up and fill the profile;
accept an approved pairing; without signal, record a visit and file an urgent report; back
online, both reach the server exactly once; after the pairing ends, the child's given name
is gone from the page and from IndexedDB. axe-core runs on every screen."""

from __future__ import annotations

import json
import random
import re
import urllib.error
import urllib.request
from datetime import date
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import COUNTY_COORDINATOR, DEMO_PASSWORD, live_flask, url_path

ANHAI = (24.7276, 118.4590)  # the phone's position: in Anhai town, Jinjiang (WGS-84)
SEEN = "傍晚看到一个小孩独自在池塘边玩水，周围没有大人"  # this test's urgent report
INDEXEDDB_DUMP = """
() => new Promise((resolve, reject) => {
  const open = indexedDB.open("tongxing");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, "readonly");
    const out = {};
    let left = names.length;
    for (const name of names) {
      const req = tx.objectStore(name).getAll();
      req.onsuccess = () => {
        out[name] = req.result;
        if (--left === 0) resolve(JSON.stringify(out));
      };
    }
    if (!names.length) resolve("{}");
  };
})
"""


class Api:
    """The API as a coordinator's client uses it (JSON, bearer token)."""

    def __init__(self, base: str, phone: str, password: str = DEMO_PASSWORD) -> None:
        self.base = base
        answer = self.call("POST", "/auth/signin", {"identifier": phone, "password": password})
        self.token = answer["access_token"]

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Any:
        request = urllib.request.Request(
            f"{self.base}/api/v1{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {self.token}"} if hasattr(self, "token") else {}),
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                self.etag = answer.headers.get("ETag")
                text = answer.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode()}") from None


def test_a_volunteer_signs_up_works_offline_and_nothing_of_the_child_stays(phone, live_server):
    page, check = phone
    context = page.context
    context.grant_permissions(["geolocation"], origin=live_server)
    context.set_geolocation({"latitude": ANHAI[0], "longitude": ANHAI[1], "accuracy": 20})

    # --- sign up --------------------------------------------------------------------------
    page.goto("/m/signup")
    number = f"136{random.randrange(10**8):08d}"
    page.get_by_label("手机号").fill(number)
    page.get_by_label("姓名").fill("黄志远")
    page.get_by_label("密码").fill("field-work-in-anhai-7")
    page.get_by_role("checkbox", name="我已阅读并同意").click()
    page.get_by_role("button", name="注册", exact=True).click()
    expect(page.get_by_role("heading", name="你好，黄志远")).to_be_visible()
    # Every screen has the urgent button.
    expect(page.get_by_role("link", name="强制报告：发现儿童处于危险")).to_be_visible()

    # --- the profile ----------------------------------------------------------------------
    page.get_by_role("tab", name="我的").click()
    page.get_by_role("button", name="志愿者资料").click()
    expect(page).to_have_url(url_path("/m/profile"))
    expect(page.get_by_text("背景审查")).to_have_count(0)  # no profile yet
    page.get_by_role("checkbox", name="学业辅导与结对帮扶").click()
    for skill in ("数学辅导", "法律", "言语训练"):
        # The name ends with the label (Vant's check icon comes first).
        page.get_by_role("checkbox", name=re.compile(f"{skill}$")).click()
    page.get_by_role("checkbox", name="闽南语").click()
    page.get_by_role("button", name="添加时段").click()
    page.get_by_label("星期", exact=True).select_option(label="星期六")
    page.get_by_label("开始时间").fill("09:00")
    page.get_by_label("结束时间").fill("11:30")
    page.get_by_label("搜索村或乡镇").fill("安海")
    page.get_by_role("button", name="搜索").click()
    page.get_by_role("button", name="安海镇 乡镇（街道）").click()
    page.get_by_role("button", name="用当前位置").click()
    expect(page.get_by_text("已记录：24.72760, 118.45900")).to_be_visible()
    page.get_by_role("radio", name="电动车").click()
    check(page, "volunteer-profile")
    page.get_by_role("button", name="保存资料").click()
    expect(page.get_by_text("背景审查：尚未开始")).to_be_visible()

    coordinator = Api(live_server, COUNTY_COORDINATOR)
    me = Api(live_server, number, "field-work-in-anhai-7")
    profile = me.call("GET", "/volunteers/me")
    assert profile["languages"] == ["minnan"]
    assert {s["skill"] for s in profile["skills"]} == {"math", "law", "speech"}
    assert profile["availability"] == [{"weekday": 5, "start": "09:00", "end": "11:30"}]
    assert abs(profile["lat"] - ANHAI[0]) < 1e-6 and profile["region_code"] == "350582100000"

    # --- a coordinator clears the check; a child with a need; a match; approval ------------
    vid = profile["id"]
    for state in ("pending", "cleared"):
        coordinator.call("GET", f"/volunteers/{vid}")
        coordinator.call(
            "PUT",
            f"/volunteers/{vid}/check",
            {
                "state": state,
                "decided_on": date.today().isoformat(),
                **(
                    {"expires_on": date(date.today().year + 3, 1, 1).isoformat()}
                    if state == "cleared"
                    else {}
                ),
            },
            {"If-Match": coordinator.etag},
        )
    village = coordinator.call("GET", "/regions/?parent=350582100000&level=village&page_size=1")[0]
    child = coordinator.call(
        "POST",
        "/children/",
        {
            "name": "郑小雨",
            "birth_date": "2015-05-01",
            "region_code": village["code"],
            "risk_level": "high",
            "categories": ["left_behind"],
            "lat": ANHAI[0] + 0.002,
            "lon": ANHAI[1] + 0.002,
            "guardian": {"name": "郑阿嬷", "relation": "祖母", "phone": "13912340000"},
        },
    )
    coordinator.call(
        "POST",
        f"/children/{child['id']}/consent",
        {
            "guardian_name": "郑阿嬷",
            "guardian_relation": "祖母",
            "given_on": date.today().isoformat(),
            "scope": ["matching"],
            "evidence_ref": "E2E-1",
        },
    )
    need = coordinator.call(
        "POST",
        f"/children/{child['id']}/needs",
        {
            "category_code": "tutoring",
            "skills": ["law", "speech"],
            "hours_per_week": 3,
            "recurring": True,
            "description": "每周辅导作业",
        },
    )
    live_flask("match", "run", "350582")
    proposals = coordinator.call(
        "GET", "/proposals/?status=pending&category=tutoring&page_size=100"
    )
    mine = [p for p in proposals if p["need"]["id"] == need["id"]]
    assert mine and (mine[0]["provider_type"], mine[0]["provider_id"]) == ("volunteer", vid), mine
    coordinator.call("GET", f"/proposals/{mine[0]['id']}")
    coordinator.call(
        "POST", f"/proposals/{mine[0]['id']}/approval", None, {"If-Match": coordinator.etag}
    )

    # --- awaiting the answer: only what the API discloses -----------------------------------
    page.get_by_role("tab", name="结对").click()
    page.get_by_role("button", name="立即同步").click()
    awaiting = page.locator("li.card").filter(has_text="学业辅导")
    expect(awaiting).to_contain_text("安海镇")
    expect(awaiting).to_contain_text("每周 3 小时 · 长期")
    expect(awaiting).to_contain_text("公里")
    expect(page.get_by_text("郑小雨")).to_have_count(0)
    expect(page.get_by_text("小雨")).to_have_count(0)
    check(page, "pairings-awaiting")
    awaiting.get_by_role("button", name="接受结对").click()
    active = page.locator("li.card").filter(has_text="小雨")
    expect(active).to_contain_text("祖母")
    expect(active.get_by_role("link", name="打电话给祖母")).to_have_attribute(
        "href", "tel:13912340000"
    )
    check(page, "pairings-active")

    # --- no signal: a visit and an urgent report --------------------------------------------
    context.set_offline(True)
    expect(page.get_by_role("status").filter(has_text="离线")).to_be_visible()
    active.get_by_role("button", name="记录走访").click()
    expect(page).to_have_url(url_path(r"/m/visits/new\?pairing=\d+"))
    page.get_by_label("时长").fill("75")
    page.get_by_label("做了什么").fill("陪小雨写作业，检查了错题本")
    page.get_by_label("发现的问题（可不填）").fill("家里没有台灯")
    page.get_by_role("button", name="记录当前位置").click()
    expect(page.get_by_text("已记录：24.72760")).to_be_visible()
    expect(page.get_by_text("现在没有信号")).to_be_visible()
    check(page, "visit-form")
    page.get_by_role("button", name="保存走访记录").click()
    expect(page).to_have_url(url_path("/m/visits"))
    queued_visit = page.get_by_test_id("outbox").locator("li").filter(has_text="入户走访")
    expect(queued_visit).to_contain_text("尚未发送")
    check(page, "visits-waiting")

    page.get_by_role("link", name="强制报告：发现儿童处于危险").click()
    expect(page.get_by_role("heading", name="强制报告", exact=True)).to_be_visible()
    page.get_by_role("radio", name="无人监护").click()
    page.get_by_label("看到的情况").fill(SEEN)
    page.get_by_label("发生地点（村或乡镇）").select_option(village["code"])
    page.get_by_label("孩子的样子（可不填）").fill("约 6 岁男孩，穿红色上衣")
    # the phone's position goes with the report (the browser's, WGS-84)
    expect(page.get_by_test_id("urgent-position")).to_contain_text("将附上手机当前位置")
    check(page, "urgent-form")
    page.get_by_role("button", name="提交报告").click()
    expect(page).to_have_url(url_path("/m/urgent"))
    expect(page.get_by_text("尚未发送").first).to_be_visible()
    expect(page.get_by_role("link", name="1 份报告尚未发送")).to_be_visible()
    check(page, "urgent-unsent")
    assert not [r for r in me.call("GET", "/urgent-reports/") if r["seen"] == SEEN]

    # --- signal again: both are sent, once --------------------------------------------------
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("已受理，等待处置")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("link", name="1 份报告尚未发送")).to_have_count(0)
    check(page, "urgent-sent")
    page.get_by_role("tab", name="走访").click()
    expect(page.get_by_text("没有等待发送的记录。")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("时长待确认")).to_be_visible()
    check(page, "visits-sent")
    page.get_by_role("button", name="立即同步").click()  # a second flush sends nothing again
    expect(page.get_by_text("没有等待发送的记录。")).to_be_visible()

    visits = coordinator.call("GET", f"/visits/?child_id={child['id']}")
    assert len(visits) == 1, visits
    assert visits[0]["done"] == "陪小雨写作业，检查了错题本" and visits[0]["duration_minutes"] == 75
    assert abs(visits[0]["lat"] - ANHAI[0]) < 1e-6
    records = coordinator.call("GET", f"/children/{child['id']}/records")
    assert {"visit", "problem"} <= {r["kind"] for r in records}
    # the browser tests share one server: other tests file reports too
    reports = [r for r in coordinator.call("GET", "/urgent-reports/") if r["seen"] == SEEN]
    assert len(reports) == 1, reports
    assert abs(reports[0]["lat"] - ANHAI[0]) < 1e-6 and abs(reports[0]["lon"] - ANHAI[1]) < 1e-6
    alerts = coordinator.call("GET", "/me/notifications?page_size=100")
    assert any(
        n["kind"] == "urgent_report.received" and n["payload"]["report_id"] == reports[0]["id"]
        for n in alerts
    )

    # --- the coordinator closes the report: the reporter sees the outcome -------------------
    coordinator.call(
        "POST",
        f"/urgent-reports/{reports[0]['id']}/events",
        {"status": "closed", "note": "已联系家长，孩子由邻居照看"},
    )
    page.get_by_role("tab", name="消息").click()
    page.get_by_role("button", name="立即同步").click()
    note = page.get_by_role("button", name="你提交的强制报告已办结")
    expect(note).to_be_visible()
    check(page, "inbox")
    note.click()
    expect(page.get_by_text("处理结果：已联系家长，孩子由邻居照看")).to_be_visible()

    # --- hours and the service record -------------------------------------------------------
    page.get_by_role("tab", name="我的").click()
    page.get_by_role("button", name="服务时长").click()
    expect(page.get_by_text("1.25 小时")).to_be_visible()
    expect(page.get_by_text("尚未评星")).to_be_visible()
    check(page, "hours")

    # --- the pairing ends: nothing of the child stays ---------------------------------------
    pairing_id = coordinator.call("GET", "/pairings/?page_size=100")
    pid = next(p["id"] for p in pairing_id if p["need"]["id"] == need["id"])
    coordinator.call("POST", f"/pairings/{pid}/end", {"reason": "孩子随父母外出"})
    page.get_by_role("tab", name="结对").click()
    page.get_by_role("button", name="立即同步").click()
    page.get_by_role("tab", name="已结束（1）").click()
    expect(page.locator("li.card").filter(has_text="已结束")).to_be_visible()
    check(page, "pairings-ended")
    assert "小雨" not in page.content()
    stored = page.evaluate(INDEXEDDB_DUMP)
    assert "小雨" not in stored and "13912340000" not in stored and "每周辅导作业" not in stored

    # --- sign-out leaves nothing on the phone -----------------------------------------------
    page.get_by_role("tab", name="我的").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(url_path("/m/signin"))
    stored = json.loads(page.evaluate(INDEXEDDB_DUMP))
    assert stored.get("outbox") == [] and not [
        c for c in stored.get("cache", []) if c["key"] == "field"
    ]
