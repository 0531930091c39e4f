"""The registry of subjects: each area says who may see its things, where they live, what they are called."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.auth.models import User

CanView = Callable[[User, int, Session], bool]
Url = Callable[[int], str]
Label = Callable[[Session, int], str]


@dataclass(frozen=True)
class Subject:
    """How notifications reach one type of subject; the owning area's rules, not ours."""

    subject_type: str
    can_view: CanView
    url: Url
    label: Label


_SUBJECTS: dict[str, Subject] = {}


def register_subject(subject_type: str, *, can_view: CanView, url: Url, label: Label) -> None:
    """Register (or replace) a subject type: can_view(user, id, session), url(id), label(session, id)."""
    _SUBJECTS[subject_type] = Subject(subject_type, can_view, url, label)


def get_subject(subject_type: str) -> Subject | None:
    """The registered subject type, or None (e.g. an area that has since been removed)."""
    return _SUBJECTS.get(subject_type)


def require_subject(subject_type: str) -> Subject:
    """The registered subject type; notifying about an unknown one is a programming error."""
    subject = get_subject(subject_type)
    if subject is None:
        raise LookupError(f"no notification subject registered as {subject_type!r}")
    return subject


def may_view(user: User, subject_type: str, subject_id: int, session: Session) -> bool:
    """The owning area's verdict; unknown types and inactive users see nothing."""
    subject = get_subject(subject_type)
    return bool(subject and user.active and subject.can_view(user, subject_id, session))
