"""Publishing FAQs: consent, masking reviewed by the adviser, citations, lists, search, articles."""
from __future__ import annotations

import pytest
from flask import render_template_string

from portal.advice import faq, services
from portal.advice.citing import CitationNotFound
from portal.advice.models import Faq
from portal.auth.models import Role
from portal.db import get_session
from portal.errors import NotAllowed
from portal.kb.indexing import build_index
from portal.kb.search import search
from tests.advice_support import CIVIL_ANSWER, ask, assign, on_question
from tests.conftest import PASSWORD, csrf_token, log_in

PRIVATE_TEXT = "我是符阿婆，电话138 0000 0001，住在演示一村3组15号。邻居老王家的狗咬了我，医药费谁出？"


@pytest.fixture()
def answered(app, make_user):
    """(question id, resident, adviser): an answered question whose asker allowed publishing."""
    resident = make_user(Role.RESIDENT, name="符阿婆")
    adviser = make_user(Role.ADVISER, name="林律师")
    assign(app, adviser)
    qid = ask(app, resident, text=PRIVATE_TEXT, may_publish=True)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    return qid, resident, adviser


def test_the_draft_is_masked_for_review(app, answered):
    qid = answered[0]
    draft = on_question(app, qid, lambda s, q: faq.draft_faq(q), commit=False)
    assert "符阿婆" not in draft.question_text and "138" not in draft.question_text
    assert "3组15号" not in draft.question_text and "老王" not in draft.question_text
    assert draft.question_text.startswith("我是符某，电话【电话】，住在【地址】。邻居老某家的狗")
    assert {kind for kind, _ in draft.found} == {"name", "phone", "address"}


def test_the_adviser_reviews_edits_and_publishes(app, client, answered):
    qid, _, adviser = answered
    log_in(client, adviser.phone, PASSWORD)
    review = client.get(f"/advice/q/{qid}/publish").get_data(as_text=True)
    assert "【电话】" in review and "138 0000 0001" in review  # what was removed is listed for checking
    edited = "邻居的狗咬了我，医药费谁出？"
    sent = client.post(f"/advice/q/{qid}/publish", data={
        "csrf_token": csrf_token(client, f"/advice/q/{qid}/publish"), "title": "狗咬伤了人，谁赔？",
        "question_text": edited, "answer_text": CIVIL_ANSWER})
    assert sent.status_code == 302
    page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert edited in page and "符阿婆" not in page and 'href="/kb/civil-code/1245"' in page


def test_nothing_is_published_without_the_askers_consent(app, make_user):
    resident, adviser = make_user(Role.RESIDENT), make_user(Role.ADVISER)
    assign(app, adviser)
    qid = ask(app, resident, may_publish=False)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    with pytest.raises(NotAllowed):
        on_question(app, qid, lambda s, q, a: faq.publish(s, a, q, "标题", "问题内容很长", CIVIL_ANSWER),
                    adviser)


def test_an_edit_that_cites_a_missing_article_is_refused(app, answered):
    qid, _, adviser = answered
    with pytest.raises(CitationNotFound):
        on_question(app, qid, lambda s, q, a: faq.publish(s, a, q, "标题", "问题内容很长",
                                                           "见民法典第1261条。"), adviser)


def test_advisers_of_other_villages_and_residents_may_not_publish(app, answered, make_user):
    qid, resident, _ = answered
    stranger = make_user(Role.ADVISER)
    for who in (stranger, resident):
        with pytest.raises(NotAllowed):
            on_question(app, qid, lambda s, q, a: faq.publish(s, a, q, "标题", "问题内容很长",
                                                               CIVIL_ANSWER), who)


def _publish(app, qid, adviser) -> int:
    return on_question(app, qid, lambda s, q, a: faq.publish(
        s, a, q, "狗咬伤了人，谁赔？", "邻居的狗咬了我，医药费谁出？", CIVIL_ANSWER), adviser).id


def test_faqs_are_listed_by_category_for_everyone(app, client, answered):
    qid, _, adviser = answered
    _publish(app, qid, adviser)
    everyone = client.get("/advice/faq/?category=damages").get_data(as_text=True)
    assert "狗咬伤了人，谁赔？" in everyone
    assert "狗咬伤了人" not in client.get("/advice/faq/?category=contract").get_data(as_text=True)
    assert client.get("/advice/faq/?category=nonsense").status_code == 404


def test_an_article_page_can_list_the_faqs_that_cite_it(app, answered):
    qid, _, adviser = answered
    faq_id = _publish(app, qid, adviser)
    with app.test_request_context():
        html = render_template_string('{% set faq_law, faq_number = "civil-code", 1245 %}'
                                      '{% include "advice/_article_faqs.html" %}')
        assert f"/advice/faq/{faq_id}" in html
        assert faq.faqs_citing(get_session(), "civil-code", 1246) == []


def test_a_published_faq_is_found_by_the_knowledge_base_search(app, client, answered, tmp_path):
    qid, _, adviser = answered
    index = app.config["INDEX_DIR"]
    build_index(index, [{"kind": "article", "law": "civil-code", "number": 1245, "title": "民法典第一千二百四十五条",
                         "text": "饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任。"}])
    assert search(index, "狗咬了医药费谁出", limit=10).hits == []  # the statute's words are others
    log_in(client, adviser.phone, PASSWORD)
    client.post(f"/advice/q/{qid}/publish", data={
        "csrf_token": csrf_token(client, f"/advice/q/{qid}/publish"), "title": "狗咬伤了人，谁赔医药费？",
        "question_text": "邻居的狗咬了我，医药费谁出？", "answer_text": CIVIL_ANSWER})
    with app.app_context():
        faq_id = get_session().query(Faq).one().id
    hits = search(index, "狗咬了医药费谁出", limit=10).hits
    assert ("faq", str(faq_id)) in [(h.kind, h.ref) for h in hits]
    # The article the answer cites is found through it at once, with no rebuild.
    assert [h.number for h in hits if h.kind == "article"] == [1245]


def test_faq_documents_feed_the_full_index_build(app, answered):
    qid, _, adviser = answered
    _publish(app, qid, adviser)
    from portal.kb.extra import extra_documents

    with app.app_context():
        documents = extra_documents(get_session())
    assert [d["kind"] for d in documents] == ["faq"] and "符阿婆" not in documents[0]["text"]
