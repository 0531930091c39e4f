"""Disputes, their parties, history, sessions, agreements and evidence."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.disputes.workflow import Stage, Tier
from portal.places.models import Committee, Place


class CaseCounter(Base):
    """Last case number given out in a year: numbers run BS-YYYY-000001 upwards each year."""

    __tablename__ = "dispute_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class Dispute(Base):
    """One case, from filing to its end; its stage changes only through services and the workflow table."""

    __tablename__ = "disputes"
    __table_args__ = (
        Index("ix_disputes_committee_stage", "committee_id", "stage"),
        # The queue: a committee's cases at some stages, the risky first, then by the next due date.
        Index("ix_disputes_queue", "committee_id", "stage", "risk_priority", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    dispute_type: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(16))
    language_note: Mapped[str | None] = mapped_column(String(60))
    privacy: Mapped[str] = mapped_column(String(8), default="private")
    facts: Mapped[str] = mapped_column(Text)
    claims: Mapped[str] = mapped_column(Text)
    occurred_on: Mapped[date | None] = mapped_column(Date)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), index=True)
    tier: Mapped[str] = mapped_column(String(16), index=True)
    stage: Mapped[str] = mapped_column(String(24), index=True, default=Stage.SUBMITTED.value)
    risk_flagged: Mapped[bool] = mapped_column(default=False, index=True)
    risk_note: Mapped[str | None] = mapped_column(Text)
    risk_level: Mapped[str | None] = mapped_column(String(8))
    risk_priority: Mapped[int] = mapped_column(default=0)  # 2 重大, 1 较大, else 0: lists sort by it
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    tier_started_on: Mapped[date | None] = mapped_column(Date)
    tier_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    signed_on: Mapped[date | None] = mapped_column(Date)
    confirmation_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The tier clock waits while the case waits for a party; resuming adds the paused days.
    clock_paused_on: Mapped[date | None] = mapped_column(Date)
    clock_pause_reason: Mapped[str | None] = mapped_column(Text)
    clock_paused_days: Mapped[int] = mapped_column(default=0)
    return_visit_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The next date the committee must meet (tier clock, then the return visit): queues sort by it.
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    closed_on: Mapped[date | None] = mapped_column(Date, index=True)
    other_mediator_requested: Mapped[bool] = mapped_column(default=False)  # PML 23, until reassigned
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    referral_route: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version_id: Mapped[int] = mapped_column(default=1)

    # A second writer of the same row gets StaleDataError instead of overwriting the first.
    __mapper_args__ = {"version_id_col": version_id}

    place: Mapped[Place] = relationship()
    committee: Mapped[Committee] = relationship()
    applicant: Mapped[User | None] = relationship(foreign_keys=[applicant_id])
    filed_by: Mapped[User | None] = relationship(foreign_keys=[filed_by_id])
    parties: Mapped[list[Party]] = relationship(
        back_populates="dispute", order_by="Party.id", cascade="all, delete-orphan")
    events: Mapped[list[DisputeEvent]] = relationship(
        back_populates="dispute", order_by="DisputeEvent.id", cascade="save-update, merge")
    sessions: Mapped[list[MediationSession]] = relationship(
        back_populates="dispute", order_by="MediationSession.starts_at", cascade="all, delete-orphan")
    agreement: Mapped[Agreement | None] = relationship(
        back_populates="dispute", uselist=False, cascade="all, delete-orphan")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="dispute", order_by="Evidence.id", cascade="all, delete-orphan")

    @property
    def applicants(self) -> list[Party]:
        """The applying parties."""
        return [p for p in self.parties if p.kind == "applicant"]

    @property
    def respondents(self) -> list[Party]:
        """The other parties."""
        return [p for p in self.parties if p.kind == "respondent"]

    @property
    def tier_enum(self) -> Tier:
        """The tier as the workflow's enum."""
        return Tier(self.tier)

    def __repr__(self) -> str:
        return f"<Dispute {self.number} {self.stage}>"


class Party(Base):
    """An applicant or respondent; the agreement's party details (PML 28) are kept here too."""

    __tablename__ = "dispute_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # applicant | respondent
    name: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(20))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    relation: Mapped[str | None] = mapped_column(String(60))  # to the applicant: neighbour, spouse …
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    invitation_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    consent: Mapped[str | None] = mapped_column(String(8))  # given | refused
    consent_channel: Mapped[str | None] = mapped_column(String(12))  # online | in_person | phone
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_agreement_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sex: Mapped[str | None] = mapped_column(String(8))
    age: Mapped[int | None]
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    occupation: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(120))

    dispute: Mapped[Dispute] = relationship(back_populates="parties")
    place: Mapped[Place | None] = relationship()
    user: Mapped[User | None] = relationship()


class DisputeEvent(Base):
    """One line of the case's archived history (PML 27): added, never edited or deleted."""

    __tablename__ = "dispute_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor_name: Mapped[str] = mapped_column(String(60))
    actor_kind: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    from_stage: Mapped[str | None] = mapped_column(String(24))
    to_stage: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(Text, default="")

    dispute: Mapped[Dispute] = relationship(back_populates="events")


class HistoryIsAppendOnly(Exception):
    """Someone tried to change or delete an archived event."""


@event.listens_for(DisputeEvent, "before_update")
@event.listens_for(DisputeEvent, "before_delete")
def _refuse_history_change(_mapper, _connection, target: DisputeEvent) -> None:
    raise HistoryIsAppendOnly(f"event {target.id} is archived")


class MediationSession(Base):
    """A scheduled meeting of the parties with the mediator, and its record once held."""

    __tablename__ = "mediation_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    location: Mapped[str] = mapped_column(String(120))
    privacy: Mapped[str] = mapped_column(String(8))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attendees: Mapped[str | None] = mapped_column(Text)
    record: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    dispute: Mapped[Dispute] = relationship(back_populates="sessions")
    mediator: Mapped[User | None] = relationship()


class Agreement(Base):
    """The mediation agreement (调解协议书, PML 28–29), written or oral."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), unique=True)
    oral: Mapped[bool] = mapped_column(default=False)
    facts: Mapped[str] = mapped_column(Text, default="")
    issues: Mapped[str] = mapped_column(Text, default="")
    responsibilities: Mapped[str] = mapped_column(Text, default="")
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))  # yuan, for the ledger (台账)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    dispute: Mapped[Dispute] = relationship(back_populates="agreement")
    mediator: Mapped[User | None] = relationship()
    terms: Mapped[list[AgreementTerm]] = relationship(
        back_populates="agreement", order_by="AgreementTerm.position", cascade="all, delete-orphan")


class AgreementTerm(Base):
    """One agreed obligation: what, how it is performed, by when, and whether it was."""

    __tablename__ = "agreement_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    performance: Mapped[str | None] = mapped_column(String(8))  # fully | partly | not (PML 31)
    performance_note: Mapped[str | None] = mapped_column(Text)
    performance_on: Mapped[date | None] = mapped_column(Date)

    agreement: Mapped[Agreement] = relationship(back_populates="terms")


class Evidence(Base):
    """An uploaded photo or PDF, stored outside the web root under a random name."""

    __tablename__ = "dispute_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("dispute_parties.id"))
    original_name: Mapped[str] = mapped_column(String(120))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    dispute: Mapped[Dispute] = relationship(back_populates="evidence")
