"""Lets notifications point at questions: the advice access rule decides who is told and who sees."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.advice import access, clocks, labels
from portal.advice.models import Question
from portal.auth.models import User
from portal.notifications import register_subject

SUBJECT_TYPE = "advice_question"


def _can_view(user: User, question_id: int, session: Session) -> bool:
    question = session.get(Question, question_id)
    return question is not None and access.can_view(session, user, question)


def _label(session: Session, question_id: int) -> str:
    category = session.scalar(select(Question.category).where(Question.id == question_id))
    return str(labels.category(category)) if category else ""


def _visible_labels(user: User, ids: set[int], session: Session) -> dict[int, str]:
    rows = session.execute(select(Question.id, Question.category).where(
        Question.id.in_(ids), access.visible_filter(user, clocks.today())))
    return {id_: str(labels.category(category)) for id_, category in rows}


def register() -> None:
    """Make ("advice_question", id) a notification subject; called once when the app is built."""
    register_subject(SUBJECT_TYPE, can_view=_can_view,
                     url=lambda question_id: url_for("advice.detail", question_id=question_id),
                     label=_label, visible_labels=_visible_labels)
