"""Asking, claiming, answering, following up, resolving and expiring questions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal.advice import access, clocks
from portal.advice.citing import checked_citations
from portal.advice.models import UNANSWERED, Message, MessageKind, Question, Status
from portal.advice.notify_subjects import SUBJECT_TYPE
from portal.auth.models import Role, User
from portal.db import utcnow
from portal.disputes.types import DisputeType
from portal.errors import Conflict, NotAllowed, ValidationFailed
from portal.notifications import Kind, notify

MIN_TEXT = 5
MAX_TEXT = 3000


@dataclass(frozen=True)
class Rules:
    """The clocks, from the config (ADVICE_ANSWER_DAYS, ADVICE_EXPIRY_DAYS)."""

    answer_days: int = clocks.DEFAULT_ANSWER_DAYS
    expiry_days: int = clocks.DEFAULT_EXPIRY_DAYS


@dataclass(frozen=True)
class Draft:
    """What the asking form collects."""

    category: str
    text: str
    may_publish: bool = False
    share_phone: bool = False


def clean_text(text: str | None, field: str) -> str:
    """Stripped text, refused when empty or longer than the limit."""
    text = (text or "").strip()
    if len(text) < MIN_TEXT:
        raise ValidationFailed(_l("Please write a little more (at least 5 characters)."), field=field)
    if len(text) > MAX_TEXT:
        raise ValidationFailed(_l("Please keep it under 3,000 characters."), field=field)
    return text


def ask(session: Session, asker: User, draft: Draft, rules: Rules = Rules(),
        now: datetime | None = None) -> Question:
    """A resident's new question, routed to the advisers of their village."""
    if asker.role is not Role.RESIDENT:
        raise NotAllowed(_l("Only residents ask questions here."))
    if draft.category not in set(DisputeType):
        raise ValidationFailed(_l("Choose what the question is about."), field="category")
    text = clean_text(draft.text, "text")
    now = now or utcnow()
    question = Question(
        asker=asker, place_id=asker.place_id, category=draft.category, text=text,
        may_publish=draft.may_publish, share_phone=draft.share_phone, status=Status.NEW.value,
        asked_at=now, due_on=clocks.due_on(now, rules.answer_days),
        expires_on=clocks.expires_on(now, rules.expiry_days))
    session.add(question)
    session.flush()
    return question


def claim(session: Session, adviser: User, question: Question, on: date | None = None) -> None:
    """Take a question; refused when another adviser holds it (first come, first served)."""
    on = on or clocks.today()
    if question.claimed_by_id == adviser.id:
        return
    if question.status_enum not in UNANSWERED:
        raise Conflict(_l("This question has already been answered or closed."))
    if not access.may_answer(session, adviser, question, on):
        raise NotAllowed(_l("This question is from a village you do not serve."))
    seen = question.claimed_by_id
    if seen is not None and not access.in_pool(session, question, on):
        raise Conflict(_l("Another adviser has already taken this question."))
    # One UPDATE that only succeeds if nobody took it meanwhile: two advisers cannot both win.
    stmt = (update(Question).where(Question.id == question.id,
                                   Question.status.in_([s.value for s in UNANSWERED]),
                                   Question.claimed_by_id.is_(None) if seen is None
                                   else Question.claimed_by_id == seen)
            .values(claimed_by_id=adviser.id, claimed_at=utcnow(), status=Status.CLAIMED.value,
                    version_id=Question.version_id + 1)
            .execution_options(synchronize_session=False))
    if session.execute(stmt).rowcount != 1:
        session.expire(question)
        raise Conflict(_l("Another adviser has already taken this question."))
    session.refresh(question)


def _holder(session: Session, adviser: User, question: Question, on: date) -> None:
    """Make sure the adviser holds the question, claiming it if it is free."""
    if question.status_enum in (Status.RESOLVED, Status.EXPIRED):
        raise Conflict(_l("This question is closed."))
    if question.claimed_by_id != adviser.id:
        claim(session, adviser, question, on)


def _post(session: Session, question: Question, author: User, kind: MessageKind, body: str) -> Message:
    message = Message(question=question, author=author, kind=kind.value, body=body)
    session.add(message)
    return message


def answer(session: Session, adviser: User, question: Question, body: str, *,
           recommend_mediation: bool = False, legal_aid: bool = False,
           on: date | None = None) -> Message:
    """An adviser's answer; every citation must exist in the knowledge base."""
    body = clean_text(body, "body")
    checked_citations(session, body)  # before anything changes: a refused answer saves nothing
    _holder(session, adviser, question, on or clocks.today())
    message = _post(session, question, adviser, MessageKind.ANSWER, body)
    question.status = Status.ANSWERED.value
    question.first_answer_at = question.first_answer_at or utcnow()
    question.mediation_recommended = question.mediation_recommended or recommend_mediation
    question.legal_aid_hint = question.legal_aid_hint or legal_aid
    question.asker_unread = True
    session.flush()
    notify(session, [question.asker], Kind.QUESTION_ANSWERED, SUBJECT_TYPE, question.id)
    return message


def request_info(session: Session, adviser: User, question: Question, body: str,
                 on: date | None = None) -> Message:
    """Ask the resident for more information (before or after an answer)."""
    body = clean_text(body, "body")
    checked_citations(session, body)
    _holder(session, adviser, question, on or clocks.today())
    message = _post(session, question, adviser, MessageKind.INFO_REQUEST, body)
    question.status = Status.INFO_REQUESTED.value
    question.asker_unread = True
    session.flush()
    notify(session, [question.asker], Kind.INFO_REQUESTED, SUBJECT_TYPE, question.id)
    return message


def follow_up(session: Session, asker: User, question: Question, body: str) -> Message:
    """The resident writes again: more information, or a follow-up question."""
    if question.asker_id != asker.id:
        raise NotAllowed(_l("Only the person who asked can write here."))
    if question.status_enum in (Status.RESOLVED, Status.EXPIRED):
        raise Conflict(_l("This question is closed. Ask a new question instead."))
    body = clean_text(body, "body")
    message = _post(session, question, asker, MessageKind.FOLLOW_UP, body)
    if question.status_enum not in UNANSWERED:
        question.status = Status.FOLLOW_UP.value
    session.flush()
    return message


def resolve(session: Session, asker: User, question: Question, rating: int) -> None:
    """The resident closes the question and rates the answer from 1 to 5."""
    if question.asker_id != asker.id:
        raise NotAllowed(_l("Only the person who asked can close the question."))
    if question.first_answer_at is None or question.status_enum in (Status.RESOLVED, Status.EXPIRED):
        raise Conflict(_l("Only an answered question can be marked resolved."))
    if rating not in range(1, 6):
        raise ValidationFailed(_l("Choose from 1 to 5 stars."), field="rating")
    question.status, question.rating = Status.RESOLVED.value, rating
    question.closed_at = utcnow()
    session.flush()


def mark_seen(question: Question, user: User) -> None:
    """The asker has seen the latest news on the question."""
    if question.asker_id == user.id and question.asker_unread:
        question.asker_unread = False


def expire_overdue(session: Session, on: date | None = None) -> int:
    """Close every question left unanswered past its last day; returns how many."""
    on = on or clocks.today()
    due = (Question.status.in_([s.value for s in UNANSWERED]), Question.expires_on < on)
    expiring = session.scalars(select(Question).where(*due)).all()
    stmt = (update(Question)
            .where(*due)
            .values(status=Status.EXPIRED.value, closed_at=utcnow(), asker_unread=True,
                    version_id=Question.version_id + 1)
            .execution_options(synchronize_session=False))
    count = session.execute(stmt).rowcount
    if count:
        session.expire_all()
    for question in expiring:  # the resident is told where to turn now (12348, legal aid)
        notify(session, [question.asker], Kind.QUESTION_EXPIRED, SUBJECT_TYPE, question.id)
    return count


def unread_count(session: Session, user: User) -> int:
    """How many of the resident's questions have news they have not seen."""
    return session.scalar(select(func.count(Question.id)).where(
        Question.asker_id == user.id, Question.asker_unread.is_(True))) or 0
