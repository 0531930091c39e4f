"""Which notifications a case's events send, and to whom; notify() re-checks who may see the case."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from portal.auth.models import Role, User
from portal.disputes import team
from portal.disputes.models import Dispute
from portal.disputes.types import ALERT_LEVELS
from portal.disputes.workflow import Action
from portal.notifications import Kind, notify

SUBJECT = "dispute"
# Stage changes the parties hear about under their own title; the rest are "stage changed".
_PARTY_KINDS = {Action.ACCEPT: Kind.CASE_ACCEPTED}


def party_users(dispute: Dispute) -> list[User]:
    """Users who are parties of the case, and the grid worker who filed it for someone."""
    found = [p.user for p in dispute.parties if p.user is not None]
    found += [dispute.applicant] if dispute.applicant is not None else []
    # A grid worker who filed for a resident follows the case for them; a filing mediator works it.
    if dispute.filed_by is not None and dispute.filed_by.role is Role.GRID_WORKER:
        found.append(dispute.filed_by)
    return _unique(found)


def _consent_asked(dispute: Dispute) -> list[User]:
    """Parties with an account whose consent is still awaited (most respondents get a code instead)."""
    return [p.user for p in dispute.parties if p.user is not None and p.consent != "given"]


def _unique(users: Iterable[User]) -> list[User]:
    seen: dict[int, User] = {}
    for user in users:
        seen.setdefault(user.id, user)
    return list(seen.values())


def tell(session: Session, users: Iterable[User], kind: Kind, dispute: Dispute, who: object = None,
         **params) -> None:
    """Notify `users` (never the person who acted) about the case."""
    actor_id = who.id if isinstance(who, User) else None
    recipients = [u for u in _unique(users) if u.id != actor_id]
    if recipients:
        notify(session, recipients, kind, SUBJECT, dispute.id, **params)


def after_action(session: Session, who: object, dispute: Dispute, action: Action, before: str,
                 after: str) -> None:
    """Send what this action calls for: parties hear of their case, supervisors of risk, mediators of 督办."""
    asked = _consent_asked(dispute) if action is Action.REQUEST_CONSENT else []
    if asked:
        tell(session, asked, Kind.CONSENT_REQUESTED, dispute, who)
    others = [u for u in party_users(dispute) if u not in asked]
    if action in _PARTY_KINDS:
        tell(session, others, _PARTY_KINDS[action], dispute, who)
    elif before != after:
        tell(session, others, Kind.STAGE_CHANGED, dispute, who, stage=after)
    if action is Action.SCHEDULE_SESSION and dispute.sessions:
        when = dispute.sessions[-1].starts_at.isoformat()
        tell(session, party_users(dispute), Kind.SESSION_SCHEDULED, dispute, who, when=when)
    if action is Action.SET_RISK and dispute.risk_level in ALERT_LEVELS:
        tell(session, team.supervisors_over(session, dispute), Kind.RISK_RAISED, dispute, who,
             level=dispute.risk_level)
    if action is Action.REQUEST_OTHER_MEDIATOR:  # PML 23: the supervisor decides
        tell(session, team.supervisors_over(session, dispute), Kind.MEDIATOR_CHANGE_REQUESTED, dispute, who)
    if action is Action.SUPERVISE:
        tell(session, team.case_mediators(session, dispute), Kind.SUPERVISION_NOTE, dispute, who)


def escalated(session: Session, who: User, dispute: Dispute) -> None:
    """The receiving committee's mediators and its own supervisors hear that the case is theirs now."""
    people = team.committee_mediators(session, dispute.committee_id)
    people += team.supervisors_over(session, dispute, own_centre_only=True)
    tell(session, people, Kind.ESCALATED_TO_YOU, dispute, who)


def assigned(session: Session, who: User, dispute: Dispute, mediators: list[User]) -> None:
    """Newly assigned mediators hear of it."""
    tell(session, mediators, Kind.ASSIGNED_TO_YOU, dispute, who)

