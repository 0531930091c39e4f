"""The 3-day answer clock and the 30-day expiry, in Baisha calendar days, and the expiry command."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from portal.advice import access, clocks, services
from portal.advice.models import Question, Status
from portal.auth.models import Role, User
from portal.db import get_session
from tests.advice_support import CIVIL_ANSWER, ask, assign, on_question, question


def test_the_day_is_baishas_not_utcs():
    # 17:30 UTC on 1 March is already 2 March in Baisha.
    asked = datetime(2026, 3, 1, 17, 30, tzinfo=timezone.utc)
    assert clocks.due_on(asked) == date(2026, 3, 5)
    assert clocks.expires_on(asked) == date(2026, 4, 1)


@pytest.mark.parametrize("on, overdue", [(date(2026, 3, 4), False), (date(2026, 3, 5), False),
                                         (date(2026, 3, 6), True)])
def test_overdue_from_the_day_after_the_due_day(on, overdue):
    due = clocks.due_on(datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc))
    assert clocks.is_overdue(due, on) is overdue


def test_the_answer_days_are_configurable():
    asked = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
    assert clocks.due_on(asked, 5) == date(2026, 3, 7)


@pytest.fixture()
def setup(app, make_user):
    resident = make_user(Role.RESIDENT)
    adviser, outsider = make_user(Role.ADVISER), make_user(Role.ADVISER)
    assign(app, adviser, "测试村")
    assign(app, outsider, "邻村")
    return resident, adviser, outsider


def test_an_overdue_question_enters_every_advisers_pool(app, setup):
    resident, _, outsider = setup
    qid = ask(app, resident, when=datetime.now(timezone.utc) - timedelta(days=4))
    with app.app_context():
        session = get_session()
        found = session.get(Question, qid)
        assert access.in_pool(session, found, clocks.today())
        assert access.can_view(session, session.get(User, outsider.id), found)


def test_expiry_closes_only_unanswered_questions_after_thirty_days(app, setup):
    resident, adviser, _ = setup
    old = datetime.now(timezone.utc) - timedelta(days=32)
    unanswered = ask(app, resident, when=old)
    answered = ask(app, resident, when=old)
    fresh = ask(app, resident)
    on_question(app, answered, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    with app.app_context():
        assert services.expire_overdue(get_session()) == 1
        get_session().commit()
    expired = question(app, unanswered)
    assert expired.status == Status.EXPIRED and expired.asker_unread and expired.closed_at
    assert question(app, answered).status == Status.ANSWERED
    assert question(app, fresh).status == Status.NEW


def test_the_last_open_day_is_still_open(app, setup):
    qid = ask(app, setup[0], when=datetime.now(timezone.utc) - timedelta(days=32))
    last_day = question(app, qid).expires_on
    with app.app_context():
        assert services.expire_overdue(get_session(), on=last_day) == 0
        assert services.expire_overdue(get_session(), on=last_day + timedelta(days=1)) == 1


def test_the_expire_command(app, setup):
    qid = ask(app, setup[0], when=datetime.now(timezone.utc) - timedelta(days=40))
    result = app.test_cli_runner().invoke(args=["advice", "expire"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    assert question(app, qid).status == Status.EXPIRED


def test_lists_expire_lazily(app, setup, client):
    from tests.conftest import PASSWORD, log_in

    resident = setup[0]
    qid = ask(app, resident, when=datetime.now(timezone.utc) - timedelta(days=40))
    log_in(client, resident.phone, PASSWORD)
    page = client.get("/advice/").get_data(as_text=True)
    assert question(app, qid).status == Status.EXPIRED
    assert "12348" in page


def _kinds_for(app, user) -> list[str]:
    from portal.notifications import Notification

    with app.app_context():
        rows = get_session().query(Notification).filter_by(user_id=user.id).all()
        return [(n.kind, n.subject_id) for n in rows]


def test_the_resident_is_told_when_a_question_expires_and_where_to_turn(app, setup, client):
    from tests.conftest import PASSWORD, log_in

    resident = setup[0]
    qid = ask(app, resident, when=datetime.now(timezone.utc) - timedelta(days=40))
    assert app.test_cli_runner().invoke(args=["advice", "expire"]).exit_code == 0
    assert ("question_expired", qid) in _kinds_for(app, resident)
    log_in(client, resident.phone, PASSWORD)
    html = client.get("/notifications", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Your question was closed without an answer" in html and "12348" in html


def test_the_resident_is_told_when_the_adviser_asks_for_more(app, setup):
    resident, adviser, _ = setup
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.request_info(s, a, q, "请问借条上写了还款日期吗？"), adviser)
    assert ("info_requested", qid) in _kinds_for(app, resident)
