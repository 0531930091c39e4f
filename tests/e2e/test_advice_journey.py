"""A resident asks a legal question on a phone: related articles first, an answer from the village's
adviser with linked citations, a follow-up, a rating, and the anonymised FAQ found by search."""
from __future__ import annotations

import pytest

from portal.auth.models import Role
from portal.db import get_session
from portal.kb.documents import article_documents, guide_documents
from portal.kb.importer import import_statutes, stored_articles
from portal.kb.indexing import build_index
from portal.kb.pages import guides
from tests.advice_support import assign
from tests.conftest import PASSWORD
from tests.e2e.conftest import html_of, screenshot

pytestmark = pytest.mark.e2e
QUESTION = "我是符阿婆，电话138 0000 0001。邻居家的狗把我咬伤了，打针花了八百块，邻居不肯出医药费，怎么办？"
ANSWER = ("您好。依照民法典第一千二百四十五条，饲养的动物造成他人损害的，动物饲养人或者管理人"
          "应当承担侵权责任。医药费应当由邻居承担。")


@pytest.fixture()
def knowledge_base(app):
    """The statutes imported, and an index of the torts book and the guides (quicker than all)."""
    with app.app_context():
        session = get_session()
        import_statutes(session)
        session.commit()
        torts = [a for a in stored_articles(session) if a.law == "civil-code" and 1164 <= a.number <= 1258]
        build_index(app.config["INDEX_DIR"], article_documents(torts, guides()) + guide_documents(guides()))
    return app


def _log_in(page, base: str, phone: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#phone", phone)
    page.fill("#password", PASSWORD)
    page.click("#submit")


def _log_out(page) -> None:
    page.get_by_role("button", name="退出登录").click()


def test_a_resident_asks_and_the_answer_becomes_a_public_faq(live_server, page, knowledge_base, make_user):
    app = knowledge_base
    resident = make_user(Role.RESIDENT, name="符阿婆")
    adviser = make_user(Role.ADVISER, name="林律师")
    assign(app, adviser, "测试村")

    _log_in(page, live_server, resident.phone)
    assert "林律师" in html_of(page)  # the home page shows the village's adviser
    page.get_by_role("link", name="问法律顾问").first.click()
    page.select_option("#category", value="damages")
    page.fill("#text", QUESTION)
    page.get_by_role("button", name="下一步").click()
    assert "这些内容也许已经能解答您的问题" in html_of(page)
    assert page.locator(".related a").count() > 0  # related articles and guides, before sending
    screenshot(page, "advice-related-zh_Hans")
    page.check("#may_publish")
    page.get_by_role("button", name="提交问题").click()
    assert "问题已提交" in html_of(page)
    question_url = page.url
    _log_out(page)

    _log_in(page, live_server, adviser.phone)
    page.goto(f"{live_server}/advice/queue")
    page.locator(".question-item a").first.click()
    page.fill("#body", "请看民法典第一千三百条。")
    page.get_by_role("button", name="发送回答").click()
    assert "民法典第1300条 不存在" in html_of(page)  # refused before it is saved
    page.fill("#body", ANSWER)
    page.get_by_role("button", name="发送回答").click()
    page.wait_for_load_state()
    assert page.locator("a.citation, .message a[href='/kb/civil-code/1245']").count() >= 1
    _log_out(page)

    _log_in(page, live_server, resident.phone)
    page.goto(question_url)
    page.get_by_role("link", name="第一千二百四十五条").first.click()
    assert "饲养的动物造成他人损害" in html_of(page)  # the citation leads to the article
    page.goto(question_url)
    page.fill("#body", "邻居说狗是自己跑出来的，也要赔吗？")
    page.get_by_role("button", name="发送", exact=True).click()
    assert "已发给法律顾问" in html_of(page)
    page.check("input[name=rating][value='5']")
    page.get_by_role("button", name="我的问题解决了").click()
    assert "已解决" in html_of(page)
    screenshot(page, "advice-thread-resolved-zh_Hans")
    _log_out(page)

    _log_in(page, live_server, adviser.phone)
    page.goto(question_url)
    page.get_by_role("link", name="公开为问答").click()
    assert "符阿婆" not in page.input_value("#question_text")
    assert "138 0000 0001" not in page.input_value("#question_text")
    page.fill("#title", "邻居的狗咬伤了人，医药费谁出？")
    page.get_by_role("button", name="公开为问答").click()
    assert "已公开" in html_of(page)
    _log_out(page)

    page.goto(f"{live_server}/kb/search?q=狗咬伤了医药费谁出")
    faq_link = page.get_by_role("link", name="邻居的狗咬伤了人，医药费谁出？")
    faq_link.click()
    assert "符阿婆" not in html_of(page) and "138 0000 0001" not in html_of(page)
    screenshot(page, "advice-faq-public-zh_Hans")
