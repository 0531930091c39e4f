"""Advisers' figures: answered, median time to first answer, overdue, ratings; self-help rate."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from portal.advice.models import UNANSWERED, AskPreview, Assignment, Question
from portal.auth.models import Role, User


@dataclass(frozen=True)
class AdviserFigures:
    """One adviser's figures."""

    adviser: User
    answered: int
    median_first_answer: timedelta | None
    overdue: int
    rating_count: int
    rating_average: float | None


def figures_for(session: Session, adviser: User, on: date) -> AdviserFigures:
    """The figures of one adviser."""
    rows = session.execute(select(Question.asked_at, Question.first_answer_at, Question.rating)
                           .where(Question.claimed_by_id == adviser.id,
                                  Question.first_answer_at.is_not(None))).all()
    waits = [answered - asked for asked, answered, _ in rows]
    ratings = [rating for _, _, rating in rows if rating is not None]
    villages = select(Assignment.place_id).where(Assignment.adviser_id == adviser.id)
    overdue = session.scalar(select(func.count(Question.id)).where(
        Question.status.in_([s.value for s in UNANSWERED]), Question.due_on < on,
        or_(Question.claimed_by_id == adviser.id, Question.place_id.in_(villages)))) or 0
    return AdviserFigures(
        adviser=adviser, answered=len(rows),
        median_first_answer=statistics.median(waits) if waits else None, overdue=overdue,
        rating_count=len(ratings),
        rating_average=round(sum(ratings) / len(ratings), 1) if ratings else None)


def all_figures(session: Session, on: date) -> list[AdviserFigures]:
    """Every active adviser's figures, by name (for the admin)."""
    advisers = session.scalars(select(User).where(User.role == Role.ADVISER, User.active.is_(True))
                               .order_by(User.name))
    return [figures_for(session, adviser, on) for adviser in advisers]


@dataclass(frozen=True)
class SelfHelp:
    """How often residents shown related articles left without asking."""

    shown: int
    left: int

    @property
    def percent_left(self) -> int | None:
        return round(100 * self.left / self.shown) if self.shown else None


def self_help(session: Session) -> SelfHelp:
    """Previews shown, and those not followed by a question."""
    shown = session.scalar(select(func.count(AskPreview.id)).where(AskPreview.hits > 0)) or 0
    left = session.scalar(select(func.count(AskPreview.id)).where(
        AskPreview.hits > 0, AskPreview.submitted.is_(False))) or 0
    return SelfHelp(shown, left)
