"""The registry of subjects: each area says who may see its things, where they live, what they are called."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.auth.models import User

CanView = Callable[[User, int, Session], bool]
Url = Callable[[int], str]
Label = Callable[[Session, int], str]
VisibleLabels = Callable[[User, set[int], Session], dict[int, str]]


@dataclass(frozen=True)
class Subject:
    """How notifications reach one type of subject; the owning area's rules, not ours."""

    subject_type: str
    can_view: CanView
    url: Url
    label: Label
    # Optional: can_view and label for many ids in one query (a page must not cost a query per row).
    visible_labels: VisibleLabels | None = None

    def labels_visible_to(self, user: User, ids: set[int], session: Session) -> dict[int, str]:
        """{id: label} for the ids the user may see; one query when the area offers it."""
        if self.visible_labels is not None:
            return {i: label for i, label in self.visible_labels(user, ids, session).items() if i in ids}
        return {i: self.label(session, i) for i in ids if self.can_view(user, i, session)}


_SUBJECTS: dict[str, Subject] = {}


def register_subject(subject_type: str, *, can_view: CanView, url: Url, label: Label,
                     visible_labels: VisibleLabels | None = None) -> None:
    """Register (or replace) a subject type: can_view(user, id, session), url(id), label(session, id).

    visible_labels(user, ids, session) -> {id: label} is optional and must agree with can_view.
    """
    _SUBJECTS[subject_type] = Subject(subject_type, can_view, url, label, visible_labels)


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
