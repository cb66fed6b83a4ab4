"""A county coordinator's week in the console, in Chromium: the dashboard, the proposals
queue (approve three, reject one with a reason, a stale proposal explained), the run's diff
on the run history, a run started by hand followed to its end, and the map."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    COUNTY_COORDINATOR,
    DEMO_PASSWORD,
    LIVE_ENV,
    ROOT,
    SCREENSHOTS,
    url_path,
)
from tests.e2e.test_console import sign_in

# What waits on the API (lists, a run's diff, the map's points) gets more than Playwright's
# default 5 s: the machine running the suite may be busy.
LOADED = 30_000


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    """Every expectation of this module waits up to LOADED, then the default again."""
    expect.set_options(timeout=LOADED)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="module")
def match_worker(live_server: str) -> Iterator[None]:
    """One Celery worker beside the server, as `scripts/run` starts it (embedded broker)."""
    worker = subprocess.Popen(
        [
            sys.executable,
            *("-m", "celery", "--app", "app.worker", "worker", "--pool", "solo"),
            *("--queues", "tongxing.match,tongxing.jobs", "--loglevel", "WARNING"),
        ],
        cwd=ROOT,
        env=LIVE_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


def _api(base: str, path: str, *, token: str | None = None, **kwargs: Any) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    headers.update(kwargs.pop("headers", {}))
    body = kwargs.pop("json", None)
    request = urllib.request.Request(
        f"{base}/api/v1{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers=headers,
        method=kwargs.pop("method", "GET"),
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null"), answer.headers


def _token(base: str) -> str:
    body, _ = _api(
        base,
        "/auth/signin",
        method="POST",
        json={"identifier": COUNTY_COORDINATOR, "password": DEMO_PASSWORD},
    )
    return str(body["access_token"])


def test_a_county_coordinators_week(console, live_server, match_worker):
    page, check = console
    page.goto("/console/")
    sign_in(page, COUNTY_COORDINATOR)

    # This week: the area's figures, each a link to the list behind it
    expect(page).to_have_url(url_path("/console/this-week"))
    expect(page.get_by_role("heading", name="本周概况", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"在册儿童 \d+ 人"))).to_be_visible(timeout=LOADED)
    high = page.get_by_role("link", name=re.compile(r"^高风险 \d+ 人$"))
    expect(high).to_have_attribute("href", "/console/children?risk_level=high")
    expect(page.get_by_role("link", name=re.compile(r"^\d+ 人$")).first).to_be_visible()
    overdue = page.locator("a[href^='/console/field?tab=overdue']")
    expect(overdue).to_have_count(1)
    expect(page.get_by_text("下次自动匹配")).to_be_visible()
    check(page, "this-week")

    # the session survives a reload
    page.reload()
    expect(page.get_by_role("heading", name="本周概况", level=1)).to_be_visible()

    # Proposals: the latest run's queue, highest priority first, each row in words
    page.get_by_role("menuitem", name="匹配建议").click()
    expect(page).to_have_url(url_path("/console/proposals"))
    expect(page.get_by_role("heading", name="匹配建议", level=1)).to_be_visible()
    table = page.get_by_test_id("proposals-table")
    expect(table).to_be_visible(timeout=LOADED)
    first_row = table.locator("tbody tr").first
    expect(first_row).to_contain_text(re.compile(r"公里|远程或寄送"))
    expect(first_row).to_contain_text(re.compile(r"在全县整体最优方案中|沿用上次的建议"))
    body_text = table.inner_text()
    assert "best_match" not in body_text and "volunteer" not in body_text
    check(page, "proposals")

    # filters narrow the list from the server and stay in the address
    page.get_by_label("服务方类型").select_option("volunteer")
    expect(page).to_have_url(re.compile(r"provider_type=volunteer"))
    expect(table.locator("tbody tr").first).to_contain_text("志愿者")
    page.get_by_role("button", name="清除筛选").click()
    expect(page).to_have_url(url_path("/console/proposals"))
    # the whole queue is back (boxes ticked meanwhile would be on the filtered rows)
    expect(page.locator(".el-loading-mask:visible")).to_have_count(0)

    # approve three: one by the keyboard (Space), two more with Shift for the range
    rows = table.locator("tbody tr")
    expect(rows.nth(3)).to_be_visible()
    boxes = table.locator("tbody input[type=checkbox]")
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    boxes.nth(2).focus()
    page.keyboard.press("Shift+Space")
    for i in range(3):
        expect(rows.nth(i)).to_have_class(re.compile(r"\bis-selected\b"))
    chosen = [int(rows.nth(i).get_attribute("data-proposal") or 0) for i in range(3)]
    selected = table.locator("tbody tr.is-selected")
    count = selected.count()
    assert count >= 3  # parts of a need come along with it
    approved_ids = [int(selected.nth(i).get_attribute("data-proposal") or 0) for i in range(count)]
    assert set(chosen) <= set(approved_ids)
    page.get_by_role("button", name=f"同意所选（{count}）").click()
    expect(page.get_by_role("status").filter(has_text=f"已同意 {count} 条建议")).to_be_visible()
    for pid in approved_ids:
        expect(table.locator(f"tr[data-proposal='{pid}']")).to_have_count(0)

    # reject one with a reason
    target = rows.first
    rejected_id = int(target.get_attribute("data-proposal") or 0)
    target.get_by_role("button", name="退回").click()
    dialog = page.get_by_role("dialog", name="退回建议")
    dialog.get_by_role("button", name="确认退回").click()
    expect(dialog.get_by_text("请写明退回原因")).to_be_visible()
    dialog.get_by_label("退回原因").fill("志愿者与这家人相识，需回避")
    dialog.get_by_role("button", name="确认退回").click()
    expect(page.get_by_role("status").filter(has_text="已退回 1 条建议")).to_be_visible()
    expect(table.locator(f"tr[data-proposal='{rejected_id}']")).to_have_count(0)

    # a proposal decided elsewhere meanwhile: the page says so and refreshes
    stale_row = rows.first
    stale_id = int(stale_row.get_attribute("data-proposal") or 0)
    token = _token(live_server)
    _, headers = _api(live_server, f"/proposals/{stale_id}", token=token)
    _api(
        live_server,
        f"/proposals/{stale_id}/approval",
        token=token,
        method="POST",
        headers={"If-Match": headers["ETag"]},
    )
    stale_row.get_by_role("button", name="同意").click()
    alert = page.get_by_role("alert").filter(has_text="建议已变化")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("列表已刷新")
    expect(table.locator(f"tr[data-proposal='{stale_id}']")).to_have_count(0)
    check(page, "proposals-decided")

    # Run history: the run's diff shows the decisions
    page.get_by_role("menuitem", name="匹配记录").click()
    expect(page.get_by_role("heading", name="匹配记录", level=1)).to_be_visible()
    diff = page.get_by_test_id("diff-table")
    expect(diff).to_be_visible(timeout=LOADED)
    decisions: dict[int, str] = {}
    for kind in ("新增", "保留"):  # new this run, or kept from the run before
        page.get_by_role("tab", name=re.compile(rf"^{kind} ")).click()
        for pid in [*approved_ids, stale_id, rejected_id]:
            row = page.locator(f"[data-testid=diff-table] tr[data-proposal='{pid}']")
            if row.count():
                decisions[pid] = row.inner_text()
    assert all("已同意" in decisions.get(pid, "") for pid in [*approved_ids, stale_id]), decisions
    assert "已退回" in decisions.get(rejected_id, ""), decisions
    expect(page.get_by_role("heading", name="仍未满足的需求")).to_be_visible()
    check(page, "runs")

    # run now: 202, then the progress until done
    runs = page.get_by_test_id("runs-table").locator("tbody tr")
    newest_before = runs.first.locator("td").first.inner_text()
    page.get_by_role("button", name="立即匹配").click()
    expect(page.get_by_role("progressbar", name="匹配进度")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "console" / "runs-running.png"), full_page=True)
    expect(page.get_by_role("status").filter(has_text="匹配完成")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("progressbar", name="匹配进度")).to_have_count(0)
    expect(runs.first.locator("td").first).not_to_have_text(newest_before)
    # the new run is shown, compared with the one before: approved pairs are no longer
    # proposed, what was left pending is kept or gone with why
    expect(page.get_by_role("tab", name=re.compile(r"^保留 \(\d+\)$"))).to_be_visible()
    expect(page.get_by_role("tab", name=re.compile(r"^不再建议 \(\d+\)$"))).to_be_visible()
    check(page, "runs-after")

    # Map: children, providers and pairs drawn offline; a click on a point shows its card
    page.get_by_role("menuitem", name="地图").click()
    chart = page.get_by_test_id("map-chart")
    expect(chart).to_have_attribute("data-sample-point", re.compile(r"^\d+,\d+$"), timeout=LOADED)
    expect(chart.locator("canvas").first).to_be_visible()
    x, y = (int(v) for v in (chart.get_attribute("data-sample-point") or "0,0").split(","))
    chart.click(position={"x": x, "y": y})
    card = page.locator("aside.map-card")
    expect(card.get_by_role("heading", level=2)).to_be_visible()
    expect(card).to_contain_text("风险等级")
    check(page, "map")
    # the same card from the list, by keyboard
    page.get_by_role("button", name=re.compile(r"^服务方（\d+）$")).click()
    page.locator("ul.chips button").last.focus()
    page.keyboard.press("Enter")
    expect(card).to_contain_text("类型")
    check(page, "map-card")

    # a 401 that no refresh can cure (the refresh cookie is gone) leads back to sign-in
    page.context.clear_cookies()
    page.route(
        "**/api/v1/match-runs/**",
        lambda route: route.fulfill(
            status=401,
            content_type="application/problem+json",
            body=json.dumps({"title": "Unauthorized", "status": 401, "code": "unauthorized"}),
        ),
    )
    page.get_by_role("menuitem", name="匹配建议").click()
    expect(page).to_have_url(url_path(r"/console/signin\?redirect=/proposals"))
    expect(page.get_by_text("登录已过期，请重新登录。")).to_be_visible()


def test_the_proposals_page_in_english(console, live_server):
    page, check = console
    page.goto("/console/signin")
    page.get_by_role("button", name="English").click()
    page.get_by_label("Mobile number or e-mail").fill(COUNTY_COORDINATOR)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="This week", level=1)).to_be_visible()
    page.get_by_role("menuitem", name="Proposals").click()
    expect(page.get_by_role("heading", name="Proposals", level=1)).to_be_visible()
    expect(page.get_by_test_id("proposals-table").locator("tbody tr").first).to_contain_text(
        re.compile(r" km|Remote or delivered"), timeout=LOADED
    )
    check(page, "proposals-english")
