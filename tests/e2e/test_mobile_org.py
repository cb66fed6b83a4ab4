"""Agency staff and donors on the phone (Chromium, 375×812): a donor offers goods, accepts a
gift the child supervisor paired and confirms its delivery (签收); agency staff see their
agency's pairings and confirm a colleague's service hours; the large-text mode (长辈模式)
switches on from any screen and stays on after a reload. Every screen passes axe (also in
large-text mode), keeps its touch targets at 44 px or more and stays usable at 200 % text."""

from __future__ import annotations

import json
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import COUNTY_COORDINATOR, DEMO_PASSWORD, url_path

DEMO_AGENCY_STAFF = "13800000004"
DEMO_AGENCY_COLLEAGUE = "13800000006"
DEMO_DONOR = "13800000005"

# Interactive elements smaller than 44 px high (ignoring hidden ones and text inputs, whose
# whole field row is the target).
SMALL_TARGETS = """
() => [...document.querySelectorAll(
  'button, a[href], [role=tab], [role=radio], [role=checkbox], [role=switch], .van-field')]
  .filter((el) => el.offsetParent !== null && !el.closest('[aria-hidden=true], .skip-link'))
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([el, r]) => r.width > 0 && r.height < 44)
  .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim()
    .slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
"""


class Api:
    """The API as another client uses it, to arrange what the phone then shows."""

    def __init__(self, base: str, phone: str) -> None:
        self.base = base
        token = self.call("POST", "/auth/signin", {"identifier": phone, "password": DEMO_PASSWORD})
        self.headers = {"Authorization": f"Bearer {token[0]['access_token']}"}

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[Any, Any]:
        request = urllib.request.Request(
            f"{self.base}/api/v1{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Content-Type": "application/json",
                **getattr(self, "headers", {}),
                **(headers or {}),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null"), answer.headers


def approve_one(coordinator: Api, wanted) -> dict[str, Any]:
    """The child supervisor approves the first pending proposal `wanted` accepts."""
    for page in range(1, 20):
        proposals, _ = coordinator.call("GET", f"/proposals/?page_size=100&page={page}")
        for proposal in proposals:
            if wanted(proposal):
                _, headers = coordinator.call("GET", f"/proposals/{proposal['id']}")
                pairing, _ = coordinator.call(
                    "POST",
                    f"/proposals/{proposal['id']}/approval",
                    headers={"If-Match": headers["ETag"]},
                )
                return pairing
        if len(proposals) < 100:
            break
    raise AssertionError("no pending proposal to approve")


def sign_in(page, phone: str) -> None:
    page.goto("/m/signin")
    page.get_by_label("手机号").fill(phone)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(url_path(r"/m/privacy\?redirect=/"))
    page.get_by_role("button", name="我已阅读并同意").click()
    expect(page.get_by_role("heading", name="你好", exact=False)).to_be_visible()


def check_screen(page, check, name: str) -> None:
    """axe, CSP and a screenshot (the conftest's checker), then touch targets and 200 % text."""
    check(page, name)
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"touch targets under 44 px on {name}: {small}"
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{name} scrolls sideways at 200 % text ({overflow} px)"
        page.screenshot(path=f"web/screenshots/mobile/{name}-200.png", full_page=True)
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")


def test_a_donor_offers_goods_and_confirms_a_delivery(phone, live_server):
    page, check = phone
    coordinator = Api(live_server, COUNTY_COORDINATOR)
    donor = Api(live_server, DEMO_DONOR)
    me, _ = donor.call("GET", "/users/me")
    org = me["organization_id"]
    goods, _ = coordinator.call("GET", f"/resources/?organization_id={org}&kind=goods")
    ours = {r["id"] for r in goods}
    pairing = approve_one(
        coordinator, lambda p: p["provider_type"] == "resource" and p["provider_id"] in ours
    )

    sign_in(page, DEMO_DONOR)
    page.get_by_role("tab", name="我的机构").click()
    expect(page).to_have_url(url_path("/m/donor"))
    organisation, _ = donor.call("GET", f"/organizations/{org}")
    expect(page.get_by_role("heading", name=organisation["name"])).to_be_visible()
    check_screen(page, check, "donor-organisation")

    page.get_by_role("button", name="发布捐赠").click()
    expect(page).to_have_url(url_path("/m/donor/offer"))
    page.get_by_role(
        "button", name="发布", exact=True
    ).click()  # nothing filled in: every field named
    expect(page.get_by_text("请填写名称")).to_be_visible()
    expect(page.get_by_text("请选择物资品类")).to_be_visible()
    check_screen(page, check, "donor-offer-errors")
    page.get_by_label("名称").fill("新学期课外书")
    page.get_by_label("数量").fill("120")
    page.get_by_label("单位").fill("本")
    page.get_by_role("radio", name="课外书").click()
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page).to_have_url(url_path("/m/donor"))
    expect(page.get_by_role("status")).to_contain_text("已发布")
    expect(page.get_by_text("新学期课外书")).to_be_visible()
    expect(page.get_by_text("120 本 · 课外书")).to_be_visible()

    page.get_by_role("tab", name="捐赠去向").click()
    expect(page).to_have_url(url_path("/m/donor/gifts"))
    card = page.get_by_role("article").filter(
        has=page.get_by_text(pairing["need"]["child"]["code"])
    )
    expect(card.get_by_text("待确认")).to_be_visible()
    check_screen(page, check, "donor-gifts")
    card.get_by_role("button", name="确认承接").click()
    expect(card.get_by_text("进行中")).to_be_visible()
    card.get_by_role("button", name="确认签收").click()
    expect(page.get_by_role("dialog", name="确认物资已送达并签收？")).to_be_visible()
    check_screen(page, check, "donor-sign-for")
    page.get_by_role("dialog").get_by_role("button", name="确认签收").click()
    expect(card.get_by_text("已签收")).to_be_visible()
    expect(page.locator(".van-dialog")).to_be_hidden()  # its fade-out over before axe looks
    expect(card.get_by_role("button", name="确认签收")).to_have_count(0)
    check_screen(page, check, "donor-gifts-delivered")

    after, _ = donor.call("GET", f"/pairings/{pairing['id']}")
    assert after["delivered_at"] and after["status"] == "ended"
    # pseudonymous: the page never shows the child's name
    assert "name" not in after["need"]["child"]


def test_agency_staff_confirm_a_colleagues_hours(phone, live_server):
    page, check = phone
    coordinator = Api(live_server, COUNTY_COORDINATOR)
    colleague = Api(live_server, DEMO_AGENCY_COLLEAGUE)
    me, _ = colleague.call("GET", "/users/me")
    agency = me["agency_id"]
    pairing = approve_one(
        coordinator, lambda p: p["provider_type"] == "agency" and p["provider_id"] == agency
    )
    colleague.call("POST", f"/pairings/{pairing['id']}/acceptance")
    visit, _ = colleague.call(
        "POST",
        "/visits/",
        {
            "pairing_id": pairing["id"],
            "kind": "home_visit",
            "occurred_at": (datetime.now(UTC) - timedelta(hours=3)).isoformat(),
            "duration_minutes": 90,
            "done": "陪伴孩子做作业，和奶奶聊了学校的情况",
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )

    sign_in(page, DEMO_AGENCY_STAFF)
    page.get_by_role("tab", name="机构结对").click()
    expect(page).to_have_url(url_path("/m/agency"))
    card = page.get_by_role("article").filter(
        has=page.get_by_text(pairing["need"]["child"]["code"])
    )
    expect(card.get_by_text("进行中")).to_be_visible()
    check_screen(page, check, "agency-pairings")

    card.get_by_role("button", name="走访记录").click()
    expect(page).to_have_url(url_path(rf"/m/agency/visits\?pairing={pairing['id']}&status=pending"))
    record = page.get_by_role("article").filter(has=page.get_by_text("陪伴孩子做作业"))
    expect(record.get_by_role("heading", name="社工机构李社工 · 入户走访")).to_be_visible()
    expect(record.get_by_text("90 分钟")).to_be_visible()
    check_screen(page, check, "agency-visits-pending")
    record.get_by_role("button", name="确认时长").click()
    expect(page.get_by_text("陪伴孩子做作业")).to_have_count(0)

    page.get_by_role("radio", name="已确认").click()
    expect(page.get_by_text("陪伴孩子做作业")).to_be_visible()
    expect(
        page.get_by_role("article").filter(has_text="陪伴孩子做作业").get_by_text("已确认")
    ).to_be_visible()
    check_screen(page, check, "agency-visits-confirmed")
    decided, _ = colleague.call("GET", f"/visits/{visit['id']}")
    assert decided["hours_status"] == "confirmed"


def test_the_large_text_mode_switches_on_from_any_screen_and_persists(phone):
    page, check = phone
    page.goto("/m/signin")  # before signing in too
    page.get_by_role("button", name="长辈模式").click()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    check_screen(page, check, "signin-large-text")
    page.get_by_role("button", name="长辈模式").click()
    sign_in(page, DEMO_DONOR)
    page.get_by_role("tab", name="捐赠去向").click()
    toggle = page.get_by_role("button", name="长辈模式")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger >= size * 1.25
    # Vant's own text follows the root size: a tab label grows too
    label = page.get_by_role("tab", name="捐赠去向")
    text_size = label.evaluate(
        "(el) => parseFloat(getComputedStyle(el.querySelector('.van-tabbar-item__text')).fontSize)"
    )
    assert text_size >= 16
    check_screen(page, check, "donor-gifts-large-text")

    page.reload()
    expect(page.get_by_role("button", name="长辈模式")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    page.get_by_role("tab", name="我的机构").click()
    check_screen(page, check, "donor-organisation-large-text")
    page.get_by_role("tab").last.click()  # 我的
    expect(page.get_by_role("switch", name="长辈模式")).to_be_checked()
    check_screen(page, check, "me-donor-large-text")
    page.get_by_role("tab", name="我的机构").click()
    page.get_by_role("button", name="发布捐赠").click()
    check_screen(page, check, "donor-offer-large-text")

    page.get_by_role("button", name="长辈模式").click()
    assert not page.evaluate("document.documentElement.classList.contains('large-text')")
