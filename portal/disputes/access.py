"""Who may see a case and as what (PML 15): one rule, as a Python check and as an SQL filter."""
from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true, union
from sqlalchemy.orm import Session

from portal.auth.models import Role, User
from portal.disputes.models import Dispute, Party
from portal.disputes.workflow import Actor
from portal.places.models import Committee, Place, PlaceKind

# Someone acting on a case: a logged-in user, or a respondent holding an invitation code.
Acting = User | Party


def _covers(supervisor: User, committee: Committee) -> bool:
    """Whether a supervisor's centre is the committee's or above it."""
    centre = supervisor.committee.place if supervisor.committee else None
    if centre is None:
        return False
    if centre.kind is PlaceKind.COUNTY:
        return True
    place = committee.place
    return place.id == centre.id or place.parent_id == centre.id


def _party_actors(user: User, dispute: Dispute) -> set[Actor]:
    found: set[Actor] = set()
    if dispute.applicant_id == user.id:
        found.add(Actor.APPLICANT)
    for party in dispute.parties:
        if party.user_id == user.id:
            found.add(Actor.APPLICANT if party.kind == "applicant" else Actor.RESPONDENT)
    return found


def actors_for(who: Acting | None, dispute: Dispute) -> frozenset[Actor]:
    """How `who` stands to the case; empty when they may not see it."""
    if who is None:
        return frozenset()
    if isinstance(who, Party):
        ok = who.dispute_id == dispute.id and who.kind == "respondent"
        return frozenset({Actor.RESPONDENT}) if ok else frozenset()
    if not who.is_authenticated or not who.active:
        return frozenset()
    found = _party_actors(who, dispute)
    if who.role is Role.GRID_WORKER and dispute.filed_by_id == who.id:
        found.add(Actor.GRID_WORKER)
    if who.role is Role.MEDIATOR and who.committee_id == dispute.committee_id:
        found.add(Actor.MEDIATOR)
    if who.role is Role.SUPERVISOR and _covers(who, dispute.committee):
        found.add(Actor.SUPERVISOR)
    if who.role is Role.ADMIN:
        found.add(Actor.ADMIN)
    return frozenset(found)


def can_view(who: Acting | None, dispute: Dispute) -> bool:
    """True when `who` may see the case at all."""
    return bool(actors_for(who, dispute))


def _supervised_committees(supervisor: User):
    """Ids of the committees a supervisor's centre covers, as a subquery."""
    centre = supervisor.committee.place if supervisor.committee else None
    if centre is None:
        return None
    stmt = select(Committee.id).join(Place, Committee.place_id == Place.id)
    if centre.kind is PlaceKind.COUNTY:
        return stmt
    return stmt.where(or_(Place.id == centre.id, Place.parent_id == centre.id))


def visible_filter(user: User) -> ColumnElement[bool]:
    """The same rule as can_view, as a WHERE clause over Dispute for list pages."""
    if not user.is_authenticated or not user.active:
        return false()
    if user.role is Role.ADMIN:
        return true()
    own = select(Party.dispute_id).where(Party.user_id == user.id)
    clauses = [Dispute.applicant_id == user.id, Dispute.id.in_(own)]
    if user.role is Role.GRID_WORKER:
        clauses.append(Dispute.filed_by_id == user.id)
    if user.role is Role.MEDIATOR and user.committee_id is not None:
        clauses.append(Dispute.committee_id == user.committee_id)
    if user.role is Role.SUPERVISOR:
        committees = _supervised_committees(user)
        if committees is not None:
            clauses.append(Dispute.committee_id.in_(committees))
    return or_(*clauses)


def list_filter(session: Session, user: User) -> ColumnElement[bool]:
    """visible_filter for big lists: the same rule, its subqueries run first and their ids inlined.

    An OR over subqueries keeps both planners from the indexes (PostgreSQL scans every open case);
    over literal lists of committees and case ids they combine index scans (BitmapOr, MULTI-INDEX OR).
    """
    if not user.is_authenticated or not user.active:
        return false()
    if user.role is Role.ADMIN:
        return true()
    arms = [select(Party.dispute_id).where(Party.user_id == user.id),
            select(Dispute.id).where(Dispute.applicant_id == user.id)]
    if user.role is Role.GRID_WORKER:
        arms.append(select(Dispute.id).where(Dispute.filed_by_id == user.id))
    own = sorted(set(session.scalars(union(*arms))))
    committees: list[int] = []
    if user.role is Role.MEDIATOR and user.committee_id is not None:
        committees = [user.committee_id]
    if user.role is Role.SUPERVISOR and (covered := _supervised_committees(user)) is not None:
        committees = sorted(session.scalars(covered))
    clauses = [c for c in (Dispute.committee_id.in_(committees) if committees else None,
                           Dispute.id.in_(own) if own else None) if c is not None]
    return or_(*clauses) if clauses else false()
