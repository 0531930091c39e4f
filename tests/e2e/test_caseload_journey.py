"""Issue 4's acceptance path in a real browser at phone size: a township supervisor sees at a glance
what is overdue and at risk, reassigns a case with a reason and adds a supervision note; the new
mediator finds it in their queue and acknowledges; a settled case is followed to its performance,
return visit, the resident's rating and closing; the case file prints."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.disputes import services
from tests.caseload_support import mediating_case, settled_case, staff  # noqa: F401
from tests.disputes_support import case, on_case
from tests.e2e.conftest import html_of, screenshot
from tests.e2e.test_disputes_journey import act, open_as

pytestmark = pytest.mark.e2e


def _overdue(session, dispute):
    dispute.tier_due_on = services.today() - timedelta(days=3)
    services.refresh_due(dispute)


def test_supervisor_reassigns_and_a_case_is_followed_to_its_rating(live_server, browser, app, staff):
    late = mediating_case(app, staff)
    on_case(app, late, _overdue)
    risky = mediating_case(app, staff)
    on_case(app, risky, lambda s, d, m: services.set_risk(s, m, d, True, "扬言要动手", level="grave"),
            staff["village"])
    settled = settled_case(app, staff)

    boss = open_as(browser, live_server, staff["town_sup"])
    boss.get_by_role("link", name="督办").first.click()
    assert boss.locator(".tile-overdue strong").inner_text() == "1"
    assert boss.locator(".tile-risk strong").inner_text() == "1"
    assert boss.locator(".case-item.at-risk").count() >= 1 and risky in html_of(boss)
    screenshot(boss, "caseload-supervision-dashboard")

    boss.goto(f"{live_server}/disputes/{late}")
    boss.get_by_role("link", name="分派调解员").click()
    boss.get_by_label("村调解员二").check()
    boss.get_by_label("村调解员", exact=True).uncheck()
    boss.fill("#reason", "原调解员本月外出培训，改由村调解员二承办。")
    screenshot(boss, "caseload-assign")
    boss.click("#submit")
    act(boss, "写督办意见", note="已超期三天，请本周内组织双方见面。")
    assert "原调解员本月外出培训" in html_of(boss)

    mediator = open_as(browser, live_server, staff["village2"])
    mediator.get_by_role("link", name="我的案件").first.click()
    assert late in html_of(mediator) and "有督办意见待确认" in html_of(mediator)
    assert "138****5678" in html_of(mediator) and "13812345678" not in html_of(mediator)
    screenshot(mediator, "caseload-queue")
    mediator.goto(f"{live_server}/disputes/{late}")
    act(mediator, "确认已阅督办意见")
    assert case(app, late).events[-1].action == "acknowledge_supervision"

    worker = open_as(browser, live_server, staff["village"])
    worker.goto(f"{live_server}/disputes/{settled}")
    for term in case(app, settled).agreement.terms:
        act(worker, "登记协议履行情况", term=str(term.id))
    act(worker, "登记回访", on=services.today().isoformat(), note="双方说已按协议做到，邻里关系好了。")
    resident = open_as(browser, live_server, staff["resident"])
    resident.goto(f"{live_server}/disputes/{settled}")
    rate = resident.locator("form.action-rate")
    rate.locator("input[name=rating][value='5']").check()
    rate.locator("textarea[name=note]").fill("调解员很耐心。")
    screenshot(resident, "caseload-rating")
    rate.locator("button[type=submit]").click()
    worker.reload()
    act(worker, "结案")
    assert case(app, settled).stage == "closed"
    screenshot(worker, "caseload-closed")
    worker.goto(f"{live_server}/disputes/{settled}/file")
    assert "5分" in html_of(worker) and "双方说已按协议做到" in html_of(worker)
    screenshot(worker, "caseload-case-file")
