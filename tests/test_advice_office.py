"""Office hours and bookings, phone numbers shown only by choice, and the advisers' figures."""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.advice import clocks, office, services, stats
from portal.advice.models import Booking, Visit
from portal.auth.models import Role, User
from portal.db import get_session
from portal.errors import Conflict, NotAllowed, ValidationFailed
from tests.advice_support import CIVIL_ANSWER, ask, assign, on_question, place_id
from tests.conftest import PASSWORD, csrf_token, log_in


@pytest.fixture()
def adviser(app, make_user):
    user = make_user(Role.ADVISER, name="林律师", phone="13911112222")
    assign(app, user, "测试村")
    return user


def _visit(app, adviser, days: int = 2, start: int = 9 * 60, end: int = 10 * 60) -> int:
    with app.app_context():
        session = get_session()
        visit = office.add_visit(session, session.get(User, adviser.id), place_id("测试村"),
                                 clocks.today() + timedelta(days=days), start, end)
        session.commit()
        return visit.id


def _book(app, resident, visit_id: int, reason: str = "宅基地的事想当面问问"):
    with app.app_context():
        session = get_session()
        booking = office.book(session, session.get(User, resident.id), session.get(Visit, visit_id), reason)
        session.commit()
        return booking.slot


def test_visits_only_in_villages_the_adviser_serves_and_not_in_the_past(app, adviser):
    with app.app_context():
        session = get_session()
        me = session.get(User, adviser.id)
        with pytest.raises(ValidationFailed):
            office.add_visit(session, me, place_id("邻村"), clocks.today(), 540, 600)
        with pytest.raises(ValidationFailed):
            office.add_visit(session, me, place_id("测试村"), clocks.today() - timedelta(days=1), 540, 600)
        with pytest.raises(ValidationFailed):
            office.add_visit(session, me, place_id("测试村"), clocks.today(), 600, 540)


def test_residents_take_free_places_in_order_until_full(app, adviser, make_user):
    visit_id = _visit(app, adviser, start=540, end=580)  # two 20-minute places
    first, second, third = (make_user(Role.RESIDENT) for _ in range(3))
    assert [_book(app, first, visit_id), _book(app, second, visit_id)] == [0, 1]
    with pytest.raises(Conflict):
        _book(app, third, visit_id)
    with pytest.raises(Conflict):
        _book(app, first, visit_id)


def _book_just_after(app, competitor, resident, visit_id: int):
    """`resident` books having read the visit's bookings just before `competitor`'s went in.

    What two residents pressing "Book" at the same instant amount to: both saw the same free slot.
    """
    with app.app_context():
        session = get_session()
        visit = session.get(Visit, visit_id)
        office.active_bookings(visit)  # loaded now, stale once the competitor's booking is in
        _book(app, competitor, visit_id)  # another app context: another session, committed
        booking = office.book(session, session.get(User, resident.id), visit, "想问问土地承包的事")
        session.commit()
        return booking.slot


def _active_slots(app, visit_id: int) -> list[tuple[int, int]]:
    with app.app_context():
        rows = get_session().execute(select(Booking.slot, Booking.resident_id).where(
            Booking.visit_id == visit_id, Booking.cancelled.is_(False)).order_by(Booking.slot))
        return [tuple(row) for row in rows]


def test_two_residents_booking_at_the_same_instant_get_different_slots(app, adviser, make_user):
    visit_id = _visit(app, adviser, start=540, end=580)  # two places
    competitor, resident = make_user(Role.RESIDENT), make_user(Role.RESIDENT)
    assert _book_just_after(app, competitor, resident, visit_id) == 1
    assert _active_slots(app, visit_id) == [(0, competitor.id), (1, resident.id)]


@pytest.mark.parametrize("same_resident, message", [
    (False, "These office hours are fully booked."),
    (True, "You already have a place at these office hours."),  # a double click
])
def test_a_booking_that_lost_the_race_is_refused_with_the_reason(app, adviser, make_user,
                                                                 same_resident, message):
    visit_id = _visit(app, adviser, start=540, end=560 if not same_resident else 600)
    competitor = make_user(Role.RESIDENT)
    resident = competitor if same_resident else make_user(Role.RESIDENT)
    with pytest.raises(Conflict) as refused:
        _book_just_after(app, competitor, resident, visit_id)
    with app.app_context():
        assert str(refused.value.message) == gettext(message)
    assert _active_slots(app, visit_id) == [(0, competitor.id)]


def test_the_database_refuses_a_taken_slot_or_a_second_place_but_not_after_a_cancel(
        app, adviser, make_user):
    visit_id = _visit(app, adviser)
    first, second = make_user(Role.RESIDENT), make_user(Role.RESIDENT)

    def insert(resident, slot: int, cancelled: bool = False) -> bool:
        with app.app_context():
            session = get_session()
            session.add(Booking(visit_id=visit_id, resident_id=resident.id, slot=slot, reason="事",
                                cancelled=cancelled))
            try:
                session.commit()
            except IntegrityError:
                return False
            return True

    assert insert(first, 0)
    assert not insert(second, 0)  # the same slot
    assert not insert(first, 1)  # a second place for the same resident
    assert insert(second, 0, cancelled=True) and insert(first, 1, cancelled=True)
    assert _active_slots(app, visit_id) == [(0, first.id)]


def _post_booking(app, client, resident, visit_id: int, reason: str):
    token = csrf_token(client, f"/advice/village/{resident.place_id}")
    return client.post(f"/advice/visit/{visit_id}/book", data={"csrf_token": token, "reason": reason})


def test_a_refused_booking_shows_the_form_again_with_the_typed_reason(app, client, adviser, make_user,
                                                                      login_as):
    visit_id = _visit(app, adviser, start=540, end=560)  # one place
    _book(app, make_user(Role.RESIDENT), visit_id)
    resident = login_as(Role.RESIDENT)
    response = _post_booking(app, client, resident, visit_id, "邻居占了我家的宅基地")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    with app.test_request_context():
        assert gettext("These office hours are fully booked.") in page
    assert 'value="邻居占了我家的宅基地"' in page


def test_a_slot_taken_again_and_again_asks_to_try_again_without_an_error_page(
        app, client, adviser, make_user, login_as, monkeypatch):
    visit_id = _visit(app, adviser)
    _book(app, make_user(Role.RESIDENT), visit_id)
    resident = login_as(Role.RESIDENT)
    monkeypatch.setattr(office, "active_bookings", lambda visit: [])  # never sees the taken slot
    response = _post_booking(app, client, resident, visit_id, "合同纠纷想咨询")
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and 'value="合同纠纷想咨询"' in page
    with app.test_request_context():
        assert gettext("Many people are booking these office hours right now. Please try again.") in page
    assert _active_slots(app, visit_id)[1:] == []


def test_only_residents_of_the_village_book_and_a_reason_is_needed(app, adviser, make_user):
    visit_id = _visit(app, adviser)
    with pytest.raises(NotAllowed):
        _book(app, make_user(Role.RESIDENT, place="邻村"), visit_id)
    with pytest.raises(ValidationFailed):
        _book(app, make_user(Role.RESIDENT), visit_id, reason="  ")


def test_the_adviser_cancels_with_a_message_the_resident_reads(app, client, adviser, make_user):
    resident = make_user(Role.RESIDENT)
    _book(app, resident, _visit(app, adviser))
    log_in(client, adviser.phone, PASSWORD)
    page = client.get("/advice/office").get_data(as_text=True)
    assert "宅基地的事想当面问问" in page and resident.phone not in page  # phone not shared
    with app.app_context():
        booking_id = get_session().scalars(select(Visit)).one().bookings[0].id
    token = csrf_token(client, "/advice/office")
    client.post(f"/advice/booking/{booking_id}/cancel", data={"csrf_token": token, "message": "那天开庭，改下周。"})
    client.post("/logout", data={"csrf_token": token})
    log_in(client, resident.phone, PASSWORD)
    assert "那天开庭，改下周。" in client.get("/advice/bookings").get_data(as_text=True)


def test_another_advisers_bookings_cannot_be_cancelled(app, adviser, make_user):
    resident, other = make_user(Role.RESIDENT), make_user(Role.ADVISER)
    _book(app, resident, _visit(app, adviser))
    with app.app_context(), pytest.raises(NotAllowed):
        session = get_session()
        booking = session.scalars(select(Visit)).one().bookings[0]
        office.cancel_booking(session, session.get(User, other.id), booking, "不行")


def test_the_advisers_phone_is_shown_only_when_they_choose(app, client, adviser, login_as):
    resident = login_as(Role.RESIDENT)
    village = f"/advice/village/{resident.place_id}"
    assert "林律师" in client.get(village).get_data(as_text=True)
    assert adviser.phone not in client.get(village).get_data(as_text=True)
    with app.app_context():
        session = get_session()
        office.save_profile(session, session.get(User, adviser.id), "椰乡律师事务所", True)
        session.commit()
    html = client.get("/").get_data(as_text=True)
    assert adviser.phone in html and "椰乡律师事务所" in html


def test_the_residents_phone_is_shown_to_the_adviser_only_when_they_choose(app, client, adviser, make_user):
    resident = make_user(Role.RESIDENT)
    hidden = ask(app, resident, text="不给电话的问题内容。")
    shown = ask(app, resident, text="给电话的问题内容。", share_phone=True)
    log_in(client, adviser.phone, PASSWORD)
    assert resident.phone not in client.get(f"/advice/q/{hidden}").get_data(as_text=True)
    assert resident.phone in client.get(f"/advice/q/{shown}").get_data(as_text=True)


def test_figures_count_answers_wait_overdue_and_ratings(app, client, adviser, make_user):
    from datetime import datetime, timezone

    resident = make_user(Role.RESIDENT)
    qid = ask(app, resident)
    on_question(app, qid, lambda s, q, a: services.answer(s, a, q, CIVIL_ANSWER), adviser)
    on_question(app, qid, lambda s, q, u: services.resolve(s, u, q, 4), resident)
    ask(app, resident, when=datetime.now(timezone.utc) - timedelta(days=6))
    with app.app_context():
        session = get_session()
        figures = stats.figures_for(session, session.get(User, adviser.id), clocks.today())
    assert (figures.answered, figures.overdue, figures.rating_average) == (1, 1, 4.0)
    assert figures.median_first_answer is not None
    log_in(client, adviser.phone, PASSWORD)
    assert client.get("/advice/figures").status_code == 200


def test_each_visit_has_its_own_booking_form_with_its_own_ids(app, client, adviser, login_as):
    import re

    first, second = _visit(app, adviser), _visit(app, adviser, start=840, end=900)
    resident = login_as(Role.RESIDENT)
    page = client.get(f"/advice/village/{resident.place_id}").get_data(as_text=True)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for visit_id in (first, second):  # each label names the field of its own form
        assert f'for="reason-{visit_id}"' in page and f'id="reason-{visit_id}"' in page
