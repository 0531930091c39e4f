"""Advice pages: asking with related articles first, the thread, refusals that keep the text."""
from __future__ import annotations

import re

import pytest

from portal.advice.models import AskPreview, Question, Status
from portal.auth.models import Role
from portal.db import get_session
from tests.advice_support import CIVIL_ANSWER, ask, assign, on_question, question
from tests.conftest import PASSWORD, csrf_token, log_in

from portal.advice import services


@pytest.fixture()
def resident(login_as):
    return login_as(Role.RESIDENT, name="符阿婆")


def _question_ids(app) -> list[int]:
    with app.app_context():
        return [q.id for q in get_session().query(Question).all()]


def test_asking_shows_related_articles_then_sends(app, client, resident):
    token = csrf_token(client, "/advice/ask")
    page = client.post("/advice/ask", data={"csrf_token": token, "category": "damages",
                                            "text": "邻居家的狗咬伤了我，医药费谁来出？"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'name="preview"' in html
    preview = re.search(r'name="preview" type="hidden" value="([0-9a-f]+)"', html).group(1)
    sent = client.post("/advice/ask/send", data={"csrf_token": token, "category": "damages",
                                                 "text": "邻居家的狗咬伤了我，医药费谁来出？",
                                                 "preview": preview, "may_publish": "y"})
    assert sent.status_code == 302
    with app.app_context():
        q = get_session().query(Question).one()
        assert q.may_publish and q.asker_id == resident.id
        assert get_session().query(AskPreview).one().submitted


def test_an_empty_question_is_refused_on_the_first_step(client, resident):
    page = client.post("/advice/ask", data={"csrf_token": csrf_token(client, "/advice/ask"),
                                            "category": "damages", "text": "  "})
    assert "至少 5 个字" in page.get_data(as_text=True) or "at least 5" in page.get_data(as_text=True)


def test_an_enormous_question_is_refused_and_the_text_kept(app, client, resident):
    text = "问" * 3001
    page = client.post("/advice/ask/send", data={"csrf_token": csrf_token(client, "/advice/ask"),
                                                 "category": "damages", "text": text})
    assert text in page.get_data(as_text=True)
    assert _question_ids(app) == []


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(app, client, resident):
    from io import BytesIO

    data = {"csrf_token": csrf_token(client, "/advice/ask"), "category": "damages",
            "text": "邻居家的狗咬伤了我，医药费谁来出？",
            "files": [(BytesIO(b"MZ\x90\x00 this is a program"), "photo.jpg")]}
    page = client.post("/advice/ask/send", data=data, content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert "邻居家的狗咬伤了我" in html and _question_ids(app) == []


def test_a_photo_is_stored_and_served_only_to_those_who_may_see_it(app, client, resident, make_user):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    data = {"csrf_token": csrf_token(client, "/advice/ask"), "category": "damages",
            "text": "邻居家的狗咬伤了我，这是照片。", "files": [(BytesIO(buffer.getvalue()), "bite.png")]}
    client.post("/advice/ask/send", data=data, content_type="multipart/form-data")
    q = question(app, _question_ids(app)[0])
    url = f"/advice/q/{q.id}/files/{q.attachments[0].id}"
    own = client.get(url)
    assert own.status_code == 200 and own.mimetype == "image/png"
    own.close()
    stranger = make_user(Role.RESIDENT)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    log_in(client, stranger.phone, PASSWORD)
    assert client.get(url).status_code == 404


def test_the_adviser_answers_with_linked_citations(app, client, make_user):
    resident = make_user(Role.RESIDENT)
    adviser = make_user(Role.ADVISER)
    assign(app, adviser)
    qid = ask(app, resident)
    log_in(client, adviser.phone, PASSWORD)
    token = csrf_token(client, f"/advice/q/{qid}")
    sent = client.post(f"/advice/q/{qid}/reply", data={"csrf_token": token, "body": CIVIL_ANSWER,
                                                       "law": "civil-code", "send_answer": "y"})
    assert sent.status_code == 302
    html = client.get(f"/advice/q/{qid}").get_data(as_text=True)
    assert 'href="/kb/civil-code/1245"' in html


def test_a_citation_of_a_law_outside_the_knowledge_base_is_sent_with_a_note(app, client, make_user):
    resident, adviser = make_user(Role.RESIDENT), make_user(Role.ADVISER)
    assign(app, adviser)
    qid = ask(app, resident)
    log_in(client, adviser.phone, PASSWORD)
    body = "依照道路交通安全法第七十六条和民法典第1208条，由机动车一方赔偿。"
    sent = client.post(f"/advice/q/{qid}/reply", data={
        "csrf_token": csrf_token(client, f"/advice/q/{qid}"), "body": body, "law": "civil-code",
        "send_answer": "y"}, headers={"Accept-Language": "en"}, follow_redirects=True)
    html = sent.get_data(as_text=True)
    assert "does not hold the law of 道路交通安全法第76条" in html
    assert 'href="/kb/civil-code/1208"' in html and len(question(app, qid).messages) == 1


def test_a_bad_citation_is_refused_with_its_name_and_the_draft_kept(app, client, make_user):
    resident, adviser = make_user(Role.RESIDENT), make_user(Role.ADVISER)
    assign(app, adviser)
    qid = ask(app, resident)
    log_in(client, adviser.phone, PASSWORD)
    body = "请看民法典第一千三百条的规定。"
    page = client.post(f"/advice/q/{qid}/reply", data={
        "csrf_token": csrf_token(client, f"/advice/q/{qid}"), "body": body, "law": "civil-code",
        "send_answer": "y"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "民法典第1300条" in html and body in html
    assert question(app, qid).messages == []


def test_inserting_an_article_puts_its_text_in_the_draft(app, client, make_user):
    resident, adviser = make_user(Role.RESIDENT), make_user(Role.ADVISER)
    assign(app, adviser)
    qid = ask(app, resident)
    log_in(client, adviser.phone, PASSWORD)
    page = client.post(f"/advice/q/{qid}/reply", data={
        "csrf_token": csrf_token(client, f"/advice/q/{qid}"), "body": "您好。", "law": "civil-code",
        "number": "1245", "insert": "y"})
    assert "民法典第一千二百四十五条：饲养的动物造成他人损害的" in page.get_data(as_text=True)
    assert question(app, qid).messages == []


def test_user_text_is_escaped(app, client, make_user):
    resident = make_user(Role.RESIDENT)
    qid = ask(app, resident, text="<script>alert(1)</script> 民法典第1245条")
    log_in(client, resident.phone, PASSWORD)
    html = client.get(f"/advice/q/{qid}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_answering_a_question_another_adviser_holds_is_refused(app, client, make_user):
    resident, holder, other = make_user(Role.RESIDENT), make_user(Role.ADVISER), make_user(Role.ADVISER)
    assign(app, holder)
    assign(app, other)
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.claim(s, a, q), holder)
    log_in(client, other.phone, PASSWORD)
    page = client.post(f"/advice/q/{qid}/reply", data={
        "csrf_token": csrf_token(client, f"/advice/q/{qid}"), "body": CIVIL_ANSWER, "law": "civil-code",
        "send_answer": "y"})
    assert page.status_code == 409
    assert question(app, qid).status == Status.CLAIMED
