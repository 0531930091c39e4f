"""Publishing answered questions as FAQs, with personal details masked and reviewed first."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.advice import access
from portal.advice.citing import checked_citations, cited_articles
from portal.advice.masking import mask
from portal.advice.models import Faq, FaqCitation, MessageKind, Question
from portal.advice.services import clean_text
from portal.auth.models import Role, User
from portal.errors import Conflict, NotAllowed, ValidationFailed

MAX_TITLE = 120


@dataclass
class FaqDraft:
    """The masked text the adviser reviews, and what masking found."""

    title: str
    question_text: str
    answer_text: str
    found: list[tuple[str, str]]


def known_names(question: Question) -> list[str]:
    """Names the thread is known to contain: the asker's (and anyone who wrote in it, but advisers)."""
    return [question.asker.name]


def answers_text(question: Question) -> str:
    """The advisers' answers in the thread, joined."""
    return "\n\n".join(m.body for m in question.messages if m.kind == MessageKind.ANSWER.value)


def draft_faq(question: Question) -> FaqDraft:
    """The question and its answers with names, phones, ID numbers and addresses masked."""
    names = known_names(question)
    asked = mask(question.text, names)
    answered = mask(answers_text(question), names)
    first_line = asked.text.split("\n", 1)[0]
    title = first_line if len(first_line) <= 40 else first_line[:39] + "…"
    return FaqDraft(title, asked.text, answered.text, asked.found + answered.found)


def may_publish(session: Session, user: User, question: Question) -> bool:
    """Admins, the adviser who holds the question, and the village's advisers."""
    if user.role is Role.ADMIN:
        return True
    return user.role is Role.ADVISER and (question.claimed_by_id == user.id
                                          or access.serves(session, user, question.place_id))


def publish(session: Session, actor: User, question: Question, title: str, question_text: str,
            answer_text: str) -> Faq:
    """Publish the reviewed text; the asker must have allowed it and there must be an answer."""
    if not may_publish(session, actor, question):
        raise NotAllowed(_l("You may not publish this question."))
    if not question.may_publish:
        raise NotAllowed(_l("The person who asked did not allow publishing."))
    if question.first_answer_at is None:
        raise Conflict(_l("Only answered questions can be published."))
    if question.faq is not None:
        raise Conflict(_l("This question is already published."))
    title = (title or "").strip()
    if not title or len(title) > MAX_TITLE:
        raise ValidationFailed(_l("Give a title of up to 120 characters."), field="title")
    question_text = clean_text(question_text, "question_text")
    answer_text = clean_text(answer_text, "answer_text")
    checked_citations(session, answer_text, field="answer_text")
    faq = Faq(question=question, category=question.category, title=title,
              question_text=question_text, answer_text=answer_text, published_by_id=actor.id)
    faq.citations = [FaqCitation(law=law, number=number) for law, number in cited_articles(answer_text)]
    session.add(faq)
    session.flush()
    return faq


def faq_document(faq: Faq) -> dict:
    """The knowledge-base index document of an FAQ; a match lifts the articles it cites too."""
    return {"kind": "faq", "ref": str(faq.id), "title": faq.title,
            "text": f"{faq.question_text}\n{faq.answer_text}",
            "cites": [(c.law, c.number) for c in faq.citations]}


def faq_documents(session: Session) -> list[dict]:
    """Every published FAQ as an index document (a source registered in portal.kb.extra)."""
    return [faq_document(faq) for faq in session.scalars(select(Faq).order_by(Faq.id))]


def faqs_citing(session: Session, law: str, number: int) -> list[Faq]:
    """The published FAQs that cite an article, newest first (for the article's page)."""
    stmt = (select(Faq).join(FaqCitation).where(FaqCitation.law == law, FaqCitation.number == number)
            .order_by(Faq.published_at.desc()))
    return list(session.scalars(stmt))
