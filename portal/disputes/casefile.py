"""The case file (卷宗, PML 27): everything archived about one case, gathered for one printable page."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import access, followup, supervision, team
from portal.disputes.authorisation import NotYourCase
from portal.disputes.caseload_models import Rating, ReturnVisit, SupervisionNote
from portal.disputes.models import Dispute, DisputeEvent
from portal.disputes.workflow import Action, Actor

# The archive is the committee's: its mediators, the supervisors above it and the admin.
ARCHIVISTS = frozenset({Actor.MEDIATOR, Actor.SUPERVISOR, Actor.ADMIN})


@dataclass(frozen=True)
class CaseFile:
    """The archived parts of a case, in the order the file is bound."""

    dispute: Dispute
    acceptance: DisputeEvent | None
    mediators: list[User]
    visits: list[ReturnVisit]
    ratings: list[Rating]
    notes: list[SupervisionNote]


def case_file(session: Session, who: access.Acting, dispute: Dispute) -> CaseFile:
    """The case file, for the committee's staff only."""
    if not access.actors_for(who, dispute) & ARCHIVISTS:
        raise NotYourCase(_l("Only the committee's staff may open the case file."))
    accepted = {Action.ACCEPT.value, Action.ACCEPT_ESCALATION.value}
    acceptance = next((e for e in reversed(dispute.events) if e.action in accepted), None)
    return CaseFile(dispute, acceptance, team.assigned_mediators(session, dispute),
                    followup.visits(session, dispute), followup.ratings(session, dispute),
                    supervision.all_notes(session, dispute))

