"""Notifications about real cases: the disputes access rule decides who is told and who still sees."""
from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import Role, User
from portal.db import get_session
from portal.disputes.models import Dispute
from portal.notifications import Kind, Notification, notify
from portal.places.models import Place
from tests.conftest import PASSWORD, log_in, sql_statements
from tests.disputes_support import file_case

EN = {"Accept-Language": "en"}


def _notify_about(app, number: str, *users: User) -> list[int]:
    with app.app_context():
        session = get_session()
        dispute = session.scalars(select(Dispute).where(Dispute.number == number)).one()
        created = notify(session, [session.get(User, u.id) for u in users], Kind.CASE_ACCEPTED,
                         "dispute", dispute.id)
        session.commit()
        return [n.user_id for n in created]


def _move_case(app, number: str, place: str) -> None:
    """Stand-in for escalation or reassignment: the case now belongs to another committee."""
    with app.app_context():
        session = get_session()
        dispute = session.scalars(select(Dispute).where(Dispute.number == number)).one()
        dispute.committee_id = session.scalars(select(Place).where(Place.name == place)).one().committee.id
        session.commit()


def test_only_those_who_may_see_the_case_are_told(app, make_user):
    resident = make_user(Role.RESIDENT)
    number = file_case(app, resident)
    mediator, elsewhere = make_user(Role.MEDIATOR), make_user(Role.MEDIATOR, place="邻村")
    stranger = make_user(Role.RESIDENT)
    told = _notify_about(app, number, resident, mediator, elsewhere, stranger)
    assert sorted(told) == sorted([resident.id, mediator.id])


def test_the_centre_links_the_case_then_hides_it_once_moved(client, app, make_user):
    resident = make_user(Role.RESIDENT)
    number = file_case(app, resident)
    mediator = make_user(Role.MEDIATOR)
    _notify_about(app, number, mediator)
    log_in(client, mediator.phone, PASSWORD)
    html = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert number in html and "Case accepted" in html
    _move_case(app, number, "邻村")
    html = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert number not in html and "No longer available" in html
    with app.app_context():
        note_id = get_session().scalars(select(Notification.id)).one()
    response = client.get(f"/notifications/{note_id}", headers=EN)
    assert response.status_code == 302 and response.location.endswith("/notifications")


def test_opening_goes_to_the_case_page(client, app, make_user):
    resident = make_user(Role.RESIDENT)
    number = file_case(app, resident)
    _notify_about(app, number, resident)
    log_in(client, resident.phone, PASSWORD)
    with app.app_context():
        note_id = get_session().scalars(select(Notification.id)).one()
    response = client.get(f"/notifications/{note_id}")
    assert response.status_code == 302
    assert client.get(response.location).status_code == 200 and number in response.location


def test_the_centre_costs_the_same_queries_for_3_or_12_cases(client, app, make_user):
    resident = make_user(Role.RESIDENT)
    mediator = make_user(Role.MEDIATOR)
    log_in(client, mediator.phone, PASSWORD)
    numbers = [file_case(app, resident) for _ in range(12)]
    for number in numbers[:3]:
        _notify_about(app, number, mediator)
    few = len(sql_statements(app, client, "/notifications", headers=EN))
    for number in numbers[3:]:
        _notify_about(app, number, mediator)
    many = len(sql_statements(app, client, "/notifications", headers=EN))
    assert many == few


def test_the_batch_rule_agrees_with_can_view(app, make_user):
    from portal.notifications.subjects import get_subject

    resident = make_user(Role.RESIDENT)
    here, there = file_case(app, resident), file_case(app, resident, place="邻村", respondent_place="邻村")
    viewers = [resident, make_user(Role.MEDIATOR), make_user(Role.MEDIATOR, place="邻村"),
               make_user(Role.SUPERVISOR), make_user(Role.RESIDENT), make_user(Role.ADMIN)]
    with app.app_context():
        session = get_session()
        ids = set(session.scalars(select(Dispute.id).where(Dispute.number.in_([here, there]))))
        subject = get_subject("dispute")
        for viewer in viewers:
            user = session.get(User, viewer.id)
            one_by_one = {i: subject.label(session, i) for i in ids if subject.can_view(user, i, session)}
            assert subject.visible_labels(user, ids, session) == one_by_one, viewer.role
