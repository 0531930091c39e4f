"""What the case page adds for caseloads: the team, supervision notes, performance, visits, ratings."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import access, followup, supervision, team
from portal.disputes.caseload_models import Rating, ReturnVisit, SupervisionNote
from portal.disputes.models import AgreementTerm, Dispute, Party
from portal.disputes.workflow import Action, Actor

STAFF = frozenset({Actor.MEDIATOR, Actor.SUPERVISOR, Actor.ADMIN})


@dataclass(frozen=True)
class CaseloadView:
    """The caseload parts of the case page, as the visitor may see them."""

    mediators: list[User]
    notes: list[SupervisionNote]
    open_notes: list[SupervisionNote]
    terms: list[AgreementTerm]
    visits: list[ReturnVisit]
    ratings: list[Rating]
    hidden: frozenset[Action]
    is_staff: bool


def _party(who: access.Acting, dispute: Dispute) -> Party | None:
    if isinstance(who, Party):
        return who
    return next((p for p in dispute.parties if p.user_id == who.id), None)


def _hidden(dispute: Dispute, who: access.Acting, open_notes: list, ratings: list[Rating]) -> frozenset[Action]:
    """Actions the table allows but that have nothing to act on for this visitor now."""
    hidden = set()
    if not open_notes:
        hidden.add(Action.ACKNOWLEDGE_SUPERVISION)
    if not followup.terms(dispute):
        hidden.add(Action.RECORD_PERFORMANCE)
    party = _party(who, dispute)
    if party is None or any(r.party_id == party.id for r in ratings):
        hidden.add(Action.RATE)
    if dispute.other_mediator_requested:
        hidden.add(Action.REQUEST_OTHER_MEDIATOR)
    return frozenset(hidden)


def caseload_view(session: Session, dispute: Dispute, who: access.Acting) -> CaseloadView:
    """The page model's caseload part for `who`; staff-only parts are empty for the parties."""
    is_staff = bool(access.actors_for(who, dispute) & STAFF)
    notes = supervision.all_notes(session, dispute) if is_staff else []
    open_notes = [n for n in notes if n.acknowledged_at is None]
    ratings = followup.ratings(session, dispute)
    return CaseloadView(
        mediators=team.assigned_mediators(session, dispute), notes=notes, open_notes=open_notes,
        terms=followup.terms(dispute), visits=followup.visits(session, dispute),
        ratings=ratings if is_staff else [r for r in ratings if r.party == _party(who, dispute)],
        hidden=_hidden(dispute, who, open_notes, ratings), is_staff=is_staff,
    )
