"""The console for people who use the keyboard or large text (信息无障碍), in Chromium: a
coordinator signs in, moves through the navigation, selects and approves proposals and opens
and closes a dialog with the keyboard alone, always seeing where the focus is; and every page
at 200 % zoom keeps its content inside the window (only data tables scroll, inside their own
box), its heading and buttons visible and apart, and the navigation behind its menu button.
axe-core checks each page at that size too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    COUNTY_COORDINATOR,
    DEMO_PASSWORD,
    Checker,
    _context,
    url_path,
)
from tests.e2e.test_console import sign_in
from tests.e2e.test_console_files import api, settled, token_of

LOADED = 30_000
# 200 % browser zoom of a 1366×768 screen: half the CSS pixels, each drawn twice as large.
ZOOMED = {"width": 683, "height": 384}

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = el.getAttribute('aria-label') || el.innerText || el.value || el.id || el.tagName;
  return (name || '').trim().slice(0, 60);
}"""

# The focused element's ring: an outline at least 2 px wide while it has the focus from the
# keyboard (a 1 px change of border colour is not enough to find the focus).
RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: false, why: 'nothing focused'};
  // Element Plus draws a field's border on a wrapper around the input: the ring may be there
  const drawn = el.closest('.el-input__wrapper, .el-select__wrapper') || el;
  const style = getComputedStyle(drawn);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  return {
    ok: el.matches(':focus-visible') && outline,
    why: `${drawn.tagName}.${drawn.className} focus-visible=${el.matches(':focus-visible')}`
      + ` outline=${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
  };
}"""


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    expect.set_options(timeout=LOADED)
    yield
    expect.set_options(timeout=5_000)


def tab_to(page: Any, target: Any, *, key: str = "Tab", limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus, and check its focus ring."""
    seen: list[str | None] = []
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            ring = page.evaluate(RING)
            assert ring["ok"], f"no visible focus indicator: {ring['why']}"
            return
        seen.append(page.evaluate(FOCUSED))
    raise AssertionError(f"{key} never reached {target}; focus went through {seen}")


def test_a_coordinator_does_the_proposals_with_the_keyboard_alone(console):
    page, check = console
    page.goto("/console/signin")
    expect(page.get_by_role("heading", name="登录工作台")).to_be_visible()

    # Sign in: Tab to each field, type, Enter submits.
    tab_to(page, page.get_by_label("手机号或邮箱"))
    page.keyboard.type(COUNTY_COORDINATOR)
    tab_to(page, page.get_by_label("密码", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(url_path("/console/this-week"))
    expect(page.get_by_role("heading", name="本周概况", level=1)).to_be_visible()

    # The first Tab offers the skip link, shown while focused; Enter moves to the content.
    skip = page.get_by_role("link", name="跳到主要内容")
    page.locator("body").focus()
    tab_to(page, skip, limit=3)
    expect(skip).to_be_in_viewport()

    # The navigation: each entry a Tab stop, Enter opens it.
    nav = page.get_by_role("navigation", name="主导航")
    tab_to(page, nav.get_by_role("menuitem", name="匹配建议"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(url_path("/console/proposals"))
    table = page.get_by_test_id("proposals-table")
    rows = table.locator("tbody tr")
    expect(rows.nth(3)).to_be_visible()
    check(page, "keyboard-proposals")

    # Select with the keyboard: Space ticks a box, Shift+Space the range since the last.
    boxes = table.locator("tbody input[type=checkbox]")
    tab_to(page, boxes.nth(0))
    page.keyboard.press("Space")
    expect(rows.nth(0)).to_have_class(re.compile(r"\bis-selected\b"))
    tab_to(page, boxes.nth(1))
    page.keyboard.press("Shift+Space")
    expect(rows.nth(1)).to_have_class(re.compile(r"\bis-selected\b"))
    selected = table.locator("tbody tr.is-selected")
    count = selected.count()
    chosen = [int(selected.nth(i).get_attribute("data-proposal") or 0) for i in range(count)]

    # Back up to the toolbar (Shift+Tab) and approve the selection with Enter.
    approve_selected = page.get_by_role("button", name=f"同意所选（{count}）")
    tab_to(page, approve_selected, key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text=f"已同意 {count} 条建议")).to_be_visible()
    for pid in chosen:
        expect(table.locator(f"tr[data-proposal='{pid}']")).to_have_count(0)

    # Approve one row by its own button, with Space.
    first = rows.first
    expect(first).to_be_visible()
    one = int(first.get_attribute("data-proposal") or 0)
    tab_to(page, first.get_by_role("button", name="同意", exact=True))
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text="已同意 1 条建议")).to_be_visible()
    expect(table.locator(f"tr[data-proposal='{one}']")).to_have_count(0)

    # A dialog: Enter opens it with the focus inside, Escape closes it and the focus returns.
    reject = rows.first.get_by_role("button", name="退回")
    tab_to(page, reject)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="退回建议")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("退回原因")).to_be_focused()
    assert page.evaluate(RING)["ok"]
    check(page, "keyboard-reject-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(reject).to_be_focused()

    # The account menu and sign-out are in reach too.
    tab_to(page, page.get_by_role("button", name="退出登录"), key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(url_path("/console/signin"))


@pytest.fixture
def zoomed(browser: Any, live_server: str) -> Iterator[tuple[Any, Checker]]:
    """The console at 200 % zoom of 1366×768 (683×384 CSS pixels, device scale 2)."""
    checker = Checker("console")
    context = _context(
        browser, checker, viewport=ZOOMED, device_scale_factor=2, base_url=live_server
    )
    page = context.new_page()
    yield page, checker
    context.close()


# What the window must show at 200 %: no scrolling sideways (a table may scroll inside its
# own box), the heading and the controls inside the window, no two controls on top of
# each other. Returns what breaks the rules.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const wide = document.documentElement.scrollWidth;
    problems.push(`the page is ${wide}px wide in a ${width}px window`);
  }
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (/(auto|scroll)/.test(s.overflowX) && p.scrollWidth > p.clientWidth + 1) return true;
    }
    return false;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
      && !el.closest('[aria-hidden=true], .el-overlay, .el-popper, .visually-hidden');
  };
  const name = (el) =>
    (el.getAttribute('aria-label') || el.innerText || el.tagName).trim().slice(0, 40);
  const h1 = document.querySelector('main h1');
  if (!h1 || !shown(h1)) problems.push('no visible h1');
  else {
    const r = h1.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) problems.push(`the heading runs out of the window`);
  }
  const controls = [...document.querySelectorAll(
    'header button, header a, main button, main a[href], main select, [role=tab],'
    + ' main input:not([type=hidden]):not([type=checkbox]):not([type=radio])'
  )].filter(shown).filter((el) => !scrolls(el));
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) {
      const span = `${Math.round(r.left)}..${Math.round(r.right)}`;
      problems.push(`"${name(el)}" runs out of the window (${span})`);
    }
  }
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i], b = controls[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 2 && y > 2) problems.push(`"${name(a)}" and "${name(b)}" overlap`);
    }
  }
  return problems;
}"""


def assert_fits(page: Any, name: str) -> None:
    problems = page.evaluate(LAYOUT_PROBLEMS)
    assert not problems, f"{name} at 200 %:\n" + "\n".join(problems[:20])


def go_by_menu(page: Any, entry: str, heading: str) -> None:
    """Open the folded navigation, choose an entry; the menu folds again."""
    menu = page.get_by_role("button", name="菜单")
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.get_by_role("navigation", name="主导航").wait_for(state="hidden")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.get_by_role("navigation", name="主导航").get_by_role("menuitem", name=entry).click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")


def test_every_page_at_200_percent_keeps_its_content_in_the_window(zoomed, live_server):
    page, check = zoomed
    page.goto("/console/signin")
    expect(page.get_by_role("heading", name="登录工作台")).to_be_visible()
    assert_fits(page, "signin")
    check(page, "zoom-signin")
    sign_in(page, COUNTY_COORDINATOR)
    expect(page.get_by_role("heading", name="本周概况", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"在册儿童 \d+ 人"))).to_be_visible()
    settled(page)
    assert_fits(page, "this-week")
    check(page, "zoom-this-week")

    # The navigation folds behind a menu button; Escape folds it and returns the focus.
    menu = page.get_by_role("button", name="菜单")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav).to_be_hidden()
    menu.click()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("menuitem").first).to_be_focused()
    assert_fits(page, "navigation open")
    check(page, "zoom-navigation")
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(menu).to_be_focused()

    pages = [
        ("匹配建议", "匹配建议", "proposals"),
        ("匹配记录", "匹配记录", "runs"),
        ("地图", "地图", "map"),
        ("儿童档案", "儿童档案", "children"),
        ("走访与报告", "走访与报告", "field"),
        ("服务力量", "服务力量", "providers"),
        ("台账导入导出", "台账导入导出", "ledger"),
        ("我的账户", "我的账户", "account"),
    ]
    for entry, heading, name in pages:
        go_by_menu(page, entry, heading)
        settled(page)
        assert_fits(page, name)
        check(page, f"zoom-{name}")

    # A child's file, with its dialogs sized to the window.
    token = token_of(live_server, COUNTY_COORDINATOR)
    kids, _ = api(live_server, "GET", "/api/v1/children/?page_size=1", token)
    page.goto(f"/console/children/{kids[0]['id']}")
    expect(page.get_by_role("heading", name="基本信息")).to_be_visible()
    settled(page)
    assert_fits(page, "child-file")
    check(page, "zoom-child-file")
    page.get_by_role("button", name="编辑档案").click()
    dialog = page.get_by_role("dialog", name="编辑档案")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED["width"] + 1, box
    settled(page)
    check(page, "zoom-child-edit")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # A table wider than the window scrolls inside its own box, never the page.
    page.goto("/console/proposals")
    table = page.get_by_test_id("proposals-table")
    expect(table).to_be_visible()
    overflow = table.evaluate("t => getComputedStyle(t.closest('.table-wrap')).overflowX")
    assert overflow in ("auto", "scroll")
    assert_fits(page, "proposals table")
