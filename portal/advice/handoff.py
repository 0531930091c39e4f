"""From a question to a mediation application: what the dispute form is pre-filled with."""
from __future__ import annotations

from sqlalchemy.orm import Session

from portal.advice.models import Question
from portal.auth.models import User


def facts_from_question(session: Session, user: User, question_id: int) -> str | None:
    """The text of the user's own question (None for anyone else's: ids must not leak text)."""
    question = session.get(Question, question_id)
    if question is None or question.asker_id != user.id:
        return None
    return question.text
