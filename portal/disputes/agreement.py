"""Mediation sessions and the agreement (PML 28–29, 33): scheduling, records, drafting, signing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.db import utcnow
from portal.disputes import access, clocks
from portal.disputes.authorisation import NOT_YOURS, NotYourCase, authorise
from portal.disputes.models import (
    Agreement,
    AgreementTerm,
    Dispute,
    MediationSession,
    Party,
)
from portal.disputes.services import SHANGHAI, advance, today
from portal.disputes.types import SessionPrivacy
from portal.disputes.workflow import Action, ActionInput, Clock
from portal.errors import ValidationFailed

PARTY_DETAILS = ("sex", "age", "ethnicity", "occupation", "address")


@dataclass
class SessionPlan:
    """When and where a session meets."""

    starts_at: datetime
    location: str
    privacy: str = SessionPrivacy.PRIVATE.value


def schedule_session(session: Session, who: User, dispute: Dispute, plan: SessionPlan, *,
                     version: int | None = None) -> MediationSession:
    """Put a session on the parties' schedule."""
    rule = authorise(who, dispute, Action.SCHEDULE_SESSION, version=version)
    if not plan.location.strip():
        raise ValidationFailed(_l("Say where the session takes place."), field="location")
    if plan.privacy not in set(SessionPrivacy):
        raise ValidationFailed(_l("Choose a public or private session."), field="privacy")
    meeting = MediationSession(starts_at=plan.starts_at, location=plan.location.strip()[:120],
                               privacy=plan.privacy, mediator=who)
    dispute.sessions.append(meeting)
    advance(session, who, dispute, rule, note=f"{plan.location.strip()}")
    return meeting


def record_session(session: Session, who: User, dispute: Dispute, session_id: int, *, attendees: str,
                   record: str, outcome: str, version: int | None = None) -> None:
    """Write the record of a session: who came, what was said, what came of it."""
    rule = authorise(who, dispute, Action.RECORD_SESSION, ActionInput(note=record), version=version)
    meeting = next((m for m in dispute.sessions if m.id == session_id), None)
    if meeting is None:
        raise ValidationFailed(_l("Choose a session of this case."), field="session_id")
    meeting.attendees, meeting.record, meeting.outcome = attendees.strip(), record.strip(), outcome.strip()
    meeting.recorded_at = utcnow()
    advance(session, who, dispute, rule, note=outcome or record)


@dataclass
class TermData:
    """One term as the agreement form gives it."""

    text: str
    method: str = ""
    due_on: date | None = None


@dataclass
class AgreementData:
    """The agreement form: facts, issues, responsibilities, terms, and each party's details."""

    facts: str
    issues: str
    responsibilities: str
    terms: list[TermData] = field(default_factory=list)
    party_details: dict[int, dict[str, object]] = field(default_factory=dict)
    amount: Decimal | None = None  # the sum involved, for the ledger (台账)


def _check_agreement(data: AgreementData) -> list[TermData]:
    for name in ("facts", "issues", "responsibilities"):
        if not getattr(data, name).strip():
            raise ValidationFailed(_l("This part of the agreement is required."), field=name)
    terms = [t for t in data.terms if t.text.strip()]
    if not terms:
        raise ValidationFailed(_l("Write at least one agreed term."), field="terms")
    return terms


def draft_agreement(session: Session, who: User, dispute: Dispute, data: AgreementData, *,
                    version: int | None = None) -> Agreement:
    """Write or rewrite the agreement; any earlier confirmation by the parties lapses."""
    rule = authorise(who, dispute, Action.DRAFT_AGREEMENT, version=version)
    terms = _check_agreement(data)
    if dispute.agreement is None:
        dispute.agreement = Agreement()
    agreement = dispute.agreement
    agreement.oral, agreement.mediator = False, who
    agreement.facts, agreement.issues = data.facts.strip(), data.issues.strip()
    agreement.responsibilities = data.responsibilities.strip()
    agreement.amount = data.amount
    agreement.terms = [AgreementTerm(position=i, text=t.text.strip(), method=t.method.strip(), due_on=t.due_on)
                       for i, t in enumerate(terms, start=1)]
    for party in dispute.parties:
        _update_details(party, data.party_details.get(party.id, {}))
        party.confirmed_agreement_at = None
    advance(session, who, dispute, rule)
    return agreement


def _update_details(party: Party, details: dict[str, object]) -> None:
    for name in PARTY_DETAILS:
        if name in details:
            setattr(party, name, details[name] or None)


def confirm_agreement(session: Session, who: access.Acting, dispute: Dispute, party: Party, *,
                      version: int | None = None) -> None:
    """A party confirms online that the written agreement says what they agreed."""
    given = ActionInput(has_written_agreement=_written(dispute))
    rule = authorise(who, dispute, Action.CONFIRM_AGREEMENT, given, version=version)
    if party.dispute_id != dispute.id or (isinstance(who, User) and party.user_id != who.id) \
            or (isinstance(who, Party) and who.id != party.id):
        raise NotYourCase(NOT_YOURS)
    party.confirmed_agreement_at = utcnow()
    advance(session, who, dispute, rule, note=party.name)


def _written(dispute: Dispute) -> bool:
    return dispute.agreement is not None and not dispute.agreement.oral and bool(dispute.agreement.terms)


def sign_agreement(session: Session, who: User, dispute: Dispute, signed_on: date | None, *,
                   version: int | None = None) -> None:
    """Record that the printed agreement was signed and sealed: it takes effect, the PML 33 clock starts."""
    given = ActionInput(has_written_agreement=_written(dispute), signed_on=signed_on)
    rule = authorise(who, dispute, Action.SIGN_AGREEMENT, given, version=version)
    if signed_on > today() or signed_on < dispute.created_at.astimezone(SHANGHAI).date():
        raise ValidationFailed(_l("The signing date must be between filing and today."), field="signed_on")
    dispute.agreement.signed_on = dispute.signed_on = signed_on
    dispute.confirmation_due_on = clocks.deadline(Clock.JUDICIAL_CONFIRMATION, signed_on)
    advance(session, who, dispute, rule, on=signed_on)


def record_oral_agreement(session: Session, who: User, dispute: Dispute, content: str, *,
                          version: int | None = None) -> None:
    """Record an oral agreement (PML 30): its content goes on the record; no confirmation window."""
    rule = authorise(who, dispute, Action.RECORD_ORAL_AGREEMENT, ActionInput(note=content), version=version)
    if dispute.agreement is None:
        dispute.agreement = Agreement()
    agreement = dispute.agreement
    agreement.oral, agreement.mediator, agreement.facts = True, who, content.strip()
    agreement.signed_on = today()
    advance(session, who, dispute, rule, note=content)
