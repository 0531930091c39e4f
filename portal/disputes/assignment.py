"""Assigning mediators (PML 19): the supervisor chooses them from the committee, with the reason on record;
a party may ask for another mediator (PML 23), which the supervisor sees until they reassign."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import alerts, team
from portal.disputes.authorisation import authorise
from portal.disputes.models import Dispute
from portal.disputes.services import advance
from portal.disputes.workflow import Action, ActionInput
from portal.errors import ValidationFailed


def assign_mediators(session: Session, who: User, dispute: Dispute, mediator_ids: list[int], reason: str,
                     *, version: int | None = None) -> list[User]:
    """Make the chosen mediators of the case's committee its team; a reassignment needs a reason."""
    given = ActionInput(mediators=tuple(mediator_ids), reason=reason)
    rule = authorise(who, dispute, Action.ASSIGN, given, version=version)
    eligible = {m.id: m for m in team.committee_mediators(session, dispute.committee_id)}
    chosen = [eligible[i] for i in dict.fromkeys(mediator_ids) if i in eligible]
    if len(chosen) != len(set(mediator_ids)):
        raise ValidationFailed(_l("Choose mediators of the committee that handles this case."),
                               field="mediators")
    current = team.assigned_mediators(session, dispute)
    if current and not reason.strip():
        raise ValidationFailed(_l("Say why the case is reassigned."), field="reason")
    added = team.assign(session, dispute, chosen, who)
    dispute.other_mediator_requested = False
    names = "、".join(m.name for m in chosen)
    advance(session, who, dispute, rule, note=f"{names}{'：' + reason.strip() if reason.strip() else ''}")
    alerts.assigned(session, who, dispute, added)
    return added


def request_other_mediator(session: Session, who: object, dispute: Dispute, reason: str, *,
                           version: int | None = None) -> None:
    """A party asks for another mediator (PML 23): on record, and on the supervisor's dashboard."""
    rule = authorise(who, dispute, Action.REQUEST_OTHER_MEDIATOR, ActionInput(reason=reason), version=version)
    dispute.other_mediator_requested = True
    advance(session, who, dispute, rule, note=reason)
