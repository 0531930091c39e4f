"""Pausing the tier clock while a case waits for a party, and resuming it with the lost days added."""
from __future__ import annotations

from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import clocks
from portal.disputes.authorisation import authorise
from portal.disputes.models import Dispute
from portal.disputes.services import advance, refresh_due, today
from portal.disputes.workflow import Action, ActionInput


def pause_clock(session: Session, who: User, dispute: Dispute, reason: str, *,
                version: int | None = None) -> None:
    """Stop the tier clock: the mediator says which party the case waits for, and why."""
    rule = authorise(who, dispute, Action.PAUSE_CLOCK, ActionInput(reason=reason), version=version)
    dispute.clock_paused_on = today()
    dispute.clock_pause_reason = reason.strip()
    advance(session, who, dispute, rule, note=reason)


def resume_clock(session: Session, who: User, dispute: Dispute, note: str = "", *,
                 version: int | None = None) -> None:
    """Restart the tier clock; its due date moves on by the days it was paused."""
    rule = authorise(who, dispute, Action.RESUME_CLOCK, version=version)
    paused_on, resumed_on = dispute.clock_paused_on, today()
    if dispute.tier_due_on is not None and paused_on is not None:
        dispute.tier_due_on = clocks.resumed_due(dispute.tier_due_on, paused_on, resumed_on)
        dispute.clock_paused_days += max(0, (resumed_on - paused_on).days)
    dispute.clock_paused_on = dispute.clock_pause_reason = None
    refresh_due(dispute)
    advance(session, who, dispute, rule, note=note)
