"""After settlement (PML 31): performance of each term, the return visit (回访), the parties' rating, closing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import access, services
from portal.disputes.authorisation import NOT_YOURS, NotYourCase, authorise
from portal.disputes.caseload_models import Rating, ReturnVisit
from portal.disputes.models import AgreementTerm, Dispute, Party
from portal.disputes.services import advance, refresh_due
from portal.disputes.types import PERFORMANCE_WORDS, Performance, VisitMethod
from portal.disputes.workflow import Action, ActionInput
from portal.errors import Conflict, ValidationFailed


def terms(dispute: Dispute) -> list[AgreementTerm]:
    """The written agreement's terms (an oral agreement has none to record)."""
    return list(dispute.agreement.terms) if dispute.agreement and not dispute.agreement.oral else []


def performance_recorded(dispute: Dispute) -> bool:
    """Whether every term's performance is on record (an oral agreement has no terms to record)."""
    return all(t.performance for t in terms(dispute))


def record_performance(session: Session, who: User, dispute: Dispute, term_id: int | None, performance: str,
                       note: str = "", *, version: int | None = None) -> AgreementTerm:
    """Record whether a term was performed fully, partly or not."""
    term = next((t for t in terms(dispute) if t.id == term_id), None)
    known = Performance(performance) if performance in set(Performance) else None
    rule = authorise(who, dispute, Action.RECORD_PERFORMANCE, ActionInput(term=term, performance=known),
                     version=version)
    term.performance, term.performance_note = known.value, note.strip() or None
    term.performance_on = services.today()
    # The archive keeps the result in the committee's own words, whatever the reader's language.
    advance(session, who, dispute, rule, note=f"{term.position}. {PERFORMANCE_WORDS[known]} {note.strip()}".strip())
    return term


def schedule_return_visit(session: Session, who: User, dispute: Dispute, on: date | None, *,
                          version: int | None = None) -> None:
    """Move the planned return visit to another day."""
    rule = authorise(who, dispute, Action.SCHEDULE_RETURN_VISIT, ActionInput(on=on), version=version)
    if on < services.today():
        raise ValidationFailed(_l("Choose today or a later day."), field="on")
    dispute.return_visit_due_on = on
    refresh_due(dispute)
    advance(session, who, dispute, rule, note=on.isoformat())


@dataclass(frozen=True)
class Visit:
    """A return visit as the mediator records it."""

    visited_on: date | None
    method: str
    parties_said: str


def record_return_visit(session: Session, who: User, dispute: Dispute, visit: Visit, *,
                        version: int | None = None) -> ReturnVisit:
    """Record the visit: when, how, what the parties said. Every term's performance must be on record."""
    given = ActionInput(on=visit.visited_on, note=visit.parties_said,
                        performance_recorded=performance_recorded(dispute))
    rule = authorise(who, dispute, Action.RECORD_RETURN_VISIT, given, version=version)
    if visit.method not in set(VisitMethod):
        raise ValidationFailed(_l("Say how the visit was made."), field="method")
    if visit.visited_on > services.today():
        raise ValidationFailed(_l("A visit cannot be recorded before it happens."), field="on")
    record = ReturnVisit(dispute_id=dispute.id, visited_on=visit.visited_on, method=visit.method,
                         parties_said=visit.parties_said.strip(), mediator_id=who.id, mediator_name=who.name)
    session.add(record)
    advance(session, who, dispute, rule, note=visit.parties_said)
    return record


def visits(session: Session, dispute: Dispute) -> list[ReturnVisit]:
    """The case's return visits, in order."""
    return list(session.scalars(select(ReturnVisit).where(ReturnVisit.dispute_id == dispute.id)
                                .order_by(ReturnVisit.visited_on, ReturnVisit.id)))


def _own_party(who: access.Acting, dispute: Dispute) -> Party | None:
    if isinstance(who, Party):
        return who if who.dispute_id == dispute.id else None
    own = next((p for p in dispute.parties if p.user_id == who.id), None)
    if own is None and dispute.applicant_id == who.id and dispute.applicants:
        own = dispute.applicants[0]
    return own


def rate(session: Session, who: access.Acting, dispute: Dispute, score: int | None, comment: str = "", *,
         version: int | None = None) -> Rating:
    """A party rates the service once, 1 to 5, with an optional comment."""
    rule = authorise(who, dispute, Action.RATE, ActionInput(rating=score), version=version)
    party = _own_party(who, dispute)
    if party is None:
        raise NotYourCase(NOT_YOURS)
    if session.scalar(select(Rating.id).where(Rating.dispute_id == dispute.id, Rating.party_id == party.id)):
        raise Conflict(_l("You have already rated this case. Thank you."))
    rating = Rating(dispute_id=dispute.id, party_id=party.id, score=score, comment=comment.strip())
    session.add(rating)
    advance(session, who, dispute, rule, note=f"{score}/5 {comment.strip()}".strip())
    return rating


def ratings(session: Session, dispute: Dispute) -> list[Rating]:
    """The parties' ratings of the case."""
    return list(session.scalars(select(Rating).where(Rating.dispute_id == dispute.id).order_by(Rating.id)))


def close(session: Session, who: User, dispute: Dispute, note: str = "", *, version: int | None = None) -> None:
    """Close a visited case: it leaves the committee's list and the ledger gets its closing date."""
    rule = authorise(who, dispute, Action.CLOSE, version=version)
    advance(session, who, dispute, rule, note=note)
