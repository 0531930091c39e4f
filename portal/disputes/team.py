"""Who works a case and who answers for it: assigned mediators, the committee, the supervisors above."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import Role, User
from portal.db import utcnow
from portal.disputes.caseload_models import Assignment
from portal.disputes.models import Dispute
from portal.disputes.workflow import Action
from portal.places.models import Committee, Place

# Accepting a case (or an escalated one) makes the accepting mediator its mediator until reassigned.
TAKES_ON = frozenset({Action.ACCEPT, Action.ACCEPT_ESCALATION})


def active_assignments(session: Session, dispute: Dispute) -> list[Assignment]:
    """The case's current assignments, oldest first."""
    stmt = (select(Assignment).where(Assignment.dispute_id == dispute.id, Assignment.ended_at.is_(None))
            .order_by(Assignment.id))
    return list(session.scalars(stmt))


def assigned_mediators(session: Session, dispute: Dispute) -> list[User]:
    """The mediators working the case now."""
    return [a.user for a in active_assignments(session, dispute)]


def committee_mediators(session: Session, committee_id: int) -> list[User]:
    """Active mediators of a committee, by name: whom a supervisor may assign."""
    stmt = (select(User).where(User.role == Role.MEDIATOR, User.committee_id == committee_id,
                               User.active.is_(True)).order_by(User.name, User.id))
    return list(session.scalars(stmt))


def case_mediators(session: Session, dispute: Dispute) -> list[User]:
    """Whom to tell about the case's work: its assigned mediators, else every mediator of the committee."""
    return assigned_mediators(session, dispute) or committee_mediators(session, dispute.committee_id)


def _places_up(place: Place | None) -> list[int]:
    ids = []
    while place is not None:
        ids.append(place.id)
        place = place.parent
    return ids


def supervisors_over(session: Session, dispute: Dispute, *, own_centre_only: bool = False) -> list[User]:
    """Supervisors whose centre covers the case's committee (its own centre only, if asked)."""
    places = _places_up(dispute.committee.place)
    if own_centre_only:
        places = places[:1]
    stmt = (select(User).join(Committee, User.committee_id == Committee.id)
            .where(User.role == Role.SUPERVISOR, User.active.is_(True), Committee.place_id.in_(places))
            .order_by(User.id))
    return list(session.scalars(stmt))


def assign(session: Session, dispute: Dispute, mediators: list[User], by: User | None) -> list[User]:
    """Make `mediators` the case's team; ends the others' assignments. Returns the newly assigned."""
    current = {a.user_id: a for a in active_assignments(session, dispute)}
    wanted = {m.id for m in mediators}
    now = utcnow()
    for user_id, assignment in current.items():
        if user_id not in wanted:
            assignment.ended_at = now
    added = [m for m in mediators if m.id not in current]
    for mediator in added:
        session.add(Assignment(dispute=dispute, user_id=mediator.id, user=mediator,
                               assigned_by_id=by.id if by else None, assigned_at=now))
    session.flush()
    return added


def end_all(session: Session, dispute: Dispute) -> None:
    """The case left the committee (escalation): nobody of the lower tier works it any more."""
    now = utcnow()
    for assignment in active_assignments(session, dispute):
        assignment.ended_at = now


def after_action(session: Session, who: object, dispute: Dispute, action: Action) -> None:
    """An accepting mediator takes the case on when nobody is assigned yet."""
    if action in TAKES_ON and isinstance(who, User) and not active_assignments(session, dispute):
        assign(session, dispute, [who], who)
