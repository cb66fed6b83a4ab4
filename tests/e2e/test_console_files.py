"""The console's files and field pages in Chromium: children's files (open, edit, a conflict
explained), the ledger's row errors, a township coordinator kept to their township, a
background check, a new urgent report alerting the coordinator on any page and the inbox
recording its handling, the admin's pages, and sign-out. Every page is checked by axe-core
and photographed (see conftest.Checker)."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import COUNTY_COORDINATOR, DEMO_PASSWORD, DEMO_VOLUNTEER, url_path
from tests.e2e.test_console import sign_in

ADMIN = "13800000000"
TOWNSHIP_COORDINATOR = "13800000002"  # 安海镇 only
ANHAI = "350582100000"
ANHAI_VILLAGE = "350582100201"


def api(base: str, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
    """A JSON call to the API, as another client would make it."""
    request = urllib.request.Request(
        base + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {token}"} if token else {}),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        text = answer.read()
        return (json.loads(text) if text else None), dict(answer.headers)


def token_of(base: str, phone: str) -> str:
    body = {"identifier": phone, "password": DEMO_PASSWORD}
    data, _ = api(base, "POST", "/api/v1/auth/signin", body=body)
    return str(data["access_token"])


def settled(page: Any) -> None:
    """Every list on the page has its data (no loading mask left)."""
    expect(page.locator(".el-loading-mask:visible")).to_have_count(0, timeout=30_000)


def signed_in(page: Any, phone: str, route: str) -> None:
    """Sign in on the way to a console route (a path below /console)."""
    page.goto(f"/console/signin?redirect={route}")
    sign_in(page, phone)
    expect(page).to_have_url(
        url_path("/console" + re.escape(route.split("?")[0]) + r"(\?.*)?"), timeout=30_000
    )


def test_a_coordinator_finds_a_child_opens_the_file_edits_it_and_meets_a_conflict(
    console, live_server
):
    page, check = console
    signed_in(page, COUNTY_COORDINATOR, "/children")
    expect(page.get_by_role("heading", name="儿童档案")).to_be_visible()
    expect(page.locator(".el-table__body tr").first).to_be_visible()
    settled(page)
    check(page, "children")

    # The dashboard's links: high-risk children of one township.
    page.goto(f"/console/children?risk_level=high&township={ANHAI}")
    expect(page.get_by_role("combobox", name="风险等级")).to_be_visible()
    rows = page.locator(".el-table__body tr")
    expect(rows.first).to_be_visible()
    expect(page.locator(".el-table__body").get_by_text("低风险")).to_have_count(0)
    settled(page)
    check(page, "children-filtered")

    # Search by the exact name (the blind index), then open the file.
    token = token_of(live_server, COUNTY_COORDINATOR)
    kids, _ = api(live_server, "GET", f"/api/v1/children/?region={ANHAI}&page_size=5", token)
    child = kids[0]
    page.goto("/console/children")
    page.get_by_role("textbox", name="姓名或编号").fill(child["name"])
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"q="))
    page.get_by_role("link", name=child["name"]).first.click()
    expect(page).to_have_url(url_path(f"/console/children/{child['id']}"))
    expect(page.get_by_role("heading", name=re.compile(child["name"]))).to_be_visible()
    for section in ("基本信息", "监护人与委托照护", "监护人同意", "风险等级与变更记录", "需求清单"):
        expect(page.get_by_role("heading", name=section)).to_be_visible()
    expect(page.get_by_role("heading", name="档案记录")).to_be_visible()
    expect(page.get_by_role("heading", name="走访记录")).to_be_visible()
    settled(page)
    check(page, "child-file")

    # Edit: the address, saved with If-Match.
    page.get_by_role("button", name="编辑档案").click()
    dialog = page.get_by_role("dialog", name="编辑档案")
    dialog.get_by_label("住址").fill("安海镇新街 8 号")
    settled(page)
    check(page, "child-edit")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("安海镇新街 8 号")).to_be_visible()

    # A field's reason from the API appears next to the field.
    page.get_by_role("button", name="编辑档案").click()
    dialog = page.get_by_role("dialog", name="编辑档案")
    dialog.get_by_label("身份证号").fill("123")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog.locator(".el-form-item__error").first).to_be_visible()
    settled(page)
    check(page, "child-edit-field-error")
    dialog.get_by_role("button", name="取消").click()

    # Someone else saves meanwhile: the page explains and shows the latest version.
    page.get_by_role("button", name="编辑档案").click()
    dialog = page.get_by_role("dialog", name="编辑档案")
    _, headers = api(live_server, "GET", f"/api/v1/children/{child['id']}", token)
    request = urllib.request.Request(
        f"{live_server}/api/v1/children/{child['id']}",
        method="PATCH",
        data=json.dumps({"phone": "13911112222"}).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token}",
            "If-Match": headers["ETag"],
        },
    )
    urllib.request.urlopen(request, timeout=30).close()
    dialog.get_by_label("住址").fill("安海镇旧街 1 号")
    dialog.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="刚被其他人修改过")).to_be_visible()
    expect(page.get_by_text("13911112222")).to_be_visible()
    expect(page.get_by_text("安海镇新街 8 号")).to_be_visible()
    settled(page)
    check(page, "child-conflict")

    # A work-log entry joins the file's records.
    page.get_by_label("内容").fill("电话联系祖母，了解到孩子近期学习状态良好。")
    page.get_by_role("button", name="添加记录").click()
    expect(page.get_by_text("电话联系祖母，了解到孩子近期学习状态良好。")).to_be_visible()


def test_a_township_coordinator_cannot_open_another_townships_child(console, live_server):
    page, check = console
    token = token_of(live_server, COUNTY_COORDINATOR)
    kids, _ = api(live_server, "GET", "/api/v1/children/?page_size=100", token)
    elsewhere = next(k for k in kids if k["township_code"] != ANHAI)
    signed_in(page, TOWNSHIP_COORDINATOR, f"/children/{elsewhere['id']}")
    expect(page.get_by_role("heading", name="找不到这份档案")).to_be_visible()
    assert elsewhere["name"] not in page.content()
    settled(page)
    check(page, "child-not-found")


def test_a_ledger_with_a_bad_row_shows_the_row_error_in_the_table(console, live_server):
    page, check = console
    token = token_of(live_server, COUNTY_COORDINATOR)
    request = urllib.request.Request(
        f"{live_server}/api/v1/ledger/template?format=csv",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        template = answer.read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(template)))
    header = rows[0]
    # Headers read "姓名 (name)": the bad row is filled in by each column's key.
    keys = [h.rsplit("(", 1)[-1].rstrip(")") for h in header]
    bad = dict.fromkeys(keys, "")
    bad.update(
        {
            "child_key": "B002",
            "name": "陈小雨",
            "id_number": "123",
            "region_code": ANHAI_VILLAGE,
            "risk_level": "极高",
        }
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([*rows, [bad[k] for k in keys]])

    signed_in(page, COUNTY_COORDINATOR, "/ledger")
    expect(page.get_by_role("heading", name="台账导入导出")).to_be_visible()
    settled(page)
    check(page, "ledger")
    page.get_by_label("选择台账文件").set_input_files(
        {"name": "台账.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode("utf-8-sig")}
    )
    page.get_by_role("button", name="检查台账").click()
    expect(page.get_by_text(re.compile(r"有 \d+ 行需要修改"))).to_be_visible()
    table = page.locator(".ledger__table")
    bad_row = table.locator("tr").filter(has=page.get_by_role("cell", name="4", exact=True))
    expect(bad_row.filter(has_text="身份证号").first).to_be_visible()
    expect(bad_row.filter(has_text="风险等级").first).to_be_visible()
    expect(page.get_by_role("button", name="正式导入")).to_be_disabled()
    settled(page)
    check(page, "ledger-errors")


def test_a_coordinator_records_a_background_check(console):
    page, check = console
    signed_in(page, COUNTY_COORDINATOR, "/providers")
    expect(page.get_by_role("heading", name="服务力量")).to_be_visible()
    page.get_by_role("combobox", name="背景审查").click(force=True)
    page.get_by_role("option", name="未审查").click()
    expect(page.get_by_text(re.compile(r"共 \d+ 名志愿者"))).to_be_visible()
    settled(page)
    check(page, "providers-volunteers")
    row = page.locator(".el-table__body tr").filter(has_text="未审查").first
    row.get_by_role("button", name="登记背景审查").click()
    dialog = page.get_by_role("dialog").filter(has_text="审查结果")
    expect(dialog).to_be_visible()
    dialog.get_by_role("radio", name="已通过").check(force=True)
    expires = (datetime.now(UTC) + timedelta(days=365 * 3)).strftime("%Y-%m-%d")
    field = dialog.get_by_role("combobox", name="有效期至")
    field.fill(expires)
    field.press("Enter")
    dialog.get_by_text("审查结果").first.click()  # the picker's panel closes
    expect(page.locator(".el-picker__popper:visible")).to_have_count(0)
    # closed means gone from the accessibility tree too: its fade-out over (display: none)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.el-picker__popper')]"
        ".every(e => getComputedStyle(e).display === 'none')"
    )
    settled(page)
    check(page, "providers-check")
    dialog.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()

    page.get_by_role("tab", name="社工机构").click()
    expect(page.get_by_text(re.compile(r"共 \d+ 家社工机构"))).to_be_visible()
    settled(page)
    check(page, "providers-agencies")
    page.get_by_role("tab", name="爱心企业与慈善组织").click()
    expect(page.get_by_text(re.compile(r"^共 \d+ 家$"))).to_be_visible()
    settled(page)
    check(page, "providers-organizations")


def test_a_new_urgent_report_alerts_the_coordinator_on_any_page_and_the_inbox_records_its_handling(
    console, live_server
):
    page, check = console
    volunteer = token_of(live_server, DEMO_VOLUNTEER)

    def file_report(seen: str, position: tuple[float, float] | None = None) -> None:
        report: dict[str, object] = {
            "danger": "unsupervised",
            "seen": seen,
            "region_code": ANHAI_VILLAGE,
            "seen_at": datetime.now(UTC).isoformat(),
            "child_description": "约5岁男孩，穿红色上衣",
        }
        if position:  # the phone's, as the browser gives it
            report |= {"lat": position[0], "lon": position[1], "coord_system": "wgs84"}
        api(live_server, "POST", "/api/v1/urgent-reports/", volunteer, report)

    # On another page than the inbox: the layout's first look counts what is waiting.
    with page.expect_response(lambda r: "/api/v1/me/notifications" in r.url):
        signed_in(page, COUNTY_COORDINATOR, "/children")
    badge = page.get_by_test_id("urgent-badge")
    expect(badge).to_be_visible()
    file_report("两名幼儿独自在池塘边玩水", (24.7276, 118.459))
    popup = page.locator(".el-notification").filter(has_text="新的强制报告")
    expect(popup).to_be_visible(timeout=60_000)  # the layout looks every 20 s
    expect(popup).to_contain_text("无人照看")
    expect(badge).to_contain_text(re.compile(r"强制报告\s*\d+\s*份未读"))
    expect(page.get_by_role("heading", name="儿童档案")).to_be_visible()  # still there
    settled(page)
    check(page, "children-urgent-alert")
    popup.get_by_role("link", name="查看强制报告").click()
    expect(popup).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/console/field\?tab=reports#report-\d+$"))
    item = page.locator(".inbox__item").filter(has_text="两名幼儿独自在池塘边玩水")
    expect(item).to_be_visible()
    expect(item).to_contain_text("报告时的位置北纬 24.72760°，东经 118.45900°（WGS-84，手机定位）")
    expect(badge).not_to_contain_text("未读")  # opening the inbox reads them

    page.get_by_role("tab", name="逾期未走访").click()
    expect(page.get_by_text(re.compile(r"共 \d+ 名儿童的走访或联系已逾期"))).to_be_visible()
    settled(page)
    check(page, "field-overdue")
    page.get_by_role("tab", name="待确认的服务时长").click()
    expect(page.get_by_text(re.compile(r"共 \d+ 条待确认"))).to_be_visible()
    settled(page)
    check(page, "field-hours")
    page.get_by_role("tab", name="强制报告").click()
    expect(page.get_by_text("上次检查")).to_be_visible()
    settled(page)
    check(page, "field-reports")

    # While the inbox is open, a new report is told in its live region as well.
    file_report("一名女孩在村口哭泣，说找不到奶奶")
    alert = page.get_by_role("status").filter(has_text="收到新的强制报告")
    expect(alert).to_be_visible(timeout=60_000)  # the inbox polls every 20 s
    second = page.locator(".inbox__item").filter(has_text="一名女孩在村口哭泣")
    expect(second).to_be_visible()
    expect(page.locator(".el-notification").filter(has_text="新的强制报告")).to_be_visible(
        timeout=60_000
    )
    settled(page)
    check(page, "field-report-new")
    page.locator(".el-notification__closeBtn").first.click()

    item.get_by_role("button", name="处理").click()
    dialog = page.get_by_role("dialog", name="记录处理情况")
    dialog.get_by_label("处理情况或结果").fill("已联系村儿童主任上门查看，孩子已由祖母接回。")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(item.get_by_text("已联系村儿童主任上门查看")).to_be_visible()
    expect(item.get_by_text("处理中").first).to_be_visible()

    # Signed out: the watch stops, the pages ask to sign in.
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(url_path("/console/signin"))
    expect(badge).to_have_count(0)
    page.goto("/console/field")
    expect(page).to_have_url(url_path(r"/console/signin\?redirect=/field"))


def test_an_admin_manages_users_vocabularies_and_reads_the_audit_log(console):
    page, check = console
    signed_in(page, ADMIN, "/admin")
    expect(page.get_by_role("heading", name="系统管理")).to_be_visible()
    expect(page.get_by_text(re.compile(r"共 \d+ 个账户"))).to_be_visible()
    settled(page)
    check(page, "admin-users")
    page.get_by_role("tab", name="需求类别").click()
    expect(page.get_by_role("button", name="新增类别")).to_be_visible()
    page.get_by_role("button", name="新增类别").click()
    dialog = page.get_by_role("dialog", name="新增类别")
    dialog.get_by_label("代码").fill("Bad Code")
    dialog.get_by_label("中文名称").fill("美术疗愈")
    dialog.get_by_label("英文名称").fill("Art therapy")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog.locator(".el-form-item__error").first).to_be_visible()
    settled(page)
    check(page, "admin-category-error")
    dialog.get_by_label("代码").fill("art_therapy")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("cell", name="美术疗愈")).to_be_visible()
    settled(page)
    check(page, "admin-categories")
    page.get_by_role("tab", name="物资与资金用途").click()
    expect(page.get_by_role("button", name="新增条目")).to_be_visible()
    settled(page)
    check(page, "admin-items")
    page.get_by_role("tab", name="审计日志").click()
    expect(page.get_by_role("search").get_by_text(re.compile(r"共 \d+ 条"))).to_be_visible()
    expect(page.get_by_role("cell", name="新增需求类别").first).to_be_visible()
    settled(page)
    check(page, "admin-audit")
    # An admin reads files pseudonymously: codes, no names.
    page.get_by_role("menuitem", name="儿童档案").click()
    expect(page.get_by_role("columnheader", name="姓名")).to_have_count(0)
    settled(page)
    check(page, "children-admin")
