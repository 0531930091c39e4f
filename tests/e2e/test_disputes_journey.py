"""Issue 3's acceptance path in a real browser, at phone size, each person in their own browser:

a resident files, the village mediator accepts and invites the respondent, the respondent consents
with the code, the village fails and escalates, the township mediator settles, the agreement prints,
its signing starts the 30-day countdown the resident sees, and the history shows every step.
"""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS, PHONE, html_of, screenshot

pytestmark = pytest.mark.e2e


def open_as(browser, base: str, user=None):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    if user is not None:
        page.goto(f"{base}/login")
        page.fill("#phone", user.phone)
        page.fill("#password", PASSWORD)
        page.click("#submit")
        page.wait_for_load_state()
    return page


def act(page, title: str, **fields: str) -> None:
    """Take one action on the case page; actions with fields open their panel first."""
    form = page.locator("form.action", has=page.get_by_text(title, exact=True)).first
    summary = form.locator("summary")
    if summary.count():
        summary.click()
        for name, value in fields.items():
            target = form.locator(f"[name={name}]")
            if target.evaluate("e => e.tagName") == "SELECT":
                target.select_option(value)
            else:
                target.fill(value)
        form.locator("button[type=submit]").click()
    else:
        form.get_by_role("button", name=title).click()
    page.wait_for_load_state()
    refusals = page.locator(".flash-error, .errors, .form-errors, .refusal")
    assert not refusals.count(), refusals.all_inner_texts()


def test_three_tier_journey(live_server, browser, make_user):
    resident = make_user("resident", name="符阿婆")
    village_mediator = make_user("mediator", place="测试村", name="羊调解")
    township_mediator = make_user("mediator", place="牙叉镇", name="李调解")

    # The resident files a neighbours' dispute against someone of the same village.
    applicant = open_as(browser, live_server, resident)
    applicant.goto(f"{live_server}/disputes/new")
    applicant.get_by_role("button", name="邻里纠纷").or_(applicant.get_by_role("link", name="邻里纠纷")).first.click()
    assert "第288条" in html_of(applicant)  # the Civil Code articles on neighbours' disputes
    applicant.fill("#facts", "邻居盖房把排水沟堵了，雨天水都流进我家院子。")
    applicant.fill("#claims", "把排水沟恢复原样。")
    applicant.select_option("#place_id", label="测试村")
    applicant.fill("#respondents-0-name", "王大哥")
    applicant.select_option("#respondents-0-place_id", label="测试村")
    applicant.fill("#respondents-0-relation", "邻居")
    screenshot(applicant, "dispute-filing-form")
    applicant.click("#submit")
    screenshot(applicant, "dispute-filed")
    assert not applicant.locator(".errors, .form-errors").count(), applicant.locator(".errors, .form-errors").all_inner_texts()
    number = re.search(r"BS-\d{4}-\d{6}", html_of(applicant)).group(0)
    assert "测试村人民调解委员会" in html_of(applicant)

    # The village mediator accepts it and asks the respondent; the invitation code appears.
    mediator = open_as(browser, live_server, village_mediator)
    mediator.goto(f"{live_server}/disputes/{number}")
    act(mediator, "受理案件")
    act(mediator, "征求对方是否同意调解")
    code = re.search(r"<code>([A-Z0-9]{8})</code>", html_of(mediator)).group(1)

    # The respondent has no account: the code is enough to see the case and consent.
    respondent = open_as(browser, live_server)
    respondent.goto(f"{live_server}/disputes/invitation/{code}")
    assert number in html_of(respondent)
    screenshot(respondent, "dispute-respondent-invitation")
    act(respondent, "我同意调解")
    assert "调解中" in html_of(respondent)

    # The village cannot settle it and passes it up; the township takes it on and settles.
    mediator.goto(f"{live_server}/disputes/{number}")
    act(mediator, "登记调解不成", reason="双方对排水沟位置分歧很大。")
    act(mediator, "移交上一级", reason="需要镇里协调规划。")
    assert mediator.goto(f"{live_server}/disputes/{number}").status == 404  # out of the village's sight now

    township = open_as(browser, live_server, township_mediator)
    township.goto(f"{live_server}/disputes/{number}")
    act(township, "接收下级移交的案件")
    act(township, "开始调解（双方已同意）")
    township.get_by_role("link", name="制作调解协议").click()
    township.fill("#facts", "王大哥建房时堵塞了双方共用的排水沟。")
    township.fill("#issues", "排水沟是否恢复、由谁出钱。")
    township.fill("#responsibilities", "王大哥负责恢复排水沟。")
    township.fill("#terms-0-text", "王大哥在月底前把排水沟恢复原样。")
    township.fill("#terms-0-method", "自行施工")
    township.fill("#terms-0-due_on", "2026-12-31")
    township.click("#submit")

    township.get_by_role("link", name=re.compile("打印")).first.click()
    township.wait_for_load_state()
    assert township.locator(".copy").count() >= 3 or township.get_by_text("人民调解协议书").count() >= 1
    screenshot(township, "dispute-agreement-print")
    township.emulate_media(media="print")
    township.pdf(path=str(ARTIFACTS / "dispute-agreement.pdf"), format="A4")  # for a person to look at
    township.emulate_media(media="screen")
    township.goto(f"{live_server}/disputes/{number}")
    act(township, "登记协议已签字", signed_on=datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat())

    # The resident sees the countdown and every step of the history.
    applicant.goto(f"{live_server}/disputes/{number}")
    html = html_of(applicant)
    assert "已达成协议" in html
    assert "司法确认" in html
    screenshot(applicant, "dispute-settled-resident")
    for step in ("受理案件", "我同意调解", "登记调解不成", "移交上一级", "接收下级移交的案件", "登记协议已签字"):
        assert step in html, step
