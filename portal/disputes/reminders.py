"""Reminders the clocks call for: deadline near, overdue, agreement term due, return visit due.

Run daily by `flask --app portal disputes remind`; each reminder is sent once per due date, so a
second run on the same day (or the next) sends nothing new.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.disputes import alerts, clocks, team
from portal.disputes.caseload_models import Reminder
from portal.disputes.models import Agreement, AgreementTerm, Dispute
from portal.disputes.workflow import ACTIVE_STAGES, FOLLOW_UP_STAGES, Stage
from portal.notifications import Kind

TERM_NOTICE_DAYS = 3  # parties and mediators hear of a term three days before it falls due


def _once(session: Session, dispute: Dispute, key: str, today: date) -> bool:
    """True the first time `key` comes up for the case: the reminder is then recorded as sent."""
    if session.scalar(select(Reminder.id).where(Reminder.dispute_id == dispute.id, Reminder.kind == key)):
        return False
    session.add(Reminder(dispute_id=dispute.id, kind=key[:40], sent_on=today))
    return True


def _clock_reminders(session: Session, today: date, sent: Counter) -> None:
    horizon = today + timedelta(days=clocks.DUE_SOON_DAYS)
    stmt = select(Dispute).where(Dispute.stage.in_([s.value for s in ACTIVE_STAGES]),
                                 Dispute.due_on <= horizon).order_by(Dispute.id)
    for dispute in session.scalars(stmt):
        status = clocks.status(dispute.due_on, today, dispute.clock_paused_on)
        due = dispute.due_on.isoformat()
        if status is clocks.ClockStatus.OVERDUE and _once(session, dispute, f"overdue:{due}", today):
            people = team.case_mediators(session, dispute) + team.supervisors_over(session, dispute)
            alerts.tell(session, people, Kind.OVERDUE, dispute, due=due)
            sent["overdue"] += 1
        elif status is clocks.ClockStatus.DUE_SOON and _once(session, dispute, f"near:{due}", today):
            kind = Kind.RETURN_VISIT_DUE if dispute.stage == Stage.SETTLED else Kind.DEADLINE_NEAR
            alerts.tell(session, team.case_mediators(session, dispute), kind, dispute, due=due)
            sent[kind.value] += 1


def _term_reminders(session: Session, today: date, sent: Counter) -> None:
    stmt = (select(AgreementTerm, Dispute).join(Agreement, Agreement.id == AgreementTerm.agreement_id)
            .join(Dispute, Dispute.id == Agreement.dispute_id)
            .where(Dispute.stage.in_([s.value for s in FOLLOW_UP_STAGES]), AgreementTerm.performance.is_(None),
                   AgreementTerm.due_on <= today + timedelta(days=TERM_NOTICE_DAYS))
            .order_by(AgreementTerm.id))
    for term, dispute in session.execute(stmt):
        if _once(session, dispute, f"term:{term.id}:{term.due_on.isoformat()}", today):
            people = team.case_mediators(session, dispute) + alerts.party_users(dispute)
            alerts.tell(session, people, Kind.AGREEMENT_TERM_DUE, dispute, due=term.due_on.isoformat())
            sent[Kind.AGREEMENT_TERM_DUE.value] += 1


def send_reminders(session: Session, today: date) -> Counter:
    """Send today's reminders; returns how many of each kind. Never commits."""
    sent: Counter = Counter()
    _clock_reminders(session, today, sent)
    _term_reminders(session, today, sent)
    session.flush()
    return sent


