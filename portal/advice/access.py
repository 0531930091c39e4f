"""Who may see a question: one rule, as a Python check and as an SQL filter for lists."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from portal.advice import clocks
from portal.advice.models import UNANSWERED, Assignment, Question, Status
from portal.auth.models import Role, User

_UNANSWERED = [s.value for s in UNANSWERED]


def serves(session: Session, adviser: User, place_id: int | None) -> bool:
    """Whether the admin assigned this adviser to the village."""
    if place_id is None or adviser.role is not Role.ADVISER:
        return False
    return session.scalar(select(Assignment.id).where(
        Assignment.adviser_id == adviser.id, Assignment.place_id == place_id)) is not None


def village_has_adviser(session: Session, place_id: int | None) -> bool:
    """Whether anyone serves the village; a question from a village nobody serves goes to the pool."""
    return place_id is not None and session.scalar(
        select(Assignment.id).where(Assignment.place_id == place_id).limit(1)) is not None


def in_pool(session: Session, question: Question, on: date) -> bool:
    """Unanswered and overdue (or from a village nobody serves): any adviser may take it."""
    if question.status_enum not in UNANSWERED:
        return False
    if clocks.is_overdue(question.due_on, on):
        return True
    return question.claimed_by_id is None and not village_has_adviser(session, question.place_id)


def can_view(session: Session, user: User, question: Question, on: date | None = None) -> bool:
    """The asker, the village's advisers, the claiming adviser, the admin; any adviser for the pool."""
    if not user.is_authenticated or not user.active:
        return False
    if user.role is Role.ADMIN or question.asker_id == user.id:
        return True
    if user.role is not Role.ADVISER:
        return False
    if question.claimed_by_id == user.id or serves(session, user, question.place_id):
        return True
    return in_pool(session, question, on or clocks.today())


def pool_filter(on: date) -> ColumnElement[bool]:
    """The pool as SQL: unanswered, and overdue or from a village nobody serves."""
    served = exists().where(Assignment.place_id == Question.place_id)
    return and_(Question.status.in_(_UNANSWERED),
                or_(Question.due_on < on, and_(Question.claimed_by_id.is_(None), ~served)))


def visible_filter(user: User, on: date) -> ColumnElement[bool]:
    """The same rule as can_view, as a WHERE clause over Question."""
    if not user.is_authenticated or not user.active:
        return false()
    if user.role is Role.ADMIN:
        return true()
    own = Question.asker_id == user.id
    if user.role is not Role.ADVISER:
        return own
    villages = select(Assignment.place_id).where(Assignment.adviser_id == user.id)
    return or_(own, Question.claimed_by_id == user.id, Question.place_id.in_(villages),
               pool_filter(on))


def is_asker(user: User, question: Question) -> bool:
    """Whether the user asked the question."""
    return user.is_authenticated and question.asker_id == user.id


def may_answer(session: Session, user: User, question: Question, on: date) -> bool:
    """Advisers who serve the village or hold the claim, or anyone once it is in the pool."""
    if user.role is not Role.ADVISER:
        return False
    if question.claimed_by_id == user.id:
        return True
    return serves(session, user, question.place_id) or in_pool(session, question, on)


__all__ = ["can_view", "visible_filter", "pool_filter", "serves", "in_pool", "may_answer",
           "is_asker", "Status"]
