"""督办: supervision notes the mediator must acknowledge, and the supervisor's dashboard figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, and_, case, func, select
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.db import utcnow
from portal.disputes import queue
from portal.disputes.authorisation import StageConflict, authorise
from portal.disputes.caseload_models import SupervisionNote
from portal.disputes.models import Dispute
from portal.disputes.services import advance
from portal.disputes.workflow import Action, ActionInput, Stage


def add_note(session: Session, who: User, dispute: Dispute, text: str, *,
             version: int | None = None) -> SupervisionNote:
    """A supervisor's instruction on the case; its mediators are told and must acknowledge it."""
    rule = authorise(who, dispute, Action.SUPERVISE, ActionInput(note=text), version=version)
    note = SupervisionNote(dispute_id=dispute.id, author_id=who.id, author_name=who.name,
                           text=text.strip(), created_at=utcnow())
    session.add(note)
    advance(session, who, dispute, rule, note=text)
    return note


def open_notes(session: Session, dispute: Dispute) -> list[SupervisionNote]:
    """The case's notes not yet acknowledged, oldest first."""
    stmt = (select(SupervisionNote).where(SupervisionNote.dispute_id == dispute.id,
                                          SupervisionNote.acknowledged_at.is_(None))
            .order_by(SupervisionNote.id))
    return list(session.scalars(stmt))


def all_notes(session: Session, dispute: Dispute) -> list[SupervisionNote]:
    """Every note on the case, oldest first (the case file archives them)."""
    return list(session.scalars(select(SupervisionNote).where(SupervisionNote.dispute_id == dispute.id)
                                .order_by(SupervisionNote.id)))


def acknowledge(session: Session, who: User, dispute: Dispute, *, version: int | None = None) -> int:
    """The mediator acknowledges the open notes; refused when there is none."""
    rule = authorise(who, dispute, Action.ACKNOWLEDGE_SUPERVISION, version=version)
    notes = open_notes(session, dispute)
    if not notes:
        raise StageConflict(_l("There is no supervision note to acknowledge."))
    now = utcnow()
    for note in notes:
        note.acknowledged_at, note.acknowledged_by_name = now, who.name
    advance(session, who, dispute, rule, note=str(len(notes)))
    return len(notes)


@dataclass(frozen=True)
class Figures:
    """What a supervisor sees at a glance; each links to the queue filtered the same way."""

    active: int
    overdue: int
    due_soon: int
    at_risk: int
    unassigned: int
    escalated: int
    other_mediator: int
    notes_open: int


def _count(condition) -> object:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).cast(Integer)


def figures(session: Session, user: User, today: date) -> Figures:
    """Counts over the cases the user supervises, in one query."""
    open_note = select(SupervisionNote.id).where(SupervisionNote.dispute_id == Dispute.id,
                                                 SupervisionNote.acknowledged_at.is_(None)).exists()
    own_centre = Dispute.committee_id == user.committee_id
    stmt = select(
        func.count(), _count(queue.overdue(today)), _count(queue.due_soon(today)),
        _count(Dispute.risk_priority > 0), _count(queue.unassigned()),
        _count(and_(Dispute.stage == Stage.ESCALATION_PENDING.value, own_centre)),
        _count(Dispute.other_mediator_requested.is_(True)), _count(open_note),
    ).where(*queue.scope(session, user))
    return Figures(*session.execute(stmt).one())
