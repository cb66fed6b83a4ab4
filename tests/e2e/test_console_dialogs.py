"""The console's form dialogs clicked through in Chromium: each opens, is filled, meets the
API's reason next to the field it concerns, is corrected, saved, and its result shows on the
page. axe-core checks each open dialog (conftest.Checker)."""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import COUNTY_COORDINATOR, url_path
from tests.e2e.test_console_files import (
    ADMIN,
    ANHAI_VILLAGE,
    api,
    settled,
    signed_in,
    token_of,
)


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


def field_error(dialog: Any, label: str) -> Any:
    """The reason shown under the form item labelled `label`."""
    label_of = dialog.page.locator(".el-form-item__label", has_text=re.compile(rf"^{label}$"))
    item = dialog.locator(".el-form-item").filter(has=label_of)
    return item.locator(".el-form-item__error")


def choose(page: Any, combobox: Any, option: str | None = None) -> str:
    """Open an Element Plus select and pick an option (the first when none is named); a
    click that lands while the list still fades in is tried again."""
    wrapper = combobox.locator("xpath=ancestor::div[contains(@class, 'el-select__wrapper')]")
    closed_pickers(page)  # another select's list, still fading out, would take the click
    for _ in range(3):
        wrapper.click()
        options = page.locator(".el-select-dropdown__item:visible")
        target = options.filter(has_text=option).first if option else options.first
        expect(target).to_be_visible()
        text = target.inner_text().strip()
        target.click()
        try:
            expect(wrapper).to_contain_text(text, timeout=3_000)
            return text
        except AssertionError:
            continue
    raise AssertionError(f"the select never took {option or 'an option'}")


def closed_pickers(page: Any) -> None:
    """Date pickers and selects closed, their fade-out over (gone from the a11y tree)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.el-picker__popper, .el-select__popper')]"
        ".every(e => getComputedStyle(e).display === 'none')"
    )


def random_name() -> str:
    """Two characters of a given name, different in each run."""
    chars = "明华英杰芳伟静丽强敏军燕玲涛斌辉鹏"
    return "".join(random.choice(chars) for _ in range(2))


def new_child(base: str, token: str, name: str) -> int:
    body = {
        "name": name,
        "region_code": ANHAI_VILLAGE,
        "risk_level": "low",
        "birth_date": "2018-09-01",
    }
    child, _ = api(base, "POST", "/api/v1/children/", token, body)
    return int(child["id"])


def test_a_coordinator_adds_a_childs_file_and_meets_the_apis_reason_first(console):
    page, check = console
    signed_in(page, COUNTY_COORDINATOR, "/children")
    page.get_by_role("button", name="新建档案").click()
    dialog = page.get_by_role("dialog", name="新建儿童档案")
    expect(dialog).to_be_visible()
    name = "郑小" + random_name()
    dialog.get_by_label("姓名", exact=True).fill(name)
    dialog.get_by_label("身份证号").fill("35058220180504")  # too short
    choose(page, dialog.get_by_role("combobox", name="乡镇（街道）"), "安海镇")
    village = dialog.get_by_role("combobox", name="村（社区）")
    expect(village).to_be_enabled()
    choose(page, village)
    dialog.get_by_role("radio", name="中风险").check(force=True)
    closed_pickers(page)
    settled(page)
    check(page, "dialog-child-add")

    dialog.get_by_role("button", name="建档").click()
    expect(field_error(dialog, "身份证号")).to_be_visible()
    expect(dialog).to_be_visible()  # nothing saved
    settled(page)
    check(page, "dialog-child-add-error")

    # Without the ID number the birth date is needed: the API says so next to it.
    dialog.get_by_label("身份证号").fill("")
    dialog.get_by_role("button", name="建档").click()
    expect(field_error(dialog, "出生日期")).to_be_visible()
    expect(field_error(dialog, "身份证号")).to_have_count(0)
    born = dialog.get_by_role("combobox", name="出生日期")
    born.fill("2019-03-02")
    born.press("Enter")
    dialog.get_by_role("heading", name="新建儿童档案").click()  # the picker closes
    closed_pickers(page)
    dialog.get_by_role("button", name="建档").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(url_path(r"/console/children/\d+"))
    expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()
    expect(page.get_by_text("中风险").first).to_be_visible()


def test_consent_risk_and_a_need_through_the_childs_file(console, live_server):
    page, check = console
    token = token_of(live_server, COUNTY_COORDINATOR)
    child_id = new_child(live_server, token, "蔡小" + random_name())
    signed_in(page, COUNTY_COORDINATOR, f"/children/{child_id}")
    expect(page.get_by_text("尚未登记监护人同意")).to_be_visible()

    # Consent: the date and the evidence are missing; the API names both.
    page.get_by_role("button", name="登记同意").click()
    dialog = page.get_by_role("dialog", name="登记同意")
    dialog.get_by_label("监护人", exact=True).fill("蔡志强")
    dialog.get_by_label("关系").fill("父亲")
    settled(page)
    check(page, "dialog-consent")
    dialog.get_by_role("button", name="保存").click()
    expect(field_error(dialog, "签署日期")).to_be_visible()
    expect(field_error(dialog, "凭证编号")).to_be_visible()
    settled(page)
    check(page, "dialog-consent-error")
    given = dialog.get_by_role("combobox", name="签署日期")
    given.fill("2026-11-01")
    given.press("Enter")
    dialog.get_by_label("凭证编号").fill("镇档案室 2026-118")
    dialog.get_by_role("heading", name="登记同意").click()  # the picker closes
    closed_pickers(page)
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("蔡志强（父亲）于 2026-11-01 同意")).to_be_visible()

    # ... and revoked again, after the browser's confirmation.
    page.once("dialog", lambda confirm: confirm.accept())
    page.get_by_role("button", name="撤回同意").click()
    expect(page.get_by_text("尚未登记监护人同意")).to_be_visible()

    # Risk level: a change needs its reason.
    page.get_by_role("button", name="调整风险等级").click()
    dialog = page.get_by_role("dialog", name="调整风险等级")
    dialog.get_by_role("radio", name="高风险").check(force=True)
    dialog.get_by_role("button", name="保存").click()
    expect(field_error(dialog, "原因")).to_be_visible()
    settled(page)
    check(page, "dialog-risk-error")
    dialog.get_by_label("原因").fill("父亲外出务工，祖母住院，孩子暂无人照看")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    risk = page.get_by_role("region", name="风险等级与变更记录")
    expect(risk.locator("strong").first).to_have_text("高风险")
    expect(risk.get_by_text("父亲外出务工，祖母住院").first).to_be_visible()

    # A need: the category is missing; the API says so next to it.
    page.get_by_role("button", name="登记需求").click()
    dialog = page.get_by_role("dialog", name="登记需求")
    dialog.get_by_label("具体情况").fill("放学后无人辅导作业")
    dialog.get_by_role("button", name="保存").click()
    expect(field_error(dialog, "需求类别")).to_be_visible()
    settled(page)
    check(page, "dialog-need-error")
    category = choose(page, dialog.get_by_role("combobox", name="需求类别"), "亲情陪伴")
    closed_pickers(page)
    dialog.get_by_role("button", name="保存").click()
    # a service is asked for by the hour: the API wants the hours a week
    expect(field_error(dialog, "每周小时数")).to_be_visible()
    hours = dialog.get_by_role("spinbutton", name="每周小时数")
    hours.fill("2")
    hours.press("Tab")
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    needs = page.get_by_role("region", name="需求清单")
    expect(needs.get_by_role("cell", name=category).first).to_be_visible()
    expect(needs.get_by_text("待匹配").first).to_be_visible()


def test_an_admin_assigns_an_area_which_only_a_coordinator_can_have(console, live_server):
    page, check = console
    phone = f"139{uuid.uuid4().int % 10**8:08d}"
    name = "洪" + random_name()
    api(
        live_server,
        "POST",
        "/api/v1/auth/signup",
        body={"phone": phone, "password": "tongxing-e2e-pass", "display_name": name},
    )
    signed_in(page, ADMIN, "/admin")
    page.get_by_role("textbox", name="姓名、手机号或邮箱").fill(phone)
    page.get_by_role("search").get_by_role("button", name="查询").click()
    row = page.locator(".el-table__body tr").filter(has_text=phone)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("志愿者")
    row.get_by_role("button", name="调整").click()
    dialog = page.get_by_role("dialog", name=f"调整账户：{name}")

    # An area for a volunteer: the API refuses it, and says why next to the role.
    areas = dialog.get_by_role("combobox", name="负责区域")
    dialog.locator(".el-form-item").filter(has_text="负责区域").locator(
        ".el-select__wrapper"
    ).click()
    areas.press_sequentially("安海")
    option = page.locator(".el-select-dropdown__item:visible").filter(has_text="安海镇").first
    option.click()
    dialog.get_by_role("heading", name=f"调整账户：{name}").click()  # the list closes
    expect(dialog).to_be_visible()
    closed_pickers(page)
    settled(page)
    check(page, "dialog-user")
    dialog.get_by_role("button", name="保存").click()
    expect(field_error(dialog, "角色")).to_be_visible()
    settled(page)
    check(page, "dialog-user-error")

    # A coordinator, then: role and area saved together, the account listed with both.
    choose(page, dialog.get_by_role("combobox", name="角色"), "儿童督导员")
    closed_pickers(page)
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()
    expect(row).to_contain_text("儿童督导员")
    expect(row).to_contain_text("安海镇")

    # and disabled: the status radio
    row.get_by_role("button", name="调整").click()
    dialog = page.get_by_role("dialog", name=f"调整账户：{name}")
    dialog.get_by_role("radio", name="已停用").check(force=True)
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(row).to_contain_text("已停用")


def test_a_coordinator_verifies_skills_and_records_a_reports_handling(console, live_server):
    page, check = console
    signed_in(page, COUNTY_COORDINATOR, "/providers")
    verify = page.get_by_role("button", name="核实技能").first
    row = page.locator(".el-table__body tr").filter(has=verify).first
    expect(verify).to_be_visible()
    owner = row.locator("td").first.inner_text().strip()
    unverified_before = row.get_by_text("未核实").count()
    verify.click()
    dialog = page.get_by_role("dialog", name=re.compile("^核实技能"))
    save = dialog.get_by_role("button", name="保存")
    expect(save).to_be_disabled()  # nothing chosen yet
    dialog.locator(".el-checkbox").first.click()
    settled(page)
    check(page, "dialog-skills")
    save.click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()
    again = page.locator(".el-table__body tr").filter(has_text=owner).first
    expect(again.get_by_text("未核实")).to_have_count(unverified_before - 1)

    # An urgent report's handling: the note is required, the API says so next to it.
    volunteer = token_of(live_server, "13800000003")
    report = {
        "danger": "injury",
        "seen": "男孩骑车摔伤膝盖，独自坐在路边",
        "region_code": ANHAI_VILLAGE,
        "seen_at": "2026-11-29T08:00:00+08:00",
    }
    api(live_server, "POST", "/api/v1/urgent-reports/", volunteer, report)
    page.goto("/console/field?tab=reports")
    item = page.locator(".inbox__item").filter(has_text="男孩骑车摔伤膝盖").first
    item.get_by_role("button", name="处理").click()
    dialog = page.get_by_role("dialog", name="记录处理情况")
    dialog.get_by_role("button", name="保存").click()
    expect(field_error(dialog, "处理情况或结果")).to_be_visible()
    settled(page)
    check(page, "dialog-report-error")
    dialog.get_by_label("处理情况或结果").fill("已电话联系家长，孩子已送卫生院处理。")
    dialog.get_by_role("radio", name="已办结").check(force=True)
    dialog.get_by_role("button", name="保存").click()
    expect(dialog).to_be_hidden()
    expect(item.get_by_text("已电话联系家长").first).to_be_visible()
