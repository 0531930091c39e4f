"""Who sees a private question: the Python rule, the SQL filter for lists, the pages; the handoff."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from portal.advice import access, clocks, services
from portal.advice.models import Question
from portal.auth.models import Role, User
from portal.db import get_session
from tests.advice_support import CIVIL_ANSWER, ask, assign, on_question
from tests.conftest import PASSWORD, csrf_token, log_in


@pytest.fixture()
def world(app, make_user):
    """Everyone who might look at one private question from 测试村."""
    people = {
        "asker": make_user(Role.RESIDENT),
        "neighbour": make_user(Role.RESIDENT),
        "village_adviser": make_user(Role.ADVISER),
        "other_adviser": make_user(Role.ADVISER),
        "mediator": make_user(Role.MEDIATOR),
        "grid_worker": make_user(Role.GRID_WORKER),
        "admin": make_user(Role.ADMIN),
    }
    assign(app, people["village_adviser"], "测试村")
    assign(app, people["other_adviser"], "邻村")
    return people


SEES = {"asker": True, "neighbour": False, "village_adviser": True, "other_adviser": False,
        "mediator": False, "grid_worker": False, "admin": True}


def _check(app, qid: int, user: User, on=None) -> tuple[bool, bool]:
    """(can_view, the list filter finds it) for the user."""
    with app.app_context():
        session = get_session()
        viewer = session.get(User, user.id)
        q = session.get(Question, qid)
        on = on or clocks.today()
        listed = session.scalar(select(Question.id).where(Question.id == qid,
                                                          access.visible_filter(viewer, on)))
        return access.can_view(session, viewer, q, on), listed is not None


@pytest.mark.parametrize("who", list(SEES))
def test_a_private_question_is_seen_only_by_its_people(app, world, who):
    qid = ask(app, world["asker"])
    assert _check(app, qid, world[who]) == (SEES[who], SEES[who])


@pytest.mark.parametrize("who", list(SEES))
def test_the_page_answers_404_to_everyone_else(app, client, world, who):
    qid = ask(app, world["asker"])
    log_in(client, world[who].phone, PASSWORD)
    assert client.get(f"/advice/q/{qid}").status_code == (200 if SEES[who] else 404)


def test_once_overdue_every_adviser_sees_it_and_after_an_answer_only_the_one_who_took_it(app, world):
    qid = ask(app, world["asker"], when=datetime.now(timezone.utc) - timedelta(days=5))
    other = world["other_adviser"]
    assert _check(app, qid, other) == (True, True)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), world["village_adviser"])
    assert _check(app, qid, other) == (False, False)


def test_the_adviser_who_took_it_from_the_pool_keeps_seeing_it(app, world):
    qid = ask(app, world["asker"], when=datetime.now(timezone.utc) - timedelta(days=5))
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), world["other_adviser"])
    assert _check(app, qid, world["other_adviser"]) == (True, True)


def test_lists_show_each_person_only_their_questions(app, client, world):
    ask(app, world["asker"], text="我的问题：狗咬人怎么办？")
    ask(app, world["neighbour"], text="邻居的问题：借钱不还怎么办？")
    log_in(client, world["asker"].phone, PASSWORD)
    html = client.get("/advice/").get_data(as_text=True)
    assert "我的问题" in html and "邻居的问题" not in html


def test_the_queue_puts_overdue_questions_first(app, client, world):
    ask(app, world["asker"], text="新问题：刚刚提的。")
    ask(app, world["asker"], text="旧问题：五天前提的。", when=datetime.now(timezone.utc) - timedelta(days=5))
    log_in(client, world["village_adviser"].phone, PASSWORD)
    html = client.get("/advice/queue").get_data(as_text=True)
    assert html.index("旧问题") < html.index("新问题")


def test_recommend_mediation_opens_the_dispute_form_prefilled(app, client, world):
    qid = ask(app, world["asker"], text="邻居家的狗咬伤了我，医药费谁来出？", category="neighbour")
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER, recommend_mediation=True),
                world["village_adviser"])
    log_in(client, world["asker"].phone, PASSWORD)
    page = client.get(f"/advice/q/{qid}").get_data(as_text=True)
    link = f"/disputes/new/neighbour?from_question={qid}"
    assert link in page
    form = client.get(link).get_data(as_text=True)
    assert "邻居家的狗咬伤了我，医药费谁来出？" in form


def test_the_prefill_never_shows_someone_elses_question(app, client, world):
    qid = ask(app, world["asker"], text="这是别人的私密问题内容。")
    log_in(client, world["neighbour"].phone, PASSWORD)
    assert "别人的私密问题" not in client.get(f"/disputes/new/neighbour?from_question={qid}").get_data(as_text=True)


def test_the_admin_assigns_advisers_to_villages(app, client, world, make_user):
    adviser = make_user(Role.ADVISER, name="新律师")
    log_in(client, world["admin"].phone, PASSWORD)
    with app.app_context():
        village = get_session().scalar(select(User.place_id).where(User.id == world["asker"].id))
    sent = client.post("/advice/admin/advisers", data={
        "csrf_token": csrf_token(client, "/advice/admin/advisers"), "adviser_id": adviser.id, "place_id": village})
    assert sent.status_code == 302
    assert "新律师" in client.get(f"/advice/village/{village}").get_data(as_text=True)
    again = client.post("/advice/admin/advisers", data={
        "csrf_token": csrf_token(client, "/advice/admin/advisers"), "adviser_id": adviser.id, "place_id": village})
    assert again.status_code == 200 and "新律师" in again.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.ADVISER, Role.MEDIATOR])
def test_only_the_admin_reaches_the_assignment_page(client, login_as, role):
    login_as(role)
    assert client.get("/advice/admin/advisers").status_code == 403
