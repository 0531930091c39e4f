"""Helpers shared by the advice tests: assign advisers and ask questions through the real services."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import select

from portal.advice import office, services
from portal.advice.models import Question
from portal.auth.models import Role, User
from portal.db import get_session
from portal.places.models import Place

CIVIL_ANSWER = "根据民法典第一千二百四十五条，饲养的动物造成他人损害的，动物饲养人应当承担侵权责任。"


def place_id(name: str) -> int:
    return get_session().scalars(select(Place.id).where(Place.name == name)).first()


def assign(app: Flask, adviser: User, village: str = "测试村") -> None:
    """The admin assigns the adviser to the village."""
    with app.app_context():
        session = get_session()
        admin = session.scalars(select(User).where(User.role == Role.ADMIN)).first()
        if admin is None:
            admin = User(phone="13955500000", name="管理员", role=Role.ADMIN, password_hash="x")
            session.add(admin)
        office.assign(session, admin, adviser.id, place_id(village))
        session.commit()


def ask(app: Flask, asker: User, text: str = "邻居家的狗咬伤了我，医药费谁来出？",
        when: datetime | None = None, **draft: Any) -> int:
    """Ask a question as the resident; returns its id."""
    with app.app_context():
        session = get_session()
        question = services.ask(session, session.get(User, asker.id),
                                services.Draft(category=draft.pop("category", "damages"), text=text, **draft),
                                now=when)
        session.commit()
        return question.id


def on_question(app: Flask, question_id: int, fn: Callable[..., Any], *users: User,
                commit: bool = True) -> Any:
    """Run fn(session, question, *users-as-attached) in one transaction, as a view would."""
    with app.app_context():
        session = get_session()
        question = session.get(Question, question_id)
        result = fn(session, question, *(session.get(User, u.id) for u in users))
        if commit:
            session.commit()
        return result


def question(app: Flask, question_id: int) -> Question:
    """A detached snapshot of the question with its messages."""
    with app.app_context():
        session = get_session()
        found = session.get(Question, question_id)
        _ = (found.messages, found.attachments, found.faq, found.asker)
        session.expunge_all()
        return found
