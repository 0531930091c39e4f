"""The notification centre and the header count, as a logged-in user sees them."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from portal.auth.models import Role, User
from portal.db import get_session
from portal.notifications import Kind, Notification, notify
from tests.conftest import csrf_token
from tests.notifications_support import THING, grant, register_test_subject, revoke

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def subject() -> None:
    register_test_subject()


def tell(app, user: User, *thing_ids: int, kind: Kind = Kind.OVERDUE, **params) -> list[int]:
    """Notify `user` about each thing (granting access first); the new notification ids."""
    grant(user, *thing_ids)
    with app.app_context():
        session = get_session()
        me = session.get(User, user.id)
        ids = [n.id for t in thing_ids for n in notify(session, [me], kind, THING, t, **params)]
        session.commit()
    return ids


def read_state(app, notification_id: int):
    with app.app_context():
        return get_session().get(Notification, notification_id).read_at


def test_anonymous_visitors_are_sent_to_log_in(client):
    for path in ("/notifications", "/notifications/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.location
    assert client.post("/notifications/read-all").status_code in (302, 400)


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_a_centre_and_a_header_count(client, app, login_as, role):
    user = login_as(role)
    tell(app, user, 1, 2, 3)
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert re.search(r'href="/notifications"[^>]*>\s*Notifications <span class="badge-count">3</span>', html)
    assert client.get("/notifications", headers=EN).status_code == 200


def test_header_shows_no_count_when_all_is_read(client, login_as):
    login_as(Role.RESIDENT)
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert ">Notifications</a>" in html and "badge-count" not in html


def test_header_count_costs_one_query(client, app, login_as):
    user = login_as(Role.MEDIATOR)
    tell(app, user, 1, 2)
    statements: list[str] = []
    engine = app.extensions["db_engine"]
    listener = lambda *args: statements.append(args[2])  # noqa: E731 (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get("/", headers=EN)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len([s for s in statements if "FROM notifications" in s]) == 1


def test_centre_lists_newest_first_with_unread_highlighted(client, app, login_as):
    user = login_as(Role.MEDIATOR)
    first, second = tell(app, user, 1, 2, kind=Kind.DEADLINE_NEAR, due="2026-03-01")
    client.get(f"/notifications/{first}")
    html = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert html.index("Secret thing 2") < html.index("Secret thing 1")
    assert len(re.findall(r'class="notification unread"', html)) == 1
    assert "Deadline near" in html and "Due on" in html


def test_centre_is_paginated(client, app, login_as):
    user = login_as(Role.MEDIATOR)
    tell(app, user, *range(1, 26))
    first = client.get("/notifications", headers=EN).get_data(as_text=True)
    second = client.get("/notifications?page=2", headers=EN).get_data(as_text=True)
    assert first.count('<li class="notification') == 20 and second.count('<li class="notification') == 5
    assert "Secret thing 25" in first and "Secret thing 1<" in second
    assert client.get("/notifications?page=abc", headers=EN).status_code == 200


def test_opening_marks_read_and_goes_to_the_subject(client, app, login_as):
    user = login_as(Role.MEDIATOR)
    (note,) = tell(app, user, 7)
    response = client.get(f"/notifications/{note}")
    assert response.status_code == 302 and response.location.endswith("/things/7")
    assert read_state(app, note) is not None


def test_lost_access_shows_no_longer_available_without_detail(client, app, login_as):
    user = login_as(Role.MEDIATOR)
    (note,) = tell(app, user, 7, kind=Kind.SESSION_SCHEDULED, when="2031-03-01T02:00:00+00:00")
    revoke(user, 7)  # the case went to another mediator
    html = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert "No longer available" in html
    assert "Secret thing" not in html and "/things/7" not in html and "2031" not in html
    response = client.get(f"/notifications/{note}", headers=EN, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.request.path == "/notifications" and "no longer available to you" in page
    assert "Secret thing" not in page and read_state(app, note) is not None


def test_someone_elses_notification_reveals_nothing(client, app, make_user, login_as):
    owner = make_user(Role.MEDIATOR)
    (note,) = tell(app, owner, 7)
    intruder = login_as(Role.MEDIATOR)
    grant(intruder, 7)  # even someone who may see the subject may not read another's notice
    response = client.get(f"/notifications/{note}", headers=EN, follow_redirects=True)
    assert response.request.path == "/notifications" and "Secret thing" not in response.get_data(as_text=True)
    assert read_state(app, note) is None


def test_mark_all_read_needs_post_and_csrf(client, app, login_as):
    user = login_as(Role.RESIDENT)
    notes = tell(app, user, 1, 2)
    assert client.get("/notifications/read-all").status_code == 405
    assert client.post("/notifications/read-all").status_code == 400  # no CSRF token
    assert all(read_state(app, n) is None for n in notes)
    token = csrf_token(client, "/notifications")
    response = client.post("/notifications/read-all", data={"csrf_token": token}, headers=EN,
                           follow_redirects=True)
    assert "All notifications are marked read." in response.get_data(as_text=True)
    assert all(read_state(app, n) is not None for n in notes)
    assert "badge-count" not in response.get_data(as_text=True)


def test_centre_speaks_the_users_language(client, app, login_as):
    user = login_as(Role.RESIDENT)
    tell(app, user, 1, kind=Kind.QUESTION_ANSWERED)
    html = client.get("/notifications", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "通知" in html and "Your question has been answered" not in html
