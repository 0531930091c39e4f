"""Creating, listing and reading notifications. Services take the session and never commit."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.errors import NotFoundError
from portal.notifications import mail
from portal.notifications.labels import kind_message, kind_title
from portal.notifications.models import Kind, Notification
from portal.notifications.subjects import get_subject, may_view, require_subject

ParamValue = str | int | float | bool | date | None
_PLAIN = (str, int, float, bool, type(None))


def notify(session: Session, recipients: Iterable[User], kind: Kind, subject_type: str,
           subject_id: int, **params: ParamValue) -> list[Notification]:
    """Tell each recipient who may see the subject; skips repeats of an unread identical notice.

    Params are small plain values; dates and times are stored as ISO strings and shown in the
    reader's language. Emails go out after the commit.
    """
    require_subject(subject_type)
    kind = Kind(kind)
    params = _plain(params)
    wanted = {u.id: u for u in recipients if may_view(u, subject_type, subject_id, session)}
    if not wanted:
        return []
    already = _unread_twins(session, set(wanted), kind, subject_type, subject_id, params)
    created = []
    for user_id, user in wanted.items():
        if user_id in already:
            continue
        note = Notification(user=user, kind=kind, subject_type=subject_type,
                            subject_id=subject_id, params=dict(params))
        session.add(note)
        created.append(note)
    session.flush()
    mail.queue(session, [n for n in created if n.user.email])
    return created


def _plain(params: dict[str, ParamValue]) -> dict[str, Any]:
    """Params as JSON values; anything else is a programming error, caught here, not at flush."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, _PLAIN):
            raise TypeError(f"notification param {key!r} must be a plain value, not {type(value).__name__}")
        out[key] = value
    return out


def _unread_twins(session: Session, user_ids: set[int], kind: Kind, subject_type: str,
                  subject_id: int, params: dict[str, Any]) -> set[int]:
    """Ids of users who already have this very notification unread (params compared in Python:
    JSON equality is not portable across databases)."""
    rows = session.execute(
        select(Notification.user_id, Notification.params).where(
            Notification.user_id.in_(user_ids), Notification.read_at.is_(None),
            Notification.kind == kind, Notification.subject_type == subject_type,
            Notification.subject_id == subject_id)
    )
    return {user_id for user_id, stored in rows if (stored or {}) == params}


def unread_count(session: Session, user: User) -> int:
    """How many notifications the user has not read (one indexed count)."""
    stmt = select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))
    return session.scalar(stmt) or 0


def newest_first(user: User) -> Select:
    """The user's notifications, newest first, for the centre's pager."""
    return (select(Notification).where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))


@dataclass(frozen=True)
class Entry:
    """A notification as its reader may see it now; nothing of the subject when access is gone."""

    notification: Notification
    title: object
    available: bool
    label: str | None = None
    message: str | None = None


def describe(session: Session, user: User, notifications: list[Notification]) -> list[Entry]:
    """Re-check access at display time: a reassigned case must vanish from the old mediator's view."""
    labels = _visible_labels(session, user, notifications)
    entries = []
    for note in notifications:
        title = kind_title(note.kind)
        ref = (note.subject_type, note.subject_id)
        if ref not in labels:
            entries.append(Entry(note, title, available=False))
            continue
        entries.append(Entry(note, title, available=True, label=labels[ref],
                             message=kind_message(note.kind, note.params or {})))
    return entries


def _visible_labels(session: Session, user: User,
                    notifications: list[Notification]) -> dict[tuple[str, int], str]:
    """Labels of the subjects the user may see now, asked once per subject type."""
    wanted: dict[str, set[int]] = {}
    for note in notifications:
        wanted.setdefault(note.subject_type, set()).add(note.subject_id)
    found: dict[tuple[str, int], str] = {}
    for subject_type, ids in wanted.items():
        subject = get_subject(subject_type)
        if subject is not None and user.active:
            labels = subject.labels_visible_to(user, ids, session)
            found.update(((subject_type, i), label) for i, label in labels.items())
    return found


def _own(session: Session, user: User, notification_id: int) -> Notification:
    note = session.get(Notification, notification_id)
    if note is None or note.user_id != user.id:
        raise NotFoundError(_l("This notification does not exist."))
    return note


def open_notification(session: Session, user: User, notification_id: int, now: datetime) -> str | None:
    """Mark one of the user's notifications read; the subject's address, or None if no longer visible."""
    note = _own(session, user, notification_id)
    if note.read_at is None:
        note.read_at = now
    if not may_view(user, note.subject_type, note.subject_id, session):
        return None
    return require_subject(note.subject_type).url(note.subject_id)


def mark_all_read(session: Session, user: User, now: datetime) -> int:
    """Mark every unread notification of the user read; returns how many."""
    result = session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now).execution_options(synchronize_session=False))
    return result.rowcount or 0
