"""notify(), visibility at creation and at display time, read state: the service layer alone."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.auth.models import Role, User
from portal.db import get_session, utcnow
from portal.errors import NotFoundError
from portal.notifications import Kind, Notification, notify
from portal.notifications import services
from tests.notifications_support import THING, grant, register_test_subject, revoke


@pytest.fixture(autouse=True)
def subject() -> None:
    register_test_subject()


def _load(*users: User) -> list[User]:
    session = get_session()
    return [session.get(User, u.id) for u in users]


def test_notify_creates_rows_only_for_those_who_may_see(app, make_user):
    allowed, outsider = make_user(Role.MEDIATOR), make_user(Role.RESIDENT)
    grant(allowed, 7)
    with app.app_context():
        session = get_session()
        created = notify(session, _load(allowed, outsider), Kind.CASE_ACCEPTED, THING, 7, due="2026-03-01")
        session.commit()
        rows = session.query(Notification).all()
    assert [n.user_id for n in created] == [allowed.id]
    assert [(r.user_id, r.kind, r.subject_type, r.subject_id, r.params) for r in rows] == [
        (allowed.id, Kind.CASE_ACCEPTED, THING, 7, {"due": "2026-03-01"})]
    assert rows[0].read_at is None and rows[0].created_at is not None


def test_an_identical_unread_notification_is_not_repeated(app, make_user):
    user = make_user(Role.MEDIATOR)
    grant(user, 7, 8)
    with app.app_context():
        session = get_session()
        (me,) = _load(user)
        assert notify(session, [me, me], Kind.OVERDUE, THING, 7, due="2026-03-01")
        assert notify(session, [me], Kind.OVERDUE, THING, 7, due="2026-03-01") == []
        # A different kind, subject or detail is news.
        assert notify(session, [me], Kind.DEADLINE_NEAR, THING, 7, due="2026-03-01")
        assert notify(session, [me], Kind.OVERDUE, THING, 8, due="2026-03-01")
        assert notify(session, [me], Kind.OVERDUE, THING, 7, due="2026-04-01")
        assert services.unread_count(session, me) == 4
        # Once read, the same thing may be said again.
        services.mark_all_read(session, me, utcnow())
        assert notify(session, [me], Kind.OVERDUE, THING, 7, due="2026-03-01")


def test_inactive_users_and_unknown_subjects(app, make_user):
    gone = make_user(Role.MEDIATOR, active=False)
    grant(gone, 7)
    with app.app_context():
        session = get_session()
        assert notify(session, _load(gone), Kind.OVERDUE, THING, 7) == []
        with pytest.raises(LookupError):
            notify(session, _load(gone), Kind.OVERDUE, "no_such_subject", 7)
        with pytest.raises(ValueError):
            notify(session, _load(gone), "no_such_kind", THING, 7)


def test_describe_rechecks_access_and_hides_the_subject(app, make_user):
    user = make_user(Role.MEDIATOR, locale="en")
    grant(user, 7)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        session = get_session()
        (me,) = _load(user)
        (note,) = notify(session, [me], Kind.DEADLINE_NEAR, THING, 7, due="2026-03-01")
        (entry,) = services.describe(session, me, [note])
        assert entry.available and entry.label == "Secret thing 7"
        assert str(entry.title) == "Deadline near" and "2026" in entry.message
        revoke(user, 7)  # e.g. the case was reassigned
        (entry,) = services.describe(session, me, [note])
        assert not entry.available and entry.label is None and entry.message is None


def test_open_marks_read_and_gives_the_address_only_while_visible(app, make_user):
    user, other = make_user(Role.MEDIATOR), make_user(Role.MEDIATOR)
    grant(user, 7)
    with app.app_context():
        session = get_session()
        me, them = _load(user, other)
        first, second = (notify(session, [me], kind, THING, 7)[0] for kind in (Kind.OVERDUE, Kind.RISK_RAISED))
        now = utcnow()
        assert services.open_notification(session, me, first.id, now) == "/things/7"
        assert first.read_at == now
        revoke(user, 7)
        assert services.open_notification(session, me, second.id, now) is None
        assert second.read_at == now
        with pytest.raises(NotFoundError):
            services.open_notification(session, them, first.id, now)
        with pytest.raises(NotFoundError):
            services.open_notification(session, me, 999999, now)


def test_unread_count_and_mark_all_read_touch_only_the_user(app, make_user):
    user, other = make_user(Role.MEDIATOR), make_user(Role.MEDIATOR)
    grant(user, 1, 2)
    grant(other, 1)
    with app.app_context():
        session = get_session()
        me, them = _load(user, other)
        notify(session, [me, them], Kind.OVERDUE, THING, 1)
        notify(session, [me], Kind.OVERDUE, THING, 2)
        assert (services.unread_count(session, me), services.unread_count(session, them)) == (2, 1)
        assert services.mark_all_read(session, me, utcnow()) == 2
        session.expire_all()
        assert (services.unread_count(session, me), services.unread_count(session, them)) == (0, 1)


def test_newest_first(app, make_user):
    user = make_user(Role.MEDIATOR)
    grant(user, 1, 2, 3)
    with app.app_context():
        session = get_session()
        (me,) = _load(user)
        notes = [notify(session, [me], Kind.OVERDUE, THING, i)[0] for i in (1, 2, 3)]
        notes[0].created_at = utcnow() + timedelta(minutes=1)
        session.flush()
        ordered = session.scalars(services.newest_first(me)).all()
        assert [n.subject_id for n in ordered] == [1, 3, 2]


def test_every_kind_has_a_title(app):
    from portal.notifications.labels import TITLES

    assert set(TITLES) == set(Kind)


def test_dates_become_iso_strings_and_objects_are_refused(app, make_user):
    from datetime import date, datetime, timezone

    user = make_user(Role.MEDIATOR)
    grant(user, 7)
    with app.app_context():
        session = get_session()
        (me,) = _load(user)
        when = datetime(2031, 3, 1, 2, 0, tzinfo=timezone.utc)
        (note,) = notify(session, [me], Kind.SESSION_SCHEDULED, THING, 7, when=when, day=date(2031, 3, 1))
        assert note.params == {"when": "2031-03-01T02:00:00+00:00", "day": "2031-03-01"}
        assert notify(session, [me], Kind.SESSION_SCHEDULED, THING, 7, when=when, day=date(2031, 3, 1)) == []
        with pytest.raises(TypeError):
            notify(session, [me], Kind.OVERDUE, THING, 7, who=me)
