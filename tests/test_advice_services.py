"""Advice services: routing, claiming (and its races), answering with citations, the thread, closing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import sessionmaker

from portal.advice import access, clocks, services
from portal.advice.citing import CitationNotFound
from portal.advice.models import Question, Status
from portal.auth.models import Role, User
from portal.db import get_session
from portal.errors import Conflict, NotAllowed, ValidationFailed
from tests.advice_support import CIVIL_ANSWER, ask, assign, on_question, question


@pytest.fixture()
def people(app, make_user):
    resident = make_user(Role.RESIDENT, name="符阿婆")
    village_adviser = make_user(Role.ADVISER, name="林律师")
    other_adviser = make_user(Role.ADVISER, name="王律师")
    assign(app, village_adviser, "测试村")
    assign(app, other_adviser, "邻村")
    return resident, village_adviser, other_adviser


def test_question_goes_to_the_advisers_of_the_askers_village(app, people):
    resident, village_adviser, other_adviser = people
    qid = ask(app, resident)
    with app.app_context():
        session = get_session()
        q = session.get(Question, qid)
        assert access.can_view(session, session.get(User, village_adviser.id), q)
        assert not access.can_view(session, session.get(User, other_adviser.id), q)
        assert q.status == Status.NEW and q.due_on == clocks.local_date(q.asked_at) + timedelta(days=3)


@pytest.mark.parametrize("text", ["", "   ", "短", "问" * 3001])
def test_empty_or_enormous_questions_are_refused(app, people, text):
    with pytest.raises(ValidationFailed) as refused:
        ask(app, people[0], text=text)
    assert refused.value.field == "text"


def test_only_residents_ask_and_the_category_must_be_known(app, people):
    with pytest.raises(NotAllowed):
        ask(app, people[1])
    with pytest.raises(ValidationFailed):
        ask(app, people[0], category="spaceships")


def test_claim_by_an_adviser_of_another_village_is_refused_until_overdue(app, people):
    resident, _, other = people
    qid = ask(app, resident)
    with pytest.raises(NotAllowed):
        on_question(app, qid, lambda s, q, a: services.claim(s, a, q), other)
    later = clocks.today() + timedelta(days=5)
    on_question(app, qid, lambda s, q, a: services.claim(s, a, q, on=later), other)
    assert question(app, qid).claimed_by_id == other.id


def test_claiming_a_question_someone_else_holds_is_refused(app, people, make_user):
    resident, adviser, _ = people
    colleague = make_user(Role.ADVISER)
    assign(app, colleague, "测试村")
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.claim(s, a, q), adviser)
    with pytest.raises(Conflict):
        on_question(app, qid, lambda s, q, a: services.claim(s, a, q), colleague)
    with pytest.raises(Conflict):
        on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), colleague)
    assert question(app, qid).messages == []


def test_claiming_race_has_one_winner(app, people, make_user):
    """Two advisers load the same free question; both claim; the second UPDATE finds it taken."""
    resident, adviser, _ = people
    colleague = make_user(Role.ADVISER)
    assign(app, colleague, "测试村")
    qid = ask(app, resident)
    make = sessionmaker(bind=app.extensions["db_engine"], expire_on_commit=False)
    with app.app_context(), make() as first, make() as second:
        q1, q2 = first.get(Question, qid), second.get(Question, qid)
        services.claim(first, first.get(User, adviser.id), q1)
        first.commit()
        with pytest.raises(Conflict):
            services.claim(second, second.get(User, colleague.id), q2)
        second.rollback()
    assert question(app, qid).claimed_by_id == adviser.id


def test_answering_claims_and_tells_the_resident(app, people):
    resident, adviser, _ = people
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER, legal_aid=True), adviser)
    q = question(app, qid)
    assert q.status == Status.ANSWERED and q.claimed_by_id == adviser.id
    assert q.first_answer_at is not None and q.asker_unread and q.legal_aid_hint


@pytest.mark.parametrize("body, named", [
    ("依照民法典第一千三百条处理。", "民法典第1300条"),
    ("请看《人民调解法》第40条。", "人民调解法第40条"),
    ("民法典第1245条和第1999条都有规定。", "民法典第1999条"),
])
def test_an_answer_citing_a_missing_article_is_refused_and_nothing_is_saved(app, people, body, named):
    resident, adviser, _ = people
    qid = ask(app, resident)
    with pytest.raises(CitationNotFound) as refused:
        on_question(app, qid, lambda s, q, a: services.answer(s, a, q, body), adviser)
    assert named in str(refused.value.message)
    q = question(app, qid)
    assert q.messages == [] and q.status == Status.NEW and q.claimed_by_id is None


@pytest.mark.parametrize("body", [
    CIVIL_ANSWER,
    "《人民调解法》第33条规定可以申请司法确认。",
    "关于民法典的规定：第1245条说得很清楚。",
    "依照道路交通安全法第七十六条处理。",  # a law the knowledge base lacks is left unlinked
])
def test_answers_with_real_citations_are_saved(app, people, body):
    resident, adviser, _ = people
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, body), adviser)
    assert question(app, qid).messages[0].body == body


def test_the_thread_continues_on_both_sides_then_is_resolved_and_rated(app, people):
    resident, adviser, _ = people
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.request_info(s, a, q, "狗是谁家的？有没有拴绳？"), adviser)
    assert question(app, qid).status == Status.INFO_REQUESTED
    on_question(app, qid, lambda s, q, u: services.follow_up(s, u, q, "是隔壁家的，没有拴。"), resident)
    assert question(app, qid).status == Status.FOLLOW_UP
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    on_question(app, qid, lambda s, q, u: services.follow_up(s, u, q, "对方不肯赔怎么办？"), resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, "可以申请村调委会调解。"), adviser)
    with pytest.raises(ValidationFailed):
        on_question(app, qid, lambda s, q, u: services.resolve(s, u, q, 6), resident)
    on_question(app, qid, lambda s, q, u: services.resolve(s, u, q, 5), resident)
    q = question(app, qid)
    assert q.status == Status.RESOLVED and q.rating == 5 and len(q.messages) == 5
    with pytest.raises(Conflict):
        on_question(app, qid, lambda s, q, u: services.follow_up(s, u, q, "还有一个问题。"), resident)


def test_only_the_asker_follows_up_or_resolves(app, people, make_user):
    resident, adviser, _ = people
    stranger = make_user(Role.RESIDENT)
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    with pytest.raises(NotAllowed):
        on_question(app, qid, lambda s, q, u: services.follow_up(s, u, q, "我也想问问。"), stranger)
    with pytest.raises(NotAllowed):
        on_question(app, qid, lambda s, q, u: services.resolve(s, u, q, 1), stranger)


def test_an_unanswered_question_cannot_be_resolved(app, people):
    qid = ask(app, people[0])
    with pytest.raises(Conflict):
        on_question(app, qid, lambda s, q, u: services.resolve(s, u, q, 4), people[0])


def test_a_question_from_a_village_nobody_serves_is_in_the_pool_at_once(app, people, make_user):
    resident = make_user(Role.RESIDENT, place="牙叉镇")  # no village: nobody is assigned
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.claim(s, a, q), people[2])
    assert question(app, qid).claimed_by_id == people[2].id


def test_a_claim_lapses_when_the_answer_is_overdue(app, people, make_user):
    resident, adviser, other = people
    asked = datetime.now(timezone.utc) - timedelta(days=5)
    qid = ask(app, resident, when=asked)
    on_question(app, qid, lambda s, q, a: services.claim(s, a, q, on=clocks.local_date(asked)), adviser)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), other)
    assert question(app, qid).claimed_by_id == other.id


def test_once_the_law_is_imported_its_article_table_decides(app, people):
    from portal.kb.models import Article, Law

    with app.app_context():
        session = get_session()
        law = Law(slug="civil-code", name="中华人民共和国民法典", short_name="民法典", position=0)
        session.add_all([law, Article(law=law, number=1245, text="饲养的动物造成他人损害的……")])
        session.commit()
    resident, adviser, _ = people
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    with pytest.raises(CitationNotFound):
        on_question(app, qid, lambda s, q, a: services.answer(s, a, q, "另见民法典第1246条。"), adviser)


def test_the_resident_is_told_of_an_answer(app, people):
    from portal.notifications import Notification

    resident, adviser, _ = people
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    with app.app_context():
        notes = get_session().query(Notification).all()
        assert [(n.user_id, n.subject_type, n.subject_id) for n in notes] == [
            (resident.id, "advice_question", qid)]
