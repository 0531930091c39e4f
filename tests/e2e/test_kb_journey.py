"""A villager asks the law in their own words on a phone, reads the article and the guide."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import html_of, screenshot

pytestmark = pytest.mark.e2e

QUESTION = "邻居家的狗把我孙子咬伤了，医药费找谁要"


def _search(page, base: str, query: str) -> None:
    page.goto(f"{base}/kb/")
    page.fill("#kb-q", query)
    page.get_by_role("button", name="搜索").click()
    page.wait_for_load_state()


def test_a_colloquial_question_finds_the_article_and_the_guide(kb_app, live_server, page):
    _search(page, live_server, QUESTION)
    first_page = page.locator("main")
    assert first_page.locator('a[href="/kb/civil-code/1245"]').count() == 1
    assert first_page.locator('a[href="/kb/guides/animals"]').count() == 1
    screenshot(page, "kb-search-dog-bite")

    page.click('a[href="/kb/civil-code/1245"]')
    assert "饲养的动物造成他人损害的" in html_of(page)
    assert page.locator('a[href="/kb/guides/animals"]').count() == 1  # the guide that explains it
    screenshot(page, "kb-article-1245")

    page.click('a[href="/kb/guides/animals"]')
    assert page.locator("h1").inner_text() == "狗咬人、牲畜伤人怎么办"
    screenshot(page, "kb-guide-animals")


def test_an_article_number_in_chinese_numerals_opens_the_article(kb_app, live_server, page):
    _search(page, live_server, "第一千二百五十四条")
    assert page.url.endswith("/kb/civil-code/1254")
    assert "从建筑物中抛掷物品" in html_of(page)
    screenshot(page, "kb-article-1254")


def test_guides_are_titled_in_the_chosen_language(kb_app, live_server, page):
    page.goto(f"{live_server}/kb/guides/")
    page.click("button[value=en]")
    assert page.get_by_role("link", name="When a dog or livestock hurts someone").is_visible()
    screenshot(page, "kb-guides-en")
